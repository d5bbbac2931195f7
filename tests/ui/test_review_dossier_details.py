"""The dossier view's other tabs and the session's finer points on a real demo store:
inquiries, the executive board's opinion, the history, images and refused files, the
deadline countdown and "deadline today", abstaining and a dissent note by keyboard."""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
from PyQt6.QtCore import Qt
from PyQt6.QtGui import QColor, QImage, QKeyEvent
from PyQt6.QtWidgets import QApplication, QWidget

from supervisor_app.app import build_context
from supervisor_app.domain.candidates import DocumentKind, InquiryResult
from supervisor_app.domain.eligibility import legal_basis_text
from supervisor_app.domain.review import (
    ANY_FAILED_CHECK,
    DeadlineFilter,
    DossierFilter,
    ReviewStage,
)
from supervisor_app.domain.rulings import Vote
from supervisor_app.paths import DataPaths
from supervisor_app.rules_files import bundled_rules_dir
from supervisor_app.services import demo_data
from supervisor_app.services.demo_data import generate_demo_dataset
from supervisor_app.store.bulk import bulk_import
from supervisor_app.ui.dossier_model import Column, wait_until_current
from supervisor_app.ui.dossier_view import ALARM
from supervisor_app.ui.main_window import MainWindow, Page
from supervisor_app.ui.review_labels import (
    authority_labels,
    decision_outcome_labels,
    decision_stage_labels,
    inquiry_result_labels,
    objection_status_labels,
    vote_labels,
)
from supervisor_app.ui.text import Formatter

CANDIDATES = 1500
SIZE = (1366, 768)
FMT = Formatter()


# --- fixtures (as in test_review_workspace.py) ------------------------------------------------


@pytest.fixture(scope="module")
def dataset():
    return generate_demo_dataset(CANDIDATES, 1404)


@pytest.fixture(scope="module")
def template(tmp_path_factory, dataset) -> Path:
    root = tmp_path_factory.mktemp("review-details") / "data"
    root.mkdir()
    (root / "settings.json").write_text(json.dumps({"demo": True, "cycle_code": "1405-7"}))
    context = build_context(DataPaths(root))
    bulk_import(context.store, dataset)
    context.services.review.refresh_checks()
    context.close()
    return root


def open_context(template: Path, tmp_path: Path):
    root = tmp_path / "data"
    shutil.copytree(template, root)
    return build_context(DataPaths(root))


@pytest.fixture
def context(template, tmp_path):
    opened = open_context(template, tmp_path)
    yield opened
    opened.close()


def show_window(qtbot, context) -> MainWindow:
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


@pytest.fixture
def window(qtbot, context):
    window = show_window(qtbot, context)
    yield window
    window.tasks.shutdown()


def settle(window: MainWindow, qtbot) -> None:
    for _ in range(3):
        window.tasks.wait_idle(20)
        qtbot.wait(10)


def type_text(widget: QWidget, text: str) -> None:
    """Type key by key as a Persian keyboard does (qtbot.keyClicks aborts on non-Latin-1)."""
    for ch in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(
                widget, QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            )


def press(qtbot, key: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier, text: str = "") -> None:
    target = QApplication.focusWidget()
    assert target is not None
    if text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, key, modifier, text))
    else:
        qtbot.keyClick(target, key, modifier)


def open_by_search(window: MainWindow, qtbot, text: str) -> None:
    """Ctrl+F, type, Enter into the table, Enter on the first row: the dossier view."""
    window.show_page(Page.DOSSIERS)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = window.dossiers_page
    type_text(page.search_box, text)
    assert wait_until_current(page.model, window.tasks)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_Return)
    settle(window, qtbot)
    assert page.showing_dossier


def table_rows(table) -> list[list[str]]:
    return [
        [table.item(r, c).text() if table.item(r, c) else "" for c in range(table.columnCount())]
        for r in range(table.rowCount())
    ]


def supervisory_failing(context) -> str:
    rows = context.services.review.page(
        DossierFilter(stage=ReviewStage.SUPERVISORY, failed_check=ANY_FAILED_CHECK), 50
    )
    return rows[0].registration_id


def session_with(context, rid: str) -> str:
    """A session of the dossier's board with every member present."""
    sessions = context.services.sessions
    session_id = sessions.add_to_agenda(rid)
    sessions.set_attendance(session_id, [m.id for m in sessions.view(session_id).members])
    return session_id


# --- inquiries, opinion, history ----------------------------------------------------------------


def test_inquiries_show_each_authority_dates_and_answer_with_adverse_ones_marked(
    qtbot, window, dataset
):
    """The Inquiries tab lists every inquiry: authority, Jalali dates (— while unanswered),
    the answer and its note; an adverse answer is shown in the alarm colour."""
    adverse = next(
        d for d in dataset.dossiers if any(i.result is InquiryResult.ADVERSE for i in d.inquiries)
    )
    pending = next(d for d in dataset.dossiers if any(i.received_on is None for i in d.inquiries))
    authorities, results = authority_labels(), inquiry_result_labels()
    for dossier in (adverse, pending):
        open_by_search(window, qtbot, dossier.registration_id)
        view = window.dossiers_page.view
        view.tabs.setCurrentWidget(view.inquiries_table)
        expected = [
            [
                authorities[i.authority],
                FMT.date(i.sent_on),
                FMT.date(i.received_on) if i.received_on else "—",
                results[i.result],
                i.note,
            ]
            for i in dossier.inquiries
        ]
        assert table_rows(view.inquiries_table) == expected
        assert expected[0][1].startswith("۱۴۰۴/")
        for row, inquiry in enumerate(dossier.inquiries):
            colour = view.inquiries_table.item(row, 3).foreground().color()
            assert (colour == ALARM) == (inquiry.result is InquiryResult.ADVERSE)
        press(qtbot, Qt.Key.Key_Escape)
    assert any(row[2] == "—" for row in expected)  # the pending dossier's unanswered one


def test_the_executive_boards_opinion_is_shown_and_its_absence_said(qtbot, window, dataset):
    """The opinion tab shows the executive board's text, or says none is recorded yet."""
    with_opinion = next(d for d in dataset.dossiers if d.executive_opinion)
    without = next(d for d in dataset.dossiers if not d.executive_opinion)
    open_by_search(window, qtbot, with_opinion.registration_id)
    view = window.dossiers_page.view
    assert view.opinion_label.text() == with_opinion.executive_opinion
    press(qtbot, Qt.Key.Key_Escape)
    open_by_search(window, qtbot, without.registration_id)
    assert view.opinion_label.text() == "هنوز نظری ثبت نشده است."


def test_history_lists_decision_ruling_and_objection_in_the_order_they_happened(
    qtbot, window, context
):
    """After a rejection in session and an objection on the same day, the History tab shows
    the decision (board, outcome, articles), then the ruling draft, then the objection."""
    services = context.services
    rid = supervisory_failing(context)
    session_id = session_with(context, rid)
    for member in services.sessions.view(session_id).voters:
        services.sessions.vote(session_id, rid, member, Vote.APPROVE)
    services.sessions.close(session_id)
    objection = services.objections.file(rid, "مدارک کامل شده و پیوست است.")
    detail = services.review.detail(rid)
    [decision] = [d for d in detail.decisions if d.board_id]
    [ruling] = detail.rulings

    open_by_search(window, qtbot, rid)
    view = window.dossiers_page.view
    view.tabs.setCurrentWidget(view.history_table)
    rows = table_rows(view.history_table)
    events = [row[1] for row in rows]
    supervisory = f"تصمیم {decision_stage_labels()[decision.stage]}"
    assert events[-3:] == [supervisory, "رأی (بی‌شماره)", "ثبت اعتراض"]
    decided = rows[-3]
    assert decided[0] == FMT.date(decision.decided_on)
    assert decided[2] == detail.board_names[decision.board_id]
    assert decided[3] == decision_outcome_labels()[decision.outcome]
    assert decided[4] == "، ".join(legal_basis_text(b, "fa") for b in decision.legal_basis)
    assert rows[-2][4] == "، ".join(legal_basis_text(b, "fa") for b in ruling.legal_basis)
    filed = rows[-1]
    assert filed[2] == detail.board_names[objection.routed_to_board_id]
    assert filed[3] == objection_status_labels()[objection.status]
    assert filed[5] == "مدارک کامل شده و پیوست است."
    days = [row[0] for row in rows]
    assert days == sorted(days)  # Jalali dates with Persian digits sort as written


# --- documents ------------------------------------------------------------------------------


def attach(context, dossier, files: dict[DocumentKind, tuple[str, bytes, bytes]]) -> None:
    """Put each ``(name, data, recorded)`` in attachments/ as the dossier's document of that
    kind, whose recorded hash and size are those of ``recorded`` (the same bytes, or not)."""
    folder = context.paths.attachments / dossier.registration_id
    folder.mkdir(parents=True, exist_ok=True)
    documents = []
    for doc in dossier.documents:
        if doc.kind in files:
            name, data, recorded = files[doc.kind]
            (folder / name).write_bytes(data)
            doc = replace(
                doc, filename=name, sha256=hashlib.sha256(recorded).hexdigest(), size=len(recorded)
            )
        documents.append(doc)
    with context.store.unit_of_work() as uow:
        uow.dossiers.add(replace(dossier, documents=documents, revision=dossier.revision + 1))


def png_bytes(tmp_path: Path, width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("#2a6f97"))
    path = tmp_path / "photo.png"
    assert image.save(str(path), "PNG")
    return path.read_bytes()


def test_an_image_document_is_shown_inside_the_app(qtbot, window, context, dataset, tmp_path):
    """A downloaded photo whose hash matches is shown in the viewer at its own size."""
    dossier = dataset.dossiers[4]
    data = png_bytes(tmp_path, 120, 160)
    attach(context, dossier, {DocumentKind.PHOTO: ("photo.png", data, data)})
    open_by_search(window, qtbot, dossier.registration_id)
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    view = window.dossiers_page.view
    assert view.documents_table.currentRow() == 0  # the photo comes first
    assert view.viewer.currentIndex() == 2 and not view.showing_pdf
    pixmap = view.image_label.pixmap()
    assert not pixmap.isNull() and (pixmap.width(), pixmap.height()) == (120, 160)
    assert hashlib.sha256(data).hexdigest() in view.hash_label.text()


def test_a_file_not_matching_its_recorded_hash_is_refused_in_persian(
    qtbot, window, context, dataset, tmp_path
):
    """A downloaded file whose bytes differ from the recorded hash is not displayed: the
    viewer says so in Persian and keeps no earlier picture or PDF on screen."""
    dossier = dataset.dossiers[6]
    genuine = png_bytes(tmp_path, 60, 80)
    attach(context, dossier, {DocumentKind.PHOTO: ("photo.png", genuine[:-7] + b"x", genuine)})
    open_by_search(window, qtbot, dossier.registration_id)
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    view = window.dossiers_page.view
    assert view.viewer.currentIndex() == 0
    assert view.viewer_message.text() == (
        "فایل دریافت‌شده با چکیده مدرک یکی نیست و نمایش داده نمی‌شود. آن را دوباره دریافت کنید."
    )
    assert view.image_label.pixmap().isNull()
    assert view.pdf_document.pageCount() == 0


def test_a_refused_file_after_a_shown_image_leaves_no_picture_behind(
    qtbot, window, context, dataset, tmp_path
):
    """Moving from a shown photo to a tampered document clears the picture from the viewer."""
    dossier = dataset.dossiers[8]
    photo = png_bytes(tmp_path, 40, 40)
    attach(
        context,
        dossier,
        {
            DocumentKind.PHOTO: ("photo.png", photo, photo),
            DocumentKind.QUESTIONNAIRE: ("questionnaire.png", photo[:-1], photo),
        },
    )
    open_by_search(window, qtbot, dossier.registration_id)
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    view = window.dossiers_page.view
    assert view.viewer.currentIndex() == 2
    press(qtbot, Qt.Key.Key_Down)
    assert view.viewer.currentIndex() == 0
    assert view.image_label.pixmap().isNull()


# --- deadlines in the list ----------------------------------------------------------------------


@pytest.fixture
def due_day(context) -> date:
    """A review day on which some, not most, dossiers of the demo store are due."""
    rows = context.services.review.page(DossierFilter(), 100_000)
    days = sorted({r.due_on for r in rows if r.due_on is not None})
    counts = {d: sum(r.due_on == d for r in rows) for d in days}
    return min(days, key=lambda d: (abs(counts[d] - 100), d))


def test_deadlines_count_down_in_the_list_and_deadline_today_filters(
    qtbot, template, tmp_path, due_day, monkeypatch
):
    """With the review day set to a deadline, the Deadline column reads "n days left",
    "due today" or "n days late" from that day, and the "deadline today" filter lists
    exactly the dossiers due that day."""
    monkeypatch.setattr(demo_data, "demo_reference_date", lambda: due_day)
    context = open_context(template, tmp_path / "shifted")
    window = show_window(qtbot, context)
    try:
        window.show_page(Page.DOSSIERS)
        page = window.dossiers_page
        assert wait_until_current(page.model, window.tasks)
        model = page.model
        column = int(Column.DEADLINE)
        texts = {}
        for row in range(min(model.rowCount(), model.PAGE_SIZE)):
            found = model.row_at(row)
            if found is None or found.due_on is None:
                continue
            days = (found.due_on - due_day).days
            texts[days] = model.data(model.index(row, column))
        assert len(texts) >= 2  # the first page has several different deadlines
        for days, text in texts.items():
            if days > 0:
                assert text == f"{FMT.number(days)} روز مانده"
            elif days == 0:
                assert text == "مهلت امروز"
            else:
                assert text == f"{FMT.number(-days)} روز گذشته"

        page.deadline_combo.set_value(DeadlineFilter.TODAY)
        assert wait_until_current(page.model, window.tasks)
        shown = [model.row_at(i) for i in range(model.rowCount())]
        expected = [
            r.registration_id
            for r in context.services.review.page(DossierFilter(), 100_000)
            if r.due_on == due_day
        ]
        assert [r.registration_id for r in shown] == expected and expected
        assert {model.data(model.index(i, column)) for i in range(model.rowCount())} == {
            "مهلت امروز"
        }
        assert model.index(0, column).data(Qt.ItemDataRole.ForegroundRole) is not None
        assert page.count_label.text().startswith("تعداد پرونده‌ها: ")
        assert FMT.number(len(expected)) in page.count_label.text()
    finally:
        window.tasks.shutdown()
        context.close()


# --- votes ------------------------------------------------------------------------------------


def open_session_votes(qtbot, window, context) -> tuple[str, object]:
    """A dossier on a session's agenda with everyone present, the votes table focused."""
    rid = supervisory_failing(context)
    session_with(context, rid)
    window.show_page(Page.SESSIONS)
    settle(window, qtbot)
    sessions = window.sessions_page
    assert sessions.view is not None and sessions.view.entries[0].item.subject_ref == rid
    sessions.agenda.setFocus()
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is sessions.votes_table
    return rid, sessions


def test_an_abstain_vote_is_recorded_with_3_and_counted_as_abstaining(qtbot, window, context):
    """Pressing ۳ records an abstention for the current member: the table says so (not in
    the colour of a vote against), the tally counts it, and the next member is selected."""
    rid, sessions = open_session_votes(qtbot, window, context)
    first = sessions.view.voters[0]
    press(qtbot, Qt.Key.Key_3, text="۳")
    settle(window, qtbot)
    item = sessions.view.entry(rid).item
    assert item.vote_of(first).vote is Vote.ABSTAIN
    assert item.tally()[Vote.ABSTAIN] == 1
    vote_cell = sessions.votes_table.item(0, 1)
    assert vote_cell.text() == vote_labels()[Vote.ABSTAIN]
    assert vote_cell.foreground().color() != ALARM
    assert sessions.votes_table.currentRow() == 1
    assert sessions.tally_label.text().startswith("۰ موافق، ۰ مخالف، ۱ ممتنع")


def test_a_dissent_note_is_entered_by_keyboard_alone(qtbot, window, context):
    """Alt+V, ۲ against for the first member, Up, End to the note, F2, type, Enter: the
    vote keeps its dissent note in the store and on screen."""
    rid, sessions = open_session_votes(qtbot, window, context)
    first = sessions.view.voters[0]
    press(qtbot, Qt.Key.Key_2, text="۲")
    settle(window, qtbot)
    assert sessions.votes_table.currentRow() == 1
    press(qtbot, Qt.Key.Key_Up)
    press(qtbot, Qt.Key.Key_End)
    assert (sessions.votes_table.currentRow(), sessions.votes_table.currentColumn()) == (0, 2)
    press(qtbot, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not sessions.votes_table and sessions.votes_table.isAncestorOf(editor)
    type_text(editor, "مدرک تحصیلی تأیید شده است")
    press(qtbot, Qt.Key.Key_Return)
    settle(window, qtbot)
    vote = sessions.view.entry(rid).item.vote_of(first)
    assert vote.vote is Vote.REJECT and vote.dissent_note == "مدرک تحصیلی تأیید شده است"
    assert sessions.votes_table.item(0, 2).text() == "مدرک تحصیلی تأیید شده است"
    stored = context.services.sessions.view(sessions.view.session.id).entry(rid).item
    assert stored.vote_of(first).dissent_note == "مدرک تحصیلی تأیید شده است"


# --- a broken rules file ----------------------------------------------------------------------


def test_a_broken_rules_file_is_named_in_persian_on_the_dossier_list(qtbot, template, tmp_path):
    """A deployment's 1405-7.json with a misspelt check: the list says the checks could not
    be brought up to date and why, in Persian, naming the file, the rule and the field."""
    rules_dir = tmp_path / "rules"
    rules_dir.mkdir()
    data = json.loads((bundled_rules_dir() / "1405-7.json").read_text(encoding="utf-8"))
    data["version"] = "1405-7/deployed"
    next(r for r in data["rules"] if r["code"] == "military")["check"] = "military_servise"
    broken = rules_dir / "1405-7.json"
    broken.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    root = tmp_path / "broken" / "data"
    shutil.copytree(template, root)
    settings = json.loads((root / "settings.json").read_text(encoding="utf-8"))
    settings["rules_dir"] = str(rules_dir)
    (root / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
    context = build_context(DataPaths(root))
    window = show_window(qtbot, context)
    try:
        window.show_page(Page.DOSSIERS)
        settle(window, qtbot)
        page = window.dossiers_page
        qtbot.waitUntil(lambda: "military_servise" in page.message, timeout=5000)
        assert page.checks_label.text() == "بررسی خودکار شرایط به‌روز نشد"
        assert page.message.startswith("انجام نشد: ")
        assert f"فایل قواعد «\u2068{broken}\u2069»" in page.message
        assert "قاعده «military»، فیلد «check»" in page.message
    finally:
        window.tasks.shutdown()
        context.close()
