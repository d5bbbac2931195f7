"""Ask for the encrypted keystore's master passphrase when the workstation has no OS keyring.

Without a keyring (many Linux desktops, locked-down Windows images) the registry password,
session token and members' keys live in ``keystore.json`` encrypted under one master
passphrase. The window asks for it once, at start, on the GUI thread, and checks it
against the file before anything else opens; a new file gets the passphrase twice.
"""

from __future__ import annotations

from pathlib import Path

from PyQt6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.adapters.keystore import (
    EncryptedFileKeystore,
    KeystoreError,
    WrongKeystorePassphrase,
)

MIN_NEW_PASSPHRASE = 8


class MasterPassphraseDialog(QDialog):
    """One password field (two for a new keystore file); OK only once it opens the file."""

    def __init__(self, keystore_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keystore_path = keystore_path
        self.creating = not keystore_path.exists()
        self.passphrase: str | None = None
        self.setObjectName("MasterPassphraseDialog")
        self.setWindowTitle(self.tr("Keystore master passphrase"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "This workstation has no system keyring, so passwords and signing keys are "
                "kept in an encrypted file. Choose a master passphrase for it (at least "
                "%1 characters) and keep it safe: it cannot be recovered."
            ).replace("%1", str(MIN_NEW_PASSPHRASE))
            if self.creating
            else self.tr(
                "This workstation has no system keyring, so passwords and signing keys are "
                "kept in an encrypted file. Enter its master passphrase."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.field = QLineEdit()
        self.field.setObjectName("masterPassphrase")
        self.field.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Master passphrase:"), self.field)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("masterPassphraseConfirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        if self.creating:
            form.addRow(self.tr("Repeat it:"), self.confirm)
        layout.addLayout(form)
        self.error = QLabel()
        self.error.setObjectName("masterPassphraseError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._try)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.field.setFocus()

    def _try(self) -> None:
        secret = self.field.text()
        if self.creating:
            if len(secret) < MIN_NEW_PASSPHRASE:
                self._fail(self.tr("The passphrase is too short."))
                return
            if secret != self.confirm.text():
                self._fail(self.tr("The two passphrases differ; type them again."))
                return
        elif not secret:
            self._fail(self.tr("Enter the passphrase."))
            return
        try:
            EncryptedFileKeystore(self.keystore_path, secret)  # derives the key; checks it
        except WrongKeystorePassphrase:
            self._fail(self.tr("The passphrase is not right. Try again."))
            return
        except KeystoreError as exc:
            self._fail(self.tr("The keystore file cannot be opened: %1").replace("%1", str(exc)))
            return
        self.passphrase = secret
        self.accept()

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.field.selectAll()
        self.field.setFocus()


def ask_master_passphrase(keystore_path: Path) -> str | None:
    """The checked passphrase, or None when the user cancelled (a QApplication must exist)."""
    dialog = MasterPassphraseDialog(keystore_path)
    dialog.exec()
    return dialog.passphrase
