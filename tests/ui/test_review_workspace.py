"""The review workspace on a real demo store: search, filters, dossier view, sessions,
objections, keyboard-only use, screenshots and a check that nothing is cut off."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest
from PyQt6.QtCore import QPoint, Qt
from PyQt6.QtGui import QKeyEvent
from PyQt6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QLabel,
    QStyle,
    QTableView,
    QWidget,
)

from supervisor_app.app import build_context
from supervisor_app.domain.candidates import CandidateStatus, DocumentKind
from supervisor_app.domain.review import ANY_FAILED_CHECK, DossierFilter, ReviewStage
from supervisor_app.domain.rulings import RulingStatus, Vote
from supervisor_app.paths import DataPaths
from supervisor_app.services.demo_data import (
    DUPLICATE_REGISTRATION,
    UNDER_AGE,
    generate_demo_dataset,
    tricky_cases,
)
from supervisor_app.store.bulk import bulk_import
from supervisor_app.ui.dossier_model import wait_until_current
from supervisor_app.ui.main_window import MainWindow, Page

CANDIDATES = 1500
SIZE = (1366, 768)


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dataset():
    return generate_demo_dataset(CANDIDATES, 1404)


@pytest.fixture(scope="module")
def template(tmp_path_factory, dataset) -> Path:
    """A demo data directory (store with stored checks, demo settings), built once."""
    root = tmp_path_factory.mktemp("review-ui") / "data"
    root.mkdir()
    (root / "settings.json").write_text(json.dumps({"demo": True, "cycle_code": "1405-7"}))
    context = build_context(DataPaths(root))
    bulk_import(context.store, dataset)
    context.services.review.refresh_checks()
    context.close()
    return root


@pytest.fixture
def context(template, tmp_path):
    root = tmp_path / "data"
    shutil.copytree(template, root)
    opened = build_context(DataPaths(root))
    yield opened
    opened.close()


@pytest.fixture
def window(qtbot, context):
    window = MainWindow(context)
    qtbot.addWidget(window)
    window.resize(*SIZE)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    yield window
    window.tasks.shutdown()


def settle(window: MainWindow, qtbot) -> None:
    """Let background queries finish and their results reach the widgets."""
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
    """A key press on whatever has the focus, as the user's keyboard would deliver it."""
    target = QApplication.focusWidget()
    assert target is not None
    if text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            QApplication.sendEvent(target, QKeyEvent(kind, key, modifier, text))
    else:
        qtbot.keyClick(target, key, modifier)


def open_by_search(window: MainWindow, qtbot, text: str) -> None:
    """Ctrl+F, type, Enter into the table, Enter on the first row: the dossier view."""
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = window.dossiers_page
    assert QApplication.focusWidget() is page.search_box
    type_text(page.search_box, text)
    assert wait_until_current(page.model, window.tasks)
    press(qtbot, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is page.table
    press(qtbot, Qt.Key.Key_Return)
    settle(window, qtbot)
    assert page.showing_dossier


def supervisory_failing(context) -> str:
    rows = context.services.review.page(
        DossierFilter(stage=ReviewStage.SUPERVISORY, failed_check=ANY_FAILED_CHECK), 50
    )
    return rows[0].registration_id


def checklist_rows(window: MainWindow) -> list[tuple[str, str, str, str]]:
    table = window.dossiers_page.view.checks_table
    return [
        tuple(table.item(r, c).text() for c in range(4))  # type: ignore[misc]
        for r in range(table.rowCount())
    ]


def screenshot_folders(tmp_path: Path) -> list[Path]:
    folders = [tmp_path]
    if os.environ.get("NEZARAT_SCREENSHOTS"):
        folders.append(Path(os.environ["NEZARAT_SCREENSHOTS"]))
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
    return folders


def save_screenshot(window: MainWindow, tmp_path: Path, name: str) -> None:
    pixmap = window.grab()
    ratio = pixmap.devicePixelRatio()
    image = pixmap.toImage()
    assert (round(image.width() / ratio), round(image.height() / ratio)) == SIZE
    for folder in screenshot_folders(tmp_path):
        assert pixmap.save(str(folder / f"review_{name}.png"), "PNG")


# --- elision: nothing cut off at 1366×768 ----------------------------------------------------

def cut_off_texts(root: QWidget) -> list[str]:
    """Visible texts that do not fit their widget: one-line labels, buttons, table headers
    and the cells of one-line tables (word-wrapped tables grow their rows instead)."""
    problems: list[str] = []
    for label in root.findChildren(QLabel):
        if not label.isVisibleTo(root) or label.wordWrap() or not label.text():
            continue
        for line in label.text().splitlines():
            if label.fontMetrics().horizontalAdvance(line) > label.contentsRect().width() + 1:
                problems.append(f"label {line!r}")
    for button in root.findChildren(QAbstractButton):
        if not button.isVisibleTo(root) or not button.text():
            continue
        text = button.text().replace("&", "")
        if button.fontMetrics().horizontalAdvance(text) > button.width() - 8:
            problems.append(f"button {text!r}")
    for view in root.findChildren(QTableView):
        if not view.isVisibleTo(root) or view.model() is None:
            continue
        model = view.model()
        header = view.horizontalHeader()
        metrics = view.fontMetrics()
        # The margins Qt itself keeps around header and cell texts before eliding them.
        style = view.style()
        header_margin = 2 * style.pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        cell_margin = 2 * (
            style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, view) + 1
        )
        for column in range(model.columnCount()):
            if view.isColumnHidden(column):
                continue
            width = header.sectionSize(column)
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            if header.fontMetrics().horizontalAdvance(title) + header_margin > width:
                problems.append(f"header {title!r}")
            if view.wordWrap():
                continue
            first = view.rowAt(0)
            last = view.rowAt(view.viewport().height() - 1)
            last = model.rowCount() - 1 if last < 0 else last
            for row in range(max(first, 0), last + 1):
                text = model.data(model.index(row, column))
                fits = metrics.horizontalAdvance(text) + cell_margin <= width if text else True
                if isinstance(text, str) and not fits:
                    problems.append(f"cell {text!r}")
    return problems


def assert_right_to_left(window: MainWindow) -> None:
    assert window.isRightToLeft()
    nav = window.navigation.mapTo(window, QPoint(0, 0)).x()
    stack = window.stack.mapTo(window, QPoint(0, 0)).x()
    assert nav > stack  # the navigation sits on the start (right) side


# --- search and filters -----------------------------------------------------------------------


def test_search_finds_a_candidate_typed_with_arabic_yeh_and_kaf(qtbot, window, dataset):
    """Typing a name with Arabic ي/ك (as pasted from other systems) finds the Persian ی/ک
    spelling, and the list shows only matching names."""
    target = next(d for d in dataset.dossiers
                  if "ی" in d.last_name + d.first_name and "ک" in d.last_name + d.first_name)
    window.show_page(Page.DOSSIERS)
    page = window.dossiers_page
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    arabic = f"{target.first_name} {target.last_name}".translate(str.maketrans("یک", "يك"))
    assert "ي" in arabic or "ك" in arabic
    type_text(page.search_box, arabic)
    assert wait_until_current(page.model, window.tasks)
    rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
    assert target.registration_id in {r.registration_id for r in rows}
    assert page.count_label.text().startswith("تعداد پرونده‌ها: ")


def test_a_filter_combination_narrows_the_list_like_a_direct_query(qtbot, window, context):
    """County, stage, gender and "failed a check" together give what a direct SQL query gives."""
    window.show_page(Page.DOSSIERS)
    page = window.dossiers_page
    settle(window, qtbot)
    everything = page.model.total
    page.county_combo.set_value("0801")
    page.stage_combo.set_value(ReviewStage.SUPERVISORY)
    page.gender_combo.set_value("male")
    assert wait_until_current(page.model, window.tasks)
    statuses = ("executive_approved", "executive_rejected")
    with sqlite3.connect(context.store.path) as raw:
        expected = [rid for (rid,) in raw.execute(
            "SELECT d.registration_id FROM dossiers d JOIN constituencies c"
            " ON c.code = d.constituency_code WHERE c.county_code = '0801'"
            " AND d.gender = 'male' AND d.status IN (?, ?) ORDER BY d.name_sort, d.id",
            statuses,
        )]
    shown = [page.model.row_at(i).registration_id for i in range(page.model.rowCount())]
    assert shown == expected and 0 < len(shown) < everything
    page.checks_combo.set_value(ANY_FAILED_CHECK)
    assert wait_until_current(page.model, window.tasks)
    with sqlite3.connect(context.store.path) as raw:
        failing = {rid for (rid,) in raw.execute(
            "SELECT d.registration_id FROM dossiers d JOIN dossier_review r"
            " ON r.dossier_id = d.id WHERE r.failed_count > 0")}
    narrowed = [page.model.row_at(i).registration_id for i in range(page.model.rowCount())]
    assert narrowed == [rid for rid in expected if rid in failing]


def test_saved_filter_is_applied_again_by_name(qtbot, window):
    """A filter saved under a Persian name restores the same criteria when chosen."""
    window.show_page(Page.DOSSIERS)
    page = window.dossiers_page
    settle(window, qtbot)
    page.stage_combo.set_value(ReviewStage.SUPERVISORY)
    page.checks_combo.set_value(ANY_FAILED_CHECK)
    page.saved_name.setFocus()
    type_text(page.saved_name, "ایراددار")
    press(qtbot, Qt.Key.Key_Return)
    settle(window, qtbot)
    assert page.message == "صافی «ایراددار» ذخیره شد."
    saved = page.current_filter()
    page.clear_filters()
    assert wait_until_current(page.model, window.tasks)
    page.saved_combo.setCurrentIndex(page.saved_combo.findData("ایراددار"))
    assert page.current_filter() == saved


def test_the_list_pages_lazily_and_scrolls_to_the_end(qtbot, window, context):
    """Opening the list fetches one page; jumping to the end fetches the last rows only."""
    window.show_page(Page.DOSSIERS)
    page = window.dossiers_page
    assert wait_until_current(page.model, window.tasks)
    assert page.model.rowCount() == CANDIDATES
    assert page.model.row_at(page.model.PAGE_SIZE) is None
    page.table.setFocus()
    press(qtbot, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.model.row_at(CANDIDATES - 1) is not None, timeout=5000)
    last = context.services.review.page(DossierFilter(), 1, CANDIDATES - 1)[0]
    assert page.model.row_at(CANDIDATES - 1) == last
    assert page.model.row_at(CANDIDATES // 2) is None  # the middle was never fetched


# --- the dossier view ------------------------------------------------------------------------


def test_under_age_and_two_constituency_candidates_are_flagged_in_the_checklist(
    qtbot, window, dataset
):
    """Opening an under-age dossier (Ctrl+K) shows Art. 37(ب) failed; a person registered
    twice shows Art. 43 failed, with evidence naming the other registration."""
    window.show_page(Page.DOSSIERS)
    under_age = tricky_cases(dataset)[UNDER_AGE][0]
    open_by_search(window, qtbot, under_age)
    press(qtbot, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)
    view = window.dossiers_page.view
    assert view.tabs.currentWidget() is view.checks_tab
    failed = [r for r in checklist_rows(window) if r[1] == "احراز نشد"]
    assert [(r[2]) for r in failed] == ["ماده ۳۷ بند ب"]
    assert "۲۴ سال تمام" in failed[0][3]

    press(qtbot, Qt.Key.Key_Escape)
    twin = tricky_cases(dataset)[DUPLICATE_REGISTRATION][0]
    open_by_search(window, qtbot, twin)
    failed = [r for r in checklist_rows(window) if r[1] == "احراز نشد"]
    assert [r[2] for r in failed] == ["ماده ۴۳"]
    assert "R-1404-" in failed[0][3]


def test_next_previous_and_back_by_keyboard(qtbot, window):
    """Ctrl+PgDown / Ctrl+PgUp step through the list; Esc returns to the same row."""
    window.show_page(Page.DOSSIERS)
    page = window.dossiers_page
    assert wait_until_current(page.model, window.tasks)
    page.focus_table()
    press(qtbot, Qt.Key.Key_Return)
    settle(window, qtbot)
    first = page.model.row_at(0).registration_id
    assert page.view.detail.dossier.registration_id == first
    press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    settle(window, qtbot)
    assert page.view.detail.dossier.registration_id == page.model.row_at(1).registration_id
    press(qtbot, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    settle(window, qtbot)
    assert page.view.detail.dossier.registration_id == first
    press(qtbot, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    settle(window, qtbot)
    press(qtbot, Qt.Key.Key_Escape)
    assert not page.showing_dossier
    assert QApplication.focusWidget() is page.table
    assert page.table.currentIndex().row() == 1


def make_pdf(path: Path) -> bytes:
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path))
    pdf.drawString(72, 720, "Candidacy questionnaire")
    pdf.showPage()
    pdf.save()
    return path.read_bytes()


def test_documents_show_the_pdf_when_downloaded_and_say_so_when_not(qtbot, window, context,
                                                                    dataset):
    """Ctrl+D opens the documents: a downloaded PDF whose hash matches is shown with QtPdf;
    a document not downloaded yet says so; every row shows its upload date."""
    dossier = dataset.dossiers[3]
    folder = context.paths.attachments / dossier.registration_id
    folder.mkdir(parents=True)
    data = make_pdf(folder / "questionnaire.pdf")
    documents = [
        replace(d, sha256=hashlib.sha256(data).hexdigest(), size=len(data))
        if d.kind is DocumentKind.QUESTIONNAIRE else d
        for d in dossier.documents
    ]
    with context.store.unit_of_work() as uow:
        uow.dossiers.add(replace(dossier, documents=documents))
    window.show_page(Page.DOSSIERS)
    open_by_search(window, qtbot, dossier.registration_id)
    press(qtbot, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    view = window.dossiers_page.view
    assert QApplication.focusWidget() is view.documents_table
    assert not view.showing_pdf  # the photo comes first and was never downloaded
    assert view.viewer_message.text().startswith("هنوز دریافت نشده")
    press(qtbot, Qt.Key.Key_Down)
    assert view.showing_pdf
    assert view.pdf_document.pageCount() == 1
    assert hashlib.sha256(data).hexdigest() in view.hash_label.text()
    uploaded = view.documents_table.item(1, 1).text()
    assert uploaded.startswith("۱۴۰۴/")


def test_a_manual_criterion_is_recorded_with_its_note(qtbot, window, context, dataset):
    """A member's judgement typed in Persian is stored and shown in the checklist."""
    dossier = dataset.dossiers[5]
    window.show_page(Page.DOSSIERS)
    open_by_search(window, qtbot, dossier.registration_id)
    view = window.dossiers_page.view
    view.open_checklist()
    view.manual_combo.setCurrentIndex(view.manual_combo.findData("health"))
    view.manual_note.setFocus()
    type_text(view.manual_note, "گواهی پزشکی معتبر است")
    press(qtbot, Qt.Key.Key_Return)
    settle(window, qtbot)
    health = next(c for c in context.services.review.checklist(dossier.registration_id)
                  if c.code == "health")
    assert health.assessment is not None and health.assessment.met
    assert any("گواهی پزشکی معتبر است" in r[3] for r in checklist_rows(window))


# --- sessions ---------------------------------------------------------------------------------


def test_a_full_session_completes_by_keyboard_alone(qtbot, window, context, tmp_path):
    """Search, Ctrl+G onto the agenda, Alt+3, attendance with Space, votes with 1, then
    Ctrl+Return: the session closes with a DRAFT ruling citing the failed checks."""
    rid = supervisory_failing(context)
    window.show_page(Page.DOSSIERS)
    press(qtbot, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    page = window.dossiers_page
    type_text(page.search_box, rid)
    assert wait_until_current(page.model, window.tasks)
    press(qtbot, Qt.Key.Key_Return)
    press(qtbot, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    settle(window, qtbot)
    assert page.message == "به دستور جلسه امروز افزوده شد."

    press(qtbot, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    settle(window, qtbot)
    sessions = window.sessions_page
    assert window.current_page() == Page.SESSIONS
    assert sessions.view is not None and sessions.view.entries[0].item.subject_ref == rid
    press(qtbot, Qt.Key.Key_T, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is sessions.attendance
    for _row in range(sessions.attendance.count()):
        press(qtbot, Qt.Key.Key_Space)
        settle(window, qtbot)
        press(qtbot, Qt.Key.Key_Down)
    view = sessions.view
    assert view.quorum_met and len(view.voters) == view.rule.full_membership
    assert sessions.quorum_label.property("state") == "ok"
    press(qtbot, Qt.Key.Key_G, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is sessions.agenda
    press(qtbot, Qt.Key.Key_V, Qt.KeyboardModifier.AltModifier)
    assert QApplication.focusWidget() is sessions.votes_table
    for _ in view.voters:
        press(qtbot, Qt.Key.Key_1, text="۱")  # a Persian keyboard types ۱
        settle(window, qtbot)
    item = sessions.view.entry(rid).item
    assert item.tally()[Vote.APPROVE] == len(view.voters)
    assert "پیشنهاد تصویب می‌شود" in sessions.tally_label.text()
    save_screenshot(window, tmp_path, "session")
    assert cut_off_texts(sessions) == []

    press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    settle(window, qtbot)
    assert sessions.message_label.text().startswith("جلسه پایان یافت: ۱ پیش‌نویس رأی")
    with context.store.unit_of_work(read_only=True) as uow:
        rulings = uow.rulings.for_subject(rid)
    assert [r.status for r in rulings] == [RulingStatus.DRAFT]
    assert rulings[0].legal_basis == context.services.review.grounds(rid)[0]
    detail = context.services.review.detail(rid)
    assert detail.dossier.status is CandidateStatus.SUPERVISORY_REJECTED


def test_objection_is_reviewed_beside_the_dossier_and_ruling(qtbot, window, context, tmp_path):
    """After a rejection and an objection, the Objections tab shows the dossier's checks on
    one side and the ruling with the objection on the other; Ctrl+G puts it before the
    higher board."""
    services = context.services
    rid = supervisory_failing(context)
    session_id = services.sessions.add_to_agenda(rid)
    members = [m.id for m in services.sessions.view(session_id).members]
    services.sessions.set_attendance(session_id, members)
    for member in services.sessions.view(session_id).voters:
        services.sessions.vote(session_id, rid, member, Vote.APPROVE)
    services.sessions.close(session_id)
    objection = services.objections.file(rid, "مدارک کامل شده و پیوست است.")

    window.show_page(Page.SESSIONS)
    sessions = window.sessions_page
    sessions.tabs.setCurrentWidget(sessions.objections_tab)
    settle(window, qtbot)
    assert sessions.objection_table.rowCount() == 1
    name = services.review.detail(rid).dossier.full_name
    assert name in sessions.dossier_side.text()
    assert "رد صلاحیت داوطلب" in sessions.ruling_side.text()
    assert "مستند قانونی: ماده" in sessions.ruling_side.text()
    assert "مدارک کامل شده" in sessions.objection_text.text()
    save_screenshot(window, tmp_path, "objection")
    sessions.objection_table.setFocus()
    press(qtbot, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    settle(window, qtbot)
    assert sessions.view is not None
    assert sessions.view.entries[0].item.subject_ref == objection.id
    assert sessions.view.board.id == objection.routed_to_board_id


# --- screenshots and layout --------------------------------------------------------------------


def test_screenshots_of_list_and_dossier_view_right_to_left_and_nothing_cut_off(
    qtbot, window, dataset, tmp_path
):
    """PNGs of the list and of a failing dossier's checklist at 1366×768 (to tmp and
    $NEZARAT_SCREENSHOTS): right to left, no label, button, header or cell cut off."""
    window.show_page(Page.DOSSIERS)
    page = window.dossiers_page
    settle(window, qtbot)
    assert_right_to_left(window)
    assert page.table.horizontalScrollBar().maximum() == 0  # every column fits
    assert cut_off_texts(page) == []
    save_screenshot(window, tmp_path, "list")

    open_by_search(window, qtbot, tricky_cases(dataset)[UNDER_AGE][0])
    view = page.view
    for index in range(view.tabs.count()):
        view.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        assert cut_off_texts(view) == [], view.tabs.tabText(index)
    view.open_checklist()
    qtbot.wait(20)
    save_screenshot(window, tmp_path, "dossier")
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    # The view's first column (the name) sits at the right edge of the page area.
    assert view.name_label.mapTo(window, QPoint(0, 0)).x() > SIZE[0] // 2
    assert view.checks_table.horizontalScrollBar().maximum() == 0
    assert isinstance(view.checks_table, QAbstractItemView)


def test_an_objection_is_registered_from_the_dossier_view(qtbot, window, context):
    """On a rejected dossier the objection dialog (the text typed in Persian) registers the
    objection, routed to the higher board, and the view shows the new status."""
    services = context.services
    rid = supervisory_failing(context)
    session_id = services.sessions.add_to_agenda(rid)
    services.sessions.set_attendance(
        session_id, [m.id for m in services.sessions.view(session_id).members]
    )
    for member in services.sessions.view(session_id).voters:
        services.sessions.vote(session_id, rid, member, Vote.APPROVE)
    services.sessions.close(session_id)
    window.show_page(Page.DOSSIERS)
    open_by_search(window, qtbot, rid)
    view = window.dossiers_page.view
    assert view.objection_button.isEnabled()
    dialog = window.dossiers_page.ask_objection(rid)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.text_edit.setFocus()
    type_text(dialog.text_edit, "به رأی اعتراض دارم")
    dialog.accept()
    settle(window, qtbot)
    assert window.dossiers_page.message == "اعتراض ثبت شد و به هیات بالاتر فرستاده شد."
    [objection] = services.review.detail(rid).objections
    assert objection.text == "به رأی اعتراض دارم"
    assert objection.routed_to_board_id == services.review.responsible_board(rid).parent_id
    assert view.detail.dossier.status is CandidateStatus.OBJECTION_FILED
