"""Board sessions page: a session's attendance, agenda, proposals and votes; and the
objection queue, each objection shown beside the dossier and ruling it is against.

Keyboard only: Alt+S session list, Alt+T attendance (Space marks present), Alt+G agenda
(arrows pick a dossier), Alt+V votes (1 for, 2 against, 3 abstain: the vote is recorded
and the next member selected; F2 edits the dissent note), Ctrl+Return closes the
session and creates the ruling drafts. Every change is one service call in the task
runner; the view is re-read afterwards.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from PyQt6.QtCore import QEvent, QObject, Qt, pyqtSignal
from PyQt6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.candidates import DecisionOutcome, LegalBasis
from supervisor_app.domain.eligibility import legal_basis_text
from supervisor_app.domain.persian import to_ascii_digits
from supervisor_app.domain.rulings import RulingSubject, Vote
from supervisor_app.domain.sessions import SessionStatus
from supervisor_app.services.objections import ObjectionEntry, ObjectionReview
from supervisor_app.services.sessions import AgendaEntry, CloseResult, SessionSummary, SessionView

from ..dossier_view import (
    ALARM,
    PASS,
    cell,
    fit_columns,
    read_only_table,
    shortcut_text,
    start_aligned,
)
from ..fonts import TITLE_POINT_SIZE, emphasised
from ..labels import status_labels
from ..review_labels import (
    objection_proposal_labels,
    objection_status_labels,
    outcome_labels,
    proposal_labels,
    role_labels,
    session_status_labels,
    vote_labels,
)
from ..tasks import TaskRunner
from ..text import Formatter, ltr
from .dossiers import SearchableCombo, error_text

log = logging.getLogger(__name__)

# Keys that cast a vote in the votes table: ASCII and Persian digits.
VOTE_KEYS: dict[str, Vote] = {
    "1": Vote.APPROVE,
    "۱": Vote.APPROVE,
    "2": Vote.REJECT,
    "۲": Vote.REJECT,
    "3": Vote.ABSTAIN,
    "۳": Vote.ABSTAIN,
}
MEMBER_ROLE = Qt.ItemDataRole.UserRole


class SessionSource(Protocol):
    def sessions(self, board_id: str | None = None, limit: int = 200) -> list[SessionSummary]: ...

    def view(self, session_id: str) -> SessionView: ...

    def open(self, board_id: str) -> str: ...

    def set_attendance(self, session_id: str, present: Sequence[str]) -> None: ...

    def set_proposal(
        self,
        session_id: str,
        subject_ref: str,
        proposal: DecisionOutcome,
        legal_basis: tuple[LegalBasis, ...],
        reasoning: str,
    ) -> None: ...

    def vote(
        self, session_id: str, subject_ref: str, member_id: str, vote: Vote, note: str = ""
    ) -> None: ...

    def remove(self, session_id: str, subject_ref: str) -> None: ...

    def close(self, session_id: str) -> CloseResult: ...

    def add_objection(self, session_id: str, objection_id: str) -> None: ...

    def add_to_agenda(self, registration_id: str) -> str: ...


class ObjectionQueueSource(Protocol):
    def queue(
        self, board_id: str | None = None, *, open_only: bool = True
    ) -> list[ObjectionEntry]: ...

    def review(self, objection_id: str) -> ObjectionReview: ...


class BoardSource(Protocol):
    """Names of the boards, for opening a session (``(id, name)`` pairs)."""

    def __call__(self) -> list[tuple[str, str]]: ...


def keys(sequence: str) -> str:
    """A key combination inside Persian text: the platform's names, kept left to right."""
    return ltr(shortcut_text(sequence))


def parse_legal_basis(text: str) -> tuple[LegalBasis, ...]:
    """ "37/ز، 41" (or Persian digits, commas or ؛) → (LegalBasis("37","ز"), LegalBasis("41"))."""
    parts = [
        p.strip() for p in to_ascii_digits(text).replace("،", ",").replace("؛", ",").split(",")
    ]
    basis: list[LegalBasis] = []
    for part in parts:
        if not part:
            continue
        article, _, clause = part.partition("/")
        basis.append(LegalBasis(article.strip(), clause.strip()))
    return tuple(basis)


def format_legal_basis(basis: Sequence[LegalBasis]) -> str:
    """The editable form of ``parse_legal_basis``: "37/ز، 41"."""
    return "، ".join(str(b) for b in basis)


class SessionsPage(QWidget):
    """Two tabs: the board's sessions, and the objections routed to boards."""

    message = pyqtSignal(str)

    def __init__(
        self,
        sessions: SessionSource,
        objections: ObjectionQueueSource | None,
        boards: Callable[[], list[tuple[str, str]]],
        fmt: Formatter,
        runner: TaskRunner,
        *,
        board_id: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._sessions = sessions
        self._objections = objections
        self._boards = boards
        self._fmt = fmt
        self._runner = runner
        self._default_board = board_id
        self._view: SessionView | None = None
        self._session_id: str | None = None
        self._selected_ref: str | None = None
        self._filling = False
        self._votes = vote_labels()
        self._roles = role_labels()

        title = QLabel(self.tr("Board sessions"))
        title.setObjectName("pageTitle")
        title.setFont(emphasised(title.font(), TITLE_POINT_SIZE))
        self.tabs = QTabWidget()
        self.tabs.addTab(self._build_sessions_tab(), self.tr("&Sessions"))
        self.objections_tab = self._build_objections_tab()
        self.tabs.addTab(self.objections_tab, self.tr("&Objections"))
        self.tabs.currentChanged.connect(self._on_tab_changed)

        self.message_label = QLabel()
        self.message_label.setObjectName("pageMessage")
        self.message_label.setWordWrap(True)
        self.message_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 8)
        layout.addWidget(title)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message_label)

        self._shortcuts: list[QShortcut] = []
        for keys, slot in (
            ("Ctrl+Return", self.close_session),
            ("Ctrl+Enter", self.close_session),
            ("Alt+S", self.session_combo.setFocus),
            ("Alt+T", self.attendance.setFocus),
            ("Alt+G", self.agenda.setFocus),
            ("Alt+V", self.focus_votes),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

    # --- building ---------------------------------------------------------------------------

    def _build_sessions_tab(self) -> QWidget:
        self.session_combo = QComboBox()
        self.session_combo.setAccessibleName(self.tr("Session"))
        self.session_combo.currentIndexChanged.connect(self._on_session_chosen)
        self.board_combo = SearchableCombo(self.tr("Choose a board"), self.tr("Board"))
        self.new_button = QPushButton(self.tr("Open a &new session"))
        self.new_button.clicked.connect(self.open_new_session)
        self.close_button = QPushButton(self.tr("&Close the session and draft the rulings"))
        self.close_button.setToolTip(shortcut_text("Ctrl+Return"))
        self.close_button.clicked.connect(self.close_session)
        top = QHBoxLayout()
        session_caption = QLabel(self.tr("Session ({keys}):").format(keys=keys("Alt+S")))
        session_caption.setBuddy(self.session_combo)
        top.addWidget(session_caption)
        top.addWidget(self.session_combo, 3)
        top.addSpacing(12)
        top.addWidget(self.board_combo, 2)
        top.addWidget(self.new_button)
        top.addSpacing(12)
        top.addWidget(self.close_button)

        self.quorum_label = start_aligned(QLabel())
        self.quorum_label.setObjectName("quorum")
        self.quorum_label.setWordWrap(True)

        self.attendance = QListWidget()
        self.attendance.setAccessibleName(self.tr("Attendance"))
        self.attendance.setWordWrap(True)
        self.attendance.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.attendance.itemChanged.connect(self._on_attendance_changed)
        attendance_box = self._group(
            self.tr("Attendance ({keys}, space bar)").format(keys=keys("Alt+T")), self.attendance
        )

        self.agenda = QListWidget()
        self.agenda.setAccessibleName(self.tr("Agenda"))
        self.agenda.setWordWrap(True)
        self.agenda.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.agenda.currentRowChanged.connect(self._on_agenda_row)
        self.remove_button = QPushButton(self.tr("&Remove from the agenda"))
        self.remove_button.clicked.connect(self.remove_selected)
        agenda_box = self._group(
            self.tr("Agenda ({keys})").format(keys=keys("Alt+G")), self.agenda, self.remove_button
        )

        self.item_label = start_aligned(QLabel())
        self.item_label.setWordWrap(True)
        self.checks_label = start_aligned(QLabel())
        self.checks_label.setWordWrap(True)
        self.proposal_combo = QComboBox()
        self.proposal_combo.setAccessibleName(self.tr("Proposal"))
        self.basis_edit = QLineEdit()
        self.basis_edit.setAccessibleName(self.tr("Legal basis"))
        self.basis_edit.setPlaceholderText(self.tr("Articles and clauses, e.g. 37/ز، 41"))
        self.reasoning_edit = QPlainTextEdit()
        self.reasoning_edit.setAccessibleName(self.tr("Reasoning"))
        self.reasoning_edit.setTabChangesFocus(True)
        self.reasoning_edit.setFixedHeight(48)
        self.apply_button = QPushButton(self.tr("&Put this proposal to the vote"))
        self.apply_button.clicked.connect(self.apply_proposal)
        proposal_row = QHBoxLayout()
        proposal_caption = QLabel(self.tr("Proposal:"))
        proposal_caption.setBuddy(self.proposal_combo)
        proposal_row.addWidget(proposal_caption)
        proposal_row.addWidget(self.proposal_combo, 1)
        basis_caption = QLabel(self.tr("Legal basis:"))
        basis_caption.setBuddy(self.basis_edit)
        proposal_row.addWidget(basis_caption)
        proposal_row.addWidget(self.basis_edit, 1)
        proposal_row.addWidget(self.apply_button)

        self.votes_table = read_only_table(
            [self.tr("Member"), self.tr("Vote"), self.tr("Dissent note")]
        )
        self.votes_table.setAccessibleName(self.tr("Votes"))
        self.votes_table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
        )
        self.votes_table.installEventFilter(self)
        self.votes_table.itemChanged.connect(self._on_vote_note_edited)
        self.tally_label = start_aligned(QLabel())
        self.tally_label.setObjectName("tally")
        votes_hint = QLabel(
            self.tr(
                "Votes ({keys}): {one}, {two}, {three} for, against, abstain · {edit} dissent note"
            ).format(
                keys=keys("Alt+V"),
                one=self._fmt.digits(1),
                two=self._fmt.digits(2),
                three=self._fmt.digits(3),
                edit=keys("F2"),
            )
        )
        votes_hint.setObjectName("hint")
        votes_hint.setBuddy(self.votes_table)

        item_box = QGroupBox(self.tr("Dossier on the agenda"))
        item_layout = QVBoxLayout(item_box)
        item_layout.addWidget(self.item_label)
        item_layout.addWidget(self.checks_label)
        item_layout.addLayout(proposal_row)
        item_layout.addWidget(self.reasoning_edit)
        item_layout.addWidget(votes_hint)
        item_layout.addWidget(self.votes_table, 1)
        item_layout.addWidget(self.tally_label)

        body = QHBoxLayout()
        body.addWidget(attendance_box, 3)
        body.addWidget(agenda_box, 3)
        body.addWidget(item_box, 7)

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(top)
        layout.addWidget(self.quorum_label)
        layout.addLayout(body, 1)
        for first, second in (
            (self.session_combo, self.board_combo),
            (self.board_combo, self.new_button),
            (self.new_button, self.close_button),
            (self.close_button, self.attendance),
            (self.attendance, self.agenda),
            (self.agenda, self.remove_button),
            (self.remove_button, self.proposal_combo),
            (self.proposal_combo, self.basis_edit),
            (self.basis_edit, self.apply_button),
            (self.apply_button, self.reasoning_edit),
            (self.reasoning_edit, self.votes_table),
        ):
            self.setTabOrder(first, second)
        return page

    @staticmethod
    def _group(title: str, *widgets: QWidget) -> QGroupBox:
        box = QGroupBox(title)
        layout = QVBoxLayout(box)
        for widget in widgets:
            layout.addWidget(widget, 1 if isinstance(widget, QListWidget) else 0)
        return box

    def _build_objections_tab(self) -> QWidget:
        self.objection_table = read_only_table(
            [
                self.tr("Candidate"),
                self.tr("Constituency"),
                self.tr("Filed"),
                self.tr("Routed to"),
                self.tr("Deadline"),
                self.tr("Status"),
            ]
        )
        self.objection_table.setAccessibleName(self.tr("Objections"))
        self.objection_table.currentCellChanged.connect(self._on_objection_row)
        self.objection_table.setMaximumHeight(140)
        self.dossier_side = start_aligned(QLabel())
        self.dossier_side.setWordWrap(True)
        self.dossier_side.setTextFormat(Qt.TextFormat.PlainText)
        self.dossier_checks = read_only_table(
            [self.tr("Criterion"), self.tr("Result"), self.tr("Legal basis")]
        )
        self.ruling_side = start_aligned(QLabel())
        self.ruling_side.setWordWrap(True)
        self.ruling_side.setTextFormat(Qt.TextFormat.PlainText)
        self.objection_text = start_aligned(QLabel())
        self.objection_text.setWordWrap(True)
        self.objection_text.setTextFormat(Qt.TextFormat.PlainText)
        left = QGroupBox(self.tr("The dossier"))
        left_box = QVBoxLayout(left)
        left_box.addWidget(self.dossier_side)
        left_box.addWidget(self.dossier_checks, 1)
        right = QGroupBox(self.tr("The ruling and the objection"))
        texts = QWidget()
        texts_box = QVBoxLayout(texts)
        texts_box.addWidget(self.ruling_side)
        texts_box.addSpacing(12)
        texts_box.addWidget(self.objection_text)
        texts_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(texts)
        right_box = QVBoxLayout(right)
        right_box.addWidget(scroll)
        side_by_side = QSplitter(Qt.Orientation.Horizontal)
        side_by_side.addWidget(left)
        side_by_side.addWidget(right)
        side_by_side.setChildrenCollapsible(False)
        # Side by side means half each, whatever the texts' own size hints say.
        for pane in (left, right):
            pane.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        side_by_side.setStretchFactor(0, 1)
        side_by_side.setStretchFactor(1, 1)
        self.side_by_side = side_by_side
        self.review_button = QPushButton(
            self.tr("Put on the agenda of the &higher board's session")
        )
        self.review_button.setToolTip(shortcut_text("Ctrl+G"))
        self.review_button.clicked.connect(self.put_objection_on_agenda)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.objection_table)
        layout.addWidget(side_by_side, 1)
        layout.addWidget(self.review_button, 0, Qt.AlignmentFlag.AlignLeading)
        shortcut = QShortcut(QKeySequence("Ctrl+G"), page)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.put_objection_on_agenda)
        self._objection_shortcut = shortcut
        self._objection_entries: list[ObjectionEntry] = []
        self._review: ObjectionReview | None = None
        return page

    # --- loading ----------------------------------------------------------------------------

    def refresh(self, select: str | None = None) -> None:
        """Re-read the list of sessions (and the boards, the first time)."""
        if self.board_combo.count() <= 1:
            self._runner.submit(self._boards, self._set_boards, self._error)
        wanted = select or self._session_id
        self._runner.submit(
            self._sessions.sessions, lambda s: self._set_sessions(s, wanted), self._error
        )
        if self.tabs.currentWidget() is self.objections_tab:
            self.refresh_objections()

    def _set_boards(self, boards: list[tuple[str, str]]) -> None:
        self.board_combo.set_choices([(name, board_id) for board_id, name in boards])
        if self._default_board:
            self.board_combo.set_value(self._default_board)

    def _set_sessions(self, sessions: list[SessionSummary], select: str | None) -> None:
        states = session_status_labels()
        self.session_combo.blockSignals(True)
        self.session_combo.clear()
        for s in sessions:
            self.session_combo.addItem(
                self.tr("{board} · {date} · {status} · {decided} of {items} decided").format(
                    board=s.board_name,
                    date=self._fmt.date(s.held_on),
                    status=states[s.status],
                    decided=self._fmt.number(s.decided),
                    items=self._fmt.number(s.items),
                ),
                s.id,
            )
        index = self.session_combo.findData(select) if select else 0
        self.session_combo.setCurrentIndex(max(0, index) if sessions else -1)
        self.session_combo.blockSignals(False)
        if sessions:
            self.load_session(str(self.session_combo.currentData()))
        else:
            self._show_empty()

    def _show_empty(self) -> None:
        self._view = None
        self._session_id = None
        self.quorum_label.setText(
            self.tr(
                "No session yet: open one, or put dossiers on "
                "the agenda from the dossier list ({keys})."
            ).format(keys=keys("Ctrl+G"))
        )
        self.quorum_label.setProperty("state", "")
        self.attendance.clear()
        self.agenda.clear()
        self._show_item(None)

    def _on_session_chosen(self, index: int) -> None:
        if index >= 0:
            self.load_session(str(self.session_combo.itemData(index)))

    def load_session(self, session_id: str) -> None:
        self._session_id = session_id
        self._runner.submit(lambda: self._sessions.view(session_id), self.show_view, self._error)

    def open_new_session(self) -> None:
        board_id = self.board_combo.value()
        if board_id is None:
            self._say(self.tr("Choose the board whose session to open."))
            self.board_combo.setFocus()
            return
        self._runner.submit(
            lambda: self._sessions.open(board_id),
            lambda session_id: self.refresh(select=session_id),
            self._error,
        )

    # --- showing a session ------------------------------------------------------------------

    @property
    def view(self) -> SessionView | None:
        return self._view

    def show_view(self, view: SessionView) -> None:
        self._view = view
        self._filling = True
        try:
            self._fill_header(view)
            self._fill_attendance(view)
            self._fill_agenda(view)
        finally:
            self._filling = False

    def _fill_header(self, view: SessionView) -> None:
        s = view.session
        rule = view.rule
        text = self.tr(
            "Voting members present: {present} of {full}; quorum {quorum}; a decision needs "
            "{majority} votes"
        ).format(
            present=self._fmt.number(len(view.voters)),
            full=self._fmt.number(rule.full_membership),
            quorum=self._fmt.number(rule.required_present),
            majority=self._fmt.number(rule.required_votes),
        )
        if view.quorum_met:
            text += " · " + self.tr("Quorum met")
        else:
            text += " · " + self.tr("No quorum: votes cannot be taken")
        self.quorum_label.setText(text)
        self.quorum_label.setProperty("state", "ok" if view.quorum_met else "alarm")
        self.quorum_label.style().polish(self.quorum_label)
        open_ = s.status is SessionStatus.OPEN
        for widget in (self.close_button, self.apply_button, self.remove_button):
            widget.setEnabled(open_)

    def _fill_attendance(self, view: SessionView) -> None:
        current = self.attendance.currentRow()
        self.attendance.clear()
        present = set(view.session.present_member_ids)
        editable = view.session.is_open
        for member in view.members:
            item = QListWidgetItem(f"{member.full_name} ({self._roles[member.role]})")
            item.setData(MEMBER_ROLE, member.id)
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            if editable:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            item.setFlags(flags)
            item.setCheckState(
                Qt.CheckState.Checked if member.id in present else Qt.CheckState.Unchecked
            )
            self.attendance.addItem(item)
        if self.attendance.count():
            self.attendance.setCurrentRow(max(0, min(current, self.attendance.count() - 1)))

    def _fill_agenda(self, view: SessionView) -> None:
        previous = self._selected_ref
        self.agenda.blockSignals(True)
        self.agenda.clear()
        select = 0
        for row, entry in enumerate(view.entries):
            item = QListWidgetItem(self._agenda_text(entry))
            item.setData(MEMBER_ROLE, entry.item.subject_ref)
            if entry.item.decided:
                item.setForeground(PASS)
            self.agenda.addItem(item)
            if entry.item.subject_ref == previous:
                select = row
        self.agenda.blockSignals(False)
        if view.entries:
            self.agenda.setCurrentRow(select)
            self._show_item(view.entries[select])
        else:
            self._show_item(None)

    def _agenda_text(self, entry: AgendaEntry) -> str:
        tally = entry.item.tally()
        labels = (
            objection_proposal_labels()
            if entry.item.subject is RulingSubject.OBJECTION
            else proposal_labels()
        )
        text = self.tr(
            "{name}: {proposal} ({approve} for, {reject} against, {abstain} abstaining)"
        ).format(
            name=entry.candidate_name,
            proposal=labels[entry.item.proposal],
            approve=self._fmt.number(tally[Vote.APPROVE]),
            reject=self._fmt.number(tally[Vote.REJECT]),
            abstain=self._fmt.number(tally[Vote.ABSTAIN]),
        )
        if entry.item.decided:
            text += " · " + self.tr("decided, ruling drafted")
        return text

    def _on_agenda_row(self, row: int) -> None:
        if self._view is not None and 0 <= row < len(self._view.entries):
            self._show_item(self._view.entries[row])

    def _show_item(self, entry: AgendaEntry | None) -> None:
        same = entry is not None and entry.item.subject_ref == self._selected_ref
        # Re-reading the same item after a vote keeps the secretary on the next member.
        keep_row = self.votes_table.currentRow() if same else -1
        self._selected_ref = entry.item.subject_ref if entry else None
        self._filling = True
        try:
            self._fill_item(entry)
        finally:
            self._filling = False
        rows = self.votes_table.rowCount()
        if rows:
            self.votes_table.setCurrentCell(keep_row if 0 <= keep_row < rows else 0, 1)

    def _fill_item(self, entry: AgendaEntry | None) -> None:
        self.proposal_combo.clear()
        self.votes_table.setRowCount(0)
        if entry is None or self._view is None:
            self.item_label.setText(self.tr("Nothing on the agenda yet."))
            self.checks_label.clear()
            self.basis_edit.clear()
            self.reasoning_edit.clear()
            self.tally_label.clear()
            return
        item = entry.item
        objection = item.subject is RulingSubject.OBJECTION
        heading = self.tr("Objection of {name}") if objection else self.tr("Dossier of {name}")
        parts = (
            heading.format(name=entry.candidate_name),
            self._fmt.code(item.registration_id),
            entry.constituency_name,
            status_labels().get(entry.status, entry.status),
        )
        self.item_label.setText(" · ".join(parts))
        if entry.failed_checks:
            lang = "fa" if self._fmt.persian else "en"
            titles = [
                self._view.check_titles.get(code, {}).get(lang, code)
                for code in entry.failed_checks
            ]
            self.checks_label.setText(
                self.tr("Failed automatic checks: {checks}").format(
                    checks=("، " if lang == "fa" else ", ").join(titles)
                )
            )
        else:
            self.checks_label.setText(self.tr("Every automatic check passed."))
        labels = objection_proposal_labels() if objection else proposal_labels()
        for outcome, text in labels.items():
            self.proposal_combo.addItem(text, outcome)
        self.proposal_combo.setCurrentIndex(self.proposal_combo.findData(item.proposal))
        self.basis_edit.setText(format_legal_basis(item.legal_basis))
        self.reasoning_edit.setPlainText(item.reasoning)
        self._fill_votes(entry)

    def _fill_votes(self, entry: AgendaEntry) -> None:
        assert self._view is not None
        view = self._view
        names = {m.id: m.full_name for m in view.members}
        table = self.votes_table
        table.blockSignals(True)
        table.setRowCount(len(view.voters))
        for row, member_id in enumerate(view.voters):
            vote = entry.item.vote_of(member_id)
            name = cell(names.get(member_id, member_id))
            name.setData(MEMBER_ROLE, member_id)
            name.setFlags(name.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, 0, name)
            # For in green, against in red; an abstention is neither.
            colour = {Vote.APPROVE: PASS, Vote.REJECT: ALARM}.get(vote.vote) if vote else None
            vote_cell = cell(self._votes[vote.vote] if vote else self.tr("Not voted"), colour)
            vote_cell.setFlags(vote_cell.flags() & ~Qt.ItemFlag.ItemIsEditable)
            table.setItem(row, 1, vote_cell)
            table.setItem(row, 2, cell(vote.dissent_note if vote else ""))
        table.blockSignals(False)
        fit_columns(table, stretch=2)
        # One line per member: a five-member board fits without scrolling at 768 px.
        for row in range(table.rowCount()):
            table.setRowHeight(row, table.fontMetrics().height() + 8)
        tally = entry.item.tally()
        rule = view.rule
        carried = entry.carried
        self.tally_label.setText(
            self.tr("{approve} for, {reject} against, {abstain} abstaining: {result}").format(
                approve=self._fmt.number(tally[Vote.APPROVE]),
                reject=self._fmt.number(tally[Vote.REJECT]),
                abstain=self._fmt.number(tally[Vote.ABSTAIN]),
                result=self.tr("the proposal carries")
                if carried
                else self.tr("{needed} votes for are needed").format(
                    needed=self._fmt.number(rule.required_votes)
                ),
            )
        )

    # --- editing ----------------------------------------------------------------------------

    def _on_attendance_changed(self, _item: QListWidgetItem) -> None:
        if self._filling or self._session_id is None:
            return
        present = [
            str(self.attendance.item(i).data(MEMBER_ROLE))
            for i in range(self.attendance.count())
            if self.attendance.item(i).checkState() == Qt.CheckState.Checked
        ]
        session_id = self._session_id
        self._call(lambda: self._sessions.set_attendance(session_id, present))

    def apply_proposal(self) -> None:
        if self._session_id is None or self._selected_ref is None:
            return
        session_id, ref = self._session_id, self._selected_ref
        proposal = self.proposal_combo.currentData()
        basis = parse_legal_basis(self.basis_edit.text())
        reasoning = self.reasoning_edit.toPlainText()
        self._call(lambda: self._sessions.set_proposal(session_id, ref, proposal, basis, reasoning))

    def focus_votes(self) -> None:
        self.votes_table.setFocus()
        if self.votes_table.rowCount() and self.votes_table.currentRow() < 0:
            self.votes_table.setCurrentCell(0, 1)

    def eventFilter(self, watched: QObject | None, event: QEvent | None) -> bool:
        if (
            watched is self.votes_table
            and event is not None
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and self.votes_table.state() != QAbstractItemView.State.EditingState
        ):
            vote = VOTE_KEYS.get(event.text())
            if vote is not None:
                self.cast_current(vote)
                return True
        return super().eventFilter(watched, event)

    def cast_current(self, vote: Vote) -> None:
        """Record ``vote`` for the member on the votes table's current row, then move on."""
        row = self.votes_table.currentRow()
        if self._session_id is None or self._selected_ref is None or row < 0:
            return
        member_id = str(self.votes_table.item(row, 0).data(MEMBER_ROLE))
        note_item = self.votes_table.item(row, 2)
        note = note_item.text() if note_item is not None else ""
        session_id, ref = self._session_id, self._selected_ref
        self._call(lambda: self._sessions.vote(session_id, ref, member_id, vote, note))
        if row + 1 < self.votes_table.rowCount():
            self.votes_table.setCurrentCell(row + 1, 1)

    def _on_vote_note_edited(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != 2 or self._view is None:
            return
        if self._session_id is None or self._selected_ref is None:
            return
        member_id = str(self.votes_table.item(item.row(), 0).data(MEMBER_ROLE))
        entry = self._view.entry(self._selected_ref)
        current = entry.item.vote_of(member_id)
        if current is None:
            self._say(self.tr("Record the vote first (1, 2 or 3), then its dissent note."))
            return
        session_id, ref, note = self._session_id, self._selected_ref, item.text()
        self._call(lambda: self._sessions.vote(session_id, ref, member_id, current.vote, note))

    def remove_selected(self) -> None:
        if self._session_id is None or self._selected_ref is None:
            return
        session_id, ref = self._session_id, self._selected_ref
        self._call(lambda: self._sessions.remove(session_id, ref))

    def close_session(self) -> None:
        if self._session_id is None or self._view is None or not self._view.session.is_open:
            return
        session_id = self._session_id

        def done(result: CloseResult) -> None:
            self._say(
                self.tr(
                    "Session closed: {drafts} ruling drafts for signature; {undecided} "
                    "items without a majority stay open."
                ).format(
                    drafts=self._fmt.number(len(result.drafts)),
                    undecided=self._fmt.number(len(result.undecided)),
                )
            )
            self.refresh(select=session_id)

        self._runner.submit(lambda: self._sessions.close(session_id), done, self._error)

    def _call(self, change: Callable[[], Any]) -> None:
        """Run a change in the background, then re-read the session."""
        session_id = self._session_id
        if session_id is None:
            return

        def done(_result: Any) -> None:
            self._say("")
            self.load_session(session_id)

        self._runner.submit(change, done, self._error)

    # --- objections ------------------------------------------------------------------------

    def _on_tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.objections_tab:
            self.refresh_objections()

    def refresh_objections(self) -> None:
        if self._objections is None:
            return
        objections = self._objections
        self._runner.submit(lambda: objections.queue(None), self._set_objections, self._error)

    def _set_objections(self, entries: list[ObjectionEntry]) -> None:
        self._objection_entries = entries
        states = objection_status_labels()
        table = self.objection_table
        table.setRowCount(len(entries))
        for row, e in enumerate(entries):
            deadline = ""
            if e.days_left is not None:
                deadline = self.tr("{days} days left").format(days=self._fmt.number(e.days_left))
            table.setItem(row, 0, cell(e.candidate_name))
            table.setItem(row, 1, cell(e.constituency_name))
            table.setItem(row, 2, cell(self._fmt.date(e.objection.filed_on)))
            table.setItem(row, 3, cell(e.board_name))
            table.setItem(row, 4, cell(deadline))
            table.setItem(row, 5, cell(states[e.objection.status]))
        fit_columns(table, stretch=3)
        if entries:
            table.setCurrentCell(0, 0)
        else:
            self.dossier_side.setText(self.tr("No objection is waiting for review."))
            self.ruling_side.clear()
            self.objection_text.clear()
            self.dossier_checks.setRowCount(0)

    def _on_objection_row(self, row: int, *_: int) -> None:
        if self._objections is None or not 0 <= row < len(self._objection_entries):
            return
        objection_id = self._objection_entries[row].objection.id
        objections = self._objections
        self._runner.submit(lambda: objections.review(objection_id), self.show_review, self._error)

    def show_review(self, review: ObjectionReview) -> None:
        """The dossier on one side, the ruling and the objection on the other."""
        self._review = review
        total = sum(self.side_by_side.sizes()) or self.side_by_side.width()
        self.side_by_side.setSizes([total // 2, total - total // 2])
        detail = review.dossier
        d = detail.dossier
        lang = "fa" if self._fmt.persian else "en"
        self.dossier_side.setText(
            self.tr(
                "{name} · {registration_id} · national id {national_id}\n"
                "{constituency} ({county}) · {status}"
            ).format(
                name=d.full_name,
                registration_id=self._fmt.code(d.registration_id),
                national_id=self._fmt.identifier(d.national_id),
                constituency=detail.constituency_name,
                county=detail.county_name,
                status=status_labels().get(d.status, d.status),
            )
        )
        outcomes = outcome_labels()
        table = self.dossier_checks
        # What the rejection rests on comes first.
        checks = sorted(detail.checks, key=lambda c: c.outcome.value != "fail")
        table.setRowCount(len(checks))
        for row, check in enumerate(checks):
            table.setItem(row, 0, cell(check.rule.title(lang)))
            colour = ALARM if check.outcome.value == "fail" else None
            table.setItem(row, 1, cell(outcomes[check.outcome], colour))
            table.setItem(row, 2, cell(legal_basis_text(check.basis, lang)))
        fit_columns(table, stretch=0)
        ruling = review.ruling
        if ruling is None:
            self.ruling_side.setText(self.tr("The ruling is not in this workstation's store."))
        else:
            board = review.deciding_board.name if review.deciding_board else ruling.board_id
            basis = "، ".join(legal_basis_text(b, lang) for b in ruling.legal_basis)
            self.ruling_side.setText(
                self.tr(
                    "Ruling of {board}, {date}: {decision}\nLegal basis: {basis}\n"
                    "Reasoning: {reasoning}"
                ).format(
                    board=board,
                    date=self._fmt.date(ruling.issued_on),
                    decision=ruling.decision,
                    basis=basis,
                    reasoning=ruling.reasoning,
                )
            )
        routed = review.routed_board.name if review.routed_board else ""
        self.objection_text.setText(
            self.tr("Objection filed {date}, for {board}:\n{text}").format(
                date=self._fmt.date(review.objection.filed_on),
                board=routed,
                text=review.objection.text,
            )
        )

    def put_objection_on_agenda(self) -> None:
        if self._review is None:
            return
        rid = self._review.objection.registration_id

        def done(session_id: str) -> None:
            self._say(self.tr("The objection is on the agenda of the higher board's session."))
            self.refresh_objections()
            self.refresh(select=session_id)

        self._runner.submit(lambda: self._sessions.add_to_agenda(rid), done, self._error)

    # --- messages --------------------------------------------------------------------------

    def _say(self, text: str) -> None:
        self.message_label.setText(text)
        self.message_label.setVisible(bool(text))
        if text:
            self.message.emit(text)

    def _error(self, exc: BaseException) -> None:
        log.warning("session action failed: %s", exc)
        self._say(self.tr("Not done: {reason}").format(reason=error_text(exc, self._fmt.persian)))
