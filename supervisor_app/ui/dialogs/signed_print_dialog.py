"""Printing a sealed ruling from the app: a PDF signed by its members and/or the board seal.

The same choice as ``supervisor-app print ruling --sign MEMBER … --seal MEMBER``: each
member who signed the ruling and whose key is on this workstation may sign the PDF too,
and any active member of the board with a key here may seal it (see
``services/printing.py`` for why both exist). Each chosen member types their own
passphrase, as in the sign dialog: the fields are cleared after every attempt and never
kept. Unlocking the keys (scrypt), laying the ruling out and signing run in the
background with progress; a wrong passphrase names the member and writes no file (the
PDF is written only once every signature is in, and all at once).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.adapters.keystore import KeystoreError
from supervisor_app.services.printing import PdfChoices, PdfSignerChoice, PrintError
from supervisor_app.signing.errors import SigningError, WrongPassphrase
from supervisor_app.signing.keys import Signer

from ..tasks import TaskRunner
from ..text import Formatter, ltr
from .print_dialogs import preview_dialog, write_pdf_atomically

log = logging.getLogger(__name__)

__all__ = ["SignedRulingPrintDialog"]

Progress = Callable[[int, int], None]


class SignedRulingSource(Protocol):
    def ruling_pdf(
        self,
        ruling_id: str,
        *,
        signers: Mapping[str, Signer] | None = None,
        seal: Signer | None = None,
        progress: Progress | None = None,
    ) -> bytes: ...


class KeyUnlocker(Protocol):
    def signer(self, member_id: str, passphrase: str) -> Signer: ...

    def uses_token(self, member_id: str) -> bool: ...


class _Locked(Exception):
    """A member's key did not unlock (the cause says why)."""

    def __init__(self, member: PdfSignerChoice) -> None:
        super().__init__(member.member_id)
        self.member = member


@dataclass(frozen=True, slots=True)
class SignedPdf:
    path: Path
    pdf: bytes
    signatures: int


class SignedRulingPrintDialog(QDialog):
    """Save a sealed ruling's PDF with PAdES signatures, or print it on paper."""

    def __init__(
        self,
        printing: SignedRulingSource,
        members: KeyUnlocker,
        choices: PdfChoices,
        fmt: Formatter,
        *,
        default_path: Path,
        runner: TaskRunner | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._printing = printing
        self._members = members
        self._choices = choices
        self._fmt = fmt
        self._runner = runner or TaskRunner(self, max_threads=1)
        self.running = False
        self.result: SignedPdf | None = None
        self.preview: QDialog | None = None  # the paper preview last opened
        self.setObjectName("signedPrintDialog")
        self.setWindowTitle(self.tr("Print the sealed ruling"))
        self.setMinimumWidth(560)

        serial = self._fmt.digits(choices.serial) if choices.serial else "—"
        summary = QLabel(
            self.tr(
                "Ruling number {serial} is sealed. Its PDF can carry the digital signatures of "
                "the members who signed it and whose keys are on this workstation, and the "
                "board's seal by a member of the board. Each of them types their passphrase."
            ).format(serial=serial)
        )
        summary.setWordWrap(True)

        self.member_rows: dict[str, tuple[QCheckBox, QLineEdit]] = {}
        members_box = QGroupBox(self.tr("Signatures of the members who signed the ruling"))
        grid = QGridLayout(members_box)
        for row, choice in enumerate(choices.signers):
            check = QCheckBox(f"{choice.full_name} ({ltr(choice.member_id)})")
            edit = self._passphrase_edit(choice.full_name, self._on_token(choice.member_id))
            check.toggled.connect(edit.setEnabled)
            grid.addWidget(check, row, 0)
            grid.addWidget(edit, row, 1)
            self.member_rows[choice.member_id] = (check, edit)
        if not choices.signers:
            grid.addWidget(
                QLabel(
                    self.tr(
                        "None of the members who signed this ruling has a key on this workstation."
                    )
                ),
                0,
                0,
            )

        seal_box = QGroupBox(self.tr("Board seal"))
        seal_row = QHBoxLayout(seal_box)
        self.seal_check = QCheckBox(self.tr("Seal as:"))
        self.seal_member = QComboBox()
        self.seal_member.setAccessibleName(self.tr("Member who seals"))
        for choice in choices.sealers:
            self.seal_member.addItem(
                f"{choice.full_name} ({ltr(choice.member_id)})", choice.member_id
            )
        self.seal_passphrase = self._passphrase_edit(self.tr("board seal"))
        self.seal_member.currentIndexChanged.connect(self._seal_secret_kind)
        self._seal_secret_kind()
        self.seal_check.toggled.connect(self.seal_passphrase.setEnabled)
        self.seal_check.toggled.connect(self.seal_member.setEnabled)
        self.seal_member.setEnabled(False)
        seal_row.addWidget(self.seal_check)
        seal_row.addWidget(self.seal_member, 1)
        seal_row.addWidget(self.seal_passphrase, 1)
        if not choices.sealers:
            self.seal_check.setEnabled(False)
            self.seal_check.setToolTip(self.tr("No member of this board has a key here."))
        elif not choices.signers:
            self.seal_check.setChecked(True)  # the only way to sign here

        self.path_edit = QLineEdit(str(default_path))
        browse = QPushButton(self.tr("Browse…"))
        browse.clicked.connect(self._browse)
        path_row = QHBoxLayout()
        path_row.addWidget(QLabel(self.tr("Save as:")))
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.progress = QProgressBar()
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(
            self.tr("Sign and save PDF"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.paper_button = self.buttons.addButton(
            self.tr("Print on paper…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.save_button.clicked.connect(self.start)
        self.paper_button.clicked.connect(self.print_on_paper)
        self.close_button.clicked.connect(self.reject)
        self.save_button.setEnabled(bool(choices.signers or choices.sealers))

        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addWidget(members_box)
        layout.addWidget(seal_box)
        layout.addLayout(path_row)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

    def _on_token(self, member_id: object) -> bool:
        """Whether the member's key is on a hardware token (the secret is then its PIN)."""
        if not isinstance(member_id, str):
            return False
        try:
            return bool(self._members.uses_token(member_id))
        except Exception:  # the keystore cannot tell: ask for "the passphrase" as before
            return False

    def _passphrase_edit(self, whose: str, token: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setEchoMode(QLineEdit.EchoMode.Password)
        edit.setEnabled(False)
        self._secret_kind(edit, whose, token)
        return edit

    def _secret_kind(self, edit: QLineEdit, whose: str, token: bool) -> None:
        if token:
            edit.setAccessibleName(self.tr("PIN of the hardware token of {name}").format(
                name=whose))
            edit.setPlaceholderText(self.tr("PIN of the hardware token"))
        else:
            edit.setAccessibleName(self.tr("Passphrase of {name}").format(name=whose))
            edit.setPlaceholderText(self.tr("Passphrase"))

    def _seal_secret_kind(self) -> None:
        self._secret_kind(self.seal_passphrase, self.tr("board seal"),
                          self._on_token(self.seal_member.currentData()))

    def _browse(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the signed ruling as PDF"), self.path_edit.text(), "PDF (*.pdf)"
        )
        if name:
            self.path_edit.setText(name)

    # --- choosing -----------------------------------------------------------------------

    def choose_member(self, member_id: str, passphrase: str) -> None:
        """Tick a member's signature and type their passphrase (tests, accessibility)."""
        check, edit = self.member_rows[member_id]
        check.setChecked(True)
        edit.setText(passphrase)

    def choose_seal(self, member_id: str, passphrase: str) -> None:
        self.seal_check.setChecked(True)
        self.seal_member.setCurrentIndex(self.seal_member.findData(member_id))
        self.seal_passphrase.setText(passphrase)

    def _collect(
        self,
    ) -> tuple[list[tuple[PdfSignerChoice, str]], tuple[PdfSignerChoice, str] | None] | str:
        """The chosen members and secrets (fields then cleared), or what is missing."""
        people = {c.member_id: c for c in (*self._choices.signers, *self._choices.sealers)}
        chosen = [
            (people[m], edit.text())
            for m, (check, edit) in self.member_rows.items()
            if check.isChecked()
        ]
        seal = None
        if self.seal_check.isChecked() and self.seal_member.currentData() is not None:
            seal = (people[str(self.seal_member.currentData())], self.seal_passphrase.text())
        if not chosen and seal is None:
            return self.tr("Choose at least one signature, or print on paper.")
        # What is missing is said before anything is cleared: the others keep what they
        # typed. Once the job starts, no field keeps a secret, whatever happens next.
        for person, secret in [*chosen, *([seal] if seal else [])]:
            if not secret:
                if self._on_token(person.member_id):
                    return self.tr("Type the PIN of the hardware token of {name}.").format(
                        name=person.full_name)
                return self.tr("Type the passphrase of {name}.").format(name=person.full_name)
        for _, edit in self.member_rows.values():
            edit.clear()
        self.seal_passphrase.clear()
        return chosen, seal

    # --- signing in the background ------------------------------------------------------

    def start(self) -> None:
        """Unlock the chosen keys, sign and write the PDF, in the background."""
        if self.running:
            return
        collected = self._collect()
        if isinstance(collected, str):
            self._fail(collected)
            return
        chosen, seal = collected
        path = Path(self.path_edit.text()).expanduser()
        printing, members, ruling_id = self._printing, self._members, self._choices.ruling_id
        unlocks = len(chosen) + (seal is not None)

        def unlock(person: PdfSignerChoice, secret: str) -> Signer:
            try:
                return members.signer(person.member_id, secret)
            except (SigningError, KeystoreError) as exc:
                raise _Locked(person) from exc

        def job(progress: Progress) -> SignedPdf:  # in the pool: no widgets here
            progress(0, unlocks + 1)
            signers: dict[str, Signer] = {}
            for n, (person, secret) in enumerate(chosen, start=1):
                signers[person.member_id] = unlock(person, secret)
                progress(n, unlocks + 1)
            sealer = unlock(*seal) if seal is not None else None
            pdf = printing.ruling_pdf(
                ruling_id,
                signers=signers,
                seal=sealer,
                progress=lambda d, t: progress(unlocks + d, unlocks + t),
            )
            write_pdf_atomically(path, pdf)
            return SignedPdf(path, pdf, len(signers) + (sealer is not None))

        self.running = True
        self.error_label.hide()
        self.save_button.setEnabled(False)
        self.close_button.setEnabled(False)
        self.status.setText(self.tr("Unlocking the keys and signing…"))
        self._runner.submit_with_progress(
            job, self._on_success, self._on_progress, self._on_failure
        )

    def _on_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)

    def _on_success(self, result: SignedPdf) -> None:
        self.running = False
        self.result = result
        self.progress.setValue(self.progress.maximum())
        self.status.setText(
            self.tr("Saved with {n} digital signatures: {path}").format(
                n=self._fmt.number(result.signatures), path=ltr(str(result.path))
            )
        )
        self._idle()

    def _on_failure(self, error: BaseException) -> None:
        self.running = False
        self.status.clear()
        self.progress.setValue(0)
        self._fail(self._reason(error))
        self._idle()

    def _reason(self, error: BaseException) -> str:
        persian = self._fmt.persian
        if isinstance(error, _Locked):
            cause = error.__cause__
            if isinstance(cause, WrongPassphrase) and not persian:
                detail = "Wrong passphrase: the key was not unlocked and nothing was signed."
            else:  # the domain errors carry their Persian reason (and what to do)
                detail = (getattr(cause, "message_fa", "") if persian else "") or str(cause)
            return self.tr("{name}: {reason} No PDF was written.").format(
                name=error.member.full_name, reason=detail
            )
        if isinstance(error, PrintError):
            return error.message_fa if persian else str(error)
        # Imported here: pyHanko (with aiohttp) costs ~0.4 s of every start otherwise.
        from supervisor_app.adapters.pdf_signer import PdfSignatureError

        if isinstance(error, PdfSignatureError):
            log.error("signing the ruling PDF failed", exc_info=error)
            return self.tr("The PDF could not be signed; see the log. No PDF was written.")
        if isinstance(error, OSError):
            return self.tr("The PDF could not be saved: {reason}").format(reason=str(error))
        log.error("printing the sealed ruling failed", exc_info=error)
        return self.tr("Printing failed; see the log.")

    def _fail(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()

    def _idle(self) -> None:
        self.close_button.setEnabled(True)
        self.save_button.setEnabled(bool(self._choices.signers or self._choices.sealers))
        first = next((e for c, e in self.member_rows.values() if c.isChecked()), None)
        (first or self.seal_passphrase).setFocus(Qt.FocusReason.OtherFocusReason)

    # --- paper --------------------------------------------------------------------------

    def print_on_paper(self) -> None:
        """Preview and print: the signed PDF once saved, else the unsigned one."""
        try:
            pdf = (
                self.result.pdf
                if self.result
                else self._printing.ruling_pdf(self._choices.ruling_id)
            )
        except PrintError as exc:
            self._fail(exc.message_fa if self._fmt.persian else str(exc))
            return
        self.preview = preview_dialog(pdf, self, self.windowTitle())
        self.preview.open()

    def reject(self) -> None:
        if not self.running:  # Escape while signing: the result still has to arrive
            super().reject()

    def closeEvent(self, event: object) -> None:
        # Signing cannot be interrupted half-way (a second or two); a pool thread still in
        # Python when the dialog is destroyed would wait for the GIL forever.
        if self._runner.busy:
            self._runner.wait_idle()
        super().closeEvent(event)  # type: ignore[arg-type]
