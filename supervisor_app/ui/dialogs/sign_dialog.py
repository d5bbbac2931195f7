"""The sign (or seal) dialog: a present member picks their name and types their passphrase.

Signing unlocks the member's key and signs a few kilobytes: milliseconds, so it runs on
the GUI thread. The passphrase field is cleared after every attempt and never kept; a
wrong passphrase leaves the dialog open with the reason, in the UI's language. A member
whose key is on a hardware token types the token's PIN in the same field.
"""

from __future__ import annotations

import logging
from typing import Protocol

from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from supervisor_app.adapters.keystore import KeystoreError
from supervisor_app.domain.rulings import RulingStatus, Vote
from supervisor_app.services.rulings import SealResult, SigningStatus, SignResult
from supervisor_app.signing.errors import NotSealed, SigningError, WrongPassphrase

from ..text import Formatter, ltr

log = logging.getLogger(__name__)


class RulingSigner(Protocol):
    def signing_status(self, ruling_id: str) -> SigningStatus: ...

    def sign(
        self,
        ruling_id: str,
        member_id: str,
        passphrase: str,
        *,
        expected_vote: Vote | None,
        start_if_draft: bool,
    ) -> SignResult: ...

    def seal(self, ruling_id: str, member_id: str, passphrase: str) -> SealResult: ...

    def member_uses_token(self, member_id: str) -> bool: ...


class SignDialog(QDialog):
    """Sign mode: one present member signs. Seal mode: a member seals and signs the head."""

    def __init__(
        self,
        rulings: RulingSigner,
        ruling_id: str,
        fmt: Formatter,
        *,
        seal: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._rulings = rulings
        self._ruling_id = ruling_id
        self._fmt = fmt
        self._seal = seal
        self.outcome: SignResult | SealResult | None = None
        self.setObjectName("signDialog")
        self.setWindowTitle(self.tr("Seal the ruling") if seal else self.tr("Sign the ruling"))
        self.setMinimumWidth(520)

        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.member_box = QComboBox()
        self.member_box.setAccessibleName(self.tr("Member"))
        self.vote_label = QLabel()
        self.vote_label.setWordWrap(True)
        self.passphrase_edit = QLineEdit()
        self.passphrase_edit.setObjectName("passphrase")
        self.passphrase_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_edit.setAccessibleName(self.tr("Passphrase"))
        self.secret_label = QLabel(self.tr("Passphrase:"))
        self._token = False  # the selected member signs with a hardware token
        self.error_label = QLabel()
        self.error_label.setObjectName("errorText")
        self.error_label.setWordWrap(True)
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        ok.setText(self.tr("Seal") if seal else self.tr("Sign"))
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.tr("Member:"), self.member_box)
        form.addRow(self.tr("Recorded vote:"), self.vote_label)
        form.addRow(self.secret_label, self.passphrase_edit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary_label)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)

        self.member_box.currentIndexChanged.connect(self._show_vote)
        self.member_box.currentIndexChanged.connect(self._show_secret_kind)
        self._load()
        self.passphrase_edit.setFocus()

    # --- content ------------------------------------------------------------------------

    def _load(self) -> None:
        status = self._rulings.signing_status(self._ruling_id)
        self._status = status
        ruling = status.ruling
        serial = self._fmt.digits(ruling.serial) if ruling.serial else self.tr("not yet numbered")
        lines = [
            self.tr("Board: {board}").format(board=status.board.name),
            self.tr("Ruling number {serial} of {date}").format(
                serial=serial, date=self._fmt.date(ruling.issued_on)
            ),
            self.tr("Decision: {decision}").format(decision=ruling.decision),
            self.tr("Signed: {signed} of {present} present members (needed: {needed})").format(
                signed=self._fmt.number(status.signed),
                present=self._fmt.number(len(status.signers)),
                needed=self._fmt.number(status.required_present),
            ),
        ]
        if status.payload_sha256:
            lines.append(self.tr("Fingerprint of the text: {hash}").format(
                hash=ltr(status.payload_sha256[:16])))
        elif ruling.status is RulingStatus.DRAFT and not self._seal:
            lines.append(self.tr(
                "Signing fixes the text of this draft: after the first signature it can only "
                "be changed by taking it back to draft, which discards the signatures."
            ))
        self.summary_label.setText("\n".join(lines))
        self.member_box.clear()
        candidates = status.signers if self._seal else status.unsigned()
        for signer in candidates:
            self.member_box.addItem(f"{signer.full_name} ({ltr(signer.member_id)})",
                                    signer.member_id)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        assert ok is not None
        ok.setEnabled(bool(candidates))
        self._show_vote()

    def _show_vote(self) -> None:
        member_id = self.member_box.currentData()
        signer = next((s for s in self._status.signers if s.member_id == member_id), None)
        if signer is None or signer.vote is None:
            self.vote_label.setText(self.tr("No vote recorded"))
            return
        names = {
            Vote.APPROVE: self.tr("In favour"),
            Vote.REJECT: self.tr("Against"),
            Vote.ABSTAIN: self.tr("Abstained"),
        }
        text = names[signer.vote]
        if signer.dissent_note:
            text = self.tr("{vote}; dissent: {note}").format(vote=text, note=signer.dissent_note)
        self.vote_label.setText(text)

    def _show_secret_kind(self) -> None:
        """Ask for the token PIN, not a passphrase, when the member's key is on a token."""
        member_id = self.selected_member()
        try:
            self._token = member_id is not None and self._rulings.member_uses_token(member_id)
        except Exception:  # the keystore may be locked: the passphrase wording is the default
            log.exception("cannot tell whether %s signs with a token", member_id)
            self._token = False
        if self._token:
            self.secret_label.setText(self.tr("PIN of the hardware token:"))
            self.passphrase_edit.setAccessibleName(self.tr("PIN of the hardware token"))
        else:
            self.secret_label.setText(self.tr("Passphrase:"))
            self.passphrase_edit.setAccessibleName(self.tr("Passphrase"))

    def selected_member(self) -> str | None:
        data = self.member_box.currentData()
        return str(data) if data is not None else None

    # --- action -------------------------------------------------------------------------

    def submit(self) -> None:
        """Sign (or seal) with the typed passphrase; stay open with the reason on failure."""
        member_id = self.selected_member()
        passphrase = self.passphrase_edit.text()
        self.passphrase_edit.clear()  # never kept, whatever happens next
        if member_id is None:
            return
        if not passphrase:
            self._fail(self.tr("Type the PIN of the hardware token.") if self._token
                       else self.tr("Type your passphrase."))
            return
        try:
            if self._seal:
                self.outcome = self._rulings.seal(self._ruling_id, member_id, passphrase)
            else:
                signer = next(s for s in self._status.signers if s.member_id == member_id)
                self.outcome = self._rulings.sign(
                    self._ruling_id, member_id, passphrase, expected_vote=signer.vote,
                    start_if_draft=True,
                )
        except WrongPassphrase:
            self._fail(self.tr(
                "Wrong PIN of the hardware token: the key was not unlocked and nothing was "
                "signed."
            ) if self._token else self.tr(
                "Wrong passphrase: the key was not unlocked and nothing was signed."
            ))
            return
        except NotSealed as exc:
            reasons = [c.message_fa if self._fmt.persian else c.message_en
                       for c in exc.report.failures]
            self._fail(self.tr("The ruling was not sealed:") + "\n" + "\n".join(reasons))
            return
        except (SigningError, KeystoreError) as exc:
            # Both carry a Persian message; the keystore's says how to make keys usable.
            persian = getattr(exc, "message_fa", "") or self.tr("Signing failed; see the log.")
            self._fail(persian if self._fmt.persian else str(exc))
            return
        except Exception:  # a slot must not raise: PyQt6 would abort the process
            log.exception("signing ruling %s failed", self._ruling_id)
            self._fail(self.tr("Signing failed; see the log."))
            return
        self.accept()

    def _fail(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.show()
        self.passphrase_edit.setFocus(Qt.FocusReason.OtherFocusReason)
        try:
            self._load()  # the state may have moved on (e.g. signing started)
        except Exception:  # keep the dialog usable even if the refresh fails
            log.exception("reloading ruling %s failed", self._ruling_id)

    def result_text(self) -> str:
        """A one-line summary of what happened, for the page's status line."""
        outcome = self.outcome
        if isinstance(outcome, SealResult) or (
            isinstance(outcome, SignResult) and outcome.sealed is not None
        ):
            sealed = outcome if isinstance(outcome, SealResult) else outcome.sealed
            assert sealed is not None
            return self.tr("Ruling number {serial} is sealed and queued for sending.").format(
                serial=self._fmt.digits(sealed.serial)
            )
        if isinstance(outcome, SignResult):
            return self.tr("Signed: {signed} of {present} present members.").format(
                signed=self._fmt.number(outcome.signed),
                present=self._fmt.number(outcome.present),
            )
        return ""
