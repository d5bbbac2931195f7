"""Real registry servers on loopback for the API tests, over SQLite and PostgreSQL.

* ``postgres``: a private PostgreSQL cluster (initdb + pg_ctl on a free port) for the
  session when the server binaries exist; tests on it are skipped with a reason otherwise.
* ``live``: parametrised over both backends; one server per backend per session, seeded
  with ``generate_demo_dataset(DOSSIERS, SEED)``, the demo accounts and a test PKI whose
  CA the tests hold (so they can issue, revoke and forge). Uvicorn serves the real app in
  a background thread; clients talk HTTP to it.

Tests that write use fresh UUIDs (or dossiers they own), so sharing one server is safe.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn
from cryptography import x509

from registry_server.app import create_app
from registry_server.db import create_schema, make_engine, set_state, write_tx
from registry_server.seed import DEMO_PASSWORD, add_account, demo_accounts, load_dataset
from registry_server.service import Registry
from supervisor_app.domain import wire
from supervisor_app.domain.boards import Board, BoardMember
from supervisor_app.domain.canonical import canonical_bytes, sha256_hex
from supervisor_app.domain.dataset import Dataset
from supervisor_app.services.demo_data import generate_demo_dataset
from supervisor_app.signing.ca import CertificateAuthority, init_ca
from supervisor_app.signing.keys import SoftwareSigner, create_csr, generate_private_key
from supervisor_app.signing.pki import crl_pem

DOSSIERS = 1500
SEED = 1404
API = "/api/v1"
APP_VERSION = "0.1.0"
T_NOW = datetime.now(UTC).replace(microsecond=0)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# --- PostgreSQL -----------------------------------------------------------------------------


def _pg_bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


@dataclass
class Postgres:
    host: str
    port: int
    user: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def create_database(self) -> str:
        import psycopg

        name = f"registry_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host=self.host, port=self.port, user=self.user,
                             dbname="postgres", autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')  # a generated identifier, not input
        return self.url(name)


@pytest.fixture(scope="session")
def postgres() -> Iterator[Postgres | None]:
    """A private PostgreSQL cluster for the session, or None when the binaries are missing."""
    bindir = _pg_bindir()
    if bindir is None:
        # CI must test the real PostgreSQL the issue asks for: there a missing server fails
        # the run instead of quietly leaving only the SQLite half of every test.
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail("PostgreSQL server binaries (initdb, pg_ctl) are not installed: "
                        "CI must run the registry tests against PostgreSQL", pytrace=False)
        yield None
        return
    root = Path(tempfile.mkdtemp(prefix="nezarat-pg-"))
    data = root / "data"
    as_root = os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(root, "postgres")
        os.chmod(root, 0o700)
    port = free_port()
    subprocess.run([*prefix, str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U",
                    "postgres", "--no-sync"], check=True, capture_output=True)
    subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"),
                    "-o", f"-k {root} -p {port} -c listen_addresses=127.0.0.1 -c fsync=off "
                    "-c max_connections=300", "-w", "start"],
                   check=True, capture_output=True)
    try:
        yield Postgres("127.0.0.1", port, "postgres")
    finally:
        subprocess.run([*prefix, str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                        "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def database_url(backend: str, tmp: Path, postgres: Postgres | None) -> str:
    if backend == "sqlite":
        return f"sqlite:///{tmp / 'registry.sqlite3'}"
    if postgres is None:
        pytest.skip("PostgreSQL server binaries (initdb, pg_ctl) are not installed")
    return postgres.create_database()


# --- a real server in a thread ---------------------------------------------------------------


class ServerThread:
    """Uvicorn serving an app on a loopback port, in a daemon thread."""

    def __init__(self, app: Any) -> None:
        self.port = free_port()
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning",
                                lifespan="off", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> ServerThread:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the registry server did not start")
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)


# --- the test PKI ---------------------------------------------------------------------------


@dataclass
class PkiKit:
    ca: CertificateAuthority
    signers: dict[str, SoftwareSigner]  # member id → signer
    forged_signers: dict[str, SoftwareSigner]
    forged_ca_pem: str

    def crl_pem(self) -> str:
        return crl_pem(self.ca.crl(now=T_NOW - timedelta(hours=1), valid_days=30))


def _enrol(ca: CertificateAuthority, member: BoardMember, board: Board) -> SoftwareSigner:
    key = generate_private_key()
    cert = ca.issue(create_csr(key, member, board), board_id=board.id, role=member.role,
                    valid_days=365, now=T_NOW - timedelta(days=1))
    return SoftwareSigner(key, cert)


def build_pki(root: Path, ds: Dataset, board_ids: set[str]) -> PkiKit:
    ca = init_ca(root / "ca", "مرجع گواهی آزمون", "test-ca-passphrase",
                 now=T_NOW - timedelta(days=2))
    forged = init_ca(root / "forged", "مرجع گواهی آزمون", "forger-passphrase",
                     now=T_NOW - timedelta(days=2))
    boards = {b.id: b for b in ds.boards}
    signers: dict[str, SoftwareSigner] = {}
    forged_signers: dict[str, SoftwareSigner] = {}
    for m in ds.members:
        if m.board_id in board_ids:
            signers[m.id] = _enrol(ca, m, boards[m.board_id])
            forged_signers[m.id] = _enrol(forged, m, boards[m.board_id])
    return PkiKit(ca, signers, forged_signers, forged.certificate_pem)


# --- the live fixture ------------------------------------------------------------------------


@dataclass
class Live:
    """One running server and what the tests need to know about its data."""

    backend: str
    url: str
    database_url: str
    registry: Registry
    dataset: Dataset
    accounts: dict[str, Any]
    pki: PkiKit
    cycle_code: str
    tokens: dict[str, str] = field(default_factory=dict)
    used: set[str] = field(default_factory=set)
    # Dossiers tests created through PUT /dossiers: other tests' expectations include them.
    extra_dossiers: list[Any] = field(default_factory=list)

    def county_of(self, constituency_code: str) -> str:
        return {k.code: k.county_code for k in self.dataset.constituencies}[constituency_code]

    def take_dossier(self, county: str, *, status: str | None = None,
                     village_district: str | None = None) -> Any:
        """A dossier of ``county`` no other test has taken (tests change dossiers)."""
        places = {k.code: k for k in self.dataset.constituencies}
        for d in self.dataset.dossiers:
            place = places[d.constituency_code]
            if d.registration_id in self.used or place.county_code != county:
                continue
            if status is not None and d.status.value != status:
                continue
            if village_district is not None and not (
                    place.district_code == village_district and place.kind.value == "village"):
                continue
            self.used.add(d.registration_id)
            return d
        raise LookupError(f"no free dossier in county {county} with status {status}")

    def client(self, token: str | None = None, **kwargs: Any) -> httpx.Client:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return httpx.Client(base_url=self.url + API, headers=headers, timeout=60, **kwargs)

    def login(self, username: str, device_id: str | None = None) -> dict[str, Any]:
        device = device_id or f"dev-{username}"
        with self.client() as c:
            r = c.post("/auth/login", json={"username": username, "password": DEMO_PASSWORD,
                                             "device_id": device, "device_name": "آزمون"})
        assert r.status_code == 200, r.text
        return r.json()

    def token(self, username: str) -> str:
        """A cached token for ``username`` on its default device."""
        if username not in self.tokens:
            self.tokens[username] = self.login(username)["token"]
        return self.tokens[username]

    def as_user(self, username: str) -> httpx.Client:
        return self.client(self.token(username))

    def board_of(self, username: str) -> str:
        return self.accounts[username].board_id

    def device_of(self, username: str) -> str:
        return f"dev-{username}"

    def set_crl(self, pem: str) -> None:
        with write_tx(self.registry.engine) as conn:
            set_state(conn, "crl", pem)


def _make_live(backend: str, tmp: Path, postgres: Postgres | None) -> Iterator[Live]:
    url = database_url(backend, tmp, postgres)
    engine = make_engine(url)
    create_schema(engine)
    ds = generate_demo_dataset(DOSSIERS, SEED)
    accounts = {a.username: a for a in demo_accounts(ds)}
    pki = build_pki(tmp, ds, {a.board_id for a in accounts.values()
                              if a.board_id and a.role in ("county", "district", "provincial")})
    record = wire.PkiRecord("central-ca", pki.ca.certificate_pem, pki.crl_pem())
    load_dataset(engine, ds, pki=record)
    with write_tx(engine) as conn:
        for a in accounts.values():
            add_account(conn, a.username, DEMO_PASSWORD, a.role, a.board_id, a.observer_id)
        set_state(conn, "demo", "1")  # demo documents are served from their derived bytes
    registry = Registry(engine)
    server = ServerThread(create_app(registry)).start()
    try:
        yield Live(backend, server.base_url, url, registry, ds, accounts, pki,
                   ds.cycles[0].code)
    finally:
        server.stop()
        engine.dispose()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
         postgres: Postgres | None) -> Iterator[Live]:
    """A seeded server per backend (SQLite, PostgreSQL), shared by the session."""
    yield from _make_live(request.param, tmp_path_factory.mktemp(request.param), postgres)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def fuzz_live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
              postgres: Postgres | None) -> Iterator[Live]:
    """A separate server per backend for the fuzz run, so its writes disturb nobody."""
    yield from _make_live(request.param, tmp_path_factory.mktemp(f"fuzz-{request.param}"),
                          postgres)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def private_live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
                 postgres: Postgres | None) -> Iterator[Live]:
    """A server per backend for one module whose writes change what others expect (new
    branches and observers in the reference feed the scope matrix derives from the dataset)."""
    yield from _make_live(request.param, tmp_path_factory.mktemp(f"own-{request.param}"),
                          postgres)


# --- push helpers ---------------------------------------------------------------------------


def outbox_hash(kind: str, payload: dict[str, Any]) -> str:
    return sha256_hex(canonical_bytes(f"outbox-{kind}", payload))


def push_item(kind: str, payload: dict[str, Any], item_id: str | None = None) -> dict[str, Any]:
    return {"id": item_id or payload.get("id") or str(uuid.uuid4()), "kind": kind,
            "content_hash": outbox_hash(kind, payload), "payload": payload}


def batch(live: Live, username: str, items: list[dict[str, Any]], **stamp: Any) -> dict[str, Any]:
    body = {"app_version": APP_VERSION, "schema_version": 1, "cycle_code": live.cycle_code,
            "board_id": live.board_of(username), "device_id": live.device_of(username),
            "items": items}
    body.update(stamp)
    return body


def push(live: Live, username: str, items: list[dict[str, Any]], **stamp: Any) -> httpx.Response:
    with live.as_user(username) as c:
        return c.post("/push", json=batch(live, username, items, **stamp))


def decision_payload(registration_id: str, board_id: str, *, outcome: str = "approved",
                     stage: str = "supervisory", decision_id: str | None = None
                     ) -> dict[str, Any]:
    rejected = outcome == "rejected"
    return {
        "id": decision_id or str(uuid.uuid4()),
        "registration_id": registration_id,
        "stage": stage,
        "board_id": board_id,
        "outcome": outcome,
        "legal_basis": [{"article": "37", "clause": "ز"}] if rejected else [],
        "reason": "فاقد مدرک تحصیلی لازم" if rejected else "",
        "decided_on": "2026-02-20",
        "ruling_id": None,
    }


def report_payload(branch_code: str, *, observer_id: str | None = None) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "branch_code": branch_code,
        "observed_at": "2026-05-01T09:30:00",
        "category": "late_opening",
        "severity": "medium",
        "description": "شعبه با ۴۵ دقیقه تأخیر باز شد.",
        "observer_id": observer_id,
        "witnesses": ["رضا احمدی"],
        "attachments": [],
        "recorded_at": None,
    }


def complaint_payload(constituency_code: str, branch_codes: list[str],
                      board_id: str | None = None) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "complainant_name": "مریم رضایی",
        "complainant_national_id": "0012345679",
        "complainant_kind": "candidate",
        "filed_at": "2026-05-03T10:00:00",
        "subject": "تأخیر در بازگشایی شعبه و ممانعت از حضور ناظر",
        "constituency_code": constituency_code,
        "branch_codes": branch_codes,
        "report_ids": [],
        "status": "registered",
        "assigned_to": None,
        "board_id": board_id,
        "filed_on_deadline": None,
    }


def pull_all(client: httpx.Client, feed: str, *, after: int = 0, limit: int = 500
             ) -> tuple[list[dict[str, Any]], int]:
    """Every item of a feed from ``after``, page by page; returns (items, final cursor)."""
    out: list[dict[str, Any]] = []
    cursor = after
    while True:
        r = client.get(f"/{feed}", params={"after": cursor, "limit": limit})
        assert r.status_code == 200, r.text
        page = r.json()
        out.extend(page["items"])
        assert page["next_cursor"] >= cursor
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return out, cursor


def x509_serial(signer: SoftwareSigner) -> int:
    cert: x509.Certificate = signer.certificate
    return cert.serial_number


# Test modules cannot import this conftest (importlib import mode, no packages), so the
# helpers travel on the ``live`` fixture object.
Live.outbox_hash = staticmethod(outbox_hash)  # type: ignore[attr-defined]
Live.item = staticmethod(push_item)  # type: ignore[attr-defined]
Live.batch = batch  # type: ignore[attr-defined]
Live.push = push  # type: ignore[attr-defined]
Live.decision = staticmethod(decision_payload)  # type: ignore[attr-defined]
Live.report = staticmethod(report_payload)  # type: ignore[attr-defined]
Live.complaint = staticmethod(complaint_payload)  # type: ignore[attr-defined]
Live.pull_all = staticmethod(pull_all)  # type: ignore[attr-defined]
Live.serial = staticmethod(x509_serial)  # type: ignore[attr-defined]
