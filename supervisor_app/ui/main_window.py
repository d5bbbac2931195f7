"""The main window: a navigation list on the start side and one page per capability."""

from __future__ import annotations

from datetime import date
from enum import IntEnum
from typing import TYPE_CHECKING

from PyQt6.QtCore import Qt, QTimer
from PyQt6.QtGui import QAction, QCloseEvent, QKeySequence, QShortcut
from PyQt6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

import supervisor_app

from .dialogs.about import AboutDialog, save_diagnostic_bundle
from .dialogs.backup_dialogs import BackupController
from .pages.dossiers import DossiersPage, TextSearchSource
from .pages.empty import EmptyStatePage
from .pages.home import HomePage
from .pages.rulings import RulingsPage
from .pages.sessions import SessionsPage
from .pages.sync import SyncPage
from .sync_status import SyncController, SyncIndicator
from .tasks import TaskRunner
from .text import Formatter, ltr

if TYPE_CHECKING:
    from supervisor_app.app import AppContext


# Item padding and margins from the stylesheet (2×16 + 2×8), the list's own padding and
# some air, so the longest section name never needs a scroll bar.
NAVIGATION_PADDING = 72


class Page(IntEnum):
    """Pages in navigation order; Alt+1 … Alt+8 select them."""

    HOME = 0
    DOSSIERS = 1
    SESSIONS = 2
    RULINGS = 3
    OBSERVER_REPORTS = 4
    DASHBOARD = 5
    COMPLAINTS = 6
    SYNC = 7


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
        # Queries and refreshes run here, off the GUI thread.
        self.tasks = TaskRunner(self)
        self.home_page = HomePage(services.overview, self._fmt)
        review = getattr(services, "review", None) or TextSearchSource(services.dossiers)
        self.dossiers_page = DossiersPage(
            review,
            self._fmt,
            self.tasks,
            sessions=getattr(services, "sessions", None),
            objections=getattr(services, "objections", None),
        )
        pages: list[tuple[str, QWidget]] = [
            (self.tr("Home"), self.home_page),
            (self.tr("Dossiers"), self.dossiers_page),
            (self.tr("Board sessions"), self._sessions_page()),
            (self.tr("Rulings"), self._rulings_page()),
            (self.tr("Observer reports"), self._reports_page()),
            (self.tr("Election-day dashboard"), self._dashboard_page()),
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

    def open_ruling(self, ruling_id: str) -> None:
        """Show a ruling on the Rulings page (a complaint's freshly drafted ruling)."""
        page = getattr(self, "rulings_page", None)
        if page is None:
            return
        self.show_page(Page.RULINGS)
        page.refresh()
        page.select(ruling_id)

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
        elif row == Page.SESSIONS:
            page = self.stack.widget(row)
            if isinstance(page, SessionsPage):
                page.refresh()
        elif row == Page.RULINGS:
            page = self.stack.widget(row)
            if isinstance(page, RulingsPage):
                page.refresh()
        elif row == Page.COMPLAINTS:
            from .pages.complaints import ComplaintsPage

            page = self.stack.widget(row)
            if isinstance(page, ComplaintsPage):
                page.refresh()
        elif row == Page.SYNC:
            page = self.stack.widget(row)
            if isinstance(page, SyncPage):
                page.refresh()

    # --- chrome ---------------------------------------------------------------------------

    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        self._add_backup_actions(file_menu)
        roster = getattr(self._context.services, "roster_import", None)
        if roster is not None:  # branches and observers from Excel/CSV (issue 7)
            from .dialogs.import_dialog import add_import_actions

            file_menu.addSeparator()
            self.import_actions = add_import_actions(file_menu, roster, self._fmt, self.tasks, self)
            file_menu.addSeparator()
        quit_action = QAction(self.tr("&Quit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))  # StandardKey.Quit is empty on Windows
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        printing = getattr(self._context.services, "printing", None)
        if printing is not None:  # Print menu: preview, print and batch-print (issue 6)
            from .print_menu import install_print_menu

            page = getattr(self, "rulings_page", None)
            self.print_menu, self.print_actions = install_print_menu(
                self, printing, lambda: page.selected_id() if page is not None else None,
                board_id=self._context.settings.board_id,
                prints_dir=self._context.paths.root / "prints",
                members=getattr(self._context.services, "members", None), fmt=self._fmt,
            )

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        if getattr(self._context.services, "diagnostics", None) is not None:
            bundle_action = QAction(self.tr("Save &diagnostic bundle…"), self)
            bundle_action.triggered.connect(self.save_diagnostic_bundle)
            help_menu.addAction(bundle_action)
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
        if self.sync_controller is not None:  # online/offline, queue, last sync (Jalali)
            self.sync_indicator = SyncIndicator(self.sync_controller, self._fmt)
            self.statusBar().addPermanentWidget(self.sync_indicator)
            self.sync_controller.refresh()

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

    def closeEvent(self, event: QCloseEvent | None) -> None:
        # Background queries must finish before the caller closes the store.
        self.tasks.shutdown()
        if self.sync_controller is not None:
            self.sync_controller.shutdown()
        super().closeEvent(event)

    def show_about(self) -> None:
        diagnostics = getattr(self._context.services, "diagnostics", None)
        if diagnostics is None:
            QMessageBox.about(self, self.tr("About Nezarat"), self.about_text())
            return
        AboutDialog(diagnostics, self._fmt, self.tasks, self).exec()

    # --- backups and diagnostics (issue 8) ------------------------------------------------

    def _add_backup_actions(self, menu: QMenu) -> None:
        """Back up now and Restore… (the daily backup's timer is started by run_gui)."""
        backups = getattr(self._context.services, "backups", None)
        self.backups: BackupController | None = None
        if backups is None:
            return
        self.backups = BackupController(
            backups, self._fmt, self.tasks, self,
            show_status=lambda text: self.statusBar().showMessage(text, 10_000),
        )
        backup_action = QAction(self.tr("&Back up now"), self)
        backup_action.triggered.connect(self.backups.backup_now)
        restore_action = QAction(self.tr("&Restore from a backup…"), self)
        restore_action.triggered.connect(self.backups.restore)
        menu.addAction(backup_action)
        menu.addAction(restore_action)
        menu.addSeparator()

    def save_diagnostic_bundle(self) -> None:
        save_diagnostic_bundle(self, self._context.services.diagnostics, self.tasks)

    # --- pages that later versions fill -----------------------------------------------------

    def _sessions_page(self) -> QWidget:
        services = self._context.services
        sessions = getattr(services, "sessions", None)
        if sessions is not None:
            self.sessions_page = SessionsPage(
                sessions,
                getattr(services, "objections", None),
                sessions.boards,
                self._fmt,
                self.tasks,
                board_id=self._context.settings.board_id,
            )
            return self.sessions_page
        return EmptyStatePage(
            self.tr("Board sessions will be listed here"),
            self.tr(
                "Once session management is available, this page lists the board's "
                "sessions with their agenda, the members present and whether the quorum "
                "was met."
            ),
        )

    def _rulings_page(self) -> QWidget:
        rulings = getattr(self._context.services, "rulings", None)
        if rulings is not None:
            self.rulings_page = RulingsPage(
                rulings, self._fmt, board_id=self._context.settings.board_id
            )
            return self.rulings_page
        return EmptyStatePage(
            self.tr("Rulings will be listed here"),
            self.tr(
                "Draft rulings waiting for the members' signatures, and sealed rulings "
                "ready to print, will appear on this page once rulings are available."
            ),
        )

    def _reports_page(self) -> QWidget:
        reports = getattr(self._context.services, "reports", None)
        if reports is not None:  # entry form, recent reports, branch comparison
            from .pages.reports import ReportsPage

            self.reports_page = ReportsPage(reports, self._fmt, self.tasks)
            return self.reports_page
        return EmptyStatePage(
            self.tr("Observer reports will be listed here"),
            self.tr(
                "Reports that observers file from polling branches will appear here, with "
                "their branch and time, once observer reporting is available."
            ),
        )

    def _complaints_page(self) -> QWidget:
        complaints = getattr(self._context.services, "complaints", None)
        if complaints is not None:  # list, registration, history, actions (issue 7)
            from .pages.complaints import ComplaintsPage

            self.complaints_page = ComplaintsPage(
                complaints, self._fmt, rulings=getattr(self._context.services, "rulings", None),
                tasks=self.tasks, open_ruling=self.open_ruling,
            )
            return self.complaints_page
        return EmptyStatePage(
            self.tr("Complaints will be listed here"),
            self.tr(
                "Complaints received by the board, and how each one was handled, will "
                "appear here once complaint handling is available."
            ),
        )

    def _sync_page(self) -> QWidget:
        sync = getattr(self._context.services, "sync", None)
        self.sync_controller: SyncController | None = None
        if sync is not None:
            self.sync_controller = SyncController(sync, self)
            self.sync_page = SyncPage(self.sync_controller, self._fmt)
            return self.sync_page
        return EmptyStatePage(
            self.tr("Sync status will be shown here"),
            self.tr(
                "This page will show the connection to the registration system, the items "
                "waiting to be sent and the history of each sync. Until then, the home "
                "page shows how many items are waiting to be sent."
            ),
        )

    def _dashboard_page(self) -> QWidget:
        dashboard = getattr(self._context.services, "dashboard", None)
        if dashboard is not None:  # refreshes itself while shown (its own timer)
            from .pages.dashboard import DashboardPage

            self.dashboard_page = DashboardPage(dashboard, self._fmt, self.tasks)
            return self.dashboard_page
        return EmptyStatePage(
            self.tr("The election-day dashboard will be shown here"),
            self.tr(
                "Counts of observer reports by offence, hour, constituency and branch will "
                "appear here once observer reports are available."
            ),
        )
