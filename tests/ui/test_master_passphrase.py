"""Without an OS keyring the window asks for the keystore's master passphrase and checks it."""

from __future__ import annotations

from pathlib import Path

import keyring
import pytest
from keyring.backends import fail
from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import QLabel, QLineEdit

from supervisor_app.adapters.keystore import EncryptedFileKeystore
from supervisor_app.ui import run
from supervisor_app.ui.dialogs.master_passphrase import MasterPassphraseDialog


def _enter(qtbot, dialog: MasterPassphraseDialog, secret: str, confirm: str | None = None):
    field = dialog.findChild(QLineEdit, "masterPassphrase")
    field.clear()
    qtbot.keyClicks(field, secret)
    if confirm is not None:
        other = dialog.findChild(QLineEdit, "masterPassphraseConfirm")
        other.clear()
        qtbot.keyClicks(other, confirm)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_a_wrong_passphrase_is_refused_and_the_right_one_accepted(qtbot, tmp_path: Path):
    """The existing file is opened with what was typed; only the right passphrase passes."""
    path = tmp_path / "keystore.json"
    store = EncryptedFileKeystore(path, "the right passphrase")
    store.set("nezarat", "token", "secret-token")
    dialog = MasterPassphraseDialog(path)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.creating
    _enter(qtbot, dialog, "not it")
    assert dialog.passphrase is None and not dialog.result()
    assert dialog.findChild(QLabel, "masterPassphraseError").text()
    _enter(qtbot, dialog, "the right passphrase")
    assert dialog.passphrase == "the right passphrase"
    assert EncryptedFileKeystore(path, dialog.passphrase).get("nezarat", "token") == (
        "secret-token")


def test_a_new_keystore_needs_a_long_enough_passphrase_typed_twice(qtbot, tmp_path: Path):
    """No file yet: short or mismatched passphrases are refused with a message."""
    dialog = MasterPassphraseDialog(tmp_path / "keystore.json")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.creating
    _enter(qtbot, dialog, "short", "short")
    assert dialog.passphrase is None
    _enter(qtbot, dialog, "long enough one", "long enough two")
    assert dialog.passphrase is None
    assert dialog.findChild(QLabel, "masterPassphraseError").text()
    _enter(qtbot, dialog, "long enough one", "long enough one")
    assert dialog.passphrase == "long enough one"


def test_the_window_asks_only_for_an_existing_file_without_keyring_or_variable(
    monkeypatch, tmp_path
):
    """A secure keyring, SUPERVISOR_KEYSTORE_PASSPHRASE or no keystore file: no question."""
    from supervisor_app.paths import DataPaths

    paths = DataPaths(tmp_path / "data")
    paths.ensure()
    monkeypatch.delenv("SUPERVISOR_KEYSTORE_PASSPHRASE", raising=False)
    previous = keyring.get_keyring()
    try:
        keyring.set_keyring(fail.Keyring())
        assert not run.master_passphrase_needed(paths)  # nothing kept there yet
        EncryptedFileKeystore(paths.root / "keystore.json", "long enough").set("a", "b", "c")
        assert run.master_passphrase_needed(paths)
        monkeypatch.setenv("SUPERVISOR_KEYSTORE_PASSPHRASE", "x")
        assert not run.master_passphrase_needed(paths)
    finally:
        keyring.set_keyring(previous)


@pytest.mark.parametrize("typed", ["the right passphrase"])
def test_the_start_prompt_returns_the_checked_passphrase(qtbot, tmp_path, monkeypatch, typed):
    """ask_master_passphrase_at_start shows the dialog for <data>/keystore.json."""
    from PyQt6.QtCore import QTimer
    from PyQt6.QtWidgets import QApplication

    from supervisor_app.paths import DataPaths

    paths = DataPaths(tmp_path / "data")
    paths.ensure()
    EncryptedFileKeystore(paths.root / "keystore.json", typed).set("a", "b", "c")

    def answer() -> None:
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, MasterPassphraseDialog) and widget.isVisible():
                _enter(qtbot, widget, typed)
                return
        QTimer.singleShot(50, answer)

    QTimer.singleShot(50, answer)
    assert run.ask_master_passphrase_at_start(paths) == typed
