"""UI test setup: offscreen Qt, the application configured once like the real app, fakes."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from datetime import UTC, date, datetime
from types import SimpleNamespace

import pytest
from PyQt6.QtWidgets import QApplication

from supervisor_app.domain.candidates import CandidateStatus
from supervisor_app.paths import DataPaths
from supervisor_app.services.views import DossierSummary, Overview
from supervisor_app.settings import Settings


@pytest.fixture(scope="session")
def qapp():
    """The QApplication as the app configures it (Persian, RTL, translators, font)."""
    from supervisor_app.ui.qt_app import configure_application, create_application

    existing = QApplication.instance()
    if existing is None:
        app = create_application(["nezarat-tests"], Settings(language="fa"))
    else:  # another test directory's plugin created it first
        app = configure_application(existing, Settings(language="fa"))
    yield app


FIRST_NAMES = ["محمد", "زهرا", "علی‌رضا", "فاطمه", "حسین", "مریم", "مهدی", "نرگس"]
LAST_NAMES = ["رضایی", "احمدی", "کاظمی", "حسینی", "موسوی", "کریمی"]
CONSTITUENCIES = [
    ("0101", "تهران، ری، شمیرانات، اسلامشهر و پردیس", "تهران"),
    ("0402", "اصفهان", "اصفهان"),
    ("0903", "مشهد و کلات", "مشهد"),
    ("0304", "تبریز، اسکو و آذرشهر", "تبریز"),
]


def make_rows(n: int) -> list[DossierSummary]:
    """``n`` deterministic dossiers with Persian names and every status in turn."""
    statuses = list(CandidateStatus)
    rows = []
    for i in range(n):
        code, constituency, county = CONSTITUENCIES[i % len(CONSTITUENCIES)]
        rows.append(
            DossierSummary(
                registration_id=f"1404-{i + 1:06d}",
                national_id=f"{52 + i:03d}{1234567 + 7919 * i:07d}"[:10],
                first_name=FIRST_NAMES[i % len(FIRST_NAMES)],
                last_name=LAST_NAMES[(i // len(FIRST_NAMES) + i) % len(LAST_NAMES)],
                father_name="عباس",
                birth_date=date(1970 + i % 30, 1 + i % 12, 1 + i % 28),
                gender="male" if i % 2 else "female",
                constituency_code=code,
                constituency_name=constituency,
                county_name=county,
                status=statuses[i % len(statuses)],
            )
        )
    return rows


class FakeDossiers:
    """In-memory stand-in for DossierService.search/count that records its queries."""

    def __init__(self, rows: list[DossierSummary]) -> None:
        self.rows = rows
        self.queries: list[str] = []
        self.fail = False

    def _matches(self, text: str) -> list[DossierSummary]:
        if not text:
            return self.rows
        return [
            r
            for r in self.rows
            if text in r.full_name or text in r.national_id or text in r.registration_id
        ]

    def search(self, text: str, limit: int = 200, offset: int = 0) -> list[DossierSummary]:
        if self.fail:
            raise RuntimeError("store unavailable")
        self.queries.append(text)
        return self._matches(text)[offset : offset + limit]

    def count(self, text: str = "") -> int:
        return len(self._matches(text))


class FakeOverview:
    """Stand-in for OverviewService.summary returning a fixed, editable Overview."""

    def __init__(self) -> None:
        self.overview = Overview(
            cycle_title="دوازدهمین دوره انتخابات مجلس شورای اسلامی",
            board_name="هیات نظارت استان تهران",
            counts={
                "dossiers": 12345,
                "constituencies": 30,
                "counties": 16,
                "boards": 17,
                "members": 85,
                "branches": 6789,
            },
            pending_outbox=3,
            last_sync_at=datetime(2025, 3, 1, 10, 30, tzinfo=UTC),
            audit_events=1520,
            audit_intact=True,
        )

    def summary(self) -> Overview:
        return self.overview


@pytest.fixture
def rows_factory():
    """make_rows, for tests that need a different number of dossiers."""
    return make_rows


@pytest.fixture
def fake_context(tmp_path):
    """An AppContext-shaped object over fake services and a temporary data directory."""
    services = SimpleNamespace(overview=FakeOverview(), dossiers=FakeDossiers(make_rows(60)))
    return SimpleNamespace(
        paths=DataPaths(tmp_path / "data"), settings=Settings(language="fa"), services=services
    )


@pytest.fixture
def main_window(qtbot, fake_context):
    """The main window at the reference size 1366×768, shown and active."""
    from supervisor_app.ui.main_window import MainWindow

    window = MainWindow(fake_context)
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitActive(window)
    return window
