"""Loading a :class:`Dataset` in bulk, plus the demo accounts and the demo PKI.

Bulk means SQLAlchemy Core ``executemany`` in chunks inside one transaction, with
``seq``/``pk`` assigned here (a fresh database): 300,000 dossiers load in well under a
minute on SQLite. Scope columns are derived once from the geography.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select, text
from sqlalchemy.engine import Connection

from supervisor_app.domain import wire
from supervisor_app.domain.boards import Board, BoardLevel, BoardMember
from supervisor_app.domain.dataset import Dataset
from supervisor_app.domain.geography import ConstituencyKind
from supervisor_app.signing.ca import init_ca
from supervisor_app.signing.keys import create_csr, encrypt_private_key, generate_private_key
from supervisor_app.signing.pki import cert_pem, crl_pem

from . import db
from .db import accounts, attachment_refs, demo_keys, items, take_seq, write_tx
from .records import Area, item_row
from .security import hash_password

log = logging.getLogger("registry_server")

DEMO_PASSWORD = "nezarat-1405"
DEMO_CA_PASSPHRASE = "nezarat-demo-ca"
PKI_ID = "central-ca"
_CHUNK = 5000


class SeedError(RuntimeError):
    """The database cannot be seeded (e.g. it already holds data)."""


@dataclass(frozen=True, slots=True)
class DemoAccount:
    username: str
    role: str
    board_id: str | None
    observer_id: str | None = None
    note: str = ""


def member_passphrase(member_id: str) -> str:
    return f"member-{member_id}"


class _Geo:
    """Scope columns for every place, board and branch of a dataset."""

    def __init__(self, ds: Dataset) -> None:
        self.province_of_county = {c.code: c.province_code for c in ds.counties}
        self.county_of_district = {d.code: d.county_code for d in ds.districts}
        self.constituency: dict[str, Area] = {}
        for c in ds.constituencies:
            self.constituency[c.code] = Area(
                self.province_of_county.get(c.county_code), c.county_code, c.district_code,
                c.kind is ConstituencyKind.VILLAGE,
            )
        self.branch: dict[str, Area] = {
            b.code: self.constituency.get(b.constituency_code, Area()).with_branch(b.code)
            for b in ds.branches
        }
        self.board: dict[str, Area] = {b.id: self.board_area(b) for b in ds.boards}

    def board_area(self, b: Board) -> Area:
        j = b.jurisdiction
        if b.level is BoardLevel.PROVINCIAL:
            return Area(j)
        if b.level is BoardLevel.COUNTY and j:
            return Area(self.province_of_county.get(j), j)
        if b.level is BoardLevel.DISTRICT and j:
            county = self.county_of_district.get(j)
            return Area(self.province_of_county.get(county or ""), county, j, True)
        return Area()

    def observer_area(self, ds: Dataset) -> dict[str, Area]:
        areas: dict[str, Area] = {}
        for o in ds.observers:
            if o.branch_code:
                areas[o.id] = self.branch.get(o.branch_code, Area())
        for o in ds.observers:  # head observers: the area (not branch) of whom they head
            if o.head_observer_id and o.head_observer_id not in areas:
                below = areas.get(o.id)
                if below is not None:
                    areas[o.head_observer_id] = below.with_branch(None)
        return areas


_Ref = tuple[str, str, dict[str, Any], Area, str | None, str | None]


def _reference_rows(ds: Dataset, geo: _Geo, pki: wire.PkiRecord | None) -> Iterator[_Ref]:
    """(kind, key, wire, area, board_id, parent_key) per reference record, in feed order."""
    for c in ds.cycles:
        yield "cycle", c.code, wire.encode_cycle(c), Area(), None, None
    for p in ds.provinces:
        yield "province", p.code, wire.encode_province(p), Area(p.code), None, None
    for c in ds.counties:
        yield ("county", c.code, wire.encode_county(c), Area(c.province_code, c.code),
               None, None)
    for d in ds.districts:
        area = Area(geo.province_of_county.get(d.county_code), d.county_code, d.code)
        yield "district", d.code, wire.encode_district(d), area, None, None
    for k in ds.constituencies:
        yield ("constituency", k.code, wire.encode_constituency(k), geo.constituency[k.code],
               None, None)
    for b in ds.boards:
        yield "board", b.id, wire.encode_board(b), geo.board[b.id], None, None
    for m in ds.members:
        yield ("member", m.id, wire.encode_member(m), geo.board.get(m.board_id, Area()),
               m.board_id, None)
    for br in ds.branches:
        yield "branch", br.code, wire.encode_branch(br), geo.branch[br.code], None, None
    observer_areas = geo.observer_area(ds)
    for o in ds.observers:
        yield ("observer", o.id, wire.encode_observer(o), observer_areas.get(o.id, Area()),
               None, o.head_observer_id)
    if pki is not None:
        yield "pki", pki.id, wire.encode_pki(pki), Area(), None, None


def _chunks(rows: Iterable[dict[str, Any]], size: int = _CHUNK) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def load_dataset(engine: Engine, ds: Dataset, *, pki: wire.PkiRecord | None = None) -> int:
    """Bulk-load a dataset into an empty ``items`` table; returns the head seq."""
    geo = _Geo(ds)
    with write_tx(engine) as conn:
        if conn.execute(select(func.count()).select_from(items)).scalar_one():
            raise SeedError("the database already holds records; seed an empty one")
        reference = list(_reference_rows(ds, geo, pki))
        total = len(reference) + len(ds.dossiers)
        first = take_seq(conn, total)
        seq = first

        def ref_rows() -> Iterator[dict[str, Any]]:
            nonlocal seq
            for kind, key, wire_form, area, board_id, parent in reference:
                row = item_row(kind, key, wire_form, area, seq=seq, board_id=board_id,
                               parent_key=parent)
                row["pk"] = seq
                seq += 1
                yield row

        for chunk in _chunks(ref_rows()):
            conn.execute(items.insert(), chunk)

        refs: list[dict[str, Any]] = []
        encode = wire.encode_dossier
        for chunk in _chunks(_dossier_rows(ds, geo, seq, encode, refs)):
            conn.execute(items.insert(), chunk)
            conn.execute(attachment_refs.insert(), refs)
            refs.clear()
        head = first + total - 1
        if conn.dialect.name == "postgresql":
            # pk values were given explicitly: move the serial past them.
            conn.execute(text(
                "SELECT setval(pg_get_serial_sequence('items', 'pk'), :v)"), {"v": head})
        db.set_state(conn, "cycle_code", ds.cycles[0].code if ds.cycles else "")
        if pki is not None:
            db.set_state(conn, "ca_certificate", pki.ca_certificate)
            db.set_state(conn, "crl", pki.crl)
    return head


def _dossier_rows(ds: Dataset, geo: _Geo, start: int, encode: Any,
                  refs: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    seq = start
    for d in ds.dossiers:
        area = geo.constituency.get(d.constituency_code, Area())
        row = item_row("dossier", d.registration_id, encode(d), area, seq=seq,
                       revision=d.revision, status=d.status.value)
        row["pk"] = seq
        for sha in sorted({doc.sha256 for doc in d.documents}):
            refs.append({"sha256": sha, "item_pk": seq})
        seq += 1
        yield row


# --- demo accounts and PKI ----------------------------------------------------------------


def demo_accounts(ds: Dataset) -> list[DemoAccount]:
    """The documented demo accounts (API.md §1.1), resolved by fixed rules for any seed."""
    boards = {b.id: b for b in ds.boards}
    county = "0801" if "B-C0801" in boards else (ds.counties[0].code if ds.counties else "")
    province = next((c.province_code for c in ds.counties if c.code == county), "")
    second = next((c.code for c in ds.counties if c.code != county and
                   c.province_code == province), county)
    villages = sorted(
        k.district_code for k in ds.constituencies
        if k.county_code == county and k.kind is ConstituencyKind.VILLAGE and k.district_code
    )
    district = villages[0] if villages else ""
    county_of = {k.code: k.county_code for k in ds.constituencies}
    branch_codes = {b.code for b in ds.branches if county_of.get(b.constituency_code) == county}
    observer = min((o.id for o in ds.observers if o.branch_code in branch_codes), default=None)
    central = next((b.id for b in ds.boards if b.level is BoardLevel.CENTRAL), None)
    return [
        DemoAccount("demo-central", "central", central),
        DemoAccount("demo-provincial", "provincial", f"B-P{province}"),
        DemoAccount("demo-county", "county", f"B-C{county}"),
        DemoAccount("demo-district", "district", f"B-D{district}"),
        DemoAccount("demo-observer", "observer", f"B-C{county}", observer),
        DemoAccount("demo-clerk", "clerk", f"B-C{county}"),
        DemoAccount("demo-registry", "registry", None),
        DemoAccount("demo-county-2", "county", f"B-C{second}"),
    ]


def add_account(conn: Connection, username: str, password: str, role: str,
                board_id: str | None, observer_id: str | None = None, *, n: int = 2**14) -> None:
    conn.execute(accounts.insert().values(
        username=username, password_hash=hash_password(password, n=n), role=role,
        board_id=board_id, observer_id=observer_id, active=True,
    ))


def create_demo_pki(ds: Dataset, board_ids: Iterable[str], *, now: datetime | None = None
                    ) -> tuple[wire.PkiRecord, list[dict[str, Any]]]:
    """A demo central CA and certified keys for every member of ``board_ids``."""
    now = now or datetime.now(UTC)
    wanted = set(board_ids)
    boards = {b.id: b for b in ds.boards if b.id in wanted}
    members: list[BoardMember] = [m for m in ds.members if m.board_id in boards]
    with tempfile.TemporaryDirectory(prefix="nezarat-demo-ca-") as tmp:
        ca = init_ca(Path(tmp) / "ca", "مرجع گواهی نمایشی هیات مرکزی نظارت",
                     DEMO_CA_PASSPHRASE, now=now - timedelta(days=2))
        rows = []
        for m in members:
            key = generate_private_key()
            cert = ca.issue(create_csr(key, m, boards[m.board_id]), board_id=m.board_id,
                            role=m.role, valid_days=730, now=now - timedelta(days=1))
            rows.append({
                "member_id": m.id, "board_id": m.board_id, "role": m.role.value,
                "private_key_pem": encrypt_private_key(key, member_passphrase(m.id)),
                "certificate_pem": cert_pem(cert),
            })
        crl = ca.crl(now=now - timedelta(days=1), valid_days=365)
        pki = wire.PkiRecord(PKI_ID, ca.certificate_pem, crl_pem(crl))
    return pki, rows


def seed_demo(engine: Engine, candidates: int, seed: int, *, with_pki: bool = True,
              password_cost: int = 2**14) -> list[DemoAccount]:
    """Generate and load the demo dataset, its accounts and (optionally) the demo PKI."""
    from supervisor_app.services.demo_data import generate_demo_dataset

    ds = generate_demo_dataset(candidates, seed)
    accounts_ = demo_accounts(ds)
    pki, keys = (None, [])
    if with_pki:
        pki, keys = create_demo_pki(ds, {a.board_id for a in accounts_
                                         if a.board_id and a.role != "observer"})
    load_dataset(engine, ds, pki=pki)
    with write_tx(engine) as conn:
        for a in accounts_:
            add_account(conn, a.username, DEMO_PASSWORD, a.role, a.board_id, a.observer_id,
                        n=password_cost)
        if keys:
            conn.execute(demo_keys.insert(), keys)
        if pki is not None:  # the demo members' certificates, served as if published
            from cryptography import x509

            from .pki import store_certificates

            ca = x509.load_pem_x509_certificate(pki.ca_certificate.encode("ascii"))
            certs = [x509.load_pem_x509_certificate(k["certificate_pem"].encode("ascii"))
                     for k in keys]
            store_certificates(conn, ca, certs, "demo-seed", datetime.now(UTC))
        db.set_state(conn, "demo", "1")
    return accounts_
