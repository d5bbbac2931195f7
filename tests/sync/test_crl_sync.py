"""Acceptance: the central CA's certificate, revocation lists and member certificates reach
every workstation through the real server, in production shape.

The registry is seeded **without** the demo PKI: the central board creates its CA on its
workstation, the server operator installs the CA certificate with ``registry-server trust
set``, and the central board publishes CRLs and member certificates over the API. County
members enrol for real (key here, CSR, certificate from the central CA).
"""

from __future__ import annotations

import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization

from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.adapters.registry_client import RegistryClient
from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingSubject, Vote
from supervisor_app.services.certificates import CertificateService
from supervisor_app.services.members import MemberKeyService
from supervisor_app.services.rulings import RulingError, RulingService
from supervisor_app.services.session_auth import SessionAuth
from supervisor_app.services.sync import SyncService
from supervisor_app.services.trust_sync import TrustPublisher, member_certificate_states
from supervisor_app.settings import Settings
from supervisor_app.signing.errors import TrustError
from supervisor_app.signing.trust import fingerprint
from supervisor_app.store import Store, open_store

harness = sys.modules["nezarat_sync_harness"]
CA_PASSPHRASE = "central-ca-passphrase"
COUNTY_BOARD = "B-C0801"


def passphrase(member_id: str) -> str:
    return f"passphrase-of-{member_id}"


@dataclass
class Station:
    """One workstation with the services a board uses for signing and sync."""

    root: Path
    store: Store
    settings: Settings
    certificates: CertificateService
    members: MemberKeyService
    rulings: RulingService
    sync: SyncService

    def synced(self, *, problems: int = 0) -> Any:
        report = self.sync.sync()
        assert report.online and not report.error, report.as_dict()
        assert report.import_problems == problems, self.sync.attention()
        return report


def open_station(root: Path, server_url: str, username: str, *, pin: str = "") -> Station:
    root.mkdir()
    store = open_store(root / "store.sqlite3")
    settings = Settings(ca_fingerprint=pin)
    auth = SessionAuth(
        store,
        settings,
        root / "settings.json",
        MemoryKeystore(),
        client_factory=lambda url: RegistryClient(url, timeout=(5.0, 60.0)),
    )
    auth.login(server_url, username, harness.DEMO_PASSWORD)
    certificates = CertificateService(store)
    members = MemberKeyService(store, MemoryKeystore(), certificates)
    rulings = RulingService(store, members, actor=username)
    sync = SyncService(store, auth, data_root=root, rulings=rulings, certificates=certificates)
    return Station(root, store, settings, certificates, members, rulings, sync)


def trust_set(registry: Any, *args: str) -> subprocess.CompletedProcess[str]:
    """The operator's command, against the running server's database."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "registry_server",
            "--database",
            f"sqlite:///{registry.database}",
            "trust",
            "set",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@dataclass
class World:
    registry: Any
    central: Station
    ca_dir: Path
    publisher: TrustPublisher
    ca_fingerprint: str


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    """A server without demo PKI; the central board's CA installed by the operator's CLI
    and its first CRL published by the central workstation."""
    root = tmp_path_factory.mktemp("pki")
    seeded = subprocess.run(
        [
            sys.executable,
            "-m",
            "registry_server",
            "--database",
            f"sqlite:///{root / 'registry.sqlite3'}",
            "--seed-demo",
            "300",
            "--no-demo-pki",
            "--seed-only",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert seeded.returncode == 0, seeded.stderr
    registry = harness.RegistryProcess(root, 300).start()
    central = open_station(root / "central", registry.url, "demo-central")
    try:
        central.synced()  # reference data: every board's members (nothing to trust yet)
        assert central.certificates.anchor() is None
        ca_dir = root / "central-ca"
        info = central.certificates.init_ca(ca_dir, "مرجع گواهی هیات مرکزی", CA_PASSPHRASE)
        done = trust_set(registry, "--ca", str(ca_dir / "ca-cert.pem"))
        assert done.returncode == 0, done.stderr
        assert info.fingerprint in done.stdout
        publisher = TrustPublisher(central.certificates, central.sync)
        first = publisher.publish_crl(ca_dir, CA_PASSPHRASE)
        assert first.stored and first.crl_number == 1
        yield World(registry, central, ca_dir, publisher, info.fingerprint)
    finally:
        central.store.close()
        registry.stop()


def enrol(world: World, county: Station, member_id: str) -> int:
    """Key on the county workstation, certificate from the central CA; returns the serial."""
    county.members.create_key(member_id, passphrase(member_id))
    csr = county.members.csr(member_id, passphrase(member_id))
    cert = world.central.certificates.issue(world.ca_dir, CA_PASSPHRASE, csr)
    county.members.import_certificate(cert.public_bytes(serialization.Encoding.PEM))
    return cert.serial_number


def draft(county: Station, present: list[str], subject_ref: str) -> Ruling:
    ruling = Ruling(
        id=str(uuid.uuid4()),
        board_id=COUNTY_BOARD,
        serial=None,
        issued_on=date.today(),
        subject=RulingSubject.QUALIFICATION,
        subject_ref=subject_ref,
        legal_basis=(LegalBasis("37", "ز"),),
        reasoning="داوطلب مدرک تحصیلی لازم را ندارد.",
        decision="رد صلاحیت تأیید می‌شود.",
        present_member_ids=tuple(present),
        votes=tuple(MemberVote(m, Vote.APPROVE) for m in present),
    )
    return county.rulings.create_draft(ruling)


def sign_all(county: Station, ruling_id: str, members: list[str]) -> Any:
    result = None
    for member_id in members:
        result = county.rulings.sign(
            ruling_id, member_id, passphrase(member_id), start_if_draft=True
        )
    return result


def test_a_revocation_published_by_the_central_board_reaches_a_county_through_sync(
    world: World, tmp_path: Path
) -> None:
    """County (pinned to the central CA) syncs the CA and CRL, enrols and seals; central
    revokes a member and publishes the CRL; the county's next sync refuses that member's
    new ruling at the server, takes the CRL, and the member can no longer sign; the ruling
    sealed before the revocation still verifies."""
    county = open_station(
        tmp_path / "county", world.registry.url, "demo-county", pin=world.ca_fingerprint
    )
    clerk = open_station(
        tmp_path / "clerk", world.registry.url, "demo-county", pin=world.ca_fingerprint
    )
    try:
        county.synced()
        state = county.sync.state().trust
        assert state is not None and state.confirmed and state.crl_number == 1
        with county.store.unit_of_work(read_only=True) as uow:
            voting = [m.id for m in uow.boards.members(COUNTY_BOARD) if m.votes]
            place = uow.geography.constituencies("0801")[0].code
            dossier = uow.dossiers.search(limit=1, constituency_code=place)[0].registration_id
        serials = {m: enrol(world, county, m) for m in voting}

        # The central board publishes the certificates it issued; the county pulls them.
        published = world.publisher.publish_crl(world.ca_dir, CA_PASSPHRASE)
        assert published.certificates_stored == len(voting) and published.crl_number == 2
        # The board's second workstation holds no key: it learns the certificates by sync.
        report = clerk.synced()
        assert report.imported["certificates"] == len(voting)
        held = member_certificate_states(clerk.store, board_id=COUNTY_BOARD)
        assert {s.member_id: s.state for s in held} == dict.fromkeys(voting, "valid")
        county.synced()

        before = draft(county, voting, dossier)
        assert sign_all(county, before.id, voting).sealed is not None
        assert county.synced().pushed.get("created") == 1  # the server verified it

        # --- the central board revokes one member -------------------------------------
        # Revocation dates are whole seconds (as in the CRL): a revocation in the very
        # second the first ruling was signed would count as before it.
        time.sleep(1.0 - time.time() % 1.0 + 0.01)
        revoked = voting[0]
        world.central.certificates.revoke(
            world.ca_dir, CA_PASSPHRASE, serials[revoked], "affiliationChanged"
        )
        # Meanwhile, still holding CRL 2, the county seals a ruling the member signs.
        after = draft(county, voting, dossier)
        assert sign_all(county, after.id, voting).sealed is not None
        assert county.rulings.verify(county.rulings.bundle(after.id)).report.ok

        result = world.publisher.publish_crl(world.ca_dir, CA_PASSPHRASE)
        assert result.stored and result.revoked == 1 and result.crl_number == 3

        report = county.synced()
        assert report.imported["trust"] == 1  # CRL 3 taken
        rejected = [a for a in county.sync.attention() if a.id == after.id]
        assert [a.code for a in rejected] == ["ruling_invalid"], county.sync.attention()
        refs = harness.Api(world.registry.url, "demo-county").feed_all("records")
        assert {r["id"] for r in refs if r["kind"] == "ruling_ref"} == {before.id}

        verdict = county.rulings.verify(county.rulings.bundle(after.id)).report
        assert not verdict.ok and "certificate_revoked" in verdict.codes()
        assert county.rulings.verify(county.rulings.bundle(before.id)).report.ok
        third = draft(county, voting, dossier)
        with pytest.raises(RulingError):
            sign_all(county, third.id, [revoked])
        states = {
            s.member_id: s.state
            for s in member_certificate_states(county.store, board_id=COUNTY_BOARD)
        }
        assert states[revoked] == "revoked" and states[voting[1]] == "valid"
        assert county.sync.state().trust.crl_number == 3
        clerk.synced()
        seen = {
            s.member_id: s.state
            for s in member_certificate_states(clerk.store, board_id=COUNTY_BOARD)
        }
        assert seen == {**dict.fromkeys(voting, "valid"), revoked: "revoked"}
    finally:
        county.store.close()
        clerk.store.close()


def test_without_a_pin_the_first_ca_is_trusted_unconfirmed_until_the_it_officer_pins_it(
    world: World, tmp_path: Path
) -> None:
    """No fingerprint configured: the first sync trusts the server's CA on first use and
    says it is not confirmed; a wrong fingerprint is refused, the right one confirms it."""
    county = open_station(tmp_path / "tofu", world.registry.url, "demo-county")
    try:
        assert county.sync.state().trust.ca_fingerprint is None
        county.synced()
        state = county.sync.state().trust
        assert state.ca_fingerprint == world.ca_fingerprint
        assert state.first_use and not state.confirmed
        with pytest.raises(TrustError) as refused:
            county.sync.pin_ca("ab" * 32)
        assert "مرجع" in refused.value.message_fa
        assert county.settings.ca_fingerprint == ""
        confirmed = county.sync.pin_ca(
            ":".join(world.ca_fingerprint[i : i + 2] for i in range(0, 64, 2)).upper()
        )
        assert confirmed.confirmed
        saved = Settings.load(county.root / "settings.json")
        assert saved.ca_fingerprint == world.ca_fingerprint
    finally:
        county.store.close()


def test_a_different_ca_pulled_later_is_never_trusted(world: World, tmp_path: Path) -> None:
    """The operator replaces the server's CA and the new CA's CRL is published: a county
    that trusts the first CA refuses it with a Persian attention item (its trust store
    unchanged), and a fresh workstation pinned to the first CA trusts nothing."""
    county = open_station(tmp_path / "county", world.registry.url, "demo-county")
    other_dir = tmp_path / "other-ca"
    try:
        county.synced()
        crl_before = county.sync.state().trust.crl_number
        other = world.central.certificates.init_ca(other_dir, "مرجع دیگر", CA_PASSPHRASE)
        done = trust_set(world.registry, "--ca", str(other_dir / "ca-cert.pem"))
        assert done.returncode == 1 and "--replace" in done.stderr  # never by accident
        done = trust_set(world.registry, "--ca", str(other_dir / "ca-cert.pem"), "--replace")
        assert done.returncode == 0, done.stderr
        assert world.publisher.publish_crl(other_dir, CA_PASSPHRASE, with_certificates=False).stored
        api = harness.Api(world.registry.url, "demo-county")
        assert api.get("/pki/certificates")["items"] == []  # the first CA's are not served

        county.synced(problems=1)
        [item] = [a for a in county.sync.attention() if a.kind == "trust_import"]
        assert other.fingerprint[:16] in item.message and "پذیرفته نشد" in item.message_fa
        assert item.advice_fa
        state = county.sync.state().trust
        assert state.ca_fingerprint == world.ca_fingerprint
        assert state.crl_number == crl_before  # nothing of the other CA was stored

        fresh = open_station(
            tmp_path / "fresh", world.registry.url, "demo-county", pin=world.ca_fingerprint
        )
        try:
            report = fresh.sync.sync()  # (rulings sealed earlier cannot be imported either)
            assert report.online and not report.error and report.import_problems >= 1
            assert fresh.certificates.anchor() is None
            [item] = [a for a in fresh.sync.attention() if a.kind == "trust_import"]
            assert "پذیرفته نشد" in item.message_fa
        finally:
            fresh.store.close()
    finally:
        county.store.close()
        # Put the central board's CA back for any test that follows.
        assert (
            trust_set(
                world.registry, "--ca", str(world.ca_dir / "ca-cert.pem"), "--replace"
            ).returncode
            == 0
        )
        world.publisher.publish_crl(world.ca_dir, CA_PASSPHRASE, with_certificates=False)
        assert (
            fingerprint(world.central.certificates.open_ca(world.ca_dir, CA_PASSPHRASE).certificate)
            == world.ca_fingerprint
        )
