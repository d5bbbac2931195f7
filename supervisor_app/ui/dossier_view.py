"""One dossier: candidate data, eligibility checklist, documents, inquiries, the
executive board's opinion and the history of decisions, objections and rulings.

Keyboard: Ctrl+PgDown / Ctrl+PgUp next and previous dossier, Esc back to the list,
Ctrl+D documents, Ctrl+K checklist, Ctrl+G put the dossier on the agenda; Ctrl+Tab
moves between the tabs. Everything is read-only except the manual criteria.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from PyQt6.QtCore import Qt, pyqtSignal
from PyQt6.QtGui import QColor, QKeySequence, QPixmap, QShortcut
from PyQt6.QtPdf import QPdfDocument
from PyQt6.QtPdfWidgets import QPdfView
from PyQt6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.domain.candidates import (
    CandidateStatus,
    DecisionStage,
    Gender,
    MilitaryStatus,
)
from supervisor_app.domain.eligibility import CheckMode, CheckResult, Outcome, legal_basis_text
from supervisor_app.domain.jalali import full_years_between
from supervisor_app.domain.rulings import RulingSubject
from supervisor_app.services.review import DocumentView, DossierDetail

from .fonts import TITLE_POINT_SIZE, emphasised
from .labels import status_labels
from .review_labels import (
    authority_labels,
    decision_outcome_labels,
    decision_stage_labels,
    document_labels,
    education_labels,
    gender_labels,
    inquiry_result_labels,
    military_labels,
    objection_status_labels,
    outcome_labels,
    ruling_status_labels,
    stage_labels,
    veteran_labels,
)
from .text import Formatter, ltr

log = logging.getLogger(__name__)

ALARM = QColor("#b00020")
PASS = QColor("#1e7b34")
UNKNOWN = QColor("#8a5a00")
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".bmp", ".webp"}


def shortcut_text(keys: str) -> str:
    """A key combination as printed on the keys (Latin key names, as on the keyboard)."""
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.PortableText)


def start_aligned(label: QLabel) -> QLabel:
    """Align to the layout's start side even when the text is only digits."""
    start = Qt.AlignmentFlag.AlignRight if label.isRightToLeft() else Qt.AlignmentFlag.AlignLeft
    label.setAlignment(start | Qt.AlignmentFlag.AlignAbsolute | Qt.AlignmentFlag.AlignTop)
    return label


def read_only_table(columns: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(columns))
    table.setHorizontalHeaderLabels(columns)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setWordWrap(True)
    table.setAlternatingRowColors(True)
    table.setTabKeyNavigation(False)  # Tab leaves the table: keyboard users move on
    table.horizontalHeader().setMinimumSectionSize(48)  # the style's default is far wider
    return table


def cell(text: str, colour: QColor | None = None) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setToolTip(text)
    if colour is not None:
        item.setForeground(colour)
    return item


def fit_columns(table: QTableWidget, stretch: int, wrap: Sequence[int] = ()) -> None:
    """Size columns to their content, give ``stretch`` the rest, rows to their text.

    Columns in ``wrap`` hold long text: they share the width (interactive) and their
    rows grow to show it whole; row heights follow every change of column width.
    """
    header = table.horizontalHeader()
    for column in range(table.columnCount()):
        if column == stretch:
            mode = QHeaderView.ResizeMode.Stretch
        elif column in wrap:
            mode = QHeaderView.ResizeMode.Interactive
        else:
            mode = QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(column, mode)
    if not table.property("rowsFollowWidth"):
        table.setProperty("rowsFollowWidth", True)
        header.sectionResized.connect(lambda *_: table.resizeRowsToContents())
    table.resizeRowsToContents()


class DossierView(QWidget):
    """Shows a ``DossierDetail``; asks its page (signals) for everything else."""

    back_requested = pyqtSignal()
    next_requested = pyqtSignal()
    previous_requested = pyqtSignal()
    agenda_requested = pyqtSignal(str)  # registration id
    objection_requested = pyqtSignal(str)
    manual_recorded = pyqtSignal(str, str, bool, str)  # registration id, code, met, note

    def __init__(self, fmt: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dossierView")
        self._fmt = fmt
        self._lang = "fa" if fmt.persian else "en"
        self._detail: DossierDetail | None = None
        self._status = status_labels()

        self.name_label = QLabel()
        self.name_label.setObjectName("dossierName")
        self.name_label.setFont(emphasised(self.name_label.font(), TITLE_POINT_SIZE))
        self.summary_label = start_aligned(QLabel())
        self.summary_label.setObjectName("dossierSummary")
        self.summary_label.setWordWrap(True)
        self.deadline_label = start_aligned(QLabel())
        self.deadline_label.setObjectName("deadline")

        self.back_button = QPushButton(self.tr("&Back to the list"))
        self.back_button.setToolTip(shortcut_text("Esc"))
        self.previous_button = QPushButton(self.tr("&Previous dossier"))
        self.previous_button.setToolTip(shortcut_text("Ctrl+PgUp"))
        self.next_button = QPushButton(self.tr("&Next dossier"))
        self.next_button.setToolTip(shortcut_text("Ctrl+PgDown"))
        self.agenda_button = QPushButton(self.tr("Put on the session &agenda"))
        self.agenda_button.setToolTip(shortcut_text("Ctrl+G"))
        self.objection_button = QPushButton(self.tr("Register an &objection…"))
        self.back_button.clicked.connect(self.back_requested)
        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.agenda_button.clicked.connect(self._request_agenda)
        self.objection_button.clicked.connect(self._request_objection)

        buttons = QHBoxLayout()
        for button in (
            self.back_button,
            self.previous_button,
            self.next_button,
            self.agenda_button,
            self.objection_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)

        self.tabs = QTabWidget()
        self.tabs.setObjectName("dossierTabs")
        self.candidate_tab = self._build_candidate_tab()
        self.checks_tab = self._build_checks_tab()
        self.documents_tab = self._build_documents_tab()
        self.inquiries_table = read_only_table(
            [
                self.tr("Authority"),
                self.tr("Sent"),
                self.tr("Answered"),
                self.tr("Result"),
                self.tr("Note"),
            ]
        )
        self.opinion_label = start_aligned(QLabel())
        self.opinion_label.setWordWrap(True)
        self.opinion_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        opinion = QScrollArea()
        opinion.setWidgetResizable(True)
        opinion.setWidget(self.opinion_label)
        self.history_table = read_only_table(
            [
                self.tr("Date"),
                self.tr("Event"),
                self.tr("Board"),
                self.tr("Outcome"),
                self.tr("Legal basis"),
                self.tr("Details"),
            ]
        )
        self.tabs.addTab(self.candidate_tab, self.tr("Candidate"))
        self.tabs.addTab(self.checks_tab, self.tr("Eligibility checks"))
        self.tabs.addTab(self.documents_tab, self.tr("Documents"))
        self.tabs.addTab(self.inquiries_table, self.tr("Inquiries"))
        self.tabs.addTab(opinion, self.tr("Executive board's opinion"))
        self.tabs.addTab(self.history_table, self.tr("History"))

        header = QHBoxLayout()
        header.addWidget(self.name_label)
        header.addSpacing(16)
        header.addWidget(self.deadline_label, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.addLayout(header)
        layout.addWidget(self.summary_label)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)

        self._shortcuts: list[QShortcut] = []
        for keys, slot in (
            ("Esc", self.back_requested.emit),
            ("Ctrl+PgDown", self.next_requested.emit),
            ("Ctrl+PgUp", self.previous_requested.emit),
            ("Ctrl+D", self.open_documents),
            ("Ctrl+K", self.open_checklist),
            ("Ctrl+G", self._request_agenda),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)

    # --- building -------------------------------------------------------------------------

    def _build_candidate_tab(self) -> QWidget:
        self._fields: dict[str, QLabel] = {}
        captions = [
            ("registration_id", self.tr("Registration id:")),
            ("national_id", self.tr("National id:")),
            ("father_name", self.tr("Father's name:")),
            ("birth", self.tr("Born:")),
            ("birthplace", self.tr("Birthplace:")),
            ("gender", self.tr("Gender:")),
            ("mobile", self.tr("Mobile:")),
            ("education", self.tr("Education:")),
            ("verification", self.tr("Degree verification code:")),
            ("occupation", self.tr("Occupation:")),
            ("constituency", self.tr("Constituency:")),
            ("residence", self.tr("Residence:")),
            ("military", self.tr("Military service:")),
            ("veteran", self.tr("Veteran status:")),
            ("previous", self.tr("Former council member:")),
            ("art41", self.tr("Art. 41 post:")),
            ("registered", self.tr("Registered:")),
            ("status", self.tr("Status:")),
            ("address", self.tr("Address:")),
        ]
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(8)
        half = (len(captions) + 1) // 2
        for i, (key, caption) in enumerate(captions):
            row, pair = (i, 0) if i < half else (i - half, 1)
            name = QLabel(caption)
            name.setObjectName("fieldCaption")
            value = start_aligned(QLabel())
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self._fields[key] = value
            grid.addWidget(name, row, pair * 2, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(value, row, pair * 2 + 1)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        page = QWidget()
        box = QVBoxLayout(page)
        box.addLayout(grid)
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(page)
        return scroll

    def _build_checks_tab(self) -> QWidget:
        self.checks_table = read_only_table(
            [self.tr("Criterion"), self.tr("Result"), self.tr("Legal basis"), self.tr("Evidence")]
        )
        self.checks_table.setAccessibleName(self.tr("Eligibility checklist"))
        self.manual_combo = QComboBox()
        self.manual_combo.setAccessibleName(self.tr("Manual criterion"))
        self.manual_judgement = QComboBox()
        self.manual_judgement.addItem(self.tr("Met"), True)
        self.manual_judgement.addItem(self.tr("Not met"), False)
        self.manual_judgement.setAccessibleName(self.tr("Judgement"))
        self.manual_note = QLineEdit()
        self.manual_note.setPlaceholderText(self.tr("Note (required): what the judgement rests on"))
        self.manual_note.setAccessibleName(self.tr("Note"))
        self.manual_button = QPushButton(self.tr("&Record judgement"))
        self.manual_button.clicked.connect(self._record_manual)
        self.manual_note.returnPressed.connect(self._record_manual)
        self.manual_error = QLabel()
        self.manual_error.setObjectName("errorText")
        self.manual_error.hide()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Members' judgement:")))
        row.addWidget(self.manual_combo, 2)
        row.addWidget(self.manual_judgement)
        row.addWidget(self.manual_note, 3)
        row.addWidget(self.manual_button)
        page = QWidget()
        box = QVBoxLayout(page)
        box.addWidget(self.checks_table, 1)
        box.addLayout(row)
        box.addWidget(self.manual_error)
        return page

    def _build_documents_tab(self) -> QWidget:
        self.documents_table = read_only_table(
            [self.tr("Document"), self.tr("Uploaded"), self.tr("Size"), self.tr("File")]
        )
        self.documents_table.setAccessibleName(self.tr("Documents"))
        self.documents_table.currentCellChanged.connect(self._on_document_selected)
        self.hash_label = start_aligned(QLabel())
        self.hash_label.setObjectName("documentHash")
        self.hash_label.setWordWrap(True)
        self.hash_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.pdf_document = QPdfDocument(self)
        self.pdf_view = QPdfView(None)
        self.pdf_view.setDocument(self.pdf_document)
        self.pdf_view.setPageMode(QPdfView.PageMode.MultiPage)
        self.pdf_view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.image_label = QLabel()
        self.image_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        image_scroll = QScrollArea()
        image_scroll.setWidgetResizable(True)
        image_scroll.setWidget(self.image_label)
        self.viewer_message = QLabel()
        self.viewer_message.setObjectName("viewerMessage")
        self.viewer_message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.viewer_message.setWordWrap(True)
        self.viewer = QStackedWidget()
        self.viewer.addWidget(self.viewer_message)  # 0
        self.viewer.addWidget(self.pdf_view)  # 1
        self.viewer.addWidget(image_scroll)  # 2
        side = QWidget()
        side_box = QVBoxLayout(side)
        side_box.setContentsMargins(0, 0, 0, 0)
        side_box.addWidget(self.hash_label)
        side_box.addWidget(self.viewer, 1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.documents_table)
        splitter.addWidget(side)
        splitter.setChildrenCollapsible(False)
        self.documents_splitter = splitter
        return splitter

    # --- showing ----------------------------------------------------------------------------

    @property
    def detail(self) -> DossierDetail | None:
        return self._detail

    def show_detail(self, detail: DossierDetail) -> None:
        self._detail = detail
        d = detail.dossier
        fmt = self._fmt
        self.name_label.setText(d.full_name)
        stage = stage_labels()[detail.stage]
        self.summary_label.setText(
            self.tr(
                "{registration_id} · national id {national_id} · {constituency} "
                "({county}) · {status} · {stage}"
            ).format(
                registration_id=fmt.code(d.registration_id),
                national_id=fmt.identifier(d.national_id),
                constituency=detail.constituency_name,
                county=detail.county_name,
                status=self._status.get(d.status, d.status),
                stage=stage,
            )
        )
        self.deadline_label.setText(self._deadline_text(detail))
        alarm = detail.days_left is not None and detail.days_left <= 0
        self.deadline_label.setProperty("state", "alarm" if alarm else "")
        self.deadline_label.style().polish(self.deadline_label)
        self.objection_button.setEnabled(d.status is CandidateStatus.SUPERVISORY_REJECTED)
        self._fill_candidate(detail)
        self._fill_checks(detail)
        self._fill_documents(detail)
        self._fill_inquiries(detail)
        self.opinion_label.setText(d.executive_opinion or self.tr("No opinion recorded yet."))
        self._fill_history(detail)

    def _deadline_text(self, detail: DossierDetail) -> str:
        fmt = self._fmt
        if detail.due_on is None or detail.days_left is None:
            return self.tr("No deadline pending")
        due = fmt.date(detail.due_on)
        if detail.days_left > 0:
            return self.tr("Deadline {date}: {days} days left").format(
                date=due, days=fmt.number(detail.days_left)
            )
        if detail.days_left == 0:
            return self.tr("Deadline {date}: due today").format(date=due)
        return self.tr("Deadline {date}: {days} days late").format(
            date=due, days=fmt.number(-detail.days_left)
        )

    def _fill_candidate(self, detail: DossierDetail) -> None:
        d = detail.dossier
        fmt = self._fmt
        f = self._fields
        age = full_years_between(d.birth_date, d.registered_at.date())
        f["registration_id"].setText(fmt.code(d.registration_id))
        f["national_id"].setText(fmt.identifier(d.national_id))
        f["father_name"].setText(d.father_name)
        f["birth"].setText(
            self.tr("{date} ({age} years old at registration)").format(
                date=fmt.date(d.birth_date), age=fmt.number(age)
            )
        )
        f["birthplace"].setText(d.birthplace)
        f["gender"].setText(gender_labels().get(d.gender, d.gender))
        f["mobile"].setText(fmt.identifier(d.mobile))
        education = education_labels().get(int(d.education), str(d.education))
        f["education"].setText(
            f"{education}، {d.education_field}"
            if self._lang == "fa"
            else f"{education}, {d.education_field}"
        )
        f["verification"].setText(
            fmt.identifier(d.degree_verification_code) if d.degree_verification_code else "—"
        )
        f["occupation"].setText(d.occupation)
        f["constituency"].setText(f"{detail.constituency_name} ({detail.county_name})")
        f["residence"].setText(detail.residence_name)
        f["military"].setText(
            military_labels()[d.military_status]
            if d.gender is Gender.MALE
            else military_labels()[MilitaryStatus.NOT_APPLICABLE]
        )
        f["veteran"].setText(veteran_labels()[d.veteran_status])
        f["previous"].setText(self.tr("Yes") if d.previous_council_member_of else self.tr("No"))
        if d.art41_post is None:
            f["art41"].setText(self.tr("None"))
        elif d.art41_post.resigned_on is None:
            f["art41"].setText(self.tr("{post}, not resigned").format(post=d.art41_post.title))
        else:
            f["art41"].setText(
                self.tr("{post}, resigned {date}").format(
                    post=d.art41_post.title, date=fmt.date(d.art41_post.resigned_on)
                )
            )
        moment = fmt.local(d.registered_at)
        f["registered"].setText(
            self.tr("{date} at {time}").format(date=fmt.date(moment), time=fmt.clock(moment))
        )
        f["status"].setText(self._status.get(d.status, d.status))
        f["address"].setText(d.address)

    def _fill_checks(self, detail: DossierDetail) -> None:
        table = self.checks_table
        outcomes = outcome_labels()
        colours = {Outcome.PASS: PASS, Outcome.FAIL: ALARM, Outcome.UNKNOWN: UNKNOWN}
        table.clearSpans()
        table.setRowCount(len(detail.checks))
        self.manual_combo.clear()
        if detail.rules_problem is not None:  # the rules file is broken: say where
            problem = detail.rules_problem
            table.setRowCount(1)
            table.setSpan(0, 0, 1, table.columnCount())
            table.setItem(0, 0, cell(problem.message_fa if self._lang == "fa" else str(problem),
                                     ALARM))
        for row, result in enumerate(detail.checks):
            title = result.rule.title(self._lang)
            if result.mode is CheckMode.MANUAL:
                title = self.tr("{title} (members' judgement)").format(title=title)
                self.manual_combo.addItem(result.rule.title(self._lang), result.code)
            table.setItem(row, 0, cell(title))
            table.setItem(row, 1, cell(outcomes[result.outcome], colours[result.outcome]))
            table.setItem(row, 2, cell(legal_basis_text(result.basis, self._lang)))
            table.setItem(row, 3, cell(self.evidence(result)))
        table.setColumnWidth(0, max(220, table.viewport().width() * 3 // 10))
        fit_columns(table, stretch=3, wrap=(0,))
        self.manual_error.hide()

    def evidence(self, result: CheckResult) -> str:
        assert self._detail is not None
        text = result.evidence(self._detail.table, self._lang)
        if result.assessment is not None:
            moment = self._fmt.local(result.assessment.recorded_at)
            text += " " + self.tr("({actor}, {date})").format(
                actor=result.assessment.actor, date=self._fmt.date(moment)
            )
        return text

    def _fill_documents(self, detail: DossierDetail) -> None:
        table = self.documents_table
        names = document_labels()
        table.setRowCount(len(detail.documents))
        for row, view in enumerate(detail.documents):
            doc = view.document
            moment = self._fmt.local(doc.uploaded_at)
            table.setItem(row, 0, cell(names.get(doc.kind, doc.kind.value)))
            table.setItem(row, 1, cell(self._fmt.date(moment)))
            table.setItem(
                row,
                2,
                cell(
                    self.tr("{size} KB").format(
                        size=self._fmt.number(max(1, round(doc.size / 1024)))
                    )
                ),
            )
            downloaded = self.tr("Downloaded") if view.path else self.tr("Not downloaded yet")
            table.setItem(row, 3, cell(downloaded, None if view.path else UNKNOWN))
        fit_columns(table, stretch=0)
        self._fit_documents_pane()
        if detail.documents:
            table.setCurrentCell(0, 0)
            self._show_document(detail.documents[0])
        else:
            self.hash_label.setText("")
            self._message(self.tr("This dossier has no documents."))

    def _fit_documents_pane(self) -> None:
        """Give the documents list the width its columns need; the viewer the rest."""
        table = self.documents_table
        header = table.horizontalHeader()
        names = document_labels()
        widest_name = max(
            (table.fontMetrics().horizontalAdvance(n) for n in names.values()), default=0
        )
        need = (
            widest_name + 24 + sum(header.sectionSizeHint(c) for c in range(1, table.columnCount()))
        )
        need += table.verticalScrollBar().sizeHint().width() + 2 * table.frameWidth() + 8
        table.setMinimumWidth(need)
        total = max(self.documents_splitter.width(), need * 2)
        self.documents_splitter.setSizes([need, total - need])

    def _on_document_selected(self, row: int, *_: int) -> None:
        if self._detail is not None and 0 <= row < len(self._detail.documents):
            self._show_document(self._detail.documents[row])

    def _show_document(self, view: DocumentView) -> None:
        doc = view.document
        moment = self._fmt.local(doc.uploaded_at)
        self.hash_label.setText(
            self.tr("{name}: uploaded {date} at {time}\nSHA-256: {hash}").format(
                name=ltr(doc.filename),
                date=self._fmt.date(moment),
                time=self._fmt.clock(moment),
                hash=ltr(doc.sha256),
            )
        )
        # Nothing of the previous document may stay on screen under this one's hash.
        self.pdf_document.close()
        self.image_label.clear()
        path = view.path
        if path is None:
            self._message(self.tr("Not downloaded yet: the file arrives with the next sync."))
            return
        if not _hash_matches(path, doc.sha256):
            self._message(
                self.tr(
                    "The downloaded file does not match the document's hash; it is not "
                    "shown. Download it again."
                )
            )
            return
        suffix = path.suffix.lower()
        if suffix == ".pdf":
            self.pdf_document.load(str(path))
            if self.pdf_document.status() == QPdfDocument.Status.Ready:
                self.viewer.setCurrentIndex(1)
                return
            self._message(self.tr("The PDF file cannot be opened."))
        elif suffix in IMAGE_SUFFIXES:
            pixmap = QPixmap(str(path))
            if not pixmap.isNull():
                self.image_label.setPixmap(pixmap)
                self.viewer.setCurrentIndex(2)
                return
            self._message(self.tr("The image cannot be opened."))
        else:
            self._message(self.tr("This kind of file cannot be shown here."))

    def _message(self, text: str) -> None:
        self.viewer_message.setText(text)
        self.viewer.setCurrentIndex(0)

    @property
    def showing_pdf(self) -> bool:
        return self.viewer.currentIndex() == 1

    def _fill_inquiries(self, detail: DossierDetail) -> None:
        table = self.inquiries_table
        authorities, results = authority_labels(), inquiry_result_labels()
        inquiries = detail.dossier.inquiries
        table.setRowCount(len(inquiries))
        for row, inquiry in enumerate(inquiries):
            adverse = inquiry.result.value == "adverse"
            table.setItem(row, 0, cell(authorities[inquiry.authority]))
            table.setItem(row, 1, cell(self._fmt.date(inquiry.sent_on)))
            table.setItem(
                row, 2, cell(self._fmt.date(inquiry.received_on) if inquiry.received_on else "—")
            )
            table.setItem(row, 3, cell(results[inquiry.result], ALARM if adverse else None))
            table.setItem(row, 4, cell(inquiry.note))
        fit_columns(table, stretch=4)

    def _fill_history(self, detail: DossierDetail) -> None:
        stages, outcomes = decision_stage_labels(), decision_outcome_labels()
        objection_states, ruling_states = objection_status_labels(), ruling_status_labels()
        # (day, step, texts): within a day, events follow the procedure (a decision, its
        # ruling, the objection to it, the higher board's decision and ruling on that).
        events: list[tuple[date, int, list[str]]] = []
        for dec in detail.decisions:
            events.append(
                (
                    dec.decided_on,
                    _DECISION_STEP[dec.stage],
                    [
                        self._fmt.date(dec.decided_on),
                        self.tr("Decision: {stage}").format(stage=stages[dec.stage]),
                        self._board_name(dec.board_id)
                        if dec.board_id
                        else self.tr("Executive board"),
                        outcomes[dec.outcome],
                        "، ".join(legal_basis_text(b, self._lang) for b in dec.legal_basis),
                        dec.reason,
                    ],
                )
            )
        for obj in detail.objections:
            events.append(
                (
                    obj.filed_on,
                    _OBJECTION_STEP,
                    [
                        self._fmt.date(obj.filed_on),
                        self.tr("Objection filed"),
                        self._board_name(obj.routed_to_board_id),
                        objection_states[obj.status],
                        "",
                        obj.text,
                    ],
                )
            )
        for ruling in detail.rulings:
            serial = self._fmt.number(ruling.serial) if ruling.serial else self.tr("no serial yet")
            events.append(
                (
                    ruling.issued_on,
                    _OBJECTION_STEP + 2 if ruling.subject is RulingSubject.OBJECTION else 2,
                    [
                        self._fmt.date(ruling.issued_on),
                        self.tr("Ruling ({serial})").format(serial=serial),
                        self._board_name(ruling.board_id),
                        ruling_states[ruling.status],
                        "، ".join(legal_basis_text(b, self._lang) for b in ruling.legal_basis),
                        ruling.decision,
                    ],
                )
            )
        events.sort(key=lambda e: (e[0], e[1]))  # stable: same step keeps stored order
        table = self.history_table
        table.setRowCount(len(events))
        for row, (_day, _step, texts) in enumerate(events):
            for column, text in enumerate(texts):
                table.setItem(row, column, cell(text))
        fit_columns(table, stretch=5)

    def _board_name(self, board_id: str) -> str:
        assert self._detail is not None
        return self._detail.board_names.get(board_id, board_id)

    # --- actions ----------------------------------------------------------------------------

    def open_documents(self) -> None:
        """Ctrl+D: the documents tab, the list focused (arrows move, the viewer follows)."""
        self.tabs.setCurrentWidget(self.documents_tab)
        self.documents_table.setFocus()

    def open_checklist(self) -> None:
        self.tabs.setCurrentWidget(self.checks_tab)
        self.checks_table.setFocus()

    def _request_agenda(self) -> None:
        if self._detail is not None:
            self.agenda_requested.emit(self._detail.dossier.registration_id)

    def _request_objection(self) -> None:
        if self._detail is not None and self.objection_button.isEnabled():
            self.objection_requested.emit(self._detail.dossier.registration_id)

    def _record_manual(self) -> None:
        if self._detail is None or self.manual_combo.count() == 0:
            return
        note = self.manual_note.text().strip()
        if not note:
            self.show_manual_error(self.tr("Write the note the judgement rests on."))
            self.manual_note.setFocus()
            return
        self.manual_recorded.emit(
            self._detail.dossier.registration_id,
            str(self.manual_combo.currentData()),
            bool(self.manual_judgement.currentData()),
            note,
        )
        self.manual_note.clear()

    def show_manual_error(self, text: str) -> None:
        self.manual_error.setText(text)
        self.manual_error.show()


_DECISION_STEP: dict[DecisionStage, int] = {
    DecisionStage.EXECUTIVE: 0,
    DecisionStage.SUPERVISORY: 1,
    DecisionStage.OBJECTION: 4,
}
_OBJECTION_STEP = 3


def _hash_matches(path: Path, expected: str) -> bool:
    """A downloaded file is shown only if it is the document the registry described."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        log.exception("cannot read %s", path)
        return False
    return digest == expected
