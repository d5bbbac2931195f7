"""The observer-report entry form over a real store: keyboard only, drafts, branch view."""

from datetime import UTC, datetime, timedelta

import pytest
from PyQt6.QtCore import Qt
from PyQt6.QtGui import QKeyEvent
from PyQt6.QtTest import QTest
from PyQt6.QtWidgets import QApplication, QWidget

from supervisor_app.domain.jalali import format_jalali
from supervisor_app.domain.outbox import OutboxKind
from supervisor_app.services.reports import DEFAULT_DRAFT_SLOT, ReportService
from supervisor_app.ui.pages.reports import ReportsPage
from supervisor_app.ui.tasks import TaskRunner
from supervisor_app.ui.text import Formatter

NOW = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)  # 12:30 in Tehran


@pytest.fixture
def service(seeded_store, tmp_path):
    return ReportService(seeded_store, attachments=tmp_path / "attachments", now=lambda: NOW)


@pytest.fixture
def make_page(qtbot, qapp, service):
    """``make_page()``: the page in a shown, active window, as the app would show it."""
    hosts: list[QWidget] = []  # qtbot holds widgets weakly: keep the windows alive

    def make() -> ReportsPage:
        host = QWidget()
        hosts.append(host)
        qtbot.addWidget(host)
        runner = TaskRunner(host)
        page = ReportsPage(service, Formatter(), runner, now=lambda: NOW, parent=host)
        host.resize(1366, 768)
        page.resize(1366, 768)
        host.show()
        host.activateWindow()
        qtbot.waitActive(host)
        qtbot.waitUntil(lambda: not runner.busy)
        return page

    yield make


def type_text(widget: QWidget, text: str) -> None:
    """Type key by key as a Persian keyboard layout does (QTest's keyClicks is Latin-1 only)."""
    for ch in text:
        for kind in (QKeyEvent.Type.KeyPress, QKeyEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def outbox_kinds(store) -> list[OutboxKind]:
    with store.unit_of_work(read_only=True) as uow:
        return [i.kind for i in uow.outbox.pending(100)]


def test_a_report_is_entered_with_the_keyboard_alone(qtbot, make_page, service, seeded_store):
    """Branch code, Enter, category number, Enter, Enter (medium), text, Ctrl+Enter: stored."""
    page = make_page()
    page.focus_branch()
    assert page.time_edit.text() == format_jalali(NOW, with_time=True)  # now, Persian digits
    QTest.keyClicks(page.branch_edit, "br1")
    assert "شهر تجریش" in page.branch_info.text()  # the branch's place shows as you type
    QTest.keyClick(page.branch_edit, Qt.Key.Key_Return)
    assert page.branch_edit.text() == "BR1"
    assert page.category_combo.hasFocus()
    QTest.keyClicks(page.category_combo, "16")  # the 16th category: late opening
    QTest.keyClick(page.category_combo, Qt.Key.Key_Return)
    assert page.severity_combo.hasFocus()
    QTest.keyClicks(page.severity_combo, "3")  # high
    QTest.keyClick(page.severity_combo, Qt.Key.Key_Return)
    assert page.description_edit.hasFocus()
    # QTest types Latin-1 only (Persian text is typed with type_text in the other tests).
    QTest.keyClicks(page.description_edit, "Opened 1 hour late")
    QTest.keyClick(page.description_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)

    qtbot.waitUntil(lambda: service.count() == 1)
    qtbot.waitUntil(lambda: page.branch_edit.hasFocus() and page.form.isEnabled())
    (item,) = service.recent()
    r = item.report
    assert (r.branch_code, r.category.value, r.severity.value) == ("BR1", "late_opening", "high")
    assert r.description == "Opened 1 hour late"
    assert r.observed_at == NOW
    assert outbox_kinds(seeded_store) == [OutboxKind.OBSERVER_REPORT]
    assert item.outbox_status == "pending"
    # The form is empty again and its draft is gone.
    assert page.branch_edit.text() == "" and page.description_edit.toPlainText() == ""
    assert page.category_combo.value() is None
    assert service.load_draft(DEFAULT_DRAFT_SLOT) is None
    qtbot.waitUntil(lambda: page.recent_table.rowCount() == 1)


def test_missing_category_keeps_the_form_and_says_what_to_do(qtbot, make_page, service):
    """Ctrl+S without a category records nothing and puts the cursor in the category."""
    page = make_page()
    page.focus_branch()
    QTest.keyClicks(page.branch_edit, "BR2")
    QTest.keyClick(page.branch_edit, Qt.Key.Key_Return)
    page.description_edit.setFocus()
    type_text(page.description_edit, "صندوق پلمب نبود")
    QTest.keyClick(page.description_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert page.category_combo.hasFocus()
    assert page.message_label.property("state") == "alarm"
    assert service.count() == 0
    assert page.description_edit.toPlainText() == "صندوق پلمب نبود"


def test_unknown_branch_code_is_not_accepted(qtbot, make_page, service):
    """A code no branch has: Enter does not move on and the form says so."""
    page = make_page()
    page.focus_branch()
    QTest.keyClicks(page.branch_edit, "ZZ9")
    QTest.keyClick(page.branch_edit, Qt.Key.Key_Return)
    assert page.branch_edit.hasFocus()
    assert page.branch_info.property("state") == "alarm"


def test_typing_saves_a_draft_that_a_new_page_reopens(qtbot, make_page, service):
    """Every change is saved (debounced); a page opened later shows the same form."""
    page = make_page()
    page.focus_branch()
    QTest.keyClicks(page.branch_edit, "BR1")
    QTest.keyClick(page.branch_edit, Qt.Key.Key_Return)
    QTest.keyClicks(page.category_combo, "seal")  # part of the name works as well
    QTest.keyClick(page.category_combo, Qt.Key.Key_Tab)
    page.description_edit.setFocus()
    type_text(page.description_edit, "لاک صندوق")
    type_text(page.witnesses_edit, "علی، زهرا")
    qtbot.waitUntil(
        lambda: (service.load_draft(DEFAULT_DRAFT_SLOT) or {}).get("witnesses") == "علی، زهرا"
    )
    draft = service.load_draft(DEFAULT_DRAFT_SLOT)
    assert draft["branch"] == "BR1" and draft["category"] == "seal_breaking"
    assert draft["description"] == "لاک صندوق"

    again = make_page()
    assert again.branch_edit.text() == "BR1"
    assert again.category_combo.value() == "seal_breaking"
    assert again.description_edit.toPlainText() == "لاک صندوق"
    assert again.witnesses_edit.text() == "علی، زهرا"
    assert "شهر تجریش" in again.branch_info.text()


def test_branch_view_highlights_where_reports_disagree(qtbot, make_page, service):
    """Two reports of a branch side by side: agreeing rows are marked, the odd cell too."""
    base = NOW - timedelta(hours=2)
    service.record(
        "BR1",
        category="late_opening",
        severity="high",
        description="الف",
        observed_at=base,
        witnesses=["علی"],
    )
    service.record(
        "BR1",
        category="late_opening",
        severity="low",
        description="ب",
        observed_at=base + timedelta(minutes=5),
        witnesses=["علی"],
    )
    page = make_page()
    with qtbot.waitSignal(page.branch_shown):
        page.show_branch("BR1")
    view = page.branch_view
    assert view.table.columnCount() == 2
    rows = {name: i for i, name in enumerate(view.ROWS)}

    def marks(row: str) -> list[str]:
        return [view.table.item(rows[row], c).data(Qt.ItemDataRole.UserRole) for c in range(2)]

    assert marks("category") == ["agree", "agree"]
    assert marks("observed_at") == ["agree", "agree"]
    assert marks("severity") == ["apart", "apart"]  # one each way: no majority
    assert view.comparison is not None and [f.value for f in view.comparison.disagreements] == [
        "severity"
    ]
