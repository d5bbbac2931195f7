"""The main window: a navigation list on the start side and one page per capability."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import TYPE_CHECKING

from PyQt6.QtCore import Qt, QTimer
from PyQt6.QtGui import QAction, QKeySequence, QShortcut
from PyQt6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

import supervisor_app

from .pages.dossiers import DossiersPage
from .pages.empty import EmptyStatePage
from .pages.home import HomePage
from .text import Formatter, ltr

if TYPE_CHECKING:
    from supervisor_app.app import AppContext


# Item padding and margins from the stylesheet (2×16 + 2×8), the list's own padding and
# some air, so the longest section name never needs a scroll bar.
NAVIGATION_PADDING = 72


class Page(IntEnum):
    """Pages in navigation order; Alt+1 … Alt+7 select them."""

    HOME = 0
    DOSSIERS = 1
    SESSIONS = 2
    RULINGS = 3
    OBSERVER_REPORTS = 4
    COMPLAINTS = 5
    SYNC = 6


class MainWindow(QMainWindow):
    """Navigation, pages, menus and a status bar over the context's services."""

    DATE_REFRESH_MS = 60_000  # keeps "today" right when the app runs past midnight

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._fmt = Formatter.for_settings(context.settings)
        self.setObjectName("MainWindow")
        self.setWindowTitle(self.tr("Nezarat — Supervisory Board"))
        self.resize(1280, 800)

        services = context.services
        self.home_page = HomePage(services.overview, self._fmt)
        self.dossiers_page = DossiersPage(services.dossiers, self._fmt)
        pages: list[tuple[str, QWidget]] = [
            (self.tr("Home"), self.home_page),
            (self.tr("Dossiers"), self.dossiers_page),
            (self.tr("Board sessions"), self._sessions_page()),
            (self.tr("Rulings"), self._rulings_page()),
            (self.tr("Observer reports"), self._reports_page()),
            (self.tr("Complaints"), self._complaints_page()),
            (self.tr("Sync"), self._sync_page()),
        ]

        self.navigation = QListWidget()
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName(self.tr("Sections"))
        self.stack = QStackedWidget()
        for number, (title, page) in enumerate(pages, start=1):
            item = QListWidgetItem(title)
            item.setToolTip(f"Alt+{number}")
            self.navigation.addItem(item)
            self.stack.addWidget(page)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.ensurePolished()  # so the metrics include the stylesheet's font size
        width = max(self.navigation.fontMetrics().horizontalAdvance(t) for t, _ in pages)
        self.navigation.setFixedWidth(width + NAVIGATION_PADDING)

        central = QWidget()
        layout = QHBoxLayout(central)  # the first widget lands on the start (right) side
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.navigation)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        # Tab goes from the navigation into the page, the way a Persian reader scans.
        self.setTabOrder(self.navigation, self.dossiers_page.search_box)

        self._build_menus()
        self._build_shortcuts()
        self._build_status_bar()

        self.navigation.currentRowChanged.connect(self._on_page_changed)
        self.navigation.setCurrentRow(Page.HOME)
        self.navigation.setFocus()

    # --- navigation -----------------------------------------------------------------------

    def show_page(self, page: Page | int) -> None:
        self.navigation.setCurrentRow(int(page))

    def current_page(self) -> Page:
        return Page(self.stack.currentIndex())

    def focus_search(self) -> None:
        """Ctrl+F: open the dossiers page with the cursor in its search box."""
        self.show_page(Page.DOSSIERS)
        self.dossiers_page.focus_search()

    def _on_page_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        if row == Page.HOME:
            self.home_page.refresh()
        elif row == Page.DOSSIERS:
            self.dossiers_page.ensure_loaded()

    # --- chrome ---------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # StandardKey.Quit is empty on Windows
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about_action = QAction(self.tr("&About Nezarat"), self)
        about_action.triggered.connect(self.show_about)
        help_menu.addAction(about_action)

    def _build_shortcuts(self) -> None:
        find = QShortcut(QKeySequence("Ctrl+F"), self)
        find.activated.connect(self.focus_search)
        self._shortcuts = [find]
        for page in Page:
            shortcut = QShortcut(QKeySequence(f"Alt+{page + 1}"), self)
            shortcut.activated.connect(lambda page=page: self.show_page(page))
            self._shortcuts.append(shortcut)

    def _build_status_bar(self) -> None:
        self.data_dir_label = QLabel(
            self.tr("Data directory: {path}").format(path=ltr(str(self._context.paths.root)))
        )
        self.date_label = QLabel()
        self.statusBar().addWidget(self.data_dir_label, 1)
        self.statusBar().addPermanentWidget(self.date_label)
        self._update_date()
        self._date_timer = QTimer(self)
        self._date_timer.timeout.connect(self._update_date)
        self._date_timer.start(self.DATE_REFRESH_MS)

    def _update_date(self) -> None:
        today = self._fmt.long_date(date.today())
        self.date_label.setText(self.tr("Today: {date}").format(date=today))

    def about_text(self) -> str:
        return self.tr(
            "Nezarat, version {version}\n"
            "Desktop client of the election supervisory boards.\n\n"
            "Data directory: {path}"
        ).format(
            version=ltr(supervisor_app.__version__),
            path=ltr(str(self._context.paths.root)),
        )

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Nezarat"), self.about_text())

    # --- pages that later versions fill -----------------------------------------------------

    def _sessions_page(self) -> EmptyStatePage:
        return EmptyStatePage(
            self.tr("Board sessions will be listed here"),
            self.tr(
                "Once session management is available, this page lists the board's "
                "sessions with their agenda, the members present and whether the quorum "
                "was met."
            ),
        )

    def _rulings_page(self) -> EmptyStatePage:
        return EmptyStatePage(
            self.tr("Rulings will be listed here"),
            self.tr(
                "Draft rulings waiting for the members' signatures, and sealed rulings "
                "ready to print, will appear on this page once rulings are available."
            ),
        )

    def _reports_page(self) -> EmptyStatePage:
        return EmptyStatePage(
            self.tr("Observer reports will be listed here"),
            self.tr(
                "Reports that observers file from polling branches will appear here, with "
                "their branch and time, once observer reporting is available."
            ),
        )

    def _complaints_page(self) -> EmptyStatePage:
        return EmptyStatePage(
            self.tr("Complaints will be listed here"),
            self.tr(
                "Complaints received by the board, and how each one was handled, will "
                "appear here once complaint handling is available."
            ),
        )

    def _sync_page(self) -> EmptyStatePage:
        return EmptyStatePage(
            self.tr("Sync status will be shown here"),
            self.tr(
                "This page will show the connection to the registration system, the items "
                "waiting to be sent and the history of each sync. Until then, the home "
                "page shows how many items are waiting to be sent."
            ),
        )
