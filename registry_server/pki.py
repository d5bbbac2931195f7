"""The central board's trust material on the server: its CA certificate, the current
revocation list (CRL) and the member certificates the CA issued.

* The operator installs the CA (and, deliberately, replaces it) with
  ``registry-server --database URL trust set --ca FILE`` (:func:`install_ca`).
* The central CA's workstation publishes every new CRL with ``PUT /pki/crl``
  (:func:`publish_crl`): it must be signed by the installed CA, not expired, and newer
  (CRL number and thisUpdate) than the current one. The server's own ruling checks use it
  at once, and the public ``pki`` reference record (CA + CRL) is rewritten at a new
  ``seq``, so every workstation pulls it with its next sync.
* Member certificates: ``POST /pki/certificates`` (central board) stores those the CA
  issued; ``GET /pki/certificates`` serves each board the ones of its area, so
  workstations can show who holds a valid certificate.
"""

# No ``from __future__ import annotations``: FastAPI reads the route signatures below,
# whose types are local values of :func:`register_routes`.
import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Annotated, Any

from cryptography import x509
from cryptography.x509.oid import NameOID
from fastapi import FastAPI, Query
from pydantic import BaseModel, Field, StringConstraints
from sqlalchemy import Engine, func, select, update
from sqlalchemy.engine import Connection

from supervisor_app.domain import wire
from supervisor_app.signing.pki import (
    binding_of,
    cert_pem,
    chain_problem,
    crl_pem,
    touch_crl,
    usage_problem,
)
from supervisor_app.signing.trust import crl_fingerprint, crl_number, fingerprint

from . import db
from .db import SEQ, counters, items, pki_certificates, read_tx, server_state, write_tx
from .errors import ApiError
from .records import Area, item_row
from .schemas import MAX_SAFE_INT, Strict
from .scope import BOARD_ROLES, Principal
from .service import Registry

CA_KEY = "ca_certificate"
CRL_KEY = "crl"
PKI_ID = "central-ca"  # the one ``pki`` reference record (as the demo seed names it)
CLOCK_SKEW = timedelta(minutes=5)  # a CRL "issued" this far in the future is still taken
MAX_CERTIFICATES = 500  # per POST
MAX_PEM_CHARS = wire.MAX_PEM_CHARS


# --- loading and checking -------------------------------------------------------------------


def _ascii(data: str | bytes) -> bytes:
    return data.encode("utf-8") if isinstance(data, str) else data


def load_ca(data: str | bytes) -> x509.Certificate:
    """A self-signed CA certificate from PEM, or ApiError 422 ``certificate_invalid``."""
    try:
        ca = x509.load_pem_x509_certificate(_ascii(data))
        ca.verify_directly_issued_by(ca)
        bc = ca.extensions.get_extension_for_class(x509.BasicConstraints).value
    except (ValueError, TypeError, x509.ExtensionNotFound) as exc:
        raise ApiError(
            422, "certificate_invalid", f"not a self-signed CA certificate in PEM form: {exc}"
        ) from None
    except Exception as exc:  # InvalidSignature and friends: not the CA's own signature
        raise ApiError(
            422, "certificate_invalid", f"the certificate is not self-signed: {exc!r}"
        ) from None
    if not bc.ca or ca.issuer != ca.subject:
        raise ApiError(422, "certificate_invalid", "the certificate is not a root CA")
    return ca


def load_crl(data: str | bytes) -> x509.CertificateRevocationList:
    try:
        return touch_crl(x509.load_pem_x509_crl(_ascii(data)))
    except (ValueError, TypeError) as exc:
        raise ApiError(422, "crl_invalid", f"not a PEM revocation list: {exc}") from None


def _signed_by(crl: x509.CertificateRevocationList, ca: x509.Certificate) -> bool:
    try:
        return crl.issuer == ca.subject and crl.is_signature_valid(ca.public_key())
    except Exception:  # an algorithm or key type cryptography cannot check: not ours
        return False


def _check_crl(crl: x509.CertificateRevocationList, ca: x509.Certificate, now: datetime) -> None:
    if not _signed_by(crl, ca):
        raise ApiError(
            422,
            "crl_invalid",
            "the revocation list is not signed by the installed central CA",
            {"ca_fingerprint": fingerprint(ca)},
        )
    if crl.last_update_utc > now + CLOCK_SKEW:
        raise ApiError(
            422,
            "crl_invalid",
            "the revocation list is dated in the future",
            {"this_update": crl.last_update_utc.isoformat()},
        )
    if crl.next_update_utc is None or crl.next_update_utc <= now:
        raise ApiError(
            422,
            "crl_expired",
            "the revocation list has expired (or has no nextUpdate); issue a fresh one",
            {"next_update": crl.next_update_utc.isoformat() if crl.next_update_utc else None},
        )


def _common_name(name: x509.Name) -> str:
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    value = values[0].value if values else ""
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


# --- state ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TrustInfo:
    """What the server holds and what it serves in the ``pki`` record."""

    ca_fingerprint: str | None
    ca_name: str | None
    crl_number: int | None
    crl_this_update: datetime | None
    crl_next_update: datetime | None
    revoked: int
    served_ca_fingerprint: str | None  # the CA in the pki record workstations pull
    served_crl_number: int | None
    member_certificates: int

    def as_dict(self) -> dict[str, Any]:
        def iso(d: datetime | None) -> str | None:
            return d.isoformat() if d else None

        return {
            "ca_fingerprint": self.ca_fingerprint,
            "ca_name": self.ca_name,
            "crl_number": self.crl_number,
            "crl_this_update": iso(self.crl_this_update),
            "crl_next_update": iso(self.crl_next_update),
            "revoked": self.revoked,
            "served_ca_fingerprint": self.served_ca_fingerprint,
            "served_crl_number": self.served_crl_number,
            "member_certificates": self.member_certificates,
        }


def installed_ca(conn: Connection) -> x509.Certificate | None:
    pem = db.get_state(conn, CA_KEY)
    return x509.load_pem_x509_certificate(pem.encode("ascii")) if pem else None


def current_crl(conn: Connection) -> x509.CertificateRevocationList | None:
    pem = db.get_state(conn, CRL_KEY)
    return x509.load_pem_x509_crl(pem.encode("ascii")) if pem else None


def trust_info(conn: Connection) -> TrustInfo:
    ca, crl = installed_ca(conn), current_crl(conn)
    served = conn.execute(
        select(items.c.body).where(items.c.kind == "pki", items.c.key == PKI_ID)
    ).scalar_one_or_none()
    served_ca = served_crl = None
    if served is not None:
        record = wire.decode_pki(json.loads(bytes(served)))
        served_ca = x509.load_pem_x509_certificate(record.ca_certificate.encode("ascii"))
        served_crl = x509.load_pem_x509_crl(record.crl.encode("ascii"))
    count = conn.execute(select(func.count()).select_from(pki_certificates)).scalar_one()
    return TrustInfo(
        fingerprint(ca) if ca else None,
        _common_name(ca.subject) if ca else None,
        crl_number(crl) if crl is not None else None,
        crl.last_update_utc if crl is not None else None,
        crl.next_update_utc if crl is not None else None,
        len(list(crl)) if crl is not None else 0,
        fingerprint(served_ca) if served_ca else None,
        crl_number(served_crl) if served_crl is not None else None,
        int(count),
    )


def _lock(conn: Connection) -> None:
    """Serialise trust writers (and order them with pushes) on the sequence counter row;
    SQLite's BEGIN IMMEDIATE already does."""
    conn.execute(select(counters.c.value).where(counters.c.name == SEQ).with_for_update())


def _write_pki_record(
    conn: Connection, ca: x509.Certificate, crl: x509.CertificateRevocationList
) -> int:
    """The public ``pki`` record (CA + CRL) at a new seq: every workstation pulls it."""
    data = wire.encode_pki(wire.PkiRecord(PKI_ID, cert_pem(ca), crl_pem(crl)))
    seq = db.take_seq(conn)
    row = conn.execute(
        select(items.c.pk, items.c.revision).where(items.c.kind == "pki", items.c.key == PKI_ID)
    ).first()
    if row is None:
        conn.execute(items.insert().values(**item_row("pki", PKI_ID, data, Area(), seq=seq)))
        return seq
    fresh = item_row("pki", PKI_ID, data, Area(), seq=seq, revision=int(row.revision) + 1)
    conn.execute(
        update(items)
        .where(items.c.pk == row.pk)
        .values(
            seq=seq,
            revision=fresh["revision"],
            body=fresh["body"],
            content_sha256=fresh["content_sha256"],
        )
    )
    return seq


def _store_crl(
    conn: Connection, ca: x509.Certificate, crl: x509.CertificateRevocationList, now: datetime
) -> bool:
    """Check and store ``crl`` as the current one; False when it already is."""
    _check_crl(crl, ca, now)
    current = current_crl(conn)
    if current is not None and _signed_by(current, ca):
        if crl_fingerprint(current) == crl_fingerprint(crl):
            return False  # the same list again (a retried upload): nothing to do
        if crl_number(crl) <= crl_number(current) or crl.last_update_utc < current.last_update_utc:
            raise ApiError(
                409,
                "crl_not_newer",
                f"the server holds CRL {crl_number(current)} of "
                f"{current.last_update_utc.isoformat()}; this one "
                f"({crl_number(crl)}) is not newer",
                {"current_number": crl_number(current), "offered_number": crl_number(crl)},
            )
    db.set_state(conn, CRL_KEY, crl_pem(crl))
    _write_pki_record(conn, ca, crl)
    return True


# --- operations -----------------------------------------------------------------------------


def install_ca(
    engine: Engine,
    ca_data: str | bytes,
    *,
    now: datetime,
    replace: bool = False,
    crl_data: str | bytes | None = None,
) -> tuple[TrustInfo, bool]:
    """Install the central CA (the operator's CLI); returns (state, whether it changed).

    A different CA than the installed one needs ``replace``: its CRL is dropped (it is
    the old CA's), and workstations keep the old CA until they are re-pinned. With
    ``crl_data`` the CA's CRL is stored too and the ``pki`` record is written at once;
    without it, the record follows the first CRL the central board publishes.
    """
    ca = load_ca(ca_data)
    crl = load_crl(crl_data) if crl_data is not None else None
    with write_tx(engine) as conn:
        _lock(conn)
        installed = installed_ca(conn)
        changed = installed is None or fingerprint(installed) != fingerprint(ca)
        if installed is not None and changed and not replace:
            raise ApiError(
                409,
                "ca_installed",
                f"another central CA is installed ({fingerprint(installed)}); "
                "replacing it needs --replace",
                {"installed": fingerprint(installed), "offered": fingerprint(ca)},
            )
        if changed:
            db.set_state(conn, CA_KEY, cert_pem(ca))
            conn.execute(server_state.delete().where(server_state.c.key == CRL_KEY))
        if crl is not None:
            _store_crl(conn, ca, crl, now)
        return trust_info(conn), changed


def _require_central(principal: Principal) -> None:
    if principal.role != "central":
        raise ApiError(403, "forbidden", "only the central board's accounts publish trust material")


def publish_crl(engine: Engine, principal: Principal, text: str, now: datetime) -> dict[str, Any]:
    """``PUT /pki/crl``: the central board publishes its CA's newest revocation list."""
    _require_central(principal)
    crl = load_crl(text)
    with write_tx(engine) as conn:
        _lock(conn)
        ca = installed_ca(conn)
        if ca is None:
            raise ApiError(
                409,
                "no_trust_anchor",
                "no central CA is installed on the server (registry-server trust set --ca FILE)",
            )
        stored = _store_crl(conn, ca, crl, now)
        seq = db.head_seq(conn)
    return {
        "stored": stored,
        "crl_number": crl_number(crl),
        "this_update": crl.last_update_utc.isoformat(),
        "next_update": crl.next_update_utc.isoformat() if crl.next_update_utc else None,
        "revoked": len(list(crl)),
        "ca_fingerprint": fingerprint(ca),
        "seq": seq,
    }


def _area_of(conn: Connection, member_id: str, board_id: str) -> Area:
    """The member's scope columns (as its ``member`` record has them), else its board's."""
    for kind, key in (("member", member_id), ("board", board_id)):
        row = (
            conn.execute(select(items).where(items.c.kind == kind, items.c.key == key))
            .mappings()
            .first()
        )
        if row is not None:
            area = Area.of_row(row)
            if kind == "board" and area.district_code:
                area = Area(area.province_code, area.county_code, area.district_code, True)
            return area
    raise ApiError(
        422, "unknown_reference", f"no board {board_id!r} on the server", {"board_id": board_id}
    )


def publish_certificates(
    engine: Engine, principal: Principal, pems: list[str], now: datetime
) -> dict[str, Any]:
    """``POST /pki/certificates``: member certificates issued by the installed CA (all are
    checked before any is stored; known ones are skipped)."""
    _require_central(principal)
    certs = []
    for index, pem in enumerate(pems):
        try:
            certs.append(x509.load_pem_x509_certificate(_ascii(pem)))
        except (ValueError, TypeError) as exc:
            raise ApiError(
                422, "certificate_invalid", f"certificate {index}: {exc}", {"index": index}
            ) from None
    with write_tx(engine) as conn:
        _lock(conn)
        ca = installed_ca(conn)
        if ca is None:
            raise ApiError(409, "no_trust_anchor", "no central CA is installed on the server")
        stored = store_certificates(conn, ca, certs, principal.username, now)
    return {"received": len(certs), "stored": stored}


def store_certificates(
    conn: Connection,
    ca: x509.Certificate,
    certs: list[x509.Certificate],
    published_by: str,
    now: datetime,
) -> int:
    """Check every certificate against ``ca`` (ApiError 422 naming the first bad one, and
    nothing stored), then store the new ones; returns how many were new."""
    rows = []
    for index, cert in enumerate(certs):
        try:
            problem = chain_problem(cert, ca, cert.not_valid_before_utc) or usage_problem(cert)
            binding = binding_of(cert)
        except Exception as exc:  # a certificate cryptography cannot even walk
            problem, binding = f"unreadable: {exc}", None
        if binding is not None and not problem and not (binding.member_id and binding.board_id):
            problem = "the certificate names no member and board"
        if problem or binding is None:
            raise ApiError(
                422,
                "certificate_invalid",
                f"certificate {index} is not a member certificate of the "
                f"installed central CA: {problem}",
                {"index": index},
            )
        rows.append((cert, binding, _area_of(conn, binding.member_id, binding.board_id)))
    stored = 0
    for cert, binding, area in rows:
        fp = fingerprint(cert)
        known = conn.execute(
            select(pki_certificates.c.pk).where(pki_certificates.c.fingerprint == fp)
        ).first()
        if known is not None:
            continue
        conn.execute(
            pki_certificates.insert().values(
                fingerprint=fp,
                ca_fingerprint=fingerprint(ca),
                serial=f"{cert.serial_number:x}",
                member_id=binding.member_id,
                board_id=binding.board_id,
                not_after=cert.not_valid_after_utc.isoformat(),
                pem=cert_pem(cert),
                **area.columns(),
                published_by=published_by,
                published_at=now.isoformat(),
            )
        )
        stored += 1
    return stored


def member_certificates(
    engine: Engine, principal: Principal, after: int, limit: int
) -> dict[str, Any]:
    """``GET /pki/certificates``: a page of the member certificates in the caller's area."""
    if principal.role not in BOARD_ROLES:
        raise ApiError(403, "forbidden", f"role {principal.role} reads no member certificates")
    t = pki_certificates
    with read_tx(engine) as conn:
        ca = installed_ca(conn)  # a replaced CA's certificates are no longer served
        current = fingerprint(ca) if ca is not None else ""
        rows = (
            conn.execute(
                select(t)
                .where(t.c.pk > after, t.c.ca_fingerprint == current, principal.scope.sql(t))
                .order_by(t.c.pk)
                .limit(limit + 1)
            )
            .mappings()
            .all()
        )
        top = conn.execute(select(func.max(t.c.pk))).scalar_one_or_none() or 0
    has_more = len(rows) > limit
    rows = rows[:limit]
    last = int(rows[-1]["pk"]) if rows else after
    return {
        "items": [
            {
                "cursor": int(r["pk"]),
                "fingerprint": r["fingerprint"],
                "serial": r["serial"],
                "member_id": r["member_id"],
                "board_id": r["board_id"],
                "not_after": r["not_after"],
                "certificate": r["pem"],
            }
            for r in rows
        ],
        "next_cursor": last if has_more else max(last, int(top), after),
        "has_more": has_more,
    }


# --- HTTP -----------------------------------------------------------------------------------

Pem = Annotated[str, StringConstraints(min_length=1, max_length=MAX_PEM_CHARS)]


class CrlPublish(Strict):
    crl: Pem


class CrlPublished(BaseModel):
    stored: bool
    crl_number: int
    this_update: str
    next_update: str | None
    revoked: int
    ca_fingerprint: str
    seq: int


CertificatePem = Annotated[str, StringConstraints(min_length=1, max_length=16384)]


class CertificatesPublish(Strict):
    certificates: Annotated[list[CertificatePem], Field(min_length=1, max_length=MAX_CERTIFICATES)]


class CertificatesPublished(BaseModel):
    received: int
    stored: int


class MemberCertificateOut(BaseModel):
    cursor: int
    fingerprint: str
    serial: str
    member_id: str
    board_id: str
    not_after: str
    certificate: str


class MemberCertificatesPage(BaseModel):
    items: list[MemberCertificateOut]
    next_cursor: int
    has_more: bool


def register_routes(
    app: FastAPI,
    registry: Registry,
    caller: Any,
    prefix: str,
    responses: dict[int | str, dict[str, Any]],
) -> None:
    """The ``/pki`` routes; ``caller`` is the app's authenticated-principal dependency."""

    @app.put(
        f"{prefix}/pki/crl",
        response_model=CrlPublished,
        responses=responses,
        summary="Publish the central CA's newest revocation list (central board)",
    )
    def put_crl(principal: caller, body: CrlPublish) -> dict[str, Any]:
        return publish_crl(registry.engine, principal, body.crl, registry.now())

    @app.post(
        f"{prefix}/pki/certificates",
        response_model=CertificatesPublished,
        responses=responses,
        summary="Publish member certificates issued by the central CA (central board)",
    )
    def post_certificates(principal: caller, body: CertificatesPublish) -> dict[str, Any]:
        return publish_certificates(registry.engine, principal, body.certificates, registry.now())

    @app.get(
        f"{prefix}/pki/certificates",
        response_model=MemberCertificatesPage,
        responses=responses,
        summary="Member certificates in the caller's area",
    )
    def get_certificates(
        principal: caller,
        after: Annotated[int, Query(ge=0, le=MAX_SAFE_INT)] = 0,
        limit: Annotated[int, Query(ge=1, le=2000)] = 500,
    ) -> dict[str, Any]:
        return member_certificates(registry.engine, principal, after, limit)
