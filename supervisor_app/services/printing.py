"""Printing use cases: ruling PDFs (signed), notices, minutes, candidate lists, summaries.

Reads only (one read-only unit of work per call); the PDFs are built by
:mod:`supervisor_app.printing` and signed by :mod:`supervisor_app.adapters.pdf_signer`.

Signatures inside a sealed ruling's PDF (the choice the issue leaves open):

* every member who signed the ruling and unlocks their key *here* signs the PDF too, in
  the field ``member-<id>`` (PAdES, one incremental update each; all fields are created
  first, so earlier signatures stay valid);
* members who signed on other workstations cannot sign the PDF at print time. Their
  signatures are still in it: the sealed ruling bundle (payload + every member's
  signature, certificate, CA and CRL) is embedded as ``ruling-<id>.nezarat.json``. The
  person printing, who must be a member of the ruling's board with a valid certificate,
  then seals the PDF (field ``board-seal``), which binds the visible document to the
  embedded bundle;
* a PDF with neither is still printed (and carries the bundle), but ``verify`` reports
  it as unsigned.
* a certificate revoked by a CRL this workstation holds signs no PDF (as it signs no
  ruling); ``verify`` reports a PDF signed after (or, for key compromise, whenever) a
  revocation it knows of, naming the reason.

Batches (a session's rulings or a filter) go into one PDF for paper, unsigned, each
ruling with its QR code and hash; they report progress and can be cancelled.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING

from cryptography import x509

from ..domain.boards import Board, BoardLevel
from ..domain.candidates import CandidateStatus, Dossier
from ..domain.jalali import format_jalali
from ..domain.persian import persian_sort_key
from ..domain.rulings import Ruling, RulingStatus, RulingSubject, Vote
from ..domain.sessions import decision_text
from ..printing import labels as L
from ..printing.verify import (
    MEMBER_FIELD_PREFIX,
    SEAL_FIELD,
    RulingPdfReport,
    bundle_name,
    verify_ruling_pdf,
)
from ..printing.views import (
    BoardView,
    CandidateListView,
    CandidateRow,
    CandidateView,
    MemberLine,
    MinutesView,
    ObserverSummaryView,
    ReportLine,
    RulingView,
    SessionItemLine,
    ruling_title,
    ruling_view_from_draft,
    ruling_view_from_payload,
)
from ..signing.bundle import parse_bundle
from ..signing.errors import NoTrustAnchor
from ..signing.keys import Signer
from ..signing.pki import binding_of
from ..store import NotFound, Store, UnitOfWork
from .certificates import anchor_in, crl_pems_in

if TYPE_CHECKING:
    # reportlab, HarfBuzz and pyHanko load on first use (not at app start): see below.
    from ..printing.documents import Documents
    from ..printing.layout import Part
    from .rulings import RulingService, VerifyOutcome

Clock = Callable[[], datetime]
Progress = Callable[[int, int], None]  # (done, total)
FINAL_STATUSES = (CandidateStatus.FINAL_APPROVED, CandidateStatus.CODE_ISSUED)
_PAGE = 500


def utc_now() -> datetime:
    return datetime.now(UTC)


class PrintError(Exception):
    """A document cannot be printed; English and Persian messages."""

    def __init__(self, message: str, message_fa: str) -> None:
        super().__init__(message)
        self.message_fa = message_fa


class PrintCancelled(PrintError):
    def __init__(self) -> None:
        super().__init__("printing was cancelled", "چاپ لغو شد.")


class CancelToken:
    """Set from any thread; the batch stops before its next ruling."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()


@dataclass(frozen=True, slots=True)
class PdfVerifyOutcome:
    """A ruling PDF's own checks plus the rulings service's check of its bundle."""

    pdf: RulingPdfReport
    bundle: VerifyOutcome | None

    @property
    def ok(self) -> bool:
        bundle_ok = (
            self.bundle.ok if self.bundle is not None else self.pdf.bundle_report is not None
        )
        return self.pdf.ok and bundle_ok


@dataclass(frozen=True, slots=True)
class PdfSignerChoice:
    member_id: str
    full_name: str
    role: str  # MemberRole value


@dataclass(frozen=True, slots=True)
class PdfChoices:
    """Who may sign a ruling's PDF on this workstation (see ``pdf_signing_choices``)."""

    ruling_id: str
    serial: int | None
    sealed: bool
    signers: tuple[PdfSignerChoice, ...]  # signed the ruling and have a key here
    sealers: tuple[PdfSignerChoice, ...]  # active board members with a key here


@dataclass(frozen=True, slots=True)
class SessionChoice:
    session_id: str
    board_id: str
    board_name: str
    held_on: date
    rulings: int


@dataclass(frozen=True, slots=True)
class BatchCatalog:
    boards: tuple[tuple[str, str], ...]  # (id, name)
    sessions: tuple[SessionChoice, ...]


class PrintingService:
    def __init__(
        self,
        store: Store,
        *,
        font_path: str = "",
        demo: bool = False,
        now: Clock = utc_now,
        rulings: RulingService | None = None,
    ) -> None:
        self._store = store
        self._font_path = font_path
        self._demo = demo
        self._now = now
        self._rulings = rulings
        self._documents: Documents | None = None

    @property
    def documents(self) -> Documents:
        # The font is loaded on first use: nothing heavy happens at start-up.
        if self._documents is None:
            from ..printing.documents import Documents
            from ..printing.fonts import resolve_font

            self._documents = Documents(resolve_font(self._font_path), demo=self._demo)
        return self._documents

    # --- the ruling and its notice ----------------------------------------------------

    def ruling_view(self, ruling_id: str) -> RulingView:
        with self._store.unit_of_work(read_only=True) as uow:
            return self._ruling_view(uow, ruling_id)

    def ruling_pdf(
        self,
        ruling_id: str,
        *,
        signers: Mapping[str, Signer] | None = None,
        seal: Signer | None = None,
        progress: Progress | None = None,
    ) -> bytes:
        """The ruling as a PDF; a sealed one embeds its bundle and is signed (see module).

        ``signers`` maps member ids (who signed the ruling) to their unlocked signers;
        ``seal`` is the signer of whoever prints, a member of the ruling's board.
        ``progress(done, total)`` follows the layout and each signature.
        """
        from ..adapters import pdf_signer

        signers = dict(signers or {})
        with self._store.unit_of_work(read_only=True) as uow:
            view = self._ruling_view(uow, ruling_id)
            record = uow.signing.sealed(ruling_id)
            anchor = anchor_in(uow)
            crl_pems = crl_pems_in(uow)
        if record is None:
            if signers or seal is not None:
                raise PrintError(
                    f"ruling {ruling_id} is not sealed: a draft is not signed",
                    "رأی هنوز مهر نشده است؛ پیش‌نویس امضا نمی‌شود.",
                )
            return self._render([self.documents.ruling(view)], view)
        self._check_pdf_signers(view, signers, seal)
        self._check_not_revoked([*signers.values(), *([seal] if seal else [])], crl_pems)
        total = 1 + len(signers) + (seal is not None)
        done = 0

        def step() -> None:
            nonlocal done
            done += 1
            if progress is not None:
                progress(done, total)

        if progress is not None:
            progress(0, total)
        marked = tuple(_with(m, signed_pdf=m.member_id in signers) for m in view.present)
        view = _replace_present(view, marked)
        pdf = self._render([self.documents.ruling(view)], view)
        ordered = [m for m in sorted(signers)]
        field_names = [MEMBER_FIELD_PREFIX + m for m in ordered]
        if seal is not None:
            field_names.append(SEAL_FIELD)
        pdf = pdf_signer.prepare(
            pdf,
            field_names=field_names,
            files=[
                pdf_signer.Attachment(
                    bundle_name(view.ruling_id), record.bundle, "sealed ruling bundle (Nezarat)"
                )
            ],
            created_at=record.sealed_at,
        )
        step()
        now = self._now()
        extra = [anchor] if anchor is not None else []
        people = {m.member_id: m for m in view.present}
        for member_id in ordered:
            pdf = pdf_signer.sign(
                pdf,
                MEMBER_FIELD_PREFIX + member_id,
                signers[member_id],
                extra_certs=extra,
                name=people[member_id].full_name,
                reason="امضای رأی هیات نظارت",
                location=view.board.name,
                signed_at=now,
            )
            step()
        if seal is not None:
            pdf = pdf_signer.sign(
                pdf,
                SEAL_FIELD,
                seal,
                extra_certs=extra,
                name=binding_of(seal.certificate).full_name,
                reason="مهر الکترونیکی نسخهٔ چاپی رأی",
                location=view.board.name,
                signed_at=now,
            )
            step()
        return pdf

    def pdf_signing_choices(self, ruling_id: str, has_key: Callable[[str], bool]) -> PdfChoices:
        """Who can sign a ruling's PDF here: its signers and (for the seal) its board's
        active members, each only if ``has_key(member_id)`` (a key on this workstation)."""
        with self._store.unit_of_work(read_only=True) as uow:
            view = self._ruling_view(uow, ruling_id)
            roster = uow.boards.members(view.board.id)
        signers = tuple(
            PdfSignerChoice(m.member_id, m.full_name, m.role)
            for m in view.present
            if m.signed and has_key(m.member_id)
        )
        sealers = tuple(
            PdfSignerChoice(m.id, m.full_name, m.role.value)
            for m in roster
            if m.active and has_key(m.id)
        )
        return PdfChoices(view.ruling_id, view.serial, view.sealed, signers, sealers)

    def notification_pdf(self, ruling_id: str) -> bytes:
        """The notice (ابلاغیه) of a ruling to its candidate."""
        with self._store.unit_of_work(read_only=True) as uow:
            view = self._ruling_view(uow, ruling_id)
        if view.candidate is None:
            raise PrintError(
                f"ruling {ruling_id} names no candidate to notify",
                "این رأی داوطلبی ندارد که به او ابلاغ شود.",
            )
        return self.documents.render(
            [self.documents.notification(view)],
            title=f"ابلاغیهٔ {ruling_title(view)}",
            produced_at=self._now(),
            keywords=f"nezarat notification {view.ruling_id}",
        )

    def _render(self, parts: list[Part], view: RulingView) -> bytes:
        keywords = f"nezarat ruling {view.ruling_id}"
        if view.payload_sha256:
            keywords += f" sha256:{view.payload_sha256}"
        return self.documents.render(
            parts,
            title=ruling_title(view),
            produced_at=self._now(),
            subject=view.decision,
            keywords=keywords,
        )

    @staticmethod
    def _check_pdf_signers(
        view: RulingView, signers: Mapping[str, Signer], seal: Signer | None
    ) -> None:
        signed = {m.member_id for m in view.present if m.signed}
        for member_id, signer in signers.items():
            binding = binding_of(signer.certificate)
            if member_id not in signed or binding.member_id != member_id:
                raise PrintError(
                    f"{member_id} did not sign ruling {view.ruling_id} (or the key is not "
                    "theirs): only its signers sign its PDF",
                    "فقط اعضایی که رأی را امضا کرده‌اند، با کلید خودشان، PDF آن را امضا می‌کنند.",
                )
        if seal is not None and binding_of(seal.certificate).board_id != view.board.id:
            raise PrintError(
                f"the seal of a ruling of board {view.board.id} must be a member of that board",
                "مهر الکترونیکی نسخهٔ چاپی را فقط عضو همان هیات می‌زند.",
            )

    def _check_not_revoked(self, signers: Sequence[Signer], crl_pems: Sequence[str]) -> None:
        # A certificate this workstation knows to be revoked signs nothing, as in rulings.
        crls = [x509.load_pem_x509_crl(p.encode("ascii")) for p in crl_pems]
        for signer in signers:
            for crl in crls:
                serial = signer.certificate.serial_number
                if crl.get_revoked_certificate_by_serial_number(serial) is not None:
                    member = binding_of(signer.certificate).member_id
                    raise PrintError(
                        f"the certificate of {member} is revoked: it cannot sign the PDF",
                        f"گواهی {member} باطل شده است و با آن نمی‌توان PDF را امضا کرد.",
                    )

    # --- batches ----------------------------------------------------------------------

    def find_rulings(
        self,
        *,
        board_id: str | None = None,
        status: RulingStatus | None = None,
        issued_from: date | None = None,
        issued_to: date | None = None,
    ) -> list[str]:
        """Ids of every ruling matching a filter, oldest first (serial order within a day;
        drafts, with no serial yet, after the numbered rulings of their day)."""
        with self._store.unit_of_work(read_only=True) as uow:
            return uow.rulings.matching_ids(
                board_id=board_id, status=status, issued_from=issued_from, issued_to=issued_to
            )

    def batch_catalog(self, board_id: str | None = None, *, limit: int = 200) -> BatchCatalog:
        """Boards and recent sessions (newest first) to choose a batch from."""
        with self._store.unit_of_work(read_only=True) as uow:
            boards = uow.boards.all()
            names = {b.id: b.name for b in boards}
            sessions = tuple(
                SessionChoice(
                    s.id,
                    s.board_id,
                    names.get(s.board_id, s.board_id),
                    s.held_on,
                    sum(1 for item in s.agenda if item.ruling_id),
                )
                for s in uow.sessions.for_board(board_id, limit=limit)
            )
        return BatchCatalog(tuple((b.id, b.name) for b in boards), sessions)

    def session_rulings(self, session_id: str) -> list[str]:
        """Ids of the rulings a board session produced, in agenda order."""
        with self._store.unit_of_work(read_only=True) as uow:
            session = uow.sessions.get(session_id)
        if session is None:
            raise NotFound(f"session {session_id} does not exist")
        return [item.ruling_id for item in session.agenda if item.ruling_id]

    def rulings_batch_pdf(
        self,
        ruling_ids: Sequence[str],
        *,
        notifications: bool = False,
        progress: Progress | None = None,
        cancel: CancelToken | None = None,
    ) -> bytes:
        """Many rulings (and, with ``notifications``, each one's notice) in one PDF.

        ``progress(done, total)`` is called as each ruling is read and as each is laid
        out; ``cancel`` stops the work before the next ruling (``PrintCancelled``).
        """
        if not ruling_ids:
            raise PrintError("no rulings to print", "رأیی برای چاپ انتخاب نشده است.")
        total = len(ruling_ids) * 2  # reading, then laying out
        views: list[RulingView] = []

        def tick(done: int) -> None:
            if cancel is not None and cancel.cancelled:
                raise PrintCancelled
            if progress is not None:
                progress(done, total)

        with self._store.unit_of_work(read_only=True) as uow:
            for n, ruling_id in enumerate(ruling_ids):
                tick(n)
                views.append(self._ruling_view(uow, ruling_id))
        parts: list[Part] = []
        for view in views:
            parts.append(self.documents.ruling(view))
            if notifications and view.candidate is not None:
                parts.append(self.documents.notification(view))
        per_view = 2 if notifications else 1

        def layout_tick(i: int) -> None:
            tick(len(ruling_ids) + min(i // per_view, len(ruling_ids) - 1))

        pdf = self.documents.render(
            parts,
            title=f"{len(views)} رأی",
            produced_at=self._now(),
            keywords="nezarat rulings batch",
            progress=layout_tick,
        )
        if progress is not None:
            progress(total, total)
        return pdf

    # --- minutes, candidate list, observer summary ------------------------------------

    def minutes_pdf(self, session_id: str) -> bytes:
        with self._store.unit_of_work(read_only=True) as uow:
            view = self._minutes_view(uow, session_id)
        return self.documents.render(
            [self.documents.minutes(view)],
            title=f"صورتجلسهٔ {view.board.name} — {format_jalali(view.held_on)}",
            produced_at=self._now(),
            keywords=f"nezarat minutes {view.session_id}",
        )

    def candidate_list_view(self, constituency_code: str) -> CandidateListView:
        with self._store.unit_of_work(read_only=True) as uow:
            return self._candidate_list_view(uow, constituency_code)

    def candidate_list_pdf(self, constituency_code: str) -> bytes:
        view = self.candidate_list_view(constituency_code)
        return self.documents.render(
            [self.documents.candidate_list(view)],
            title=f"آگهی اسامی نامزدها — {view.constituency_name}",
            produced_at=self._now(),
            keywords=f"nezarat candidates {constituency_code}",
        )

    def observer_summary_pdf(self, county_code: str) -> bytes:
        with self._store.unit_of_work(read_only=True) as uow:
            view = self._observer_view(uow, county_code)
        return self.documents.render(
            [self.documents.observer_summary(view)],
            title=f"خلاصهٔ گزارش‌های ناظران — {view.county_name}",
            produced_at=self._now(),
            keywords=f"nezarat observer-summary {county_code}",
        )

    # --- verification -------------------------------------------------------------------

    def verify_pdf(self, data: bytes, *, ledger_file: bytes | None = None) -> PdfVerifyOutcome:
        """Check a ruling PDF against this workstation's trust store (and ledger)."""
        with self._store.unit_of_work(read_only=True) as uow:
            anchor = anchor_in(uow)
            crl_pems = crl_pems_in(uow)
        if anchor is None:
            raise NoTrustAnchor("no central CA is trusted on this workstation yet")
        crls = [x509.load_pem_x509_crl(p.encode("ascii")) for p in crl_pems]
        outcome: list[VerifyOutcome] = []

        def bundle_check(bundle: bytes) -> object:
            assert self._rulings is not None
            result = self._rulings.verify(bundle, ledger_file=ledger_file)
            outcome.append(result)
            return result.report

        report = verify_ruling_pdf(
            data,
            anchor,
            crls=crls,
            at=self._now(),
            bundle_verifier=bundle_check if self._rulings is not None else None,  # type: ignore[arg-type]
        )
        return PdfVerifyOutcome(report, outcome[0] if outcome else None)

    # --- reading the store ------------------------------------------------------------

    def _board_view(self, uow: UnitOfWork, board: Board) -> BoardView:
        parent = uow.boards.get(board.parent_id) if board.parent_id else None
        return BoardView(board.id, board.name, board.level.value, parent.name if parent else "")

    def _ruling_view(self, uow: UnitOfWork, ruling_id: str) -> RulingView:
        ruling = uow.rulings.get(ruling_id)
        if ruling is None:
            raise NotFound(f"ruling {ruling_id} does not exist")
        board = uow.boards.get(ruling.board_id)
        if board is None:
            raise NotFound(f"board {ruling.board_id} does not exist")
        parent = self._board_view(uow, board).parent_name
        candidate = self._candidate(uow, ruling)
        record = uow.signing.sealed(ruling_id)
        if record is not None:
            bundle = parse_bundle(record.bundle)
            return ruling_view_from_payload(
                bundle.payload,
                record.payload_sha256,
                {s.member_id for s in bundle.signatures},
                status=ruling.status.value,
                parent_name=parent,
                candidate=candidate,
            )
        return ruling_view_from_draft(
            ruling, board, uow.boards.members(board.id), parent_name=parent, candidate=candidate
        )

    def _candidate(self, uow: UnitOfWork, ruling: Ruling) -> CandidateView | None:
        registration_id: str | None = ruling.extra.get("registration_id")
        if ruling.subject is RulingSubject.QUALIFICATION:
            registration_id = registration_id or ruling.subject_ref
        elif ruling.subject is RulingSubject.OBJECTION and registration_id is None:
            objection = uow.objections.get(ruling.subject_ref)
            registration_id = objection.registration_id if objection else None
        dossier = uow.dossiers.get(registration_id) if registration_id else None
        return self._candidate_view(uow, dossier) if dossier else None

    @staticmethod
    def _candidate_view(uow: UnitOfWork, dossier: Dossier) -> CandidateView:
        place = uow.geography.constituency(dossier.constituency_code)
        return CandidateView(
            dossier.registration_id,
            dossier.full_name,
            dossier.father_name,
            dossier.national_id,
            dossier.gender.value,
            place.name if place else dossier.constituency_code,
        )

    def _minutes_view(self, uow: UnitOfWork, session_id: str) -> MinutesView:
        session = uow.sessions.get(session_id)
        if session is None:
            raise NotFound(f"session {session_id} does not exist")
        board = uow.boards.get(session.board_id)
        if board is None:
            raise NotFound(f"board {session.board_id} does not exist")
        roster = uow.boards.members(board.id)
        present = set(session.present_member_ids)
        lines = {m.id: MemberLine(m.id, m.full_name, m.role.value) for m in roster}
        items = []
        for item in session.agenda:
            dossier = uow.dossiers.get(item.registration_id)
            name = dossier.full_name if dossier else ""
            tally = item.tally()
            serial = None
            if item.ruling_id:
                ruling = uow.rulings.get(item.ruling_id)
                serial = ruling.serial if ruling else None
            items.append(
                SessionItemLine(
                    subject=item.subject.value,
                    candidate=f"{name} ({item.registration_id})" if name else item.registration_id,
                    proposal=decision_text(item.subject, item.proposal),
                    approve=tally[Vote.APPROVE],
                    reject=tally[Vote.REJECT],
                    abstain=tally[Vote.ABSTAIN],
                    carried=item.carried(board.quorum),
                    ruling_serial=serial,
                )
            )
        return MinutesView(
            session_id=session.id,
            board=self._board_view(uow, board),
            held_on=session.held_on,
            meeting_type=session.meeting_type,
            status=session.status.value,
            present=tuple(lines[m] for m in session.present_member_ids if m in lines),
            absent=tuple(
                line
                for mid, line in lines.items()
                if mid not in present and roster_active(roster, mid)
            ),
            full_membership=board.quorum.full_membership,
            required_present=board.quorum.required_present,
            items=tuple(items),
        )

    def _candidate_list_view(self, uow: UnitOfWork, code: str) -> CandidateListView:
        place = uow.geography.constituency(code)
        if place is None:
            raise NotFound(f"constituency {code} does not exist")
        county = uow.geography.county(place.county_code)
        rows: list[CandidateRow] = []
        for status in FINAL_STATUSES:
            offset = 0
            while True:
                page = uow.dossiers.search(
                    limit=_PAGE, offset=offset, constituency_code=code, status=status.value
                )
                rows += [
                    CandidateRow(d.last_name, d.first_name, d.father_name, d.registration_id)
                    for d in page
                ]
                if len(page) < _PAGE:
                    break
                offset += _PAGE
        # The same key the server uses, so both print the list in one order.
        rows.sort(
            key=lambda r: (
                persian_sort_key(r.last_name),
                persian_sort_key(r.first_name),
                persian_sort_key(r.father_name),
                r.registration_id,
            )
        )
        cycle = uow.cycles.latest()
        board = _supervising_board(uow.boards.all(), place.county_code, place.district_code)
        return CandidateListView(
            constituency_code=code,
            constituency_name=place.name,
            county_name=county.name if county else place.county_code,
            seats=place.seats,
            board=self._board_view(uow, board) if board else None,
            cycle_title=cycle.title if cycle else "انتخابات شوراهای اسلامی شهر و روستا",
            candidates=tuple(rows),
            published_on=self._now().date(),
        )

    def _observer_view(self, uow: UnitOfWork, county_code: str) -> ObserverSummaryView:
        county = uow.geography.county(county_code)
        if county is None:
            raise NotFound(f"county {county_code} does not exist")
        province = uow.geography.province(county.province_code)
        by_category: dict[str, dict[str, int]] = {}
        places = []
        serious: list[ReportLine] = []
        times: list[datetime] = []
        total = 0
        for place in sorted(
            uow.geography.constituencies(county_code), key=lambda c: persian_sort_key(c.name)
        ):
            branches = uow.branches.for_constituency(place.code)
            with_reports = reports = critical = 0
            for branch in branches:
                found = uow.reports.for_branch(branch.code)
                with_reports += bool(found)
                for r in found:
                    reports += 1
                    times.append(r.observed_at)
                    counts = by_category.setdefault(r.category.value, {})
                    counts[r.severity.value] = counts.get(r.severity.value, 0) + 1
                    critical += r.severity.value == "critical"
                    if r.severity.value in ("high", "critical"):
                        serious.append(
                            ReportLine(
                                r.observed_at,
                                branch.code,
                                place.name,
                                r.category.value,
                                r.severity.value,
                                r.description,
                            )
                        )
            total += reports
            places.append((place.name, len(branches), with_reports, reports, critical))
        serious.sort(key=lambda r: (r.observed_at, r.branch_code))
        ordered = sorted(
            by_category.items(), key=lambda kv: (-sum(kv[1].values()), L.label(L.OFFENCES, kv[0]))
        )
        board = _supervising_board(uow.boards.all(), county_code, None)
        return ObserverSummaryView(
            county_code=county_code,
            county_name=county.name,
            province_name=province.name if province else county.province_code,
            board=self._board_view(uow, board) if board else None,
            constituencies=tuple(places),
            by_category=tuple(ordered),
            serious=tuple(serious),
            total=total,
            first_at=min(times) if times else None,
            last_at=max(times) if times else None,
            printed_on=self._now().date(),
        )


def roster_active(roster: Iterable[object], member_id: str) -> bool:
    return any(getattr(m, "id", None) == member_id and getattr(m, "active", True) for m in roster)


def _supervising_board(
    boards: Iterable[Board], county_code: str, district_code: str | None
) -> Board | None:
    """The board that supervises a place: the district board for a village district,
    else the county board."""
    boards = list(boards)
    if district_code:
        for b in boards:
            if b.level is BoardLevel.DISTRICT and b.jurisdiction == district_code:
                return b
    for b in boards:
        if b.level is BoardLevel.COUNTY and b.jurisdiction == county_code:
            return b
    return None


def _with(member: MemberLine, **changes: object) -> MemberLine:
    return replace(member, **changes)  # type: ignore[arg-type]


def _replace_present(view: RulingView, present: tuple[MemberLine, ...]) -> RulingView:
    return replace(view, present=present)


__all__ = [
    "BatchCatalog",
    "CancelToken",
    "PdfChoices",
    "PdfSignerChoice",
    "PdfVerifyOutcome",
    "PrintCancelled",
    "PrintError",
    "PrintingService",
    "SessionChoice",
]
