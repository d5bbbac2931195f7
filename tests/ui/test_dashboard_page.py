"""The election-day dashboard page over a real store: counts in charts and tables, Persian
digits, refresh as reports arrive (only when the data changed), filters and exports."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PyQt6.QtCore import Qt

from supervisor_app.domain.election_day import ObserverReport, OffenceCategory, Severity
from supervisor_app.domain.persian import format_number
from supervisor_app.services.dashboard import DashboardFilters, DashboardService
from supervisor_app.ui.labels import offence_label, severity_label
from supervisor_app.ui.pages.dashboard import DashboardPage, nice_ticks
from supervisor_app.ui.tasks import TaskRunner
from supervisor_app.ui.text import Formatter

C = OffenceCategory
START = datetime(2026, 5, 1, 4, 30, tzinfo=UTC)  # 08:00 in Tehran


def add_reports(store, first: int, count: int, branch: str = "BR1", category=C.VOTE_BUYING):
    with store.unit_of_work() as uow:
        for n in range(first, first + count):
            uow.reports.add(
                ObserverReport(
                    f"R{n:04d}",
                    branch,
                    START + timedelta(minutes=20 * n),
                    category,
                    Severity.HIGH if n % 2 else Severity.LOW,
                    f"گزارش {n}",
                )
            )


@pytest.fixture
def service(seeded_store):
    add_reports(seeded_store, 0, 5, "BR1", C.VOTE_BUYING)
    add_reports(seeded_store, 5, 2, "BR2", C.DEVICE_FAILURE)
    return DashboardService(seeded_store)


@pytest.fixture
def page(qtbot, qapp, service):
    tasks = TaskRunner()
    page = DashboardPage(service, Formatter(persian=True), tasks)
    qtbot.addWidget(page)
    page.resize(1200, 760)
    page.show()
    qtbot.waitExposed(page)
    qtbot.waitUntil(lambda: page.snapshot is not None, timeout=5000)
    yield page
    page.hide()
    tasks.shutdown()


def column(model, col: int, role=Qt.ItemDataRole.DisplayRole) -> list:
    return [model.data(model.index(r, col), role) for r in range(model.rowCount())]


def test_page_shows_the_counts_in_persian(page):
    """Headline numbers, tables and charts show the store's counts in Persian digits."""
    assert page.isRightToLeft()
    assert page.total_value.text() == "۷"
    assert page.branches_value.text() == "۲"
    labels = column(page.category_model, 0)
    counts = column(page.category_model, 1)
    assert labels[:2] == [offence_label(C.VOTE_BUYING), offence_label(C.DEVICE_FAILURE)]
    assert counts[:2] == ["۵", "۲"]
    assert column(page.category_model, 2)[0] == f"{format_number(500 / 7, decimals=1)}٪"
    assert len(labels) == len(OffenceCategory)  # zeros listed too
    assert page.category_chart.labels() == labels[:2]  # the chart shows those with reports
    assert page.category_chart.values() == [5, 2]
    assert column(page.severity_model, 0) == [severity_label(s) for s in Severity]
    assert column(page.constituency_model, 0) == ["شهر تجریش", "روستای کند"]
    assert column(page.constituency_model, 2, Qt.ItemDataRole.UserRole) == [5, 2]
    assert page.constituency_chart.values() == [5, 2]
    assert sum(page.hour_chart.values()) == 7
    assert page.hour_chart.labels()[0] == "۰۸"  # Tehran hour, Persian digits
    first_hour = column(page.hour_model, 0)[0]
    assert all(part in first_hour for part in ("۱۴۰۵/۰۲/۱۱", "۰۸:۰۰", "۰۹:۰۰"))
    ticks = page.category_chart.count_axis.categoriesLabels()
    assert ticks == ["۰", "۱", "۲", "۳", "۴", "۵"]


def test_new_report_updates_chart_and_table_on_refresh(page, service, seeded_store, qtbot):
    """A report saved elsewhere shows up in the chart series and the table after a refresh."""
    add_reports(seeded_store, 7, 3, "BR2", C.DEVICE_FAILURE)
    page.refresh()
    qtbot.waitUntil(lambda: page.snapshot.total_reports == 10, timeout=5000)
    assert page.total_value.text() == "۱۰"
    assert page.category_chart.values() == [5, 5]
    assert column(page.category_model, 1)[:2] == ["۵", "۵"]
    assert column(page.branch_model, 2, Qt.ItemDataRole.UserRole) == [5, 5]


def test_timer_refreshes_while_visible_and_only_on_change(page, seeded_store, qtbot):
    """While shown, the timer picks up new reports; with no change the snapshot is kept."""
    assert page.auto_refreshing
    before = page.snapshot
    page.refresh_interval_ms = 30
    qtbot.wait(200)
    assert page.snapshot is before  # nothing changed: nothing redrawn
    add_reports(seeded_store, 20, 1, "BR1", C.INTIMIDATION)
    qtbot.waitUntil(lambda: page.snapshot.total_reports == 8, timeout=5000)
    assert offence_label(C.INTIMIDATION) in page.category_chart.labels()
    page.hide()
    assert not page.auto_refreshing


def test_filters_narrow_the_counts(page, qtbot):
    """Choosing a constituency (from the loaded list) or another day narrows the counts."""
    combo = page.constituency_combo
    qtbot.waitUntil(lambda: combo.count() == 3, timeout=5000)
    combo.setCurrentIndex(combo.findData("K2"))
    qtbot.waitUntil(lambda: page.snapshot.filters.constituency_code == "K2", timeout=5000)
    assert page.total_value.text() == "۲"
    assert page.category_chart.values() == [2]
    assert page.day_combo.findData("2026-05-01") > 0
    page.set_filters(DashboardFilters("K2", date(2026, 5, 2), date(2026, 5, 2)))
    qtbot.waitUntil(lambda: page.snapshot.filters.date_from == date(2026, 5, 2), timeout=5000)
    assert page.total_value.text() == "۰"
    assert page.status_label.text()  # says nothing matches


def test_export_writes_file_and_reports_failure_in_persian(page, qtbot, tmp_path):
    """Export buttons' work: a file is written; an impossible path gives a Persian message."""
    target = tmp_path / "dash.xlsx"
    page.export("xlsx", "summary", target)
    qtbot.waitUntil(lambda: page.csv_button.isEnabled(), timeout=10000)
    assert target.is_file()
    page.export("csv", "reports", target / "inside-a-file.csv")
    qtbot.waitUntil(lambda: page.csv_button.isEnabled(), timeout=10000)
    assert "پوشهٔ مقصد وجود ندارد" in page.status_label.text()
    assert page.error_box is not None and page.error_box.isVisible()
    page.error_box.close()


def test_nice_ticks():
    """Count-axis ticks are 1-2-5 steps from zero covering the largest count."""
    assert nice_ticks(0) == [0, 1]
    assert nice_ticks(7) == [0, 2, 4, 6, 8]
    assert nice_ticks(1234) == [0, 500, 1000, 1500]


def test_main_window_lists_the_dashboard_after_observer_reports(qtbot, service, fake_context):
    """The dashboard is the navigation page right after observer reports, shown on demand."""
    from supervisor_app.ui.main_window import MainWindow, Page

    fake_context.services.dashboard = service
    window = MainWindow(fake_context)
    qtbot.addWidget(window)
    window.show()
    assert Page.DASHBOARD == Page.OBSERVER_REPORTS + 1
    assert window.stack.widget(Page.DASHBOARD) is window.dashboard_page
    assert not window.dashboard_page.auto_refreshing  # not shown yet: no queries
    window.show_page(Page.DASHBOARD)
    assert window.current_page() == Page.DASHBOARD
    assert window.dashboard_page.auto_refreshing
    qtbot.waitUntil(lambda: window.dashboard_page.snapshot is not None, timeout=5000)
    assert window.dashboard_page.total_value.text() == "۷"
    window.show_page(Page.HOME)
    assert not window.dashboard_page.auto_refreshing  # hidden: no queries
    window.close()


def test_screenshot(page, tmp_path):
    """A PNG of the dashboard (also to $NEZARAT_SCREENSHOTS) for a human to look at."""
    folders = [tmp_path]
    if os.environ.get("NEZARAT_SCREENSHOTS"):
        folders.append(Path(os.environ["NEZARAT_SCREENSHOTS"]))
    for tab in range(page.tabs.count()):
        page.tabs.setCurrentIndex(tab)
        pixmap = page.grab()
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            assert pixmap.save(str(folder / f"dashboard_{tab}.png"), "PNG")
