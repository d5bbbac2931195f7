"""A compiled validator for feed pages: the dossier feed is 300,000 records on a first pull.

``wire.decode_dossier`` checks a dossier field by field in Python (~150 µs each); at that
rate the validation alone takes longer than the whole initial-sync budget. This module
states the same rules as msgspec types, checked in C, and is used as a *fast accept*:

- it is never laxer than the reference decoder (anything it is unsure of, such as an
  escaped character, goes to the reference decoder, whose error message is the one the
  user sees), so a record it accepts is one ``wire.decode_dossier`` accepts too (a
  property test pins that);
- it accepts only the canonical spelling (re-encoding the typed value gives back the
  exact bytes), so the record hash over those bytes is the record's content hash.

The page envelope itself is decoded here too, with each item's ``data`` kept as raw bytes
(``msgspec.Raw``) so its hash is checked on the bytes the server sent.

A whole page of dossiers in the canonical spelling (what the reference server sends) is
read by one call (:func:`dossier_page`): typed items, the page re-encoded and compared
with the bytes received (one spelling, so no repeated key anywhere), and the checks
msgspec cannot state run once over the page's values (``_valid_all``) instead of per
field: a first pull reads 300,000 dossiers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from enum import Enum
from functools import lru_cache
from typing import Annotated, Any, Literal

import msgspec

from ..domain import wire
from ..domain.candidates import (
    MAX_DOCUMENT_BYTES,
    CandidateStatus,
    DocumentKind,
    Gender,
    InquiryAuthority,
    InquiryResult,
    MilitaryStatus,
    VeteranStatus,
)
from ..domain.geography import EducationLevel


def _values(enum: type[Enum]) -> Any:
    return Literal[tuple(m.value for m in enum)]  # type: ignore[misc]


# Lengths are checked by msgspec per value; the characters of these fields by one regular
# expression over all of a page's values joined (``_valid_all``): a per-value pattern
# costs more than the rest of the decoding.
Ident = Annotated[str, msgspec.Meta(min_length=1, max_length=64)]  # [0-9A-Za-z._:/-]
Code = Annotated[str, msgspec.Meta(min_length=1, max_length=32)]  # [0-9A-Za-z._/-]
NationalId = Annotated[str, msgspec.Meta(min_length=10, max_length=10)]  # [0-9]
Hex64 = Annotated[str, msgspec.Meta(min_length=64, max_length=64)]  # [0-9a-f]
# A real calendar date spelled YYYY-MM-DD (msgspec's own date type, checked in C); the
# canonical re-encoding check keeps the spelling exact.
IsoDate = date
IsoDateTime = Annotated[str, msgspec.Meta(min_length=19, max_length=40)]
_IDENT_CHARS = re.compile(r"[0-9A-Za-z._:/-]*")
_CODE_CHARS = re.compile(r"[0-9A-Za-z._/-]*")
_DIGITS = re.compile(r"[0-9]*")
_HEX = re.compile(r"[0-9a-f]*")
Revision = Annotated[int, msgspec.Meta(ge=0, le=wire.MAX_SAFE_INT)]


def _text(max_len: int, min_len: int = 0) -> Any:
    return Annotated[str, msgspec.Meta(min_length=min_len, max_length=max_len)]


# Fields in sorted key order, so that encoding a value gives canonical (RFC 8785) JSON.
# gc=False: values decoded from JSON never form reference cycles, and the collector would
# otherwise walk the 300,000 dossiers of a first pull again and again.
class _Document(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    filename: _text(255, 1)  # type: ignore[valid-type]
    issued_on: IsoDate | None
    kind: _values(DocumentKind)  # type: ignore[valid-type]
    sha256: Hex64
    size: Annotated[int, msgspec.Meta(ge=1, le=wire.MAX_ATTACHMENT_BYTES)]
    uploaded_at: IsoDateTime


class _Inquiry(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    authority: _values(InquiryAuthority)  # type: ignore[valid-type]
    note: _text(1000)  # type: ignore[valid-type]
    received_on: IsoDate | None
    result: _values(InquiryResult)  # type: ignore[valid-type]
    sent_on: IsoDate


class _Art41(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    resigned_on: IsoDate | None
    title: _text(128, 1)  # type: ignore[valid-type]


class _Dossier(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    address: _text(512)  # type: ignore[valid-type]
    art41_post: _Art41 | None
    birth_date: IsoDate
    birthplace: _text(64)  # type: ignore[valid-type]
    constituency_code: Code
    degree_verification_code: _text(64) | None  # type: ignore[valid-type]
    documents: Annotated[list[_Document], msgspec.Meta(max_length=16)]
    education: _values(EducationLevel)  # type: ignore[valid-type]
    education_field: _text(128)  # type: ignore[valid-type]
    executive_opinion: _text(4000)  # type: ignore[valid-type]
    father_name: _text(64, 1)  # type: ignore[valid-type]
    first_name: _text(64, 1)  # type: ignore[valid-type]
    gender: _values(Gender)  # type: ignore[valid-type]
    inquiries: Annotated[list[_Inquiry], msgspec.Meta(max_length=16)]
    last_name: _text(64, 1)  # type: ignore[valid-type]
    military_status: _values(MilitaryStatus)  # type: ignore[valid-type]
    mobile: _text(20)  # type: ignore[valid-type]
    national_id: NationalId
    occupation: _text(128)  # type: ignore[valid-type]
    previous_council_member_of: Code | None
    registered_at: IsoDateTime
    registration_id: Ident
    residence_constituency_code: Code
    revision: Revision
    status: _values(CandidateStatus)  # type: ignore[valid-type]
    veteran_status: _values(VeteranStatus)  # type: ignore[valid-type]


class _Item(msgspec.Struct, gc=False):
    """A page item as sent; the reference checks of its fields run on these values."""

    kind: Any = msgspec.UNSET
    id: Any = msgspec.UNSET
    seq: Any = msgspec.UNSET
    revision: Any = msgspec.UNSET
    content_sha256: Any = msgspec.UNSET
    data: msgspec.Raw = msgspec.UNSET  # type: ignore[assignment]


class _Page(msgspec.Struct, gc=False):
    items: list[_Item]  # a non-object item fails here: the reference path reports it
    next_cursor: Any = msgspec.UNSET
    has_more: Any = msgspec.UNSET


class _DossierItem(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """A dossier page item as the reference server spells it (fields in its order)."""

    kind: Literal["dossier"]
    id: str
    seq: int
    revision: int
    content_sha256: Hex64
    data: _Dossier


class _DossierPage(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    items: list[_DossierItem]
    next_cursor: int
    has_more: bool


_PAGE = msgspec.json.Decoder(_Page)
_DOSSIER_PAGE = msgspec.json.Decoder(_DossierPage)
_DOSSIER = msgspec.json.Decoder(_Dossier)
_ANY = msgspec.json.Decoder()
_ENCODER = msgspec.json.Encoder()


class PageShapeError(ValueError):
    """The page is not JSON of the expected overall shape (items must be a list)."""


def decode_page(body: bytes) -> _Page:
    """The page envelope with each item's ``data`` as raw bytes; raises PageShapeError."""
    try:
        return _PAGE.decode(body)
    except (msgspec.DecodeError, UnicodeDecodeError) as exc:  # ValidationError is one
        raise PageShapeError(str(exc)) from None


def decode_any(raw: bytes) -> Any:
    return _ANY.decode(raw)


@lru_cache(maxsize=8192)  # stamps repeat a lot across 300,000 dossiers
def _datetime_ok(value: str) -> bool:
    try:
        return datetime.fromisoformat(value).isoformat() == value
    except ValueError:
        return False


def accept_dossier(raw: bytes) -> bool:
    """True when ``raw`` is a valid dossier in its canonical spelling.

    False means "not sure": the caller runs the reference decoder, which either
    accepts (a valid but unusual record) or says exactly what is wrong.
    """
    return dossier_data(raw) is not None


def dossier_data(raw: bytes) -> dict[str, Any] | None:
    """The dossier as plain JSON values when ``accept_dossier`` holds, else None."""
    d = dossier_struct(raw)
    if d is None:
        return None
    data: dict[str, Any] = msgspec.to_builtins(d)
    return data


def dossier_page(body: bytes) -> _DossierPage | None:
    """The page, typed, when it is a canonical page of valid dossiers only, else None
    (then the caller reads it item by item, and reports exactly what is wrong).

    Accepted: every item is a dossier that ``dossier_struct`` would accept, and the page
    is spelled exactly as re-encoding it gives (so no key appears twice, anywhere).
    What is left to the caller: seq order, ids and revisions against the record, hashes.
    """
    if b"\\" in body:  # escapes: see dossier_struct
        return None
    try:
        page = _DOSSIER_PAGE.decode(body)
    except (msgspec.DecodeError, UnicodeDecodeError):  # not even UTF-8: the full path says so
        return None
    if _ENCODER.encode(page) != body:
        return None
    if not _HEX.fullmatch("".join([it.content_sha256 for it in page.items])):
        return None
    if not _valid_all([it.data for it in page.items]):
        return None
    return page


def encode(value: Any) -> bytes:
    """Compact JSON of a typed value (for a canonical dossier: its exact bytes)."""
    return _ENCODER.encode(value)


def dossier_struct(raw: bytes) -> msgspec.Struct | None:
    """The dossier as a typed value (fields read as attributes, in the wire's names and
    spellings, dates as ``datetime.date``) when ``accept_dossier`` holds, else None.

    The sync writes rows straight from it: turning 300,000 of them into dicts first
    cost ~5 s of a first pull.
    """
    if b"\\" in raw:  # escapes: NUL, lone surrogates, control characters → reference path
        return None
    try:
        d = _DOSSIER.decode(raw)
    except (msgspec.DecodeError, UnicodeDecodeError):  # not even UTF-8: the full path says so
        return None
    if _ENCODER.encode(d) != raw:  # one spelling only: the hash is over these bytes
        return None
    if not _valid_all([d]):
        return None
    return d


def _valid_all(ds: Sequence[_Dossier]) -> bool:
    """The checks msgspec types cannot state, for all of ``ds`` at once: the characters of
    ids, codes, national ids and hashes, real date-times, the upload cap."""
    docs = [x for d in ds for x in d.documents]
    codes = [d.constituency_code for d in ds]
    codes += [d.residence_constituency_code for d in ds]
    codes += [d.previous_council_member_of for d in ds if d.previous_council_member_of]
    if not (
        _IDENT_CHARS.fullmatch("".join([d.registration_id for d in ds]))
        and _CODE_CHARS.fullmatch("".join(codes))
        and _DIGITS.fullmatch("".join([d.national_id for d in ds]))
        and _HEX.fullmatch("".join([x.sha256 for x in docs]))
    ):
        return False
    stamps = {d.registered_at for d in ds}
    stamps.update([x.uploaded_at for x in docs])
    if not all(map(_datetime_ok, stamps)):
        return False
    # The domain's rule (candidates.Document): 1 MB per upload except the photo.
    photo = DocumentKind.PHOTO.value
    return not any(x.size > MAX_DOCUMENT_BYTES and x.kind != photo for x in docs)
