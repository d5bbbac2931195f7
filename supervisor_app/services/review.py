"""The qualification review: the dossier list, eligibility checks, manual criteria.

The automatic checks of every dossier are computed once and stored (``refresh_checks``)
so that "failed an automatic check" and the deadline filters are queries over 300,000
dossiers, not 300,000 evaluations; a dossier is re-checked when its revision or the
rules table's version changes, and everyone sharing a national id with a changed
dossier is re-checked too (the duplicate-registration rule looks across dossiers).
A single dossier's checklist is always computed fresh, with full evidence.
"""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..domain.boards import Board
from ..domain.candidates import (
    CandidateStatus,
    Document,
    Dossier,
    LegalBasis,
    Objection,
    QualificationDecision,
)
from ..domain.cycle import ElectionCycle
from ..domain.eligibility import (
    CheckContext,
    CheckMode,
    CheckResult,
    ManualAssessment,
    OtherRegistration,
    Outcome,
    RulesTable,
    evaluate,
    manual_results,
    rejection_grounds,
)
from ..domain.errors import DomainError, RulesTableError
from ..domain.geography import Constituency, County
from ..domain.persian import normalize, persian_sort_key
from ..domain.review import (
    DossierFilter,
    Refusal,
    ReviewStage,
    days_left,
    due_date,
    stage_of,
    supervisory_jurisdiction,
    track_of,
)
from ..domain.rulings import Ruling
from ..store import Store, UnitOfWork
from ..store.repositories.review import Registration, ReviewRecord

log = logging.getLogger(__name__)

Today = Callable[[], date]
Clock = Callable[[], datetime]
RulesLookup = Callable[[str], RulesTable]  # cycle code → its validated rules table

# One pass of ``refresh_checks`` reads, evaluates and writes this many dossiers; each
# batch is its own short transaction, so the list keeps answering meanwhile.
CHECK_BATCH = 5000

# The reasoning a ruling draft starts with when the proposal is to approve.
APPROVAL_REASONING = "شرایط داوطلبی بر پایه مدارک و پاسخ استعلام‌ها احراز شد."


def utc_now() -> datetime:
    return datetime.now(UTC)


# --- read models -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReviewRow:
    """One row of the review list."""

    registration_id: str
    national_id: str
    first_name: str
    last_name: str
    father_name: str
    birth_date: date
    gender: str
    education: int
    constituency_code: str
    constituency_name: str
    county_name: str
    status: str
    failed_count: int | None  # None: not checked yet
    failed_codes: tuple[str, ...]
    due_on: date | None

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass(frozen=True, slots=True)
class Choice:
    code: str
    name: str
    parent: str = ""  # a constituency's county code


@dataclass(frozen=True, slots=True)
class FilterOptions:
    counties: tuple[Choice, ...]
    constituencies: tuple[Choice, ...]
    checks: tuple[tuple[str, str, str], ...]  # (rule code, Persian title, English title)


@dataclass(frozen=True, slots=True)
class DocumentView:
    document: Document
    path: Path | None  # the file in the attachments folder, if downloaded


@dataclass(frozen=True, slots=True)
class DossierDetail:
    """Everything the dossier view shows, read in one unit of work."""

    dossier: Dossier
    constituency: Constituency | None
    constituency_name: str
    county_name: str
    residence_name: str
    table: RulesTable | None  # None: the rules file is broken (``rules_problem`` says why)
    checks: tuple[CheckResult, ...]  # automatic, then manual, in table order
    stage: ReviewStage
    due_on: date | None
    days_left: int | None
    responsible_board: Board | None
    documents: tuple[DocumentView, ...]
    decisions: tuple[QualificationDecision, ...]
    objections: tuple[Objection, ...]
    rulings: tuple[Ruling, ...]
    board_names: Mapping[str, str] = field(default_factory=dict)
    rules_problem: RulesTableError | None = None  # why there is no checklist

    @property
    def failed(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.checks if c.outcome is Outcome.FAIL)

    @property
    def automatic_failed(self) -> tuple[CheckResult, ...]:
        return tuple(c for c in self.failed if c.mode is not CheckMode.MANUAL)


@dataclass(slots=True)
class _Reference:
    """Slow-changing facts the checks need, read once (cycle, rules, geography)."""

    cycle: ElectionCycle
    # None when the cycle's rules file is broken: the checklist waits for it to be fixed,
    # everything else (the dossier, decisions, objections, sessions) goes on.
    table: RulesTable | None
    constituencies: dict[str, Constituency]
    names: dict[str, str]
    counties: dict[str, County]
    province_of_county: dict[str, str] = field(default_factory=dict)
    table_error: RulesTableError | None = None

    def rules(self) -> RulesTable:
        """The table, or the rules file's error (English and Persian) when it is broken."""
        if self.table is None:
            assert self.table_error is not None
            e = self.table_error  # a fresh error each time: one object raised again and
            raise RulesTableError(e.detail, e.detail_fa, e.source)  # again grows its traceback
        return self.table


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic GC: a batch allocates many short-lived objects and no cycles,
    and with hundreds of thousands of live objects every collection is expensive."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# --- the service -------------------------------------------------------------------------


class ReviewService:
    """``today`` is the review's calendar day (the demo store pins its own date)."""

    def __init__(
        self,
        store: Store,
        *,
        today: Today = date.today,
        now: Clock = utc_now,
        actor: str = "workstation",
        cycle_code: str = "",
        attachments: Path | None = None,
        rules: RulesLookup | None = None,
    ) -> None:
        if rules is None:
            from ..rules_files import RulesLibrary  # the bundled tables

            rules = RulesLibrary().for_cycle
        self._rules = rules
        self._store = store
        self._today = today
        self._now = now
        self._actor = actor
        self._cycle_code = cycle_code
        self._attachments = attachments
        self._reference: _Reference | None = None
        self._lock = threading.Lock()  # the reference is built once, from any thread

    def today(self) -> date:
        return self._today()

    # --- reference data ---------------------------------------------------------------

    def reference(self) -> _Reference:
        with self._lock:
            if self._reference is None:
                with self._store.unit_of_work(read_only=True) as uow:
                    self._reference = self._read_reference(uow)
            return self._reference

    def invalidate(self) -> None:
        """Forget the cached cycle, rules and geography (after a sync changed them, or a
        rules file was added or fixed)."""
        with self._lock:
            self._reference = None

    def _read_reference(self, uow: UnitOfWork) -> _Reference:
        cycle = uow.cycles.get(self._cycle_code) if self._cycle_code else None
        cycle = cycle or uow.cycles.latest()
        if cycle is None:
            raise DomainError("the store has no election cycle yet; sync first")
        constituencies = {c.code: c for c in uow.geography.constituencies()}
        counties = {c.code: c for c in uow.geography.counties()}
        table: RulesTable | None = None
        table_error: RulesTableError | None = None
        try:
            table = self._rules(cycle.code)
        except RulesTableError as exc:
            log.error("the rules table of cycle %s is unusable: %s", cycle.code, exc)
            table_error = exc
        return _Reference(
            cycle=cycle,
            table=table,
            table_error=table_error,
            constituencies=constituencies,
            names={code: c.name for code, c in constituencies.items()},
            counties=counties,
            province_of_county={code: c.province_code for code, c in counties.items()},
        )

    def rules(self) -> RulesTable:
        return self.reference().rules()

    # --- the list ---------------------------------------------------------------------

    def count(self, f: DossierFilter) -> int:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.review.count(f, self._today())

    def page(
        self, f: DossierFilter, limit: int, offset: int = 0, total: int | None = None
    ) -> list[ReviewRow]:
        """Rows ``offset`` … of the filtered list, in Persian alphabetical order."""
        with self._store.unit_of_work(read_only=True) as uow:
            rows = uow.review.page(f, self._today(), limit, offset, total)
        return [self._row(row) for row in rows]

    @staticmethod
    def _row(row: Any) -> ReviewRow:
        return ReviewRow(
            *row[:12],
            failed_count=row.failed_count,
            failed_codes=tuple(c for c in (row.failed_codes or "").split(",") if c),
            due_on=row.due_on,
        )

    def first_page(self, f: DossierFilter, limit: int) -> tuple[list[ReviewRow], int | None]:
        """The first page and the list's count when it costs nothing extra (else None:
        ask ``count``). One query instead of two for most keystrokes of a search."""
        with self._store.unit_of_work(read_only=True) as uow:
            rows, total = uow.review.first_page(f, self._today(), limit)
        return [self._row(row) for row in rows], total

    def position_of(self, f: DossierFilter, registration_id: str) -> int | None:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.review.position_of(f, self._today(), registration_id)

    def filter_options(self) -> FilterOptions:
        ref = self.reference()
        counties = sorted(
            (Choice(c.code, c.name) for c in ref.counties.values()),
            key=lambda c: persian_sort_key(c.name),
        )
        constituencies = sorted(
            (Choice(c.code, c.name, c.county_code) for c in ref.constituencies.values()),
            key=lambda c: (persian_sort_key(c.name), c.code),
        )
        automatic = ref.table.automatic if ref.table is not None else ()
        checks = tuple((r.code, r.title("fa"), r.title("en")) for r in automatic)
        return FilterOptions(tuple(counties), tuple(constituencies), checks)

    # --- saved filters ------------------------------------------------------------------

    def saved_filters(self) -> dict[str, DossierFilter]:
        with self._store.unit_of_work(read_only=True) as uow:
            saved = uow.saved_filters.all()
        found: dict[str, DossierFilter] = {}
        for name, criteria in saved.items():
            try:
                found[name] = DossierFilter.from_json(criteria)
            except ValueError:  # a value this version does not know: skip, keep the rest
                log.warning("saved filter %r has values this version cannot read", name)
        return dict(sorted(found.items(), key=lambda item: persian_sort_key(item[0])))

    def save_filter(self, name: str, f: DossierFilter) -> str:
        name = normalize(name)
        if not name:
            raise Refusal("a saved filter needs a name", "صافی بی‌نام ذخیره نمی‌شود.")
        with self._store.unit_of_work() as uow:
            uow.saved_filters.save(name, dict(f.to_json()))
        return name

    def delete_filter(self, name: str) -> bool:
        with self._store.unit_of_work() as uow:
            return uow.saved_filters.delete(name)

    # --- stored check results -------------------------------------------------------------

    def refresh_checks(
        self,
        *,
        batch: int = CHECK_BATCH,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> int:
        """Check every dossier whose stored results are missing or stale; the number of
        dossiers whose stored results changed (0: the list shows nothing new)."""
        try:
            ref = self.reference()
        except RulesTableError:
            raise  # a broken rules file must be seen, not read as "nothing to check"
        except DomainError:
            return 0  # no cycle yet (an empty store): nothing to check against
        table = ref.rules()  # a broken rules file must be seen, not read as "nothing to check"
        store_rules = [r.code for r in table.automatic if r.mode is CheckMode.STORE]
        with self._store.unit_of_work(read_only=True) as uow:
            stale = set(uow.review.stale_ids(table.fingerprint))
            duplicated = uow.review.duplicated_national_ids()
            # A duplicate appears or disappears without the other dossier changing, so
            # everyone involved is looked at again (few: a fraction of a percent).
            again = set(uow.review.ids_of_national_ids(duplicated))
            for code in store_rules:
                again.update(uow.review.flagged_ids(code))
        ids = sorted(stale | again)
        done = changed = 0
        for start in range(0, len(ids), batch):
            if cancelled is not None and cancelled():
                break
            part = ids[start : start + batch]
            with self._store.unit_of_work(read_only=True) as uow:
                loaded = uow.review.load_for_checks(part)
                wanted = {d.national_id for _, d in loaded if d.national_id in duplicated}
                registrations = uow.review.registrations(wanted)
                anchors = self._anchors(uow, [d for _, d in loaded])
                before = uow.review.stored_many([i for i in part if i not in stale])
            with _gc_paused():
                records = [
                    self._record(dossier_id, dossier, ref, registrations, anchors)
                    for dossier_id, dossier in loaded
                ]
            records = [r for r in records if before.get(r.dossier_id) != r]
            if records:
                with self._store.unit_of_work() as uow:
                    uow.review.save_results(records)
            done += len(part)
            changed += len(records)
            if progress is not None:
                progress(done, len(ids))
        return changed

    def _record(
        self,
        dossier_id: int,
        dossier: Dossier,
        ref: _Reference,
        registrations: dict[str, list[Registration]],
        anchors: dict[str, date],
    ) -> ReviewRecord:
        table = ref.rules()
        results = evaluate(dossier, self._context(dossier, ref, registrations), table)
        return ReviewRecord(
            dossier_id=dossier_id,
            revision=dossier.revision,
            rules_version=table.fingerprint,
            failed=tuple(r.code for r in results if r.outcome is Outcome.FAIL),
            unknown=tuple(r.code for r in results if r.outcome is Outcome.UNKNOWN),
            due_on=self._due(dossier, ref, anchors.get(dossier.registration_id)),
        )

    @staticmethod
    def _context(
        dossier: Dossier, ref: _Reference, registrations: dict[str, list[Registration]]
    ) -> CheckContext:
        others = tuple(
            OtherRegistration(r.registration_id, r.constituency_code, r.constituency_name, r.status)
            for r in registrations.get(dossier.national_id, ())
            if r.registration_id != dossier.registration_id
        )
        return CheckContext(
            cycle=ref.cycle,
            constituency=ref.constituencies.get(dossier.constituency_code),
            constituency_names=ref.names,
            other_registrations=others,
        )

    @staticmethod
    def _anchors(uow: UnitOfWork, dossiers: Sequence[Dossier]) -> dict[str, date]:
        """Start days of relative deadlines: the rejection, or the objection."""
        rejected = [
            d.registration_id for d in dossiers if d.status is CandidateStatus.SUPERVISORY_REJECTED
        ]
        objected = [
            d.registration_id for d in dossiers if d.status is CandidateStatus.OBJECTION_FILED
        ]
        anchors = uow.review.latest_decision_days(rejected) if rejected else {}
        if objected:
            anchors.update(uow.review.latest_objection_days(objected))
        return anchors

    @staticmethod
    def _due(dossier: Dossier, ref: _Reference, anchor: date | None) -> date | None:
        constituency = ref.constituencies.get(dossier.constituency_code)
        if constituency is None:
            return None
        return due_date(dossier.status, track_of(ref.cycle, constituency), ref.cycle, anchor)

    def update_after_change(self, uow: UnitOfWork, registration_id: str) -> None:
        """Recompute one dossier's stored results inside a caller's write unit of work.

        With a broken rules file the results stay as they are (stale): a decision or an
        objection, with its legal deadline, must not fail because of the checklist; the
        list shows the file's problem until it is fixed and the checks are refreshed.
        """
        ref = self.reference()
        if ref.table is None:
            return
        dossier_id = uow.review.dossier_id(registration_id)
        if dossier_id is None:
            return
        loaded = uow.review.load_for_checks([dossier_id])
        if not loaded:
            return
        _, dossier = loaded[0]
        registrations = uow.review.registrations([dossier.national_id])
        anchors = self._anchors(uow, [dossier])
        record = self._record(dossier_id, dossier, ref, registrations, anchors)
        uow.review.save_results([record])

    def checked_count(self) -> int:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.review.count_checked()

    # --- one dossier --------------------------------------------------------------------

    def checklist(self, registration_id: str) -> list[CheckResult]:
        """The full checklist of one dossier (automatic, then manual), computed now."""
        return list(self.detail(registration_id).checks)

    def detail(self, registration_id: str) -> DossierDetail:
        ref = self.reference()
        with self._store.unit_of_work(read_only=True) as uow:
            dossier = uow.dossiers.get(registration_id)
            if dossier is None:
                raise DomainError(f"no dossier {registration_id}")
            registrations = uow.review.registrations([dossier.national_id])
            manual = uow.review.manual(registration_id)
            decisions = tuple(uow.decisions.for_dossier(registration_id))
            objections = tuple(uow.objections.for_dossier(registration_id))
            rulings = list(uow.rulings.for_subject(registration_id))
            for objection in objections:
                rulings.extend(uow.rulings.for_subject(objection.id))
            anchors = self._anchors(uow, [dossier])
            boards = uow.boards.all()
            responsible = self._responsible_board(boards, dossier, ref)
        checks: list[CheckResult] = []
        if ref.table is not None:
            context = self._context(dossier, ref, registrations)
            checks = evaluate(dossier, context, ref.table) + manual_results(ref.table, manual)
        due = self._due(dossier, ref, anchors.get(registration_id))
        constituency = ref.constituencies.get(dossier.constituency_code)
        county = ref.counties.get(constituency.county_code) if constituency else None
        return DossierDetail(
            dossier=dossier,
            constituency=constituency,
            constituency_name=ref.names.get(dossier.constituency_code, dossier.constituency_code),
            county_name=county.name if county else "",
            residence_name=ref.names.get(
                dossier.residence_constituency_code, dossier.residence_constituency_code
            ),
            table=ref.table,
            rules_problem=ref.table_error,
            checks=tuple(checks),
            stage=stage_of(dossier.status),
            due_on=due,
            days_left=days_left(due, self._today()),
            responsible_board=responsible,
            documents=tuple(
                DocumentView(d, self.document_path(registration_id, d)) for d in dossier.documents
            ),
            decisions=decisions,
            objections=objections,
            rulings=tuple(sorted(rulings, key=lambda r: (r.issued_on, r.id))),
            board_names={b.id: b.name for b in boards},
        )

    def responsible_board(self, registration_id: str) -> Board | None:
        """The supervisory board that reviews this dossier first."""
        ref = self.reference()
        with self._store.unit_of_work(read_only=True) as uow:
            dossier = uow.dossiers.get(registration_id)
            return self._responsible_board(uow.boards.all(), dossier, ref) if dossier else None

    @staticmethod
    def _responsible_board(
        boards: Sequence[Board], dossier: Dossier, ref: _Reference
    ) -> Board | None:
        constituency = ref.constituencies.get(dossier.constituency_code)
        if constituency is None:
            return None
        province = ref.province_of_county.get(constituency.county_code, "")
        place = supervisory_jurisdiction(constituency, track_of(ref.cycle, constituency), province)
        candidates = [(place.level, place.area)]
        if place.fallback is not None:
            candidates.append(place.fallback)
        for level, area in candidates:
            for board in boards:
                if board.level is level and board.jurisdiction == area:
                    return board
        return None

    def grounds(self, registration_id: str) -> tuple[tuple[LegalBasis, ...], str]:
        """Legal basis and Persian reasoning from the failed checks, for a ruling draft."""
        return self.grounds_from(self.detail(registration_id))

    @staticmethod
    def grounds_from(detail: DossierDetail) -> tuple[tuple[LegalBasis, ...], str]:
        if detail.table is None:  # no checklist, no grounds to pre-fill
            assert detail.rules_problem is not None
            e = detail.rules_problem
            raise RulesTableError(e.detail, e.detail_fa, e.source)
        return rejection_grounds(detail.failed, detail.table, "fa")

    def document_path(self, registration_id: str, document: Document) -> Path | None:
        """Where a document's file is, if it has been downloaded into attachments/.

        Looked up as ``<registration id>/<file name>`` or by its hash (``<sha256>`` with
        or without the file's extension).
        """
        if self._attachments is None:
            return None
        suffix = Path(document.filename).suffix
        for candidate in (
            self._attachments / registration_id / document.filename,
            self._attachments / f"{document.sha256}{suffix}",
            self._attachments / document.sha256,
        ):
            if candidate.is_file():
                return candidate
        return None

    # --- manual criteria ----------------------------------------------------------------

    def record_manual(self, registration_id: str, code: str, met: bool, note: str) -> None:
        """A member's judgement on a manual criterion, with the note it rests on."""
        rule = self.rules().rule(code)
        if rule.mode is not CheckMode.MANUAL:
            raise DomainError(f"{code} is checked automatically, not by the members")
        note = normalize(note)
        if not note:
            raise Refusal(
                "a judgement on a manual criterion needs a note",
                "برای ثبت نظر، توضیحی که نظر بر پایه آن است لازم است.",
            )
        moment = self._now()
        assessment = ManualAssessment(code, met, note, self._actor, moment)
        with self._store.unit_of_work() as uow:
            if uow.dossiers.get(registration_id) is None:
                raise DomainError(f"no dossier {registration_id}")
            uow.review.save_manual(registration_id, assessment)
            uow.audit.append(
                self._actor,
                "review.manual_assessment",
                registration_id,
                {"code": code, "met": met, "note": note},
                at=moment,
            )
