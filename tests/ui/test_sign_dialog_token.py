"""The sign dialog for a member whose key is on a hardware token (a real SoftHSM2 token)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from PyQt6.QtCore import QCoreApplication
from PyQt6.QtWidgets import QDialog

from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.domain.dataset import Dataset
from supervisor_app.domain.rulings import RulingStatus
from supervisor_app.services.certificates import CertificateService
from supervisor_app.services.members import MemberKeyService
from supervisor_app.services.rulings import RulingService
from supervisor_app.store import open_store
from supervisor_app.store.bulk import bulk_import
from supervisor_app.ui.dialogs.sign_dialog import SignDialog
from supervisor_app.ui.text import Formatter
from tests.signing.softhsm import softhsm
from tests.ui.test_rulings_page import BOARD, CA_PASS, CENTRAL, MEMBERS, _draft, passphrase

PIN = "1404-pin"
TOKEN_MEMBER = "BD-m1"


def _tr(text: str) -> str:
    return QCoreApplication.translate("SignDialog", text)


@pytest.fixture
def rulings(tmp_path: Path) -> Iterator[RulingService]:
    """BD-m1 signs with a key generated on the token; BD-m2 and BD-m3 with software keys."""
    now = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    clock = lambda: now  # noqa: E731 - a fixed clock
    with softhsm(tmp_path / "hsm", {"board-token": PIN}) as module:
        store = open_store(tmp_path / "store.sqlite3")
        bulk_import(store, Dataset(boards=[CENTRAL, BOARD], members=MEMBERS))
        certificates = CertificateService(store, clock)
        info = certificates.init_ca(tmp_path / "ca", "مرجع گواهی هیات مرکزی", CA_PASS)
        certificates.import_trust_bundle(
            certificates.trust_bundle(tmp_path / "ca", CA_PASS), pin=info.fingerprint
        )
        members = MemberKeyService(store, MemoryKeystore(), certificates, clock)
        for m in MEMBERS:
            if m.id == TOKEN_MEMBER:
                members.create_token_key(m.id, PIN, module=module)
            else:
                members.create_key(m.id, passphrase(m.id))
            secret = PIN if m.id == TOKEN_MEMBER else passphrase(m.id)
            cert = certificates.issue(tmp_path / "ca", CA_PASS, members.csr(m.id, secret))
            members.import_certificate(cert.public_bytes(serialization.Encoding.PEM))
        try:
            yield RulingService(store, members, now=clock)
        finally:
            store.close()


def _dialog(qtbot, rulings: RulingService, ruling_id: str, member_id: str) -> SignDialog:
    dialog = SignDialog(rulings, ruling_id, Formatter(persian=True))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.member_box.setCurrentIndex(dialog.member_box.findData(member_id))
    return dialog


def test_token_member_is_asked_for_the_token_pin(qtbot, qapp, rulings: RulingService):
    """Choosing the token member relabels the secret field; a software member keeps it."""
    dialog = _dialog(qtbot, rulings, _draft(rulings), "BD-m2")
    assert dialog.secret_label.text() == _tr("Passphrase:")
    dialog.member_box.setCurrentIndex(dialog.member_box.findData(TOKEN_MEMBER))
    assert dialog.secret_label.text() == _tr("PIN of the hardware token:")
    assert dialog.secret_label.text() != _tr("Passphrase:")
    assert dialog.passphrase_edit.accessibleName() == _tr("PIN of the hardware token")


def test_wrong_pin_signs_nothing_and_the_right_pin_signs_on_the_token(
    qtbot, qapp, rulings: RulingService
):
    """A wrong PIN keeps the dialog open with the PIN message; the right one signs."""
    ruling_id = _draft(rulings)
    dialog = _dialog(qtbot, rulings, ruling_id, TOKEN_MEMBER)
    qtbot.keyClicks(dialog.passphrase_edit, "0000-wrong")
    dialog.submit()
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.text() == _tr(
        "Wrong PIN of the hardware token: the key was not unlocked and nothing was signed."
    )
    assert rulings.get(ruling_id).status is RulingStatus.DRAFT
    qtbot.keyClicks(dialog.passphrase_edit, PIN)
    dialog.submit()
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    status = rulings.signing_status(ruling_id)
    assert [s.member_id for s in status.signers if s.signed] == [TOKEN_MEMBER]
