"""The main window over the real store and services, filled with deterministic demo data."""

import os
from pathlib import Path

import pytest

from supervisor_app.app import build_context
from supervisor_app.domain.persian import format_number, to_persian_digits
from supervisor_app.paths import DataPaths
from supervisor_app.ui.dossier_model import Column, wait_until_current
from supervisor_app.ui.main_window import MainWindow, Page
from supervisor_app.ui.text import LRI, PDI

CANDIDATES = 400


@pytest.fixture(scope="module")
def demo_context(tmp_path_factory):
    """A data directory with a migrated store holding the demo dataset."""
    from supervisor_app.services.demo_data import generate_demo_dataset
    from supervisor_app.store.bulk import bulk_import

    context = build_context(DataPaths(tmp_path_factory.mktemp("demo") / "data"))
    bulk_import(context.store, generate_demo_dataset(CANDIDATES, 1404))
    yield context
    context.close()


@pytest.fixture
def window(qtbot, demo_context):
    window = MainWindow(demo_context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_smoke_main_window_on_demo_store_is_persian_and_rtl(window):
    """Smoke: on a demo store the window opens with the Persian title, right to left."""
    from PyQt6.QtCore import Qt
    from PyQt6.QtWidgets import QApplication

    assert "نظارت" in window.windowTitle()
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert window.isVisible()


def test_home_counts_come_from_the_store(window, demo_context):
    """The home page shows the store's counts in Persian digits with separators."""
    counts = demo_context.services.overview.summary().counts
    assert window.home_page.count_text("dossiers") == format_number(CANDIDATES)
    assert window.home_page.count_text("observers") == format_number(counts["observers"])
    assert "٬" in window.home_page.count_text("observers")  # thousands are grouped


def test_search_by_surname_and_by_national_id(qtbot, window, demo_context):
    """Searching the real store by a surname or a national id narrows the table to it."""
    window.show_page(Page.DOSSIERS)
    page = window.dossiers_page
    assert wait_until_current(page.model, window.tasks)
    assert page.model.rowCount() == CANDIDATES
    first = page.model.row_at(0)

    page.search_box.setText(first.last_name)
    assert wait_until_current(page.model, window.tasks)
    rows = [page.model.row_at(i) for i in range(page.model.rowCount())]
    assert rows and all(first.last_name in r.full_name for r in rows)
    assert page.model.rowCount() == demo_context.services.dossiers.count(first.last_name)

    page.search_box.setText(to_persian_digits(first.national_id))  # typed with Persian digits
    assert wait_until_current(page.model, window.tasks)
    found = [page.model.row_at(i) for i in range(page.model.rowCount())]
    assert first.registration_id in [r.registration_id for r in found]
    cell = page.model.data(page.model.index(0, Column.NATIONAL_ID))
    assert cell.startswith(LRI) and cell.endswith(PDI)


def test_screenshots_with_demo_data(qtbot, window, tmp_path):
    """PNGs of the home and dossiers pages over demo data (also to $NEZARAT_SCREENSHOTS)."""
    folders = [tmp_path]
    if os.environ.get("NEZARAT_SCREENSHOTS"):
        folders.append(Path(os.environ["NEZARAT_SCREENSHOTS"]))
    for name, page in (("home", Page.HOME), ("dossiers", Page.DOSSIERS)):
        window.show_page(page)
        window.tasks.wait_idle()
        qtbot.wait(50)
        pixmap = window.grab()
        for folder in folders:
            folder.mkdir(parents=True, exist_ok=True)
            assert pixmap.save(str(folder / f"demo_{name}.png"), "PNG")
