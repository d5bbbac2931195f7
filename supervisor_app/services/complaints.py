"""Complaints about the vote: registration, handling, escalation and the ruling on them.

* ``register``: a written complaint with the complainant's name and a valid national id
  (anonymous complaints are not considered, DOMAIN.md), against one constituency,
  optionally citing branches and observer reports. Filed after the cycle's filing
  deadline (``COMPLAINT_FILING``, counted from the announcement of results) it is kept
  on record as REJECTED with the reason and the deadline.
* ``assign``, ``add_note``, ``link_report``, ``link_branch``, ``escalate``: each is one
  event of the complaint's append-only history (``domain.complaints``), written with the
  complaint's new state, an audit event and an outbox item in one unit of work. Only the
  board now handling the complaint acts on it (the filing board, or the higher board it
  was escalated to: county → provincial → central).
* The decision is a ruling (``RulingService.draft_complaint_ruling``); when it is sealed
  (or sealed awaiting the central board's approval, for an annulment) the complaint moves
  to DECIDED in the same unit of work as the seal (:func:`record_decision`). When the
  central board refuses such an annulment, the complaint goes back to the board that
  decided it (INVESTIGATING, or ESCALATED if it was decided unassigned) with a REOPENED
  entry, so that board rules again (:func:`record_refusal`).

Outbox: the registration goes as kind ``complaint`` (immutable: the server refuses the
same id with other content), each history entry as kind ``complaint_event``.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from ..domain import wire
from ..domain.boards import BoardMember
from ..domain.complaints import (
    ComplaintEvent,
    ComplaintEventKind,
    decision_deadline,
    filing_deadline,
    handling_board,
    replay,
)
from ..domain.cycle import ElectionCycle
from ..domain.election_day import (
    COMPLAINT_MACHINE,
    ComplainantKind,
    Complaint,
    ComplaintStatus,
    ObserverReport,
)
from ..domain.errors import DomainError
from ..domain.jalali import IRAN_TZ, format_jalali, in_iran
from ..domain.national_id import NationalIdError, parse_national_id
from ..domain.outbox import OutboxItem, OutboxKind
from ..domain.persian import normalize
from ..domain.review import Refusal, days_left, track_of
from ..domain.rulings import APPROVES_KEY, Ruling, RulingStatus, RulingSubject
from ..store import NotFound, Store, UnitOfWork

Clock = Callable[[], datetime]
Today = Callable[[], date]

_S = ComplaintStatus
_K = ComplaintEventKind
# Statuses in which the handling board may still act on a complaint.
OPEN_STATUSES = frozenset({_S.REGISTERED, _S.ASSIGNED, _S.INVESTIGATING, _S.ESCALATED})
# Statuses from which a ruling on the complaint may be drafted.
DECIDABLE_STATUSES = frozenset({_S.ASSIGNED, _S.INVESTIGATING, _S.ESCALATED})
COMPLAINT_ID_KEY = "complaint_id"  # in a ruling's ``extra``
# The history entry of a complaint whose annulment the central board refused.
REOPENED_TEXT = "درخواست ابطال از سوی هیات مرکزی تأیید نشد"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class ComplaintEntry:
    """One line of the complaints list."""

    complaint: Complaint
    constituency_name: str
    handling_board_id: str | None
    handling_board_name: str
    decision_due: date | None
    days_left: int | None  # until decision_due (negative: overdue), None when decided
    ruling_id: str | None  # the latest ruling on it
    ruling_status: RulingStatus | None


@dataclass(frozen=True, slots=True)
class ComplaintDetail:
    entry: ComplaintEntry
    history: tuple[ComplaintEvent, ...]
    reports: tuple[ObserverReport, ...]
    rulings: tuple[Ruling, ...]
    filing_deadline: date | None


def _refuse(en: str, fa: str) -> Refusal:
    return Refusal(en, fa)


def _linked_ruling_subject(ruling: Ruling) -> str | None:
    """The complaint a ruling decides, if it decides one."""
    if ruling.subject not in (RulingSubject.COMPLAINT, RulingSubject.ANNULMENT):
        return None
    if APPROVES_KEY in ruling.extra:  # the central board deciding on another ruling
        return None
    return ruling.extra.get(COMPLAINT_ID_KEY) or ruling.subject_ref


def _event_outbox(event: ComplaintEvent) -> OutboxItem:
    # Strictly after the registration and the entries before it, even when the clock
    # stands still: the server takes a history entry only after its predecessor.
    created = event.at + timedelta(microseconds=event.position + 1)
    return OutboxItem(
        event.id, OutboxKind.COMPLAINT_EVENT, wire.encode_complaint_event(event), created
    )


def append_event(
    uow: UnitOfWork,
    complaint: Complaint,
    kind: ComplaintEventKind,
    *,
    actor: str,
    at: datetime,
    text: str = "",
    target: str | None = None,
) -> tuple[Complaint, ComplaintEvent]:
    """Record one history entry and the complaint's new state (checked against the
    complaint state machine), with its audit event and outbox item, inside ``uow``."""
    position = uow.complaint_events.next_position(complaint.id)
    event = ComplaintEvent(str(uuid.uuid4()), complaint.id, position, at, kind, actor, text, target)
    updated = replay(complaint, [event])
    if updated.status is not complaint.status:
        COMPLAINT_MACHINE.check(complaint.status, updated.status)
    uow.complaint_events.add(event)
    uow.complaints.add(updated)
    uow.outbox.add(_event_outbox(event))
    uow.audit.append(
        actor,
        f"complaint.{kind.value}",
        complaint.id,
        {
            "event_id": event.id,
            "position": position,
            "target": target,
            "status": updated.status.value,
        },
        at=at,
    )
    return updated, event


def record_decision(uow: UnitOfWork, ruling: Ruling, *, actor: str, at: datetime) -> str | None:
    """The complaint a just-sealed ruling decides moves to DECIDED (inside the seal's unit of
    work); returns its id, or None when the ruling decides no complaint held here."""
    complaint_id = _linked_ruling_subject(ruling)
    if complaint_id is None:
        return None
    complaint = uow.complaints.get(complaint_id)
    if complaint is None or not COMPLAINT_MACHINE.can(complaint.status, _S.DECIDED):
        return None
    outcome = ruling.extra.get("outcome", "")
    append_event(uow, complaint, _K.DECIDED, actor=actor, at=at, text=outcome, target=ruling.id)
    return complaint_id


def record_refusal(
    uow: UnitOfWork, annulment: Ruling, refusal: Ruling, *, actor: str, at: datetime
) -> str | None:
    """The complaint a county's (or province's) annulment decided, once the central board
    refused that annulment (inside the refusal's seal, on the workstation that seals it,
    so the entry is written once): open again at the board that decided, which rules
    again. Returns its id, or None when no complaint held here waits on that annulment."""
    complaint_id = _linked_ruling_subject(annulment)
    complaint = uow.complaints.get(complaint_id) if complaint_id else None
    if complaint is None or complaint.status is not _S.DECIDED:
        return None
    decided = [e for e in uow.complaint_events.history(complaint.id) if e.kind is _K.DECIDED]
    if not decided or decided[-1].target != annulment.id:
        return None  # another ruling decided it since
    append_event(
        uow, complaint, _K.REOPENED, actor=actor, at=at, text=REOPENED_TEXT, target=refusal.id
    )
    return complaint.id


def check_decidable(uow: UnitOfWork, complaint_id: str, board_id: str) -> Complaint:
    """The complaint, if ``board_id`` may now draft a ruling on it (else ``Refusal``)."""
    complaint = uow.complaints.get(complaint_id)
    if complaint is None:
        raise NotFound(f"complaint {complaint_id} does not exist")
    if handling_board(complaint) != board_id:
        raise _refuse(
            f"complaint {complaint_id} is handled by board {handling_board(complaint)}",
            "این شکایت در دست هیات دیگری است و این هیات نمی‌تواند درباره آن رأی دهد.",
        )
    if complaint.status not in DECIDABLE_STATUSES:
        raise _refuse(
            f"complaint {complaint_id} is {complaint.status.value}; assign it first "
            "(a decided or rejected complaint gets no new ruling)",
            "برای صدور رأی، شکایت باید به یکی از اعضا ارجاع شده و هنوز بدون رأی باشد.",
        )
    return complaint


def _received_at(received: datetime | None, now: datetime) -> datetime:
    """When a complaint was received: ``received`` (naive = Tehran time) or now; refused
    when later than now (the form takes minutes, so the current minute still counts)."""
    if received is None:
        return now
    if received.tzinfo is None:
        received = received.replace(tzinfo=IRAN_TZ)
    received = received.astimezone(UTC)  # stored and sent in UTC, like every other time
    if received >= now.replace(second=0, microsecond=0) + timedelta(minutes=1):
        raise _refuse(
            f"the complaint cannot have been received in the future ({received.isoformat()})",
            "زمان دریافت شکایت نمی‌تواند پس از اکنون باشد؛ زمانی را که شکایت به دست هیات "
            "رسید وارد کنید.",
        )
    return received


class ComplaintService:
    def __init__(
        self,
        store: Store,
        *,
        board_id: str | None,
        cycle_code: str | None = None,
        today: Today | None = None,
        now: Clock = utc_now,
        actor: str = "workstation",
        results_announced: Mapping[str, date] | None = None,
    ) -> None:
        """``results_announced``: the day results were announced, per constituency code,
        where it differs from the calendar's default (the first day of the complaints
        stage)."""
        self._store = store
        self._board_id = board_id or None
        self._cycle_code = cycle_code or None
        self._now = now
        self._today = today or (lambda: in_iran(self._now()).date())
        self._actor = actor
        self._results = dict(results_announced or {})

    @property
    def board_id(self) -> str | None:
        return self._board_id

    def today(self) -> date:
        return self._today()

    def now(self) -> datetime:
        """The service's clock (what "received now" means on the registration form)."""
        return self._now()

    # --- reading ---------------------------------------------------------------------------

    def filing_deadline(self, constituency_code: str) -> date | None:
        with self._store.unit_of_work(read_only=True) as uow:
            return self._filing_deadline_in(uow, constituency_code)

    def list_complaints(self, status: ComplaintStatus | None = None) -> list[ComplaintEntry]:
        """Complaints, newest filing first."""
        with self._store.unit_of_work(read_only=True) as uow:
            complaints = uow.complaints.all(status)
            return [self._entry(uow, c) for c in reversed(complaints)]

    def get(self, complaint_id: str) -> Complaint | None:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.complaints.get(complaint_id)

    def detail(self, complaint_id: str) -> ComplaintDetail:
        with self._store.unit_of_work(read_only=True) as uow:
            complaint = self._complaint(uow, complaint_id)
            reports = [uow.reports.get(r) for r in complaint.report_ids]
            return ComplaintDetail(
                self._entry(uow, complaint),
                tuple(uow.complaint_events.history(complaint_id)),
                tuple(r for r in reports if r is not None),
                tuple(self._rulings_on(uow, complaint_id)),
                self._filing_deadline_in(uow, complaint.constituency_code),
            )

    def history(self, complaint_id: str) -> list[ComplaintEvent]:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.complaint_events.history(complaint_id)

    def constituency_choices(self) -> list[tuple[str, str]]:
        """(code, name) of the constituencies this workstation holds, by name."""
        with self._store.unit_of_work(read_only=True) as uow:
            places = uow.geography.constituencies()
        return sorted(((c.code, c.name) for c in places), key=lambda p: (p[1], p[0]))

    def assignable_members(self, complaint_id: str) -> list[BoardMember]:
        """Active members of the board now handling the complaint."""
        with self._store.unit_of_work(read_only=True) as uow:
            complaint = self._complaint(uow, complaint_id)
            board = handling_board(complaint)
            return uow.boards.members(board, active_only=True) if board else []

    # --- registration ----------------------------------------------------------------------

    def register(
        self,
        *,
        complainant_name: str,
        complainant_national_id: str,
        complainant_kind: ComplainantKind,
        subject: str,
        constituency_code: str,
        branch_codes: Iterable[str] = (),
        report_ids: Iterable[str] = (),
        filed_at: datetime | None = None,
    ) -> Complaint:
        """Record a written complaint; one filed late is recorded as REJECTED (see its
        ``filed_on_deadline`` and the reason in its first history entry).

        ``filed_at``: when the board received it (a naive value is Tehran wall-clock
        time), by default now. The deadline is checked against it, not against when it
        is keyed in: a paper complaint received on the last day and typed in the next
        morning is in time. Not in the future.
        """
        name = normalize(complainant_name or "")
        raw_id = (complainant_national_id or "").strip()
        if not name or not raw_id:
            raise _refuse(
                "anonymous complaints are not considered: the complainant's name and "
                "national id are required",
                "شکایت بی‌نام رسیدگی نمی‌شود؛ نام و کد ملی شاکی را وارد کنید.",
            )
        try:
            national_id = parse_national_id(raw_id)
        except NationalIdError as exc:
            raise _refuse(
                f"the complainant's national id is not valid: {exc}",
                "کد ملی شاکی معتبر نیست؛ آن را از روی کارت ملی دوباره وارد کنید.",
            ) from None
        text = normalize(subject or "")
        if not text:
            raise _refuse("a complaint needs its subject", "موضوع شکایت را بنویسید.")
        if self._board_id is None:
            raise _refuse(
                "this workstation is not set up for a board",
                "این رایانه برای هیاتی تنظیم نشده است؛ ابتدا وارد سامانه شوید.",
            )
        code = (constituency_code or "").strip()
        if not code:
            raise _refuse(
                "choose the constituency the complaint is about",
                "حوزه انتخابیه‌ای را که شکایت درباره آن است انتخاب کنید.",
            )
        now = self._now()
        filed_at = _received_at(filed_at, now)
        branches = list(dict.fromkeys(b.strip() for b in branch_codes if b.strip()))
        reports = list(dict.fromkeys(r.strip() for r in report_ids if r.strip()))
        with self._store.unit_of_work() as uow:
            if uow.geography.constituency(code) is None:
                raise _refuse(
                    f"constituency {code} does not exist",
                    "این حوزه انتخابیه روی این رایانه شناخته نیست؛ همگام‌سازی کنید و دوباره "
                    "امتحان کنید.",
                )
            constituency_code = code
            self._check_branches(uow, constituency_code, branches)
            self._check_reports(uow, reports)
            due = self._filing_deadline_in(uow, constituency_code)
            filed_on = in_iran(filed_at).date()
            late = due is not None and filed_on > due
            complaint = Complaint(
                id=str(uuid.uuid4()),
                complainant_name=name,
                complainant_national_id=national_id,
                complainant_kind=ComplainantKind(complainant_kind),
                filed_at=filed_at,
                subject=text,
                constituency_code=constituency_code,
                branch_codes=branches,
                report_ids=reports,
                status=_S.REJECTED if late else _S.REGISTERED,
                board_id=self._board_id,
                filed_on_deadline=due,
            )
            reason = ""
            if late and due is not None:
                reason = (
                    f"پس از پایان مهلت ثبت شکایت ({format_jalali(due)}) ثبت شد و قابل رسیدگی نیست."
                )
            uow.complaints.add(complaint)
            uow.outbox.add(
                OutboxItem(
                    complaint.id, OutboxKind.COMPLAINT, wire.encode_complaint(complaint), now
                )
            )
            uow.audit.append(
                self._actor,
                "complaint.filed",
                complaint.id,
                {
                    "constituency": constituency_code,
                    "kind": complaint.complainant_kind.value,
                    "status": complaint.status.value,
                    "filing_deadline": due.isoformat() if due else None,
                    "received_at": filed_at.isoformat(),  # what the deadline was checked on
                    "keyed_at": now.isoformat(),
                },
                at=now,
            )
            registered = ComplaintEvent(
                str(uuid.uuid4()),
                complaint.id,
                0,
                now,
                _K.REGISTERED,
                self._actor,
                reason,
                complaint.status.value,
            )
            uow.complaint_events.add(registered)
            uow.outbox.add(_event_outbox(registered))
        return complaint

    # --- handling --------------------------------------------------------------------------

    def assign(self, complaint_id: str, member_id: str) -> Complaint:
        with self._store.unit_of_work() as uow:
            complaint = self._actionable(uow, complaint_id)
            member = uow.boards.member(member_id)
            if (
                member is None
                or member.board_id != handling_board(complaint)
                or (not member.active)
            ):
                raise _refuse(
                    f"{member_id} is not an active member of the board handling the complaint",
                    "فقط به اعضای فعال هیاتِ رسیدگی‌کننده می‌توان شکایت را ارجاع داد.",
                )
            if complaint.assigned_to == member_id:
                raise _refuse(
                    f"already assigned to {member_id}", "شکایت پیش‌تر به همین عضو ارجاع شده است."
                )
            return self._append(uow, complaint, _K.ASSIGNED, member.full_name, member_id)

    def add_note(self, complaint_id: str, text: str) -> Complaint:
        text = normalize(text or "")
        if not text:
            raise _refuse("a note needs text", "متن یادداشت را بنویسید.")
        with self._store.unit_of_work() as uow:
            complaint = self._actionable(uow, complaint_id)
            return self._append(uow, complaint, _K.NOTE, text, None)

    def link_report(self, complaint_id: str, report_id: str) -> Complaint:
        report_id = report_id.strip()
        with self._store.unit_of_work() as uow:
            complaint = self._actionable(uow, complaint_id)
            self._check_reports(uow, [report_id])
            if report_id in complaint.report_ids:
                raise _refuse(
                    f"report {report_id} is already linked",
                    "این گزارش پیش‌تر به شکایت پیوست شده است.",
                )
            return self._append(uow, complaint, _K.REPORT_LINKED, "", report_id)

    def link_branch(self, complaint_id: str, branch_code: str) -> Complaint:
        branch_code = branch_code.strip()
        with self._store.unit_of_work() as uow:
            complaint = self._actionable(uow, complaint_id)
            self._check_branches(uow, complaint.constituency_code, [branch_code])
            if branch_code in complaint.branch_codes:
                raise _refuse(
                    f"branch {branch_code} is already linked",
                    "این شعبه پیش‌تر به شکایت پیوست شده است.",
                )
            return self._append(uow, complaint, _K.BRANCH_LINKED, "", branch_code)

    def escalate(self, complaint_id: str, reason: str = "") -> Complaint:
        """Send the complaint up to the parent of the board handling it."""
        with self._store.unit_of_work() as uow:
            complaint = self._actionable(uow, complaint_id)
            board = uow.boards.get(handling_board(complaint) or "")
            if board is None or board.parent_id is None:
                raise _refuse(
                    "the central board has no higher board to escalate to",
                    "هیات بالاتری برای ارجاع این شکایت نیست؛ هیات مرکزی باید رأی دهد.",
                )
            return self._append(
                uow, complaint, _K.ESCALATED, normalize(reason or ""), board.parent_id
            )

    # --- helpers ---------------------------------------------------------------------------

    def _append(
        self,
        uow: UnitOfWork,
        complaint: Complaint,
        kind: ComplaintEventKind,
        text: str,
        target: str | None,
    ) -> Complaint:
        try:
            updated, _event = append_event(
                uow, complaint, kind, actor=self._actor, at=self._now(), text=text, target=target
            )
        except DomainError as exc:
            raise _refuse(str(exc), "این کار در وضعیت کنونی شکایت ممکن نیست.") from None
        return updated

    def _complaint(self, uow: UnitOfWork, complaint_id: str) -> Complaint:
        complaint = uow.complaints.get(complaint_id)
        if complaint is None:
            raise NotFound(f"complaint {complaint_id} does not exist")
        return complaint

    def _actionable(self, uow: UnitOfWork, complaint_id: str) -> Complaint:
        complaint = self._complaint(uow, complaint_id)
        if complaint.status not in OPEN_STATUSES:
            raise _refuse(
                f"complaint {complaint_id} is {complaint.status.value}; it is closed",
                "این شکایت بسته شده است (رد یا دارای رأی) و تغییری نمی‌پذیرد.",
            )
        board = handling_board(complaint)
        if self._board_id is not None and board != self._board_id:
            raise _refuse(
                f"complaint {complaint_id} is handled by board {board}, not {self._board_id}",
                "این شکایت به هیات دیگری ارجاع شده و در دست آن هیات است.",
            )
        return complaint

    @staticmethod
    def _check_branches(uow: UnitOfWork, constituency_code: str, codes: list[str]) -> None:
        for code in codes:
            branch = uow.branches.get(code)
            if branch is None:
                raise _refuse(f"no branch {code}", f"شعبه‌ای با کد {code} شناخته نیست.")
            if branch.constituency_code != constituency_code:
                raise _refuse(
                    f"branch {code} is not in constituency {constituency_code}",
                    f"شعبه {code} در حوزه انتخابیه این شکایت نیست.",
                )

    @staticmethod
    def _check_reports(uow: UnitOfWork, report_ids: list[str]) -> None:
        for report_id in report_ids:
            if uow.reports.get(report_id) is None:
                raise _refuse(
                    f"no observer report {report_id}",
                    "گزارش ناظری با این شناسه روی این رایانه نیست.",
                )

    def _cycle_in(self, uow: UnitOfWork) -> ElectionCycle | None:
        if self._cycle_code:
            cycle = uow.cycles.get(self._cycle_code)
            if cycle is not None:
                return cycle
        return uow.cycles.latest()

    def _filing_deadline_in(self, uow: UnitOfWork, constituency_code: str) -> date | None:
        cycle = self._cycle_in(uow)
        place = uow.geography.constituency(constituency_code)
        if cycle is None or place is None:
            return None
        try:
            return filing_deadline(
                cycle, track_of(cycle, place), self._results.get(constituency_code)
            )
        except DomainError:  # a cycle without the filing rule sets no deadline
            return None

    def _rulings_on(self, uow: UnitOfWork, complaint_id: str) -> list[Ruling]:
        rulings = [
            r
            for r in uow.rulings.for_subject(complaint_id)
            if _linked_ruling_subject(r) == complaint_id
        ]
        return sorted(rulings, key=lambda r: (r.issued_on, r.serial or 0))

    def _entry(self, uow: UnitOfWork, c: Complaint) -> ComplaintEntry:
        board_id = handling_board(c)
        board = uow.boards.get(board_id) if board_id else None
        place = uow.geography.constituency(c.constituency_code)
        cycle = self._cycle_in(uow)
        due = decision_deadline(cycle, in_iran(c.filed_at).date()) if cycle else None
        rulings = [r for r in self._rulings_on(uow, c.id) if r.status is not RulingStatus.WITHDRAWN]
        latest = rulings[-1] if rulings else None
        open_ = c.status in OPEN_STATUSES
        return ComplaintEntry(
            complaint=c,
            constituency_name=place.name if place else c.constituency_code,
            handling_board_id=board_id,
            handling_board_name=board.name if board else (board_id or ""),
            decision_due=due if open_ else None,
            days_left=days_left(due, self._today()) if open_ else None,
            ruling_id=latest.id if latest else None,
            ruling_status=latest.status if latest else None,
        )


__all__ = [
    "COMPLAINT_ID_KEY",
    "ComplaintDetail",
    "ComplaintEntry",
    "ComplaintService",
    "append_event",
    "check_decidable",
    "record_decision",
    "record_refusal",
]
