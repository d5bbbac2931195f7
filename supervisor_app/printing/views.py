"""What the documents print, as plain data (the service fills these from the store).

A sealed ruling is printed from its *signed payload* (what the members signed), not
from the editable store rows; a draft or a ruling in signing is printed from the store
and carries the "draft" watermark.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from supervisor_app.domain.boards import Board, BoardMember
from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.persian import to_persian_digits
from supervisor_app.domain.rulings import Ruling, RulingStatus

__all__ = [
    "BoardView",
    "CandidateRow",
    "CandidateView",
    "MemberLine",
    "ObserverSummaryView",
    "RulingView",
]


@dataclass(frozen=True, slots=True)
class BoardView:
    id: str
    name: str
    level: str
    parent_name: str = ""


@dataclass(frozen=True, slots=True)
class MemberLine:
    member_id: str
    full_name: str
    role: str  # MemberRole value
    vote: str | None = None  # Vote value; None: did not vote
    dissent_note: str = ""
    signed: bool = False
    signed_pdf: bool = False  # also signs the PDF (PAdES) when printed here


@dataclass(frozen=True, slots=True)
class CandidateView:
    registration_id: str
    full_name: str
    father_name: str
    national_id: str
    gender: str
    constituency: str


@dataclass(frozen=True, slots=True)
class RulingView:
    ruling_id: str
    board: BoardView
    serial: int | None
    issued_on: date
    session_at: datetime | None
    meeting_type: str
    subject: str  # RulingSubject value
    subject_ref: str
    legal_basis: tuple[LegalBasis, ...]
    reasoning: str
    decision: str
    present: tuple[MemberLine, ...]
    absent: tuple[MemberLine, ...]
    full_membership: int
    required_present: int
    required_votes: int
    objection_deadline: date | None
    objection_venue: str
    notify: tuple[str, ...]
    supersedes: str | None
    status: str  # RulingStatus value
    payload_sha256: str | None  # None until sealed
    candidate: CandidateView | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def sealed(self) -> bool:
        return self.payload_sha256 is not None

    @property
    def qr_value(self) -> str:
        """What the QR code carries: the ruling's id and the hash its members signed."""
        return f"NEZARAT-RULING:1:{self.ruling_id}:{self.payload_sha256 or 'DRAFT'}"


def ruling_view_from_payload(
    payload: dict[str, Any],
    payload_sha256: str,
    signed_members: set[str],
    *,
    status: str = RulingStatus.SEALED.value,
    parent_name: str = "",
    candidate: CandidateView | None = None,
) -> RulingView:
    """The view of a sealed ruling from its signed payload."""
    votes = {v["member_id"]: v for v in payload["votes"]}

    def line(row: dict[str, Any]) -> MemberLine:
        vote = votes.get(row["member_id"])
        return MemberLine(
            row["member_id"], row["full_name"], row["role"],
            vote["vote"] if vote else None, vote["dissent_note"] if vote else "",
            signed=row["member_id"] in signed_members,
        )

    board = payload["board"]
    deadline = payload["objection"]["deadline"]
    quorum = payload["quorum"]
    return RulingView(
        ruling_id=payload["ruling_id"],
        board=BoardView(board["id"], board["name"], board["level"], parent_name),
        serial=payload["serial"],
        issued_on=date.fromisoformat(payload["issued_on"]),
        session_at=datetime.fromisoformat(payload["session_at"]),
        meeting_type=payload["meeting_type"],
        subject=payload["subject"]["kind"],
        subject_ref=payload["subject"]["ref"],
        legal_basis=tuple(LegalBasis(b["article"], b["clause"]) for b in payload["legal_basis"]),
        reasoning=payload["reasoning"],
        decision=payload["decision"],
        present=tuple(line(r) for r in payload["present"]),
        absent=tuple(line(r) for r in payload["absent"]),
        full_membership=quorum["full_membership"],
        required_present=quorum["required_present"],
        required_votes=quorum["required_votes"],
        objection_deadline=date.fromisoformat(deadline) if deadline else None,
        objection_venue=payload["objection"]["venue"],
        notify=tuple(payload["notify"]),
        supersedes=payload["supersedes"],
        status=status,
        payload_sha256=payload_sha256,
        candidate=candidate,
        extra=dict(payload["extra"]),
    )


def ruling_view_from_draft(
    ruling: Ruling,
    board: Board,
    roster: list[BoardMember],
    *,
    parent_name: str = "",
    candidate: CandidateView | None = None,
) -> RulingView:
    """The view of a ruling that is not sealed yet (printed with the draft watermark)."""
    people = {m.id: m for m in roster}
    votes = {v.member_id: v for v in ruling.votes}

    def line(member_id: str) -> MemberLine:
        member = people.get(member_id)
        vote = votes.get(member_id)
        return MemberLine(
            member_id, member.full_name if member else member_id,
            member.role.value if member else "member",
            vote.vote.value if vote else None, vote.dissent_note if vote else "",
        )

    deadline = ruling.extra.get("objection_deadline")
    rule = board.quorum
    return RulingView(
        ruling_id=ruling.id,
        board=BoardView(board.id, board.name, board.level.value, parent_name),
        serial=ruling.serial,
        issued_on=ruling.issued_on,
        session_at=None,
        meeting_type=ruling.meeting_type,
        subject=ruling.subject.value,
        subject_ref=ruling.subject_ref,
        legal_basis=ruling.legal_basis,
        reasoning=ruling.reasoning,
        decision=ruling.decision,
        present=tuple(line(m) for m in ruling.present_member_ids),
        absent=tuple(line(m) for m in ruling.absent_member_ids),
        full_membership=rule.full_membership,
        required_present=rule.required_present,
        required_votes=rule.required_votes,
        objection_deadline=date.fromisoformat(deadline) if deadline else None,
        objection_venue=ruling.extra.get("objection_venue", ""),
        notify=tuple(n for n in ruling.extra.get("notify", "").splitlines() if n.strip()),
        supersedes=ruling.supersedes_id,
        status=ruling.status.value,
        payload_sha256=None,
        candidate=candidate,
        extra=dict(ruling.extra),
    )


@dataclass(frozen=True, slots=True)
class CandidateRow:
    last_name: str
    first_name: str
    father_name: str
    registration_id: str


@dataclass(frozen=True, slots=True)
class SessionItemLine:
    subject: str
    candidate: str  # name (registration id)
    proposal: str  # the decision text proposed
    approve: int
    reject: int
    abstain: int
    carried: bool
    ruling_serial: int | None


@dataclass(frozen=True, slots=True)
class MinutesView:
    session_id: str
    board: BoardView
    held_on: date
    meeting_type: str
    status: str
    present: tuple[MemberLine, ...]
    absent: tuple[MemberLine, ...]
    full_membership: int
    required_present: int
    items: tuple[SessionItemLine, ...]


@dataclass(frozen=True, slots=True)
class CandidateListView:
    constituency_code: str
    constituency_name: str
    county_name: str
    seats: int
    board: BoardView | None
    cycle_title: str
    candidates: tuple[CandidateRow, ...]  # already in Persian alphabetical order
    published_on: date


@dataclass(frozen=True, slots=True)
class ReportLine:
    observed_at: datetime
    branch_code: str
    constituency: str
    category: str
    severity: str
    description: str


@dataclass(frozen=True, slots=True)
class ObserverSummaryView:
    county_code: str
    county_name: str
    province_name: str
    board: BoardView | None
    constituencies: tuple[tuple[str, int, int, int, int], ...]  # name, branches, with, n, crit
    by_category: tuple[tuple[str, dict[str, int]], ...]  # category → severity → count
    serious: tuple[ReportLine, ...]  # high and critical, oldest first
    total: int
    first_at: datetime | None
    last_at: datetime | None
    printed_on: date
    serious_limit: int = 300


def ruling_title(view: RulingView) -> str:
    """The PDF title of a ruling: its number and board."""
    number = str(view.serial) if view.serial is not None else "—"
    return f"رأی شمارهٔ {to_persian_digits(number)} — {view.board.name}"
