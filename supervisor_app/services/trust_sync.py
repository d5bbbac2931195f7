"""Trust material through sync: the central CA and its revocation list (the ``pki``
record), member certificates (``/pki/certificates``), and the central board publishing
both.

Trust policy for the pulled CA (README, "Trust in the central CA"):

* **Pinned** (settings ``ca_fingerprint``, written by the installer, at sign-in or by
  ``supervisor-app trust pin``): the pulled CA is taken only when its SHA-256 fingerprint
  equals the pin.
* **No pin**: the first CA the signed-in server sends is taken on first use and the import
  is audited; the Sync page, ``status``, ``trust show`` and the About dialog show its
  fingerprint as *not confirmed* until the IT officer compares it with the central board's
  announcement and confirms it (``trust pin``).
* Once a CA is trusted, a different one is never taken: the sync lists it under
  "needs attention" (Persian reason and advice) and imports nothing of it.
* Revocation lists: a pulled CRL is stored only when its CRL number is higher than the
  newest one held; an older (or equal) one never replaces it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography import x509
from cryptography.x509.oid import NameOID

from ..domain import wire
from ..signing.ca import DEFAULT_CRL_DAYS
from ..signing.errors import TrustError
from ..signing.pki import binding_of, cert_pem, crl_pem
from ..signing.trust import crl_number, fingerprint, normalise_fingerprint
from ..store import Store
from .certificates import CertificateService, anchor_in

if TYPE_CHECKING:
    from .sync import SyncService

log = logging.getLogger(__name__)

CERTIFICATES_CURSOR_KEY = "sync.pki_certificates_cursor"  # {"origin": ..., "after": n}
PUBLISH_BATCH = 200  # member certificates per POST (the server takes up to 500)


def short(fp: str) -> str:
    return fp[:16] + "…"


def grouped(fp: str) -> str:
    """A fingerprint in groups of four, as the About dialog and Sync page show it."""
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4)).upper()


def pin_of(raw: str) -> str:
    """The configured pin as plain lowercase hex ("" when none). A malformed hand edit
    stays as typed: it then matches no CA, so nothing is trusted by mistake."""
    if not raw.strip():
        return ""
    try:
        return normalise_fingerprint(raw)
    except ValueError:
        return raw.strip().lower()


@dataclass(frozen=True, slots=True)
class TrustState:
    """What this workstation trusts, for the Sync page, ``status`` and the About dialog."""

    ca_fingerprint: str | None
    ca_name: str | None
    pin: str  # "" when no fingerprint is configured
    crl_number: int | None
    crl_next_update: datetime | None
    crl_current: bool
    member_certificates: int

    @property
    def confirmed(self) -> bool:
        """The trusted CA is the one the configured fingerprint names."""
        return self.ca_fingerprint is not None and self.pin == self.ca_fingerprint

    @property
    def pin_mismatch(self) -> bool:
        return self.ca_fingerprint is not None and bool(self.pin) and not self.confirmed

    @property
    def first_use(self) -> bool:
        """Trusted on first use, not yet confirmed by anyone."""
        return self.ca_fingerprint is not None and not self.pin

    def as_dict(self) -> dict[str, Any]:
        return {
            "ca_fingerprint": self.ca_fingerprint,
            "ca_name": self.ca_name,
            "ca_pin": self.pin or None,
            "ca_confirmed": self.confirmed,
            "crl_number": self.crl_number,
            "crl_next_update": self.crl_next_update.isoformat() if self.crl_next_update else None,
            "crl_current": self.crl_current,
            "member_certificates": self.member_certificates,
        }


def trust_state(
    store: Store, pin: str, *, now: datetime | None = None, count_members: bool = False
) -> TrustState:
    """Cheap enough for the status bar (member certificates are counted only on request)."""
    moment = now or datetime.now(UTC)
    with store.unit_of_work(read_only=True) as uow:
        anchor = anchor_in(uow)
        crl = uow.signing.latest_crl()
        members = len(uow.signing.certificates(kind="member")) if count_members else 0
    names = anchor.subject.get_attributes_for_oid(NameOID.COMMON_NAME) if anchor else []
    current = crl is not None and crl.last_update <= moment <= (crl.next_update or moment)
    return TrustState(
        fingerprint(anchor) if anchor else None,
        str(names[0].value) if names else None,
        pin_of(pin),
        crl.crl_number if crl is not None else None,
        crl.next_update if crl is not None else None,
        current,
        members,
    )


# --- the pulled pki record --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PkiImport:
    anchor_set: bool  # the CA was trusted by this import
    crl_new: bool  # a newer CRL was stored


def import_pki(certificates: CertificateService, record: wire.PkiRecord, pin: str) -> PkiImport:
    """Take a pulled ``pki`` record into the trust store under the policy above.

    Raises :class:`TrustError` (with a Persian message) when the CA is refused; nothing
    of the record is stored then.
    """
    ca = x509.load_pem_x509_certificate(record.ca_certificate.encode("ascii"))
    crl = x509.load_pem_x509_crl(record.crl.encode("ascii"))
    offered = fingerprint(ca)
    pin = pin_of(pin)
    anchor = certificates.anchor()
    if anchor is None:
        if pin and pin != offered:
            raise TrustError(
                f"the server's central CA ({offered}) is not the one configured on this "
                f"workstation ({pin}); it was not trusted",
                f"مرجع گواهی ارسالی سرور (اثر انگشت {short(offered)}) با اثر انگشتی که برای "
                f"این رایانه تعیین شده ({short(pin)}) یکی نیست و پذیرفته نشد؛ تا رفع مشکل "
                "رأی مهر نمی‌شود. با مسئول فناوری تماس بگیرید.",
            )
        result = certificates.import_trust(ca, (), crl, pin=pin or None, allow_first_use=not pin)
        if not pin:
            log.warning(
                "central CA %s trusted on first use: compare it with the central "
                "board's fingerprint and confirm it (supervisor-app trust pin)",
                offered,
            )
        return PkiImport(True, result.crl_new)
    trusted = fingerprint(anchor)
    if trusted != offered:
        raise TrustError(
            f"the server sent another central CA ({offered}) than the one this workstation "
            f"trusts ({trusted}); it was refused",
            f"سرور مرجع گواهی دیگری (اثر انگشت {short(offered)}) فرستاده که با مرجع مورد "
            f"اعتماد این رایانه ({short(trusted)}) یکی نیست؛ پذیرفته نشد و آرای امضاشده با آن "
            "معتبر شمرده نمی‌شود. با مسئول فناوری تماس بگیرید.",
        )
    latest = certificates.latest_crl()
    if latest is not None and crl_number(crl) <= crl_number(latest):
        return PkiImport(False, False)  # an older or the same list never replaces ours
    return PkiImport(False, certificates.import_crl(crl))


# --- member certificates --------------------------------------------------------------------


def import_member_certificates(
    certificates: CertificateService, items: Iterable[dict[str, Any]]
) -> tuple[int, list[tuple[str, TrustError]]]:
    """Store the pulled member certificates that chain to the trusted CA; (new, refused)."""
    added, refused = 0, []
    for item in items:
        name = str(item.get("fingerprint") or item.get("serial") or "?")[:64]
        try:
            cert = x509.load_pem_x509_certificate(str(item["certificate"]).encode("ascii"))
        except (ValueError, UnicodeEncodeError) as exc:
            refused.append(
                (name, TrustError(f"unreadable certificate: {exc}", "گواهی دریافتی خوانا نیست."))
            )
            continue
        try:
            added += certificates.add_member_certificate(cert)
        except TrustError as exc:
            refused.append((name, exc))
    return added, refused


def certificates_cursor(store: Store, origin: str) -> int:
    with store.unit_of_work(read_only=True) as uow:
        raw = uow.sync_state.get(CERTIFICATES_CURSOR_KEY)
    try:
        value = json.loads(raw or "{}")
    except json.JSONDecodeError:
        return 0
    if not isinstance(value, dict) or value.get("origin") != origin:
        return 0  # another server or account: read its certificates from the start
    after = value.get("after")
    return after if isinstance(after, int) and after >= 0 else 0


def save_certificates_cursor(store: Store, origin: str, after: int) -> None:
    with store.unit_of_work() as uow:
        uow.sync_state.set(CERTIFICATES_CURSOR_KEY, json.dumps({"origin": origin, "after": after}))


@dataclass(frozen=True, slots=True)
class MemberCertificateState:
    member_id: str
    board_id: str
    role: str
    full_name: str
    serial: str
    not_after: datetime
    state: str  # valid | revoked | expired


def member_certificate_states(
    store: Store, *, board_id: str | None = None, now: datetime | None = None
) -> list[MemberCertificateState]:
    """Who holds a certificate of the trusted CA, and whether it is valid now."""
    moment = now or datetime.now(UTC)
    with store.unit_of_work(read_only=True) as uow:
        rows = uow.signing.certificates(kind="member", board_id=board_id)
        crls = [x509.load_pem_x509_crl(r.pem.encode("ascii")) for r in uow.signing.crls()]
        anchor = anchor_in(uow)
    out = []
    for row in rows:
        cert = x509.load_pem_x509_certificate(row.pem.encode("ascii"))
        revoked = any(
            c.get_revoked_certificate_by_serial_number(cert.serial_number) is not None
            for c in crls
            if anchor is not None and c.is_signature_valid(anchor.public_key())
        )
        state = (
            "revoked"
            if revoked
            else "expired"
            if not (row.not_before <= moment <= row.not_after)
            else "valid"
        )
        b = binding_of(cert)
        out.append(
            MemberCertificateState(
                b.member_id, b.board_id, b.role, b.full_name, row.serial, row.not_after, state
            )
        )
    return sorted(out, key=lambda s: (s.board_id, s.member_id, s.not_after))


# --- the central board publishes --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PublishResult:
    crl_number: int
    next_update: datetime | None
    revoked: int
    stored: bool  # False: the server already held this very list
    certificates_sent: int
    certificates_stored: int


class TrustPublisher:
    """On the central CA's workstation: issue a fresh CRL and upload it (with the member
    certificates the CA issued) to the signed-in registry server."""

    def __init__(self, certificates: CertificateService, sync: SyncService) -> None:
        self._certificates = certificates
        self._sync = sync

    def publish_crl(
        self,
        ca_dir: Path,
        passphrase: str,
        *,
        valid_days: int = DEFAULT_CRL_DAYS,
        with_certificates: bool = True,
        out: Path | None = None,
    ) -> PublishResult:
        crl = self._certificates.crl(Path(ca_dir), passphrase, valid_days=valid_days)
        pem = crl_pem(crl)
        if out is not None:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(pem, encoding="ascii")
        answer = self._sync.with_client(lambda client: client.publish_crl(pem))
        ca = self._certificates.open_ca(Path(ca_dir), passphrase)
        anchor = self._certificates.anchor()
        if anchor is not None and fingerprint(anchor) == fingerprint(ca.certificate):
            self._certificates.import_crl(crl)  # this workstation seals with it at once
        sent = stored = 0
        if with_certificates:
            issued = ca.issued()
            sent, stored = len(issued), self.publish_certificates(issued)
        return PublishResult(
            crl_number(crl),
            crl.next_update_utc,
            len(list(crl)),
            bool(answer.get("stored")),
            sent,
            stored,
        )

    def publish_certificates(self, certs: Iterable[x509.Certificate]) -> int:
        """Upload member certificates (the server skips those it has); how many were new."""
        pems = [cert_pem(c) for c in certs]
        stored = 0
        for start in range(0, len(pems), PUBLISH_BATCH):
            chunk = pems[start : start + PUBLISH_BATCH]
            answer = self._sync.with_client(
                lambda client, chunk=chunk: client.publish_certificates(chunk)
            )
            stored += int(answer.get("stored", 0))
        return stored
