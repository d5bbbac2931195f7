"""Observer reports: recording them (append-only), finding branches as the code is typed,
comparing what several observers said about one branch, and the entry form's drafts.

``record`` writes, in one unit of work, the report, its outbox item (the wire form the
registry server accepts, ``wire.encode_observer_report``) and an audit event; files it
cites are copied first into the content-addressed ``attachments/<sha256>`` area the sync
uploads from. A report is never changed: a correction is a new report whose description
names the one it corrects (``domain.report_comparison.correction_description``).

Drafts are saved one committed transaction per call, so a killed app loses at most the
keystrokes since the last save; recording a report deletes its draft in the same
transaction that stores it.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..domain import wire
from ..domain.election_day import (
    Attachment,
    Branch,
    Observer,
    ObserverReport,
    OffenceCategory,
    Severity,
)
from ..domain.errors import DomainError
from ..domain.jalali import IRAN_TZ
from ..domain.outbox import OutboxItem, OutboxKind
from ..domain.persian import normalize, to_ascii_digits
from ..domain.report_comparison import (
    DEFAULT_WINDOW,
    ReportComparison,
    compare_reports,
    correction_description,
    current_reports,
)
from ..store import Store, UnitOfWork
from ..store.errors import StoreError

Clock = Callable[[], datetime]

DEFAULT_DRAFT_SLOT = "report-entry"
MAX_DESCRIPTION = 8000
MAX_WITNESSES = 32
MAX_WITNESS_NAME = 128
MAX_ATTACHMENTS = 32
# A clock a little ahead on the observer's phone or this workstation is not an error.
FUTURE_TOLERANCE = timedelta(minutes=10)
ACCEPTED_MEDIA = ("image/", "application/pdf")
_CHUNK = 1 << 20
# Above this many places, reading every constituency once beats one query per place.
BULK_NAMES = 30


def _utc_now() -> datetime:
    return datetime.now(UTC)


class ReportError(DomainError):
    """The service refused a report; English message and the Persian sentence to show."""

    def __init__(self, message: str, message_fa: str) -> None:
        super().__init__(message)
        self.message_fa = message_fa


@dataclass(frozen=True, slots=True)
class BranchInfo:
    """A branch as the entry form shows it while the code is typed."""

    code: str
    constituency_code: str
    constituency_name: str
    address: str


@dataclass(frozen=True, slots=True)
class ReportListItem:
    report: ObserverReport
    constituency_name: str
    outbox_status: str | None  # pending / sending / acknowledged / …; None: from the server


def normalize_code(text: str) -> str:
    """A branch code as typed (Persian digits, stray spaces or RTL marks) → as stored."""
    return "".join(to_ascii_digits(normalize(text)).split())


def normalize_description(text: str) -> str:
    """Persian letter forms and spacing fixed per line; the line breaks are kept."""
    lines = [normalize(line) for line in text.replace("\r\n", "\n").split("\n")]
    return "\n".join(lines).strip("\n")


def parse_witnesses(text: str) -> list[str]:
    """Witness names from one field: separated by commas (, or ،), semicolons or lines."""
    for sep in ("،", ";", "؛", "\n"):
        text = text.replace(sep, ",")
    return [name for part in text.split(",") if (name := normalize(part))]


class ReportService:
    def __init__(
        self,
        store: Store,
        *,
        attachments: Path,
        now: Clock = _utc_now,
        actor: str = "workstation",
    ) -> None:
        self._store = store
        self._attachments = attachments
        self._now = now
        self._actor = actor

    # --- branches -------------------------------------------------------------------------

    def branches_with_prefix(self, prefix: str, limit: int = 10) -> list[BranchInfo]:
        """Branches whose code starts with what was typed so far (instant: a key range)."""
        code = normalize_code(prefix)
        with self._store.unit_of_work(read_only=True) as uow:
            found = uow.branches.with_prefix(code, limit)
            if not found and code != code.upper():
                found = uow.branches.with_prefix(code.upper(), limit)
            return self._infos(uow, found)

    def find_branch(self, code: str) -> BranchInfo | None:
        with self._store.unit_of_work(read_only=True) as uow:
            branch = _branch(uow, normalize_code(code))
            return self._infos(uow, [branch])[0] if branch else None

    def observers_of(self, branch_code: str) -> list[Observer]:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.observers.for_branch(normalize_code(branch_code))

    @staticmethod
    def _infos(uow: UnitOfWork, branches: Iterable[Branch]) -> list[BranchInfo]:
        branches = list(branches)
        names: dict[str, str] = {}
        if len({b.constituency_code for b in branches}) > BULK_NAMES:
            names = {c.code: c.name for c in uow.geography.constituencies()}
        out = []
        for b in branches:
            if b.constituency_code not in names:
                place = uow.geography.constituency(b.constituency_code)
                names[b.constituency_code] = place.name if place else ""
            out.append(
                BranchInfo(b.code, b.constituency_code, names[b.constituency_code], b.address)
            )
        return out

    # --- recording ------------------------------------------------------------------------

    def record(
        self,
        branch_code: str,
        *,
        category: OffenceCategory | str,
        severity: Severity | str,
        description: str,
        observed_at: datetime | None = None,
        observer_id: str | None = None,
        witnesses: Sequence[str] = (),
        attachments: Sequence[Path | str] = (),
        report_id: str | None = None,
        corrects: str | None = None,
        draft_slot: str | None = None,
    ) -> ObserverReport:
        """Record a report; with the same ``report_id`` and content again, nothing new.

        ``observed_at`` defaults to now; a naive value is Tehran wall-clock time. Returns
        the stored report (the earlier one for an identical retry).
        """
        moment = self._now()
        code = normalize_code(branch_code)
        report_id = report_id or str(uuid.uuid4())
        if not wire.is_uuid(report_id):
            raise ReportError(
                f"report id {report_id!r} is not a lowercase UUID",
                "شناسهٔ گزارش معتبر نیست؛ گزارش را دوباره ثبت کنید.",
            )
        observed = _observed_utc(observed_at or moment)
        if observed > moment + FUTURE_TOLERANCE:
            raise ReportError(
                "the observation time is in the future",
                "زمان مشاهده در آینده است؛ تاریخ و ساعت را اصلاح کنید.",
            )
        text = normalize_description(description)
        if not text:
            raise ReportError(
                "a report needs a description",
                "شرح گزارش خالی است؛ آنچه را مشاهده شده بنویسید.",
            )
        names = _witnesses(witnesses)
        observer = normalize_code(observer_id) if observer_id else None
        files = [Path(p) for p in attachments]
        if len(files) > MAX_ATTACHMENTS:
            raise ReportError(
                f"at most {MAX_ATTACHMENTS} attachments per report",
                f"هر گزارش حداکثر {MAX_ATTACHMENTS} پیوست می‌تواند داشته باشد.",
            )
        if files:  # copying files is wasted on a report that will be refused
            with self._store.unit_of_work(read_only=True) as uow:
                self._check_references(uow, code, observer, corrects)
        stored = tuple(self._store_attachment(p) for p in files)
        if corrects is not None:
            text = correction_description(corrects, text)
        if len(text) > MAX_DESCRIPTION:
            raise ReportError(
                f"the description is longer than {MAX_DESCRIPTION} characters",
                f"شرح گزارش بیش از {MAX_DESCRIPTION} نویسه است؛ آن را کوتاه‌تر کنید.",
            )
        with self._store.unit_of_work() as uow:
            branch = self._check_references(uow, code, observer, corrects)
            report = ObserverReport(
                id=report_id,
                branch_code=branch.code,
                observed_at=observed,
                category=_category(category),
                severity=_severity(severity),
                description=text,
                observer_id=observer,
                witnesses=tuple(names),
                attachments=stored,
                recorded_at=moment,
            )
            payload = _payload(report)
            try:
                added = uow.reports.add(report)
            except StoreError:  # the id is taken: an identical retry, or a clash
                added = False
            if not added:
                existing = uow.reports.get(report.id)
                assert existing is not None
                if replace(existing, recorded_at=None) != replace(report, recorded_at=None):
                    raise ReportError(
                        f"report {report.id} is already recorded with other content",
                        "گزارشی با همین شناسه و محتوای دیگری ثبت شده است؛ گزارش‌ها تغییر "
                        "نمی‌کنند، اصلاحیه را به صورت گزارش تازه ثبت کنید.",
                    )
                if draft_slot:
                    uow.report_drafts.delete(draft_slot)
                return existing
            uow.outbox.add(OutboxItem(report.id, OutboxKind.OBSERVER_REPORT, payload, moment))
            uow.audit.append(
                self._actor,
                "observer_report.recorded",
                report.id,
                {
                    "branch_code": report.branch_code,
                    "category": report.category.value,
                    "severity": report.severity.value,
                    "observer_id": report.observer_id,
                    "attachments": [a.sha256 for a in report.attachments],
                    "corrects": corrects,
                },
                at=moment,
            )
            if draft_slot:
                uow.report_drafts.delete(draft_slot)
        return report

    @staticmethod
    def _check_references(
        uow: UnitOfWork, code: str, observer: str | None, corrects: str | None
    ) -> Branch:
        branch = _branch(uow, code)
        if branch is None:
            raise ReportError(
                f"no branch with code {code!r} on this workstation",
                f"شعبه‌ای با کد «{code}» در این ایستگاه نیست؛ کد شعبه را بررسی کنید یا "
                "پیش از ثبت، همگام‌سازی کنید.",
            )
        if observer is not None and uow.observers.get(observer) is None:
            raise ReportError(
                f"no observer {observer!r} on this workstation",
                f"ناظری با شناسهٔ «{observer}» در این ایستگاه نیست؛ شناسه را بررسی کنید.",
            )
        if corrects is not None:
            old = uow.reports.get(corrects)
            if old is None or old.branch_code != branch.code:
                raise ReportError(
                    f"report {corrects!r} to correct is not a report of branch {branch.code}",
                    "گزارشی که اصلاح می‌شود پیدا نشد یا مربوط به این شعبه نیست.",
                )
        return branch

    def _store_attachment(self, path: Path) -> Attachment:
        """Copy the file to ``attachments/<sha256>`` (hashing as it goes) and describe it."""
        if not path.is_file():
            raise ReportError(
                f"attachment {path} is not a readable file",
                f"پیوست «{path.name}» پیدا نشد یا پرونده نیست.",
            )
        size = path.stat().st_size
        if not 0 < size <= wire.MAX_ATTACHMENT_BYTES:
            limit = wire.MAX_ATTACHMENT_BYTES // (1024 * 1024)
            raise ReportError(
                f"attachment {path.name} is {size} bytes; allowed 1 byte to {limit} MiB",
                f"پیوست «{path.name}» خالی یا بزرگ‌تر از {limit} مگابایت است.",
            )
        with path.open("rb") as fh:
            head = fh.read(16)
        media = _media_type(path, head)
        if not media.startswith(ACCEPTED_MEDIA):
            raise ReportError(
                f"attachment {path.name} is {media}; only photos and PDF files are accepted",
                f"پیوست «{path.name}» عکس یا PDF نیست؛ فقط عکس و پروندهٔ PDF پذیرفته می‌شود.",
            )
        self._attachments.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        tmp = self._attachments / f".incoming-{uuid.uuid4().hex}"
        try:
            copied = 0
            with path.open("rb") as src, tmp.open("wb") as dst:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    dst.write(chunk)
                    copied += len(chunk)
                dst.flush()
                os.fsync(dst.fileno())
            sha = digest.hexdigest()
            final = self._attachments / sha
            if final.exists():  # content-addressed: the same bytes are already here
                tmp.unlink()
            else:
                os.replace(tmp, final)
        finally:
            tmp.unlink(missing_ok=True)
        name = path.name[-255:]
        return Attachment(filename=name, sha256=sha, size=copied, media_type=media)

    def attachment_path(self, sha256: str) -> Path:
        """Where an attachment's bytes are (the sync uploads them from here)."""
        return self._attachments / sha256

    # --- reading --------------------------------------------------------------------------

    def get(self, report_id: str) -> ObserverReport | None:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.reports.get(report_id)

    def reports_of(self, branch_code: str) -> list[ObserverReport]:
        """A branch's reports, oldest observation first (corrected ones included)."""
        with self._store.unit_of_work(read_only=True) as uow:
            branch = _branch(uow, normalize_code(branch_code))
            return uow.reports.for_branch(branch.code) if branch else []

    def recent(self, limit: int = 200) -> list[ReportListItem]:
        """The latest observations first, with where they were and whether they were sent."""
        with self._store.unit_of_work(read_only=True) as uow:
            return self._items(uow, uow.reports.recent(limit))

    def branch_reports(self, branch_code: str) -> list[ReportListItem]:
        """``reports_of`` with place and outbox state, oldest observation first."""
        with self._store.unit_of_work(read_only=True) as uow:
            branch = _branch(uow, normalize_code(branch_code))
            return self._items(uow, uow.reports.for_branch(branch.code)) if branch else []

    def _items(self, uow: UnitOfWork, reports: list[ObserverReport]) -> list[ReportListItem]:
        branches = uow.branches.get_many(r.branch_code for r in reports)
        places = {info.code: info.constituency_name for info in self._infos(uow, branches.values())}
        statuses = uow.outbox.statuses(r.id for r in reports)
        return [
            ReportListItem(
                r,
                places.get(r.branch_code, ""),
                status.value if (status := statuses.get(r.id)) is not None else None,
            )
            for r in reports
        ]

    def count(self) -> int:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.reports.count()

    def compare_branch(
        self,
        branch_code: str,
        window: timedelta = DEFAULT_WINDOW,
        *,
        include_corrected: bool = False,
    ) -> ReportComparison:
        """What the branch's reports agree and disagree on (corrected reports left out)."""
        reports = self.reports_of(branch_code)
        if not include_corrected:
            reports = current_reports(reports)
        return compare_reports(reports, window)

    # --- drafts ---------------------------------------------------------------------------

    def save_draft(self, slot: str, fields: Mapping[str, Any]) -> None:
        """Keep the form's contents (JSON values); committed before this returns."""
        with self._store.unit_of_work() as uow:
            uow.report_drafts.save(slot, dict(fields), self._now())

    def load_draft(self, slot: str) -> dict[str, Any] | None:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.report_drafts.get(slot)

    def discard_draft(self, slot: str) -> bool:
        with self._store.unit_of_work() as uow:
            return uow.report_drafts.delete(slot)


# --- helpers --------------------------------------------------------------------------------


def _branch(uow: UnitOfWork, code: str) -> Branch | None:
    if not code:
        return None
    branch = uow.branches.get(code)
    if branch is None and code != code.upper():
        branch = uow.branches.get(code.upper())
    return branch


def _observed_utc(moment: datetime) -> datetime:
    if moment.tzinfo is None:  # Tehran wall-clock time, as the form and the CLI take it
        moment = moment.replace(tzinfo=IRAN_TZ)
    # Whole seconds in UTC: one spelling on the wire, and the stored text sorts by time.
    return moment.astimezone(UTC).replace(microsecond=0)


def _category(value: OffenceCategory | str) -> OffenceCategory:
    try:
        return OffenceCategory(value)
    except ValueError:
        allowed = ", ".join(c.value for c in OffenceCategory)
        raise ReportError(
            f"unknown category {value!r}; one of: {allowed}",
            f"نوع تخلف «{value}» شناخته نیست؛ یکی از این‌ها را بنویسید: {allowed}",
        ) from None


def _severity(value: Severity | str) -> Severity:
    try:
        return Severity(value)
    except ValueError:
        allowed = ", ".join(s.value for s in Severity)
        raise ReportError(
            f"unknown severity {value!r}; one of: {allowed}",
            f"شدت «{value}» شناخته نیست؛ یکی از این‌ها را بنویسید: {allowed}",
        ) from None


def _witnesses(names: Sequence[str]) -> list[str]:
    out: list[str] = []
    for raw in names:
        name = normalize(raw)
        if name and name not in out:
            out.append(name)
    if len(out) > MAX_WITNESSES:
        raise ReportError(
            f"at most {MAX_WITNESSES} witnesses per report",
            f"هر گزارش حداکثر {MAX_WITNESSES} شاهد می‌تواند داشته باشد.",
        )
    for name in out:
        if len(name) > MAX_WITNESS_NAME:
            raise ReportError(
                f"a witness name is longer than {MAX_WITNESS_NAME} characters",
                f"نام شاهد بیش از {MAX_WITNESS_NAME} نویسه است.",
            )
    return out


def _payload(report: ObserverReport) -> dict[str, Any]:
    """The wire form, checked with the server's own decoder before anything is stored."""
    payload = wire.encode_observer_report(report)
    try:
        wire.decode_observer_report(payload, "report")
    except wire.WireError as exc:
        raise ReportError(
            f"the report would be refused by the server: {exc}",
            f"این گزارش را کارگزار نمی‌پذیرد (فیلد {exc.field})؛ آن را اصلاح کنید.",
        ) from None
    return payload


def _media_type(path: Path, head: bytes) -> str:
    guessed, _ = mimetypes.guess_type(path.name)
    if guessed:
        return guessed
    if head.startswith(b"%PDF"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    return "application/octet-stream"
