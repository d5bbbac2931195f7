"""Rulings from draft to sealed: frozen payload, members' signatures, seal, ledger, outbox.

The life of a ruling here::

    DRAFT ──start_signing──▶ SIGNING ──sign × present members──▶ seal ──▶ SEALED
      ▲                         │                                    └──▶ AWAITING_APPROVAL
      └──── return_to_draft ────┘   (signatures discarded)              (county annulments)

* ``start_signing`` allocates the board's next serial number and ledger position and
  freezes the payload (``signing.bundle.ruling_payload``) as its exact canonical JSON
  text, with its hash, in one unit of work. Votes and dissent notes are inside it.
  One ruling per board is in signing at a time: the payload names its ledger position,
  so two concurrent ones could never both be sealed. A ruling that goes back to draft
  gives its serial back, so sealed serials have no gaps.
* ``sign``: a present member unlocks their own key with their passphrase and signs the
  frozen bytes. A wrong passphrase raises ``WrongPassphrase`` before anything is signed
  or written. The signature is checked (chain, revocation, board, role) before it is
  stored, so a signature that would not count is refused at once.
* ``seal`` (automatic once every present member signed, or asked for by a member when
  the quorum is there): ``seal_ruling`` verifies strictly against the trust store, the
  board's quorum rule, roster and ledger; then, in ONE unit of work, the bundle is
  stored, the ledger entry appended and its head signed by the sealing member, the
  status moved (a superseded ruling too), an audit event recorded and an outbox item
  (kind RULING, ``{"bundle": <canonical JSON text>}``) written. If any step fails,
  nothing of it is written.
* Corrections: ``draft_correction`` makes a new draft that supersedes a sealed ruling of
  the same board; sealing it marks the old one SUPERSEDED, and its signed payload says
  ``"supersedes": <old id>``.
* Annulments by a board other than the central one are sealed as AWAITING_APPROVAL; a
  sealed central-board ruling whose ``extra`` has ``approves`` = that ruling's id (and
  ``approval`` = ``approved``, the default, or ``refused``) moves it to SEALED (or
  SUPERSEDED; the complaint it decided then reopens at its board, see
  ``complaints.record_refusal``).

Draft ``extra`` keys read when signing starts: ``objection_deadline`` (ISO date),
``objection_venue`` and ``notify`` (one recipient per line).
"""

from __future__ import annotations

import base64
import dataclasses
import json
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from cryptography import x509

from ..domain.boards import Board, BoardLevel, BoardMember
from ..domain.candidates import LegalBasis
from ..domain.canonical import canonical_json
from ..domain.errors import DomainError
from ..domain.outbox import OutboxItem, OutboxKind
from ..domain.rulings import (
    APPROVAL_KEY,
    APPROVES_KEY,
    ComplaintOutcome,
    MemberVote,
    Ruling,
    RulingStatus,
    RulingSubject,
    Vote,
    annulment_needs_approval,
)
from ..signing.bundle import (
    MalformedBundle,
    MemberSignature,
    assemble_bundle,
    ledger_entry_for,
    parse_bundle,
    ruling_hash,
    ruling_payload,
    seal_ruling,
    sign_payload,
    verify_bundle,
)
from ..signing.errors import LedgerError, NoTrustAnchor, NotSealed, ReplayedRuling, SigningError
from ..signing.keys import Signer
from ..signing.ledger import AuditPosition, Ledger, LedgerEntry, load_ledger, verify_ledger
from ..signing.openssl_export import export_for_openssl
from ..signing.pki import binding_of, cert_pem
from ..signing.report import Check, LedgerReport, VerificationReport
from ..signing.requests import (
    build_signature_response,
    build_signing_request,
    parse_signature_response,
    parse_signing_request,
)
from ..store import NotFound, Store, UnitOfWork
from ..store.repositories.signing import (
    SealedRecord,
    SigningPayload,
    StoredHead,
    StoredLedgerEntry,
    StoredSignature,
)
from .audit_heads import device_id_in, queue_signed_head, signed_head_of
from .certificates import anchor_in, crl_pems_in
from .complaints import COMPLAINT_ID_KEY, check_decidable, record_decision, record_refusal
from .members import MemberKeyService

Clock = Callable[[], datetime]
_APPROVES = APPROVES_KEY
_APPROVAL = APPROVAL_KEY
# The decision written in a complaint ruling unless the board words its own (signed data).
COMPLAINT_DECISIONS: dict[ComplaintOutcome, str] = {
    ComplaintOutcome.DISMISSED: "شکایت وارد نیست و رد می‌شود.",
    ComplaintOutcome.UPHELD: "شکایت وارد است و پذیرفته می‌شود.",
    ComplaintOutcome.RECOUNT: "آرای شعب موضوع شکایت بازشماری شود.",
    ComplaintOutcome.ANNULMENT: "انتخابات شعب و صندوق‌های نام‌برده ابطال می‌شود.",
    ComplaintOutcome.JUDICIAL_REFERRAL: "موضوع برای رسیدگی به مرجع قضایی ارجاع می‌شود.",
}
APPROVAL_DECISIONS: dict[bool, str] = {
    True: "ابطال مورد تأیید هیات مرکزی نظارت است و قطعی می‌شود.",
    False: "ابطال مورد تأیید هیات مرکزی نظارت نیست.",
}


def utc_now() -> datetime:
    return datetime.now(UTC)


class RulingError(SigningError):
    """The service refused an operation on a ruling; English and Persian messages."""

    def __init__(self, message: str, message_fa: str) -> None:
        super().__init__(message)
        self.message_fa = message_fa


class UnsupportedDocument(RulingError):
    """A file ``verify`` cannot check (yet), e.g. a ruling PDF."""


class BundleRejected(RulingError):
    """A bundle failed verification on import; ``report`` lists every failed check."""

    def __init__(self, report: VerificationReport) -> None:
        super().__init__(
            "; ".join(c.message_en for c in report.failures),
            "؛ ".join(c.message_fa for c in report.failures),
        )
        self.report = report


# --- read models -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RulingListItem:
    """One row of the rulings list."""

    id: str
    board_id: str
    board_name: str
    serial: int | None
    issued_on: date
    subject: RulingSubject
    subject_ref: str
    decision: str
    status: RulingStatus
    present: int
    signed: int
    required_present: int
    supersedes_id: str | None


@dataclass(frozen=True, slots=True)
class SignerState:
    member_id: str
    full_name: str
    role: str
    vote: Vote | None
    dissent_note: str
    signed: bool


@dataclass(frozen=True, slots=True)
class SigningStatus:
    """Who is present, how each voted, who has signed, and whether the seal can be made."""

    ruling: Ruling
    board: Board
    payload_sha256: str | None
    signers: tuple[SignerState, ...]
    required_present: int
    required_votes: int

    @property
    def signed(self) -> int:
        return sum(1 for s in self.signers if s.signed)

    @property
    def approving_signed(self) -> int:
        return sum(1 for s in self.signers if s.signed and s.vote is Vote.APPROVE)

    @property
    def quorum_reached(self) -> bool:
        """Enough signatures and signed approving votes to seal (validity checked at seal)."""
        return self.signed >= self.required_present and (
            self.approving_signed >= self.required_votes
        )

    @property
    def everyone_signed(self) -> bool:
        return bool(self.signers) and all(s.signed for s in self.signers)

    def unsigned(self) -> list[SignerState]:
        return [s for s in self.signers if not s.signed]


@dataclass(frozen=True, slots=True)
class SealResult:
    ruling_id: str
    status: RulingStatus
    serial: int
    ledger_seq: int
    payload_sha256: str
    signers: tuple[str, ...]
    superseded_id: str | None
    approved_id: str | None


@dataclass(frozen=True, slots=True)
class SignResult:
    ruling_id: str
    member_id: str
    signed: int
    present: int
    required_present: int
    sealed: SealResult | None
    not_sealed: VerificationReport | None  # why an automatic seal did not happen

    @property
    def status(self) -> RulingStatus:
        return self.sealed.status if self.sealed else RulingStatus.SIGNING


@dataclass(frozen=True, slots=True)
class VerifyOutcome:
    """``report`` is the bundle's own verification; ``ok`` adds that its inclusion in the
    board's ledger was checked (a ruling outside the ledger is not a valid ruling)."""

    report: VerificationReport
    ledger_report: LedgerReport | None
    ledger_source: str  # "file", "workstation" or "none" (inclusion not checked)
    notes: tuple[tuple[str, str], ...]  # (English, Persian) remarks that are not failures

    @property
    def ledger_checked(self) -> bool:
        return self.ledger_source != "none"

    @property
    def ok(self) -> bool:
        return (
            self.report.ok
            and self.ledger_checked
            and (self.ledger_report is None or self.ledger_report.ok)
        )

    @property
    def failures(self) -> list[Check]:
        extra = self.ledger_report.failures if self.ledger_report else []
        # Only for a readable bundle: for anything else "give --ledger" would mislead.
        if not self.ledger_checked and self.report.ruling_id is not None:
            extra = [*extra, Check.fail("ledger_not_checked")]
        return [*self.report.failures, *extra]


# --- helpers ---------------------------------------------------------------------------


def needs_central_approval(ruling: Ruling, board: Board) -> bool:
    """Annulling a box, branch or constituency needs the central board's approval."""
    return annulment_needs_approval(ruling.subject.value, ruling.extra, board.level)


def ruling_from_payload(payload: dict[str, Any], status: RulingStatus) -> Ruling:
    """The domain ruling a (verified) signed payload describes."""
    return Ruling(
        id=payload["ruling_id"],
        board_id=payload["board"]["id"],
        serial=payload["serial"],
        issued_on=date.fromisoformat(payload["issued_on"]),
        subject=RulingSubject(payload["subject"]["kind"]),
        subject_ref=payload["subject"]["ref"],
        legal_basis=tuple(LegalBasis(b["article"], b["clause"]) for b in payload["legal_basis"]),
        reasoning=payload["reasoning"],
        decision=payload["decision"],
        present_member_ids=tuple(r["member_id"] for r in payload["present"]),
        absent_member_ids=tuple(r["member_id"] for r in payload["absent"]),
        votes=tuple(
            MemberVote(v["member_id"], Vote(v["vote"]), v["dissent_note"]) for v in payload["votes"]
        ),
        supersedes_id=payload["supersedes"],
        status=status,
        meeting_type=payload["meeting_type"],
        extra=dict(payload["extra"]),
    )


def _ledger_in(uow: UnitOfWork, board_id: str) -> Ledger:
    # Ledger() re-checks every link, so a store edited behind the app's back fails here.
    return Ledger(
        board_id,
        (
            LedgerEntry(e.board_id, e.seq, e.ruling_id, e.ruling_hash, e.prev, e.hash)
            for e in uow.signing.ledger(board_id)
        ),
    )


def _stored_signature(row: StoredSignature) -> MemberSignature:
    return MemberSignature(row.member_id, row.certificate, base64.b64decode(row.signature))


def _approving(present: Sequence[str], roster: dict[str, BoardMember]) -> list[MemberVote]:
    """Every present voting member approving (alternates vote only in a session)."""
    return [MemberVote(m, Vote.APPROVE) for m in present if m in roster and roster[m].votes]


def _err(en: str, fa: str) -> RulingError:
    return RulingError(en, fa)


class RulingService:
    def __init__(
        self,
        store: Store,
        members: MemberKeyService,
        *,
        now: Clock = utc_now,
        actor: str = "workstation",
    ) -> None:
        self._store = store
        self._members = members
        self._now = now
        self._actor = actor

    # --- reading ----------------------------------------------------------------------

    def get(self, ruling_id: str) -> Ruling | None:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.rulings.get(ruling_id)

    def list_rulings(
        self, *, board_id: str | None = None, limit: int = 500
    ) -> list[RulingListItem]:
        """Rulings, newest first, with how many present members have signed."""
        with self._store.unit_of_work(read_only=True) as uow:
            rulings = uow.rulings.recent(limit, board_id=board_id)
            counts = uow.signing.signature_counts([r.id for r in rulings])
            boards: dict[str, Board | None] = {}
            items = []
            for r in rulings:
                if r.board_id not in boards:
                    boards[r.board_id] = uow.boards.get(r.board_id)
                board = boards[r.board_id]
                items.append(
                    RulingListItem(
                        r.id,
                        r.board_id,
                        board.name if board else r.board_id,
                        r.serial,
                        r.issued_on,
                        r.subject,
                        r.subject_ref,
                        r.decision,
                        r.status,
                        len(r.present_member_ids),
                        counts.get(r.id, 0),
                        board.quorum.required_present if board else 0,
                        r.supersedes_id,
                    )
                )
            return items

    def signing_status(self, ruling_id: str) -> SigningStatus:
        with self._store.unit_of_work(read_only=True) as uow:
            return self._status_in(uow, ruling_id)

    def member_uses_token(self, member_id: str) -> bool:
        """Whether the member signs with a hardware token: the secret asked is its PIN."""
        return self._members.uses_token(member_id)

    def _status_in(self, uow: UnitOfWork, ruling_id: str) -> SigningStatus:
        ruling, board = self._ruling_and_board(uow, ruling_id)
        roster = {m.id: m for m in uow.boards.members(board.id)}
        frozen = uow.signing.signing_payload(ruling_id)
        signed = {s.member_id for s in uow.signing.signatures(ruling_id)}
        votes = {v.member_id: v for v in ruling.votes}
        signers = []
        for member_id in ruling.present_member_ids:
            member = roster.get(member_id)
            vote = votes.get(member_id)
            signers.append(
                SignerState(
                    member_id,
                    member.full_name if member else member_id,
                    member.role.value if member else "",
                    vote.vote if vote else None,
                    vote.dissent_note if vote else "",
                    member_id in signed,
                )
            )
        return SigningStatus(
            ruling,
            board,
            frozen.payload_sha256 if frozen else None,
            tuple(signers),
            board.quorum.required_present,
            board.quorum.required_votes,
        )

    # --- drafts -----------------------------------------------------------------------

    def create_draft(self, ruling: Ruling) -> Ruling:
        """Store a new draft (sessions normally do this through the repository)."""
        if ruling.status is not RulingStatus.DRAFT or ruling.serial is not None:
            raise _err(
                "a new ruling starts as a draft without a serial number",
                "رأی تازه باید پیش‌نویس و بدون شماره باشد.",
            )
        with self._store.unit_of_work() as uow:
            if uow.rulings.get(ruling.id) is not None:
                raise _err(f"ruling {ruling.id} already exists", "این رأی پیش‌تر ثبت شده است.")
            self._check_people(uow, ruling)
            uow.rulings.add(ruling)
            uow.audit.append(
                self._actor,
                "ruling.drafted",
                ruling.id,
                {"board_id": ruling.board_id, "supersedes": ruling.supersedes_id},
                at=self._now(),
            )
        return ruling

    def update_draft(self, ruling: Ruling) -> Ruling:
        """Replace a draft's content; a ruling in signing or sealed is refused."""
        with self._store.unit_of_work() as uow:
            stored = uow.rulings.get(ruling.id)
            if stored is None:
                raise NotFound(f"ruling {ruling.id} does not exist")
            self._ensure_draft(stored)
            if ruling.status is not RulingStatus.DRAFT or ruling.serial is not None:
                raise _err(
                    "a draft keeps status draft and no serial number",
                    "پیش‌نویس باید بی‌شماره و در وضعیت پیش‌نویس بماند.",
                )
            if ruling.board_id != stored.board_id:
                raise _err(
                    "a draft cannot move to another board", "پیش‌نویس را نمی‌توان به هیات دیگری برد."
                )
            self._check_people(uow, ruling)
            uow.rulings.add(ruling)
        return ruling

    def record_vote(
        self, ruling_id: str, member_id: str, vote: Vote, dissent_note: str = ""
    ) -> Ruling:
        """Record (or change) a present member's vote and dissent on a draft."""
        with self._store.unit_of_work() as uow:
            ruling, _ = self._ruling_and_board(uow, ruling_id)
            self._ensure_draft(ruling)
            if member_id not in ruling.present_member_ids:
                raise _err(
                    f"{member_id} is not listed as present",
                    f"{member_id} در فهرست حاضران جلسه نیست.",
                )
            votes = [v for v in ruling.votes if v.member_id != member_id]
            votes.append(MemberVote(member_id, vote, dissent_note))
            order = {m: i for i, m in enumerate(ruling.present_member_ids)}
            ruling.votes = tuple(sorted(votes, key=lambda v: order[v.member_id]))
            uow.rulings.add(ruling)
            return ruling

    def withdraw(self, ruling_id: str) -> None:
        """Abandon a draft (it stays on record as withdrawn)."""
        with self._store.unit_of_work() as uow:
            ruling, _ = self._ruling_and_board(uow, ruling_id)
            self._ensure_draft(ruling)
            ruling.move_to(RulingStatus.WITHDRAWN)
            uow.rulings.set_status(ruling.id, ruling.status)
            uow.audit.append(self._actor, "ruling.withdrawn", ruling.id, {}, at=self._now())

    def draft_correction(self, ruling_id: str, **changes: Any) -> Ruling:
        """A new draft that supersedes sealed ruling ``ruling_id`` (content copied, then
        ``changes`` applied: reasoning, decision, legal_basis, votes, ...)."""
        forbidden = {"id", "board_id", "serial", "status", "supersedes_id"} & changes.keys()
        if forbidden:
            raise _err(
                f"a correction cannot set {', '.join(sorted(forbidden))}",
                "این ویژگی‌ها را در اصلاحیه نمی‌توان تعیین کرد.",
            )
        with self._store.unit_of_work(read_only=True) as uow:
            old, _ = self._ruling_and_board(uow, ruling_id)
            self._check_supersedable(uow, old, old.board_id)
        changes.setdefault("issued_on", self._now().date())
        changes.setdefault("extra", dict(old.extra))
        new = dataclasses.replace(
            old,
            id=str(uuid.uuid4()),
            serial=None,
            status=RulingStatus.DRAFT,
            supersedes_id=old.id,
            **changes,
        )
        return self.create_draft(new)

    def draft_complaint_ruling(
        self,
        complaint_id: str,
        outcome: ComplaintOutcome,
        *,
        board_id: str,
        reasoning: str,
        legal_basis: Sequence[LegalBasis],
        present_member_ids: Sequence[str],
        absent_member_ids: Sequence[str] | None = None,
        votes: Sequence[MemberVote] | None = None,
        decision: str | None = None,
        annulled_branches: Sequence[str] = (),
        annulled_boxes: Sequence[str] = (),
        issued_on: date | None = None,
        meeting_type: str = "regular",
    ) -> Ruling:
        """A draft ruling of ``board_id`` deciding a complaint it now handles.

        An annulment (of the branches or ballot boxes named, by default the complaint's
        branches) has subject ANNULMENT and, from a board below the central one, seals as
        AWAITING_APPROVAL. ``absent_member_ids`` default to the board's other active
        members, ``votes`` to every present voting member approving.
        """
        outcome = ComplaintOutcome(outcome)
        if not reasoning.strip():
            raise _err("a ruling needs its reasoning", "دلایل و مستندات رأی را بنویسید.")
        with self._store.unit_of_work(read_only=True) as uow:
            complaint = check_decidable(uow, complaint_id, board_id)
            roster = {m.id: m for m in uow.boards.members(board_id, active_only=True)}
            branches = [b for b in annulled_branches if b.strip()]
            boxes = [b for b in annulled_boxes if b.strip()]
            if outcome is ComplaintOutcome.ANNULMENT:
                if not branches and not boxes:
                    branches = list(complaint.branch_codes)
                if not branches and not boxes:
                    raise _err(
                        "name the branches or ballot boxes the annulment concerns",
                        "شعبه‌ها یا صندوق‌هایی را که ابطال می‌شوند مشخص کنید.",
                    )
                unknown = [b for b in branches if uow.branches.get(b) is None]
                if unknown:
                    raise _err(
                        f"unknown branches: {', '.join(unknown)}",
                        "برخی از شعبه‌های نام‌برده شناخته نیستند.",
                    )
        present = tuple(dict.fromkeys(present_member_ids))
        absent = tuple(
            absent_member_ids
            if absent_member_ids is not None
            else [m for m in roster if m not in present]
        )
        if votes is None:
            votes = _approving(present, roster)
        extra = {"outcome": outcome.value, COMPLAINT_ID_KEY: complaint_id}
        if outcome is ComplaintOutcome.ANNULMENT:
            if branches:
                extra["annulled_branches"] = "\n".join(branches)
            if boxes:
                extra["annulled_boxes"] = "\n".join(boxes)
        ruling = Ruling(
            id=str(uuid.uuid4()),
            board_id=board_id,
            serial=None,
            issued_on=issued_on or self._now().date(),
            subject=RulingSubject.ANNULMENT
            if outcome is ComplaintOutcome.ANNULMENT
            else RulingSubject.COMPLAINT,
            subject_ref=complaint_id,
            legal_basis=tuple(legal_basis),
            reasoning=reasoning.strip(),
            decision=(decision or "").strip() or COMPLAINT_DECISIONS[outcome],
            present_member_ids=present,
            absent_member_ids=absent,
            votes=tuple(votes),
            meeting_type=meeting_type,
            extra=extra,
        )
        return self.create_draft(ruling)

    def draft_annulment_approval(
        self,
        annulment_id: str,
        *,
        board_id: str,
        approve: bool,
        reasoning: str,
        legal_basis: Sequence[LegalBasis] = (),
        present_member_ids: Sequence[str],
        votes: Sequence[MemberVote] | None = None,
        issued_on: date | None = None,
    ) -> Ruling:
        """A central-board draft approving (or refusing) an annulment awaiting approval;
        sealing it makes the annulment final (or supersedes it)."""
        if not reasoning.strip():
            raise _err("a ruling needs its reasoning", "دلایل و مستندات رأی را بنویسید.")
        with self._store.unit_of_work(read_only=True) as uow:
            board = uow.boards.get(board_id)
            if board is None or board.level is not BoardLevel.CENTRAL:
                raise _err(
                    "only the central board approves annulments",
                    "تأیید ابطال فقط با هیات مرکزی نظارت است.",
                )
            target = uow.rulings.get(annulment_id)
            if target is None or target.status is not RulingStatus.AWAITING_APPROVAL:
                raise _err(
                    f"ruling {annulment_id} is not an annulment awaiting approval here",
                    "این رأی ابطالِ در انتظار تأیید نیست (یا هنوز به این رایانه نرسیده است).",
                )
            roster = {m.id: m for m in uow.boards.members(board_id, active_only=True)}
        present = tuple(dict.fromkeys(present_member_ids))
        if votes is None:
            votes = _approving(present, roster)
        ruling = Ruling(
            id=str(uuid.uuid4()),
            board_id=board_id,
            serial=None,
            issued_on=issued_on or self._now().date(),
            subject=RulingSubject.ANNULMENT,
            subject_ref=annulment_id,
            legal_basis=tuple(legal_basis),
            reasoning=reasoning.strip(),
            decision=APPROVAL_DECISIONS[approve],
            present_member_ids=present,
            absent_member_ids=tuple(m for m in roster if m not in present),
            votes=tuple(votes),
            extra={_APPROVES: annulment_id, _APPROVAL: "approved" if approve else "refused"},
        )
        return self.create_draft(ruling)

    # --- signing ----------------------------------------------------------------------

    def start_signing(
        self,
        ruling_id: str,
        *,
        objection_deadline: date | None = None,
        objection_venue: str | None = None,
        notify: Sequence[str] | None = None,
    ) -> SigningStatus:
        """Allocate the serial and ledger position and freeze the payload (hash computed once)."""
        now = self._now()
        with self._store.unit_of_work() as uow:
            ruling, board = self._ruling_and_board(uow, ruling_id)
            if ruling.status is not RulingStatus.DRAFT:
                raise _err(
                    f"ruling {ruling_id} is {ruling.status.value}; only a draft can be signed",
                    "فقط پیش‌نویس را می‌توان برای امضا آماده کرد.",
                )
            busy = [r for r in uow.signing.rulings_in_signing(board.id) if r != ruling_id]
            if busy:
                raise _err(
                    f"ruling {busy[0]} of board {board.id} is being signed; seal it or return "
                    "it to draft first (each ruling takes the next place in the board's ledger)",
                    "رأی دیگری از این هیات در حال امضاست؛ نخست آن را مهر کنید یا به پیش‌نویس "
                    "برگردانید.",
                )
            if not ruling.present_member_ids:
                raise _err("no member is listed as present", "هیچ عضوی حاضر ثبت نشده است.")
            self._check_people(uow, ruling)
            if ruling.supersedes_id is not None:
                old = uow.rulings.get(ruling.supersedes_id)
                if old is None:
                    raise NotFound(f"ruling {ruling.supersedes_id} does not exist")
                self._check_supersedable(uow, old, board.id)
            roster = uow.boards.members(board.id)
            ledger = _ledger_in(uow, board.id)
            ruling.serial = uow.rulings.next_serial(board.id)
            ruling.move_to(RulingStatus.SIGNING)
            extra = ruling.extra
            deadline = objection_deadline or (
                date.fromisoformat(extra["objection_deadline"])
                if extra.get("objection_deadline")
                else None
            )
            try:
                payload = ruling_payload(
                    ruling,
                    board,
                    roster,
                    session_at=now,
                    ledger_seq=ledger.next_seq,
                    prev_ledger_hash=ledger.head_hash,
                    objection_deadline=deadline,
                    objection_venue=objection_venue
                    if objection_venue is not None
                    else extra.get("objection_venue", ""),
                    notify=list(notify)
                    if notify is not None
                    else [n for n in extra.get("notify", "").splitlines() if n.strip()],
                )
            except SigningError as exc:
                raise _err(str(exc), "این رأی را نمی‌توان برای امضا آماده کرد.") from exc
            digest = ruling_hash(payload)
            uow.rulings.add(ruling)
            uow.signing.freeze(
                SigningPayload(ruling.id, canonical_json(payload).decode("utf-8"), digest, now)
            )
            uow.audit.append(
                self._actor,
                "ruling.signing_started",
                ruling.id,
                {
                    "board_id": board.id,
                    "serial": ruling.serial,
                    "payload_sha256": digest,
                    "ledger_seq": ledger.next_seq,
                },
                at=now,
            )
            return self._status_in(uow, ruling_id)

    def return_to_draft(self, ruling_id: str, reason: str) -> None:
        """Stop signing: signatures are discarded and the serial is given back."""
        with self._store.unit_of_work() as uow:
            ruling, _ = self._ruling_and_board(uow, ruling_id)
            if ruling.status is not RulingStatus.SIGNING:
                raise _err(
                    f"ruling {ruling_id} is {ruling.status.value}, not in signing",
                    "این رأی در حال امضا نیست.",
                )
            discarded = len(uow.signing.signatures(ruling_id))
            uow.signing.unfreeze(ruling_id)
            ruling.move_to(RulingStatus.DRAFT)
            ruling.serial = None
            uow.rulings.add(ruling)
            uow.audit.append(
                self._actor,
                "ruling.returned_to_draft",
                ruling_id,
                {"reason": reason, "signatures_discarded": discarded},
                at=self._now(),
            )

    def frozen_payload(self, ruling_id: str) -> dict[str, Any]:
        with self._store.unit_of_work(read_only=True) as uow:
            return self._payload_in(uow, ruling_id)

    def sign(
        self,
        ruling_id: str,
        member_id: str,
        passphrase: str,
        *,
        expected_vote: Vote | None = None,
        auto_seal: bool = True,
        start_if_draft: bool = False,
    ) -> SignResult:
        """One present member signs with their own key; seals once everyone present signed.

        ``expected_vote`` is the vote the member means to sign; a frozen payload that
        records another vote for them is refused (nothing is signed). ``start_if_draft``
        freezes a draft first, once the passphrase has proved right.
        """
        if start_if_draft:
            draft = self.get(ruling_id)
            if draft is not None and draft.status is RulingStatus.DRAFT:
                if member_id not in draft.present_member_ids:
                    raise _err(
                        f"{member_id} is not listed as present in ruling {ruling_id}",
                        f"{member_id} در فهرست حاضران این جلسه نیست و نمی‌تواند امضا کند.",
                    )
                # A mistyped passphrase must not freeze the draft as a side effect.
                self._members.signer(member_id, passphrase)
                self.start_signing(ruling_id)
        with self._store.unit_of_work(read_only=True) as uow:
            payload = self._payload_in(uow, ruling_id)
            self._check_may_sign(uow, payload, member_id, expected_vote)
        # Unlocking is the slow, interactive part: outside any write transaction.
        signer = self._members.signer(member_id, passphrase)
        signature = sign_payload(payload, member_id, signer)
        return self._store_signature(payload, signature, head_signer=signer if auto_seal else None)

    def seal(self, ruling_id: str, member_id: str, passphrase: str) -> SealResult:
        """Seal a ruling in signing; ``member_id`` (a current board member) signs the ledger
        head. ``NotSealed`` (with the report) when signatures or quorum fall short."""
        signer = self._members.signer(member_id, passphrase)
        with self._store.unit_of_work() as uow:
            return self._seal_in(uow, ruling_id, signer, member_id)

    # Signing away from the board's workstation -------------------------------------

    def signing_request(self, ruling_id: str) -> bytes:
        """The frozen payload as a file for a member who signs on their own workstation."""
        return build_signing_request(self.frozen_payload(ruling_id))

    def sign_request(self, request: bytes, member_id: str, passphrase: str) -> bytes:
        """On the member's workstation: sign a request; returns the signature file."""
        payload = parse_signing_request(request)
        if member_id not in {r["member_id"] for r in payload["present"]}:
            raise _err(
                f"{member_id} is not listed as present in this ruling",
                f"{member_id} در فهرست حاضران این رأی نیست.",
            )
        signer = self._members.signer(member_id, passphrase)
        if binding_of(signer.certificate).board_id != payload["board"]["id"]:
            raise _err(
                f"{member_id}'s certificate is for another board than {payload['board']['id']}",
                "گواهی این عضو برای هیات دیگری است.",
            )
        signature = sign_payload(payload, member_id, signer)
        with self._store.unit_of_work() as uow:
            uow.audit.append(
                member_id,
                "ruling.signed_remotely",
                payload["ruling_id"],
                {"payload_sha256": ruling_hash(payload)},
                at=self._now(),
            )
        return build_signature_response(payload, signature)

    def add_signature(self, response: bytes) -> SignResult:
        """On the board's workstation: add a signature made on a member's own workstation."""
        ruling_id, digest, signature = parse_signature_response(response)
        with self._store.unit_of_work(read_only=True) as uow:
            payload = self._payload_in(uow, ruling_id)
            if ruling_hash(payload) != digest:
                raise _err(
                    "the signature is for another version of this ruling",
                    "این امضا برای نسخهٔ دیگری از این رأی است.",
                )
            self._check_may_sign(uow, payload, signature.member_id, None)
        return self._store_signature(payload, signature, head_signer=None)

    def _check_may_sign(
        self,
        uow: UnitOfWork,
        payload: dict[str, Any],
        member_id: str,
        expected_vote: Vote | None,
    ) -> None:
        ruling_id = payload["ruling_id"]
        if member_id not in {r["member_id"] for r in payload["present"]}:
            raise _err(
                f"{member_id} is not listed as present in ruling {ruling_id}",
                f"{member_id} در فهرست حاضران این جلسه نیست و نمی‌تواند امضا کند.",
            )
        if any(s.member_id == member_id for s in uow.signing.signatures(ruling_id)):
            raise _err(
                f"{member_id} has already signed ruling {ruling_id}",
                f"{member_id} این رأی را پیش‌تر امضا کرده است.",
            )
        if expected_vote is not None:
            recorded = next(
                (v["vote"] for v in payload["votes"] if v["member_id"] == member_id), None
            )
            if recorded != expected_vote.value:
                raise _err(
                    f"the ruling records {member_id}'s vote as {recorded or 'none'}, not "
                    f"{expected_vote.value}; return it to draft to correct the vote",
                    "رأیِ ثبت‌شدهٔ شما در متن رأی با آنچه می‌خواهید امضا کنید یکی نیست؛ "
                    "رأی را به پیش‌نویس برگردانید و اصلاح کنید.",
                )

    def _store_signature(
        self, payload: dict[str, Any], signature: MemberSignature, head_signer: Signer | None
    ) -> SignResult:
        ruling_id = payload["ruling_id"]
        member_id = signature.member_id
        digest = ruling_hash(payload)
        now = self._now()
        with self._store.unit_of_work() as uow:
            # Re-read inside the write lock: the ruling may have changed meanwhile.
            current = self._payload_in(uow, ruling_id)
            if ruling_hash(current) != digest:
                raise _err(
                    "the ruling changed while it was being signed; sign it again",
                    "متن رأی هنگام امضا تغییر کرد؛ دوباره امضا کنید.",
                )
            self._check_may_sign(uow, current, member_id, None)
            problems = self._signature_problems(uow, payload, signature, now)
            if problems:
                raise RulingError(
                    f"the signature of {member_id} would not count: "
                    + "; ".join(c.message_en for c in problems),
                    "؛ ".join(c.message_fa for c in problems),
                )
            uow.signing.add_signature(
                StoredSignature(
                    ruling_id,
                    member_id,
                    digest,
                    signature.certificate_pem,
                    base64.b64encode(signature.signature).decode("ascii"),
                    now,
                )
            )
            vote = next((v for v in payload["votes"] if v["member_id"] == member_id), None)
            uow.audit.append(
                member_id,
                "ruling.signed",
                ruling_id,
                {"payload_sha256": digest, "vote": vote["vote"] if vote else None},
                at=now,
            )
            status = self._status_in(uow, ruling_id)
            sealed: SealResult | None = None
            not_sealed: VerificationReport | None = None
            if head_signer is not None and status.everyone_signed:
                try:
                    sealed = self._seal_in(uow, ruling_id, head_signer, member_id)
                except NotSealed as exc:  # the signature stays; the seal waits
                    not_sealed = exc.report
        return SignResult(
            ruling_id,
            member_id,
            status.signed,
            len(status.signers),
            status.required_present,
            sealed,
            not_sealed,
        )

    def _signature_problems(
        self, uow: UnitOfWork, payload: dict[str, Any], signature: MemberSignature, now: datetime
    ) -> list[Check]:
        """The core verifier's verdict on this one signature (chain, revocation, board...)."""
        anchor = anchor_in(uow)
        crls = crl_pems_in(uow)
        if anchor is None or not crls:
            raise NoTrustAnchor("this workstation has no trusted central CA or revocation list yet")
        bundle = assemble_bundle(payload, [signature], ca_certificate=anchor, crl=crls[0])
        roster = uow.boards.members(payload["board"]["id"])
        report = verify_bundle(
            bundle, cert_pem(anchor), at=now, roster=roster, extra_crls=crls[1:], strict=True
        )
        return [c for c in report.failures if c.member == signature.member_id]

    # --- sealing ------------------------------------------------------------------------

    def _seal_in(
        self, uow: UnitOfWork, ruling_id: str, head_signer: Signer, head_member: str
    ) -> SealResult:
        """Verify and seal inside ``uow``; every write happens after every check.

        The ledger head is signed last, over the seal's own audit event (see
        ``audit_heads``); if that signing fails, the unit of work writes nothing.
        """
        now = self._now()
        ruling, board = self._ruling_and_board(uow, ruling_id)
        if ruling.status is not RulingStatus.SIGNING:
            raise _err(
                f"ruling {ruling_id} is {ruling.status.value}, not in signing",
                "این رأی در حال امضا نیست و نمی‌توان آن را مهر کرد.",
            )
        payload = self._payload_in(uow, ruling_id)
        signatures = [_stored_signature(s) for s in uow.signing.signatures(ruling_id)]
        anchor = anchor_in(uow)
        crls = crl_pems_in(uow)
        if anchor is None or not crls:
            raise NoTrustAnchor("this workstation has no trusted central CA or CRL yet")
        ledger = _ledger_in(uow, board.id)
        bundle = seal_ruling(
            payload,
            signatures,
            ca_certificate=anchor,
            crl=crls[0],
            now=now,
            quorum=board.quorum,
            roster=uow.boards.members(board.id),
            ledger=ledger,
        )
        entry = ledger_entry_for(payload)
        ledger.append(entry)
        status = (
            RulingStatus.AWAITING_APPROVAL
            if needs_central_approval(ruling, board)
            else RulingStatus.SEALED
        )
        ruling.move_to(status)
        superseded = self._supersede_in(uow, ruling, now)
        signers = tuple(s.member_id for s in signatures)
        device_id = device_id_in(uow)

        uow.rulings.set_status(ruling.id, status)
        self._record_sealed(uow, ruling, bundle, entry, now)
        approved = self._apply_approval_in(uow, ruling, board, now)
        # A ruling on a complaint decides it (an annulment too, while it awaits approval).
        record_decision(uow, ruling, actor=head_member, at=now)
        refused = uow.rulings.get(approved) if approved else None
        if refused is not None and refused.status is RulingStatus.SUPERSEDED:
            # Here only, not where the refusal is imported: one entry, by the central board.
            record_refusal(uow, refused, ruling, actor=head_member, at=now)
        sealed_event = uow.audit.append(
            head_member,
            "ruling.sealed",
            ruling.id,
            {
                "board_id": board.id,
                "serial": ruling.serial,
                "status": status.value,
                "ledger_seq": entry.seq,
                "payload_sha256": entry.ruling_hash,
                "signers": list(signers),
                "supersedes": ruling.supersedes_id,
                "device_id": device_id,
            },
            at=now,
        )
        # The head commits to the entry just added and to this device's audit chain up
        # to and including the event above (the export finds its position there again).
        audit = AuditPosition(device_id, sealed_event.seq, sealed_event.hash)
        head = ledger.sign_head(head_signer, head_member, at=now, audit=audit)
        uow.signing.add_head(
            StoredHead(
                board.id,
                head.seq,
                head_member,
                head.hash,
                head.signed_at,
                head.certificate_pem,
                base64.b64encode(head.signature).decode("ascii"),
            )
        )
        uow.outbox.add(
            OutboxItem(
                id=ruling.id,
                kind=OutboxKind.RULING,
                payload={"bundle": bundle.decode("utf-8")},
                created_at=now,
            )
        )
        queue_signed_head(uow, head, after=now)  # pushed after the ruling, checked on it
        assert ruling.serial is not None
        return SealResult(
            ruling.id,
            status,
            ruling.serial,
            entry.seq,
            entry.ruling_hash,
            signers,
            superseded,
            approved,
        )

    def _record_sealed(
        self, uow: UnitOfWork, ruling: Ruling, bundle: bytes, entry: LedgerEntry, now: datetime
    ) -> None:
        uow.signing.add_sealed(
            SealedRecord(ruling.id, ruling.board_id, entry.seq, entry.ruling_hash, bundle, now)
        )
        uow.signing.append_entry(
            StoredLedgerEntry(
                entry.board_id,
                entry.seq,
                entry.ruling_id,
                entry.ruling_hash,
                entry.prev,
                entry.hash,
                now,
            )
        )

    def _supersede_in(self, uow: UnitOfWork, ruling: Ruling, now: datetime) -> str | None:
        if ruling.supersedes_id is None:
            return None
        old = uow.rulings.get(ruling.supersedes_id)
        if old is None:
            return None  # imported correction of a ruling this workstation never held
        old.move_to(RulingStatus.SUPERSEDED)
        uow.rulings.set_status(old.id, old.status)
        uow.audit.append(self._actor, "ruling.superseded", old.id, {"by": ruling.id}, at=now)
        return old.id

    def _apply_approval_in(
        self, uow: UnitOfWork, ruling: Ruling, board: Board, now: datetime
    ) -> str | None:
        target_id = ruling.extra.get(_APPROVES)
        if board.level is not BoardLevel.CENTRAL or not target_id:
            return None
        target = uow.rulings.get(target_id)
        if target is None or target.status is not RulingStatus.AWAITING_APPROVAL:
            return None  # applied when the target arrives (see apply_approval)
        refused = ruling.extra.get(_APPROVAL, "approved") == "refused"
        target.move_to(RulingStatus.SUPERSEDED if refused else RulingStatus.SEALED)
        uow.rulings.set_status(target.id, target.status)
        uow.audit.append(
            self._actor,
            "ruling.annulment_refused" if refused else "ruling.annulment_approved",
            target.id,
            {"by": ruling.id},
            at=now,
        )
        return target.id

    def _apply_waiting_approval_in(self, uow: UnitOfWork, annulment: Ruling, now: datetime
                                   ) -> None:
        """An annulment that arrives after the central ruling deciding on it."""
        for candidate in uow.rulings.for_subject(annulment.id):
            if candidate.extra.get(_APPROVES) != annulment.id:
                continue
            if candidate.status is not RulingStatus.SEALED:
                continue
            board = uow.boards.get(candidate.board_id)
            if board is not None and self._apply_approval_in(uow, candidate, board, now):
                return

    def apply_approval(self, approving_ruling_id: str) -> str | None:
        """Apply a sealed central-board ruling's approval (or refusal) of an annulment."""
        with self._store.unit_of_work() as uow:
            ruling, board = self._ruling_and_board(uow, approving_ruling_id)
            if ruling.status is not RulingStatus.SEALED:
                raise _err(
                    "only a sealed ruling approves an annulment",
                    "فقط رأی مهرشده می‌تواند ابطال را تأیید کند.",
                )
            return self._apply_approval_in(uow, ruling, board, self._now())

    # --- sealed rulings ---------------------------------------------------------------

    def bundle(self, ruling_id: str) -> bytes:
        with self._store.unit_of_work(read_only=True) as uow:
            record = uow.signing.sealed(ruling_id)
        if record is None:
            raise _err(f"ruling {ruling_id} is not sealed", "این رأی هنوز مهر نشده است.")
        return record.bundle

    def export_bundle(self, ruling_id: str, path: Path) -> Path:
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(self.bundle(ruling_id))
        return path

    def export_openssl(self, ruling_id: str, directory: Path) -> Path:
        """The folder plain ``openssl`` verifies (see ``signing.openssl_export``)."""
        return export_for_openssl(self.bundle(ruling_id), Path(directory))

    def import_bundle(self, data: bytes, *, detached: bool = False) -> Ruling:
        """Store a ruling sealed on another workstation (e.g. delivered by sync).

        It must verify against the trust store and continue the board's ledger here:
        a replay raises ``ReplayedRuling``, a gap or reorder ``LedgerError``.

        ``detached``: a ruling of a board whose ledger this workstation does not follow
        (the central board's approval of a county's annulment, seen by that county): the
        signatures, certificates, revocation and quorum are verified, ledger inclusion is
        not, and the board's ledger here is left as it is.
        """
        now = self._now()
        try:
            payload = parse_bundle(data).payload
        except MalformedBundle as exc:
            raise _err(
                f"not a valid ruling bundle: {exc}", "پرونده بستهٔ رأی معتبری نیست."
            ) from None
        with self._store.unit_of_work() as uow:
            board = uow.boards.get(payload["board"]["id"])
            if board is None:
                raise NotFound(f"board {payload['board']['id']} is not known to this workstation")
            anchor = anchor_in(uow)
            if anchor is None:
                raise NoTrustAnchor("import the central CA before rulings")
            ledger = None if detached else _ledger_in(uow, board.id)
            report = verify_bundle(
                data,
                cert_pem(anchor),
                at=now,
                ledger=ledger,
                quorum=board.quorum,
                extra_crls=crl_pems_in(uow),
            )
            if report.ledger_position == "included" or "ledger_replay" in report.codes() or (
                detached and uow.signing.sealed(payload["ruling_id"]) is not None
            ):
                raise ReplayedRuling(f"ruling {report.ruling_id} is already in the ledger")
            if {"ledger_gap", "ledger_fork"} & report.codes():
                raise LedgerError("; ".join(c.message_en for c in report.failures))
            if not report.ok:
                raise BundleRejected(report)
            if uow.rulings.get(payload["ruling_id"]) is not None:
                raise _err(
                    f"ruling {payload['ruling_id']} exists here with other content",
                    "این رأی با محتوای دیگری روی این رایانه هست.",
                )
            ruling = ruling_from_payload(payload, RulingStatus.SEALED)
            if needs_central_approval(ruling, board):
                ruling.status = RulingStatus.AWAITING_APPROVAL
            # A board in view only through its approvals (the central board, seen by a
            # county) has no roster here; its members' certificates, checked above, bind
            # them to the board, and its votes stay in the signed bundle only (vote rows
            # name members this store does not hold).
            if uow.boards.members(board.id):
                self._check_people(uow, ruling)
            else:
                ruling.votes = ()
            entry = ledger_entry_for(payload)
            superseded = self._supersede_in(uow, ruling, now)
            uow.rulings.add(ruling)
            if ledger is None:
                uow.signing.add_sealed(
                    SealedRecord(ruling.id, board.id, entry.seq, entry.ruling_hash, data, now)
                )
            else:
                ledger.append(entry)
                self._record_sealed(uow, ruling, data, entry, now)
            self._apply_approval_in(uow, ruling, board, now)
            if ruling.status is RulingStatus.AWAITING_APPROVAL:
                self._apply_waiting_approval_in(uow, ruling, now)
            uow.audit.append(
                self._actor,
                "ruling.imported",
                ruling.id,
                {
                    "board_id": board.id,
                    "ledger_seq": entry.seq,
                    "payload_sha256": entry.ruling_hash,
                    "supersedes": superseded,
                },
                at=now,
            )
            return ruling

    # --- verification and the ledger ---------------------------------------------------

    def verify(self, data: bytes, *, ledger_file: bytes | None = None) -> VerifyOutcome:
        """Check a bundle file against this workstation's trust store (see ``VerifyOutcome``).

        Every signature, the chain to the central CA, revocation (the bundle's CRL and
        every newer one held here), the board's quorum rule when the board is known, and
        inclusion in the board's ledger: from ``ledger_file`` (an auditor's export,
        itself verified) or this workstation's ledger when it holds that board's. With
        neither, the outcome is not ok (``ledger_not_checked``).
        """
        if data.lstrip()[:5] == b"%PDF-":
            raise UnsupportedDocument(
                "verifying a ruling PDF is not supported yet (it comes with printing); "
                "verify the ruling's bundle file (.json) instead",
                "بررسی پروندهٔ PDF رأی هنوز پشتیبانی نمی‌شود؛ بستهٔ رأی (پروندهٔ json) را بررسی کنید.",
            )
        now = self._now()
        with self._store.unit_of_work(read_only=True) as uow:
            anchor = anchor_in(uow)
            if anchor is None:
                raise NoTrustAnchor("no central CA is trusted on this workstation yet")
            crls = crl_pems_in(uow)
            try:
                board_id: str | None = parse_bundle(data).payload["board"]["id"]
            except MalformedBundle:
                board_id = None
            board = uow.boards.get(board_id) if board_id else None
            local = _ledger_in(uow, board_id) if board_id else None
        anchor_pem = cert_pem(anchor)
        notes: list[tuple[str, str]] = []
        ledger_report: LedgerReport | None = None
        ledger: Ledger | None = None
        source = "none"
        if ledger_file is not None:
            source = "file"
            parsed_crls = [x509.load_pem_x509_crl(c.encode("ascii")) for c in crls]
            ledger_report = verify_ledger(ledger_file, anchor_pem, at=now, crls=parsed_crls)
            try:
                ledger = load_ledger(ledger_file)[0]
            except LedgerError:
                ledger = None  # the ledger report already says why
        elif local is not None and len(local):
            source, ledger = "workstation", local
        if board is None and board_id is not None:
            notes.append(
                (
                    f"Board {board_id} is not known here: the quorum rule written in the ruling "
                    "was used.",
                    f"هیات {board_id} روی این رایانه شناخته نیست؛ قاعدهٔ حد نصابِ درج‌شده در رأی "
                    "به کار رفت.",
                )
            )
        report = verify_bundle(
            data,
            anchor_pem,
            at=now,
            ledger=ledger,
            quorum=board.quorum if board else None,
            extra_crls=crls,
        )
        ledger_codes = {"ledger_board", "ledger_replay", "ledger_fork", "ledger_gap"}
        if (
            ledger is not None
            and report.ruling_id
            and report.ledger_position != "included"
            and (not ledger_codes & report.codes())
        ):
            report.fail("ledger_not_included", detail=f"the ledger holds {len(ledger)} entries")
        return VerifyOutcome(report, ledger_report, source, tuple(notes))

    def ledger_boards(self) -> list[str]:
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.signing.ledger_boards()

    def ledger_json(self, board_id: str) -> tuple[bytes, bool]:
        """The board's ledger export for auditors, and whether its head is signed."""
        with self._store.unit_of_work(read_only=True) as uow:
            ledger = _ledger_in(uow, board_id)
            stored = uow.signing.latest_head(board_id)
            head = None
            last = ledger.entry_at(len(ledger))
            if stored is not None and last is not None and (stored.seq, stored.hash) == (
                last.seq, last.hash
            ):
                head = signed_head_of(uow, stored, last.ruling_id)
        return ledger.to_json(head), head is not None

    # --- helpers ------------------------------------------------------------------------

    def _ruling_and_board(self, uow: UnitOfWork, ruling_id: str) -> tuple[Ruling, Board]:
        ruling = uow.rulings.get(ruling_id)
        if ruling is None:
            raise NotFound(f"ruling {ruling_id} does not exist")
        board = uow.boards.get(ruling.board_id)
        if board is None:
            raise NotFound(f"board {ruling.board_id} does not exist")
        return ruling, board

    @staticmethod
    def _ensure_draft(ruling: Ruling) -> None:
        try:
            ruling.ensure_editable()
        except DomainError as exc:
            raise _err(
                str(exc),
                "رأیِ در حال امضا یا مهرشده ویرایش نمی‌شود؛ برای اصلاح، رأی تازه‌ای صادر کنید.",
            ) from None

    @staticmethod
    def _check_people(uow: UnitOfWork, ruling: Ruling) -> None:
        roster = {m.id: m for m in uow.boards.members(ruling.board_id)}
        people = [*ruling.present_member_ids, *ruling.absent_member_ids]
        unknown = [m for m in people if m not in roster]
        if unknown:
            raise _err(
                f"not members of board {ruling.board_id}: {', '.join(unknown)}",
                "برخی از افراد فهرست‌شده عضو این هیات نیستند.",
            )
        present = set(ruling.present_member_ids)
        strangers = [v.member_id for v in ruling.votes if v.member_id not in present]
        if strangers:
            raise _err(
                f"only present members vote: {', '.join(strangers)}", "فقط اعضای حاضر رأی می‌دهند."
            )

    @staticmethod
    def _check_supersedable(uow: UnitOfWork, old: Ruling, board_id: str) -> None:
        if old.board_id != board_id:
            raise _err(
                "a ruling is corrected only by its own board",
                "هر رأی را فقط هیات صادرکنندهٔ آن اصلاح می‌کند.",
            )
        sealed = uow.signing.sealed(old.id) is not None
        if old.status not in (RulingStatus.SEALED, RulingStatus.AWAITING_APPROVAL) or not sealed:
            raise _err(
                f"ruling {old.id} is {old.status.value}; only a sealed ruling is "
                "superseded by a correction",
                "فقط رأی مهرشده با اصلاحیه جایگزین می‌شود.",
            )

    def _payload_in(self, uow: UnitOfWork, ruling_id: str) -> dict[str, Any]:
        ruling = uow.rulings.get(ruling_id)
        if ruling is None:
            raise NotFound(f"ruling {ruling_id} does not exist")
        frozen = uow.signing.signing_payload(ruling_id)
        if ruling.status is not RulingStatus.SIGNING or frozen is None:
            raise _err(
                f"ruling {ruling_id} is {ruling.status.value}; it is not open for signatures",
                "این رأی برای امضا باز نیست.",
            )
        payload = json.loads(frozen.payload)
        # The stored text must still be exactly what was frozen.
        if ruling_hash(payload) != frozen.payload_sha256 or (
            canonical_json(payload).decode("utf-8") != frozen.payload
        ):
            raise _err(
                f"the frozen payload of ruling {ruling_id} was altered in the store",
                "متن ثابت‌شدهٔ این رأی در پایگاه داده دستکاری شده است.",
            )
        return payload


__all__ = [
    "BundleRejected",
    "RulingError",
    "RulingListItem",
    "RulingService",
    "SealResult",
    "SignResult",
    "SignerState",
    "SigningStatus",
    "UnsupportedDocument",
    "VerifyOutcome",
    "needs_central_approval",
    "ruling_from_payload",
]
