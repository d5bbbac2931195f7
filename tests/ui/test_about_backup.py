"""The About dialog, the diagnostic bundle action, and backup/restore from the window."""

from __future__ import annotations

import re
import tomllib
import zipfile
from datetime import UTC, date, datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from PyQt6.QtWidgets import QMenu, QMessageBox

import supervisor_app
from supervisor_app.app import AppContext, build_context
from supervisor_app.domain.election_day import ObserverReport, OffenceCategory, Severity
from supervisor_app.domain.jalali import format_jalali_long, in_iran
from supervisor_app.domain.persian import to_persian_digits
from supervisor_app.domain.rulings import Ruling, RulingSubject
from supervisor_app.paths import DataPaths
from supervisor_app.services.backup import BEFORE_RESTORE, DAILY, MANUAL
from supervisor_app.ui.dialogs import about as about_module
from supervisor_app.ui.dialogs.about import AboutDialog
from supervisor_app.ui.dialogs.backup_dialogs import (
    BackupController,
    RestoreDialog,
    confirmation_text,
    relaunch_command,
)
from supervisor_app.ui.main_window import MainWindow
from supervisor_app.ui.text import LRI, PDI, Formatter

ROOT = Path(__file__).resolve().parents[2]
SYNCED = datetime(2026, 2, 19, 6, 30, tzinfo=UTC)  # 10:00 in Tehran, 30 Bahman 1404


def _ruling(n: int) -> Ruling:
    return Ruling(
        id=f"rul-{n}", board_id="B2301", serial=None, issued_on=date(2026, 2, 1),
        subject=RulingSubject.QUALIFICATION, subject_ref=f"R-{n}", legal_basis=(),
        reasoning="استدلال", decision="تایید صلاحیت", present_member_ids=(),
    )


def _report(n: int) -> ObserverReport:
    return ObserverReport(
        id=f"rep-{n}", branch_code="BR1", observed_at=SYNCED, category=OffenceCategory.OTHER,
        severity=Severity.LOW, description="گزارش آزمایشی",
    )


@pytest.fixture
def context(tmp_path: Path, geography: Any) -> Any:
    """A real context over a small store with rulings, reports and a last sync time."""
    from supervisor_app.store.bulk import bulk_import

    ctx = build_context(DataPaths(tmp_path / "data"))
    bulk_import(ctx.store, geography)
    with ctx.store.unit_of_work() as uow:
        uow.sync_state.set_last_sync_at(SYNCED)
        for n in range(3):
            uow.rulings.add(_ruling(n))
    yield ctx
    ctx.close()


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Message boxes recorded instead of shown (they would block the test)."""
    shown: list[tuple[str, str]] = []

    def record(_parent: Any, title: str, text: str, *args: Any) -> QMessageBox.StandardButton:
        shown.append((title, text))
        return QMessageBox.StandardButton.Ok

    monkeypatch.setattr(QMessageBox, "information", record)
    monkeypatch.setattr(QMessageBox, "warning", record)
    return shown


def test_about_shows_version_paths_last_sync_in_jalali_and_runtime_versions(
    qtbot, qapp, context: AppContext
):
    """About shows version, LTR data paths, the last sync in Jalali/Tehran time, Qt and Python."""
    dialog = AboutDialog(context.services.diagnostics, Formatter(persian=True))
    qtbot.addWidget(dialog)
    fields = dialog.fields
    assert fields["data_dir"] == f"{LRI}{context.paths.root}{PDI}"
    assert str(context.paths.backups) in fields["backups"]
    assert str(context.paths.logs) in fields["logs"]
    assert format_jalali_long(in_iran(SYNCED).date()) in fields["last_sync"]
    assert to_persian_digits("10:00") in fields["last_sync"]
    assert fields["last_backup"] == "هنوز نسخهٔ پشتیبانی تهیه نشده است"
    assert "Qt 6." in fields["qt"] and "PyQt 6." in fields["qt"]
    assert fields["python"].strip(LRI + PDI).startswith("3.")
    assert dialog.windowTitle() == "دربارهٔ نظارت"


def test_about_labels_show_the_package_version_data_paths_and_persian_last_sync(
    qtbot, qapp, context: AppContext
):
    """The dialog's labels show the version pyproject.toml and the installed metadata take
    from supervisor_app, the data paths left to right, and the last sync in Jalali, Tehran
    time, Persian digits."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "supervisor_app.__version__"
    }
    assert metadata.version("nezarat") == supervisor_app.__version__
    dialog = AboutDialog(context.services.diagnostics, Formatter(persian=True))
    qtbot.addWidget(dialog)
    dialog.show()
    shown = {key: label.text() for key, label in dialog.value_labels.items()}
    assert all(label.isVisible() for label in dialog.value_labels.values())
    assert shown["version"] == f"{LRI}{supervisor_app.__version__}{PDI}"
    paths = context.paths
    assert shown["data_dir"] == f"{LRI}{paths.root}{PDI}"
    assert shown["database"] == f"{LRI}{paths.database}{PDI}"
    assert shown["backups"] == f"{LRI}{paths.backups}{PDI}"
    assert shown["logs"] == f"{LRI}{paths.logs}{PDI}"
    # 2026-02-19 06:30 UTC is 10:00 in Tehran (UTC+3:30) on 30 Bahman 1404.
    assert shown["last_sync"] == "۳۰ بهمن ۱۴۰۴، ۱۰:۰۰"
    assert not re.search("[0-9]", shown["last_sync"])


def test_about_saves_a_diagnostic_bundle_with_the_qt_version(
    qtbot, qapp, context: AppContext, tmp_path: Path, messages
):
    """"Save diagnostic bundle…" writes the zip where the user chose and says where."""
    target = tmp_path / "support" / "bundle.zip"
    dialog = AboutDialog(context.services.diagnostics, Formatter(persian=True),
                         choose_path=lambda _parent, _suggested: str(target))
    qtbot.addWidget(dialog)
    dialog.save_button.click()
    assert target.is_file()
    with zipfile.ZipFile(target) as zf:
        assert '"Qt": "6.' in zf.read("versions.json").decode()
        assert '"rulings": 3' in zf.read("status.json").decode()
    assert messages and str(target) in messages[0][1]


def test_diagnostic_bundle_action_does_nothing_when_cancelled(qtbot, qapp, context, messages):
    """Cancelling the file chooser writes nothing and shows nothing."""
    about_module.save_diagnostic_bundle(None, context.services.diagnostics,
                                        choose_path=lambda _p, _s: None)
    assert messages == []


def test_main_window_menus_offer_backup_restore_diagnostics_and_about(qtbot, qapp, context):
    """File has Back up now and Restore…; Help has Save diagnostic bundle… and About."""
    window = MainWindow(context)
    qtbot.addWidget(window)
    texts = [a.text() for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()]
    assert "&پشتیبان‌گیری همین حالا" in texts
    assert "&بازگردانی از نسخهٔ پشتیبان…" in texts
    assert "ذخیرهٔ بستهٔ &عیب‌یابی…" in texts
    assert window.backups is not None


def _controller(
    qtbot: Any, context: AppContext, **kwargs: Any
) -> tuple[MainWindow, BackupController]:
    window = MainWindow(context)
    qtbot.addWidget(window)
    controller = window.backups
    assert controller is not None
    for name, value in kwargs.items():
        setattr(controller, name, value)
    return window, controller


def test_back_up_now_writes_a_checked_backup(qtbot, qapp, context: AppContext, messages):
    """Back up now runs in the background and reports the backup it made."""
    _window, controller = _controller(qtbot, context)
    with qtbot.waitSignal(controller.backup_made, timeout=30_000) as made:
        controller.backup_now()
    info = made.args[0]
    assert info.kind == MANUAL and info.path.is_file()
    qtbot.waitUntil(lambda: bool(messages), timeout=5_000)
    assert messages[0][0] == "نسخهٔ پشتیبان تهیه شد"


def test_daily_timer_makes_the_daily_backup_once(qtbot, qapp, context: AppContext):
    """The daily check makes a backup when none is recent, and none right after."""
    window, controller = _controller(qtbot, context)
    with qtbot.waitSignal(controller.backup_made, timeout=30_000) as made:
        controller.start_daily(first_check_ms=0, every_ms=60_000)
    assert made.args[0].kind == DAILY
    controller.check_daily()
    window.tasks.wait_idle()
    assert [b.kind for b in context.services.backups.list()] == [DAILY]
    controller.timer.stop()


def test_restore_names_what_is_replaced_keeps_it_and_restarts(
    qtbot, qapp, context: AppContext, messages
):
    """Restore names both sides' counts, keeps the old data, restarts the app, closes the window."""
    backups = context.services.backups
    backup = backups.create(MANUAL)
    with context.store.unit_of_work() as uow:
        for n in range(3, 8):
            uow.rulings.add(_ruling(n))
        uow.reports.add(_report(1))
    asked: list[str] = []
    relaunched: list[bool] = []

    def ask(_title: str, text: str) -> bool:
        asked.append(text)
        return True

    def relaunch() -> bool:
        relaunched.append(True)
        return True

    window, controller = _controller(
        qtbot, context, _pick=lambda _backups: backup.path, _ask=ask
    )
    controller._relaunch = relaunch
    window.show()
    with qtbot.waitSignal(controller.restored, timeout=30_000) as done:
        controller.restore()
    text = asked[0]
    assert "آرا: ۸، گزارش‌های ناظران: ۱، پرونده‌ها: ۰" in text  # the current data
    assert "آرا: ۳، گزارش‌های ناظران: ۰، پرونده‌ها: ۰" in text  # the backup
    assert "آخرین تغییر" in text
    result = done.args[0]
    assert result.safety_copy is not None and result.safety_copy.kind == BEFORE_RESTORE
    assert relaunched == [True]
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5_000)
    with context.store.unit_of_work(read_only=True) as uow:
        assert uow.rulings.count() == 3 and uow.reports.count() == 0


def test_restore_cancelled_at_the_confirmation_changes_nothing(qtbot, qapp, context, messages):
    """Answering no to the confirmation leaves the store and the backups as they were."""
    backup = context.services.backups.create(MANUAL)
    with context.store.unit_of_work() as uow:
        uow.rulings.add(_ruling(9))
    asked: list[str] = []

    def ask(_title: str, text: str) -> bool:
        asked.append(text)
        return False

    window, controller = _controller(qtbot, context, _pick=lambda _b: backup.path, _ask=ask)
    controller.restore()
    qtbot.waitUntil(lambda: bool(asked), timeout=30_000)
    window.tasks.wait_idle()
    with context.store.unit_of_work(read_only=True) as uow:
        assert uow.rulings.count() == 4
    assert [b.kind for b in context.services.backups.list()] == [MANUAL]


def test_restore_dialog_lists_backups_newest_first_in_persian(qtbot, qapp, context):
    """The restore chooser lists Jalali time, kind and size, newest selected; empty says so."""
    backups = context.services.backups
    backups.create(MANUAL)
    older = backups.list()
    dialog = RestoreDialog(older, Formatter(persian=True))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text() == "دستی"
    assert "مگابایت" in dialog.table.item(0, 2).text()
    dialog.continue_button.click()
    assert dialog.chosen == older[0].path
    empty = RestoreDialog([], Formatter(persian=True))
    qtbot.addWidget(empty)
    assert not empty.continue_button.isEnabled() and not empty.empty_label.isHidden()


def test_confirmation_for_a_fresh_data_directory_says_nothing_is_replaced(context):
    """Restoring into a directory without a store names only what the backup holds."""
    backup = context.services.backups.create(MANUAL)
    fresh = type(context.services.backups)(DataPaths(context.paths.root / "fresh"))
    text = confirmation_text(Formatter(persian=True), fresh.plan_restore(backup.path))
    assert "چیزی جایگزین نمی‌شود" in text and "آرا: ۳" in text


def test_relaunch_command_restarts_the_same_program(monkeypatch):
    """A restart after restore runs the same program with the same arguments."""
    monkeypatch.setattr("sys.argv", ["/x/supervisor_app/__main__.py", "--data-dir", "/d"])
    command = relaunch_command()
    assert command[1:] == ["-m", "supervisor_app", "--data-dir", "/d"]
    monkeypatch.setattr("sys.frozen", True, raising=False)
    monkeypatch.setattr("sys.argv", ["/opt/nezarat/nezarat", "gui"])
    assert relaunch_command()[1:] == ["gui"]


def test_about_when_nothing_was_synced_says_never(qtbot, qapp, tmp_path):
    """A workstation that never synced shows "never" for the last sync."""
    ctx = build_context(DataPaths(tmp_path / "d"))
    try:
        dialog = AboutDialog(ctx.services.diagnostics, Formatter(persian=True))
        qtbot.addWidget(dialog)
        assert dialog.fields["last_sync"] == "هرگز"
        assert dialog.value_labels["last_sync"].text() == "هرگز"
        ctx.services.backups.create(MANUAL)
        again = AboutDialog(ctx.services.diagnostics, Formatter(persian=True))
        qtbot.addWidget(again)
        made = ctx.services.backups.latest()
        assert made is not None
        assert format_jalali_long(in_iran(made.created_at + timedelta(0)).date()) \
            in again.fields["last_backup"]
    finally:
        ctx.close()
