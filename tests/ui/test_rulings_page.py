"""The Rulings page and the sign dialog over the real services (store, CA, member keys)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from cryptography.hazmat.primitives import serialization
from PyQt6.QtGui import QInputMethodEvent
from PyQt6.QtWidgets import QApplication, QDialog, QDialogButtonBox

from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.domain.boards import Board, BoardLevel, BoardMember, MemberRole, QuorumRule
from supervisor_app.domain.candidates import LegalBasis
from supervisor_app.domain.dataset import Dataset
from supervisor_app.domain.national_id import make_national_id
from supervisor_app.domain.rulings import MemberVote, Ruling, RulingStatus, RulingSubject, Vote
from supervisor_app.services.certificates import CertificateService
from supervisor_app.services.members import MemberKeyService
from supervisor_app.services.rulings import RulingService
from supervisor_app.settings import Settings
from supervisor_app.store import open_store
from supervisor_app.store.bulk import bulk_import
from supervisor_app.ui.pages.rulings import RulingsPage
from supervisor_app.ui.text import Formatter

CA_PASS = "central-ca-passphrase"
PERSIAN_PASSPHRASE = "رمز عبور من ۱۴۰۴"  # typed through the input method, not keyClicks
CENTRAL = Board("B0", BoardLevel.CENTRAL, "هیات مرکزی نظارت", None, None, QuorumRule(5))
BOARD = Board("BD", BoardLevel.DISTRICT, "هیات نظارت بخش لواسانات", "010101", "B0",
              QuorumRule(3))
MEMBERS = [
    BoardMember(f"BD-m{i + 1}", "BD", name, make_national_id(f"{5000 + i:09d}"), role)
    for i, (name, role) in enumerate([
        ("زهرا احمدی", MemberRole.CHAIR), ("علی رضایی", MemberRole.MEMBER),
        ("مریم کریمی", MemberRole.MEMBER),
    ])
]


def passphrase(member_id: str) -> str:
    return PERSIAN_PASSPHRASE if member_id == "BD-m3" else f"passphrase-of-{member_id}"


@pytest.fixture
def rulings(tmp_path: Path) -> Iterator[RulingService]:
    now = datetime.now(UTC).replace(microsecond=0) - timedelta(minutes=5)
    clock = lambda: now  # noqa: E731 - a fixed clock
    store = open_store(tmp_path / "store.sqlite3")
    bulk_import(store, Dataset(boards=[CENTRAL, BOARD], members=MEMBERS))
    certificates = CertificateService(store, clock)
    info = certificates.init_ca(tmp_path / "ca", "مرجع گواهی هیات مرکزی", CA_PASS)
    certificates.import_trust_bundle(certificates.trust_bundle(tmp_path / "ca", CA_PASS),
                                     pin=info.fingerprint)
    members = MemberKeyService(store, MemoryKeystore(), certificates, clock)
    for m in MEMBERS:
        members.create_key(m.id, passphrase(m.id))
        cert = certificates.issue(tmp_path / "ca", CA_PASS, members.csr(m.id, passphrase(m.id)))
        members.import_certificate(cert.public_bytes(serialization.Encoding.PEM))
    service = RulingService(store, members, now=clock)
    try:
        yield service
    finally:
        store.close()


def _draft(rulings: RulingService) -> str:
    ruling = Ruling(
        id=str(uuid.uuid4()), board_id="BD", serial=None,
        issued_on=datetime.now(UTC).date(), subject=RulingSubject.QUALIFICATION,
        subject_ref="R-1404-0000777", legal_basis=(LegalBasis("37", "ز"),),
        reasoning="داوطلب سواد لازم را ندارد.", decision="رد صلاحیت",
        present_member_ids=("BD-m1", "BD-m2", "BD-m3"),
        votes=(MemberVote("BD-m1", Vote.APPROVE), MemberVote("BD-m2", Vote.APPROVE),
               MemberVote("BD-m3", Vote.REJECT, "به نظرم داوطلب باسواد است.")),
    )
    return rulings.create_draft(ruling).id


@pytest.fixture
def page(qtbot, qapp, rulings: RulingService) -> RulingsPage:
    widget = RulingsPage(rulings, Formatter(persian=True))
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    return widget


def _open_dialog(qtbot, page: RulingsPage, ruling_id: str, *, seal: bool = False):
    page.refresh()
    page.select(ruling_id)
    dialog = page.make_dialog(ruling_id, seal=seal)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _choose(dialog, member_id: str) -> None:
    dialog.member_box.setCurrentIndex(dialog.member_box.findData(member_id))


def _ok(dialog) -> None:
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()


def test_page_lists_rulings_with_persian_status(page: RulingsPage, rulings: RulingService):
    """A draft is listed with its Persian status, no number yet and ۰ of ۳ signatures."""
    ruling_id = _draft(rulings)
    page.refresh()
    assert page.table.rowCount() == 1
    number, board, subject, _date, status, signatures = page.row_texts(0)
    assert (number, board, status, signatures) == ("—", BOARD.name, "پیش‌نویس", "۰ از ۳")
    assert subject.startswith("بررسی صلاحیت")
    page.select(ruling_id)
    assert page.sign_button.isEnabled() and not page.seal_button.isEnabled()


def test_wrong_passphrase_shows_a_persian_message_and_signs_nothing(
    qtbot, page: RulingsPage, rulings: RulingService
):
    """Typing a wrong passphrase keeps the dialog open with a Persian error; nothing signed."""
    ruling_id = _draft(rulings)
    dialog = _open_dialog(qtbot, page, ruling_id)
    assert dialog.windowTitle() == "امضای رأی"
    _choose(dialog, "BD-m1")
    assert dialog.vote_label.text() == "موافق"
    qtbot.keyClicks(dialog.passphrase_edit, "not-my-passphrase")
    _ok(dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.error_label.text() == (
        "گذرواژه نادرست است؛ کلید باز نشد و هیچ امضایی انجام نشد."
    )
    assert dialog.passphrase_edit.text() == ""
    assert rulings.signing_status(ruling_id).signed == 0
    assert rulings.get(ruling_id).status is RulingStatus.DRAFT  # not even frozen


def test_signing_and_sealing_through_the_dialogs(qtbot, page: RulingsPage,
                                                 rulings: RulingService):
    """Two members sign in the dialog, the chair seals: the page shows it sealed."""
    ruling_id = _draft(rulings)
    for member_id in ("BD-m1", "BD-m2"):
        dialog = _open_dialog(qtbot, page, ruling_id)
        _choose(dialog, member_id)
        qtbot.keyClicks(dialog.passphrase_edit, passphrase(member_id))
        _ok(dialog)
        assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    page.refresh()
    page.select(ruling_id)
    assert page.row_texts(0)[4] == "در حال امضا" and page.row_texts(0)[5] == "۲ از ۳"
    assert page.seal_button.isEnabled()
    dialog = _open_dialog(qtbot, page, ruling_id, seal=True)
    _choose(dialog, "BD-m1")
    qtbot.keyClicks(dialog.passphrase_edit, passphrase("BD-m1"))
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    assert "مهر شد" in dialog.result_text()
    page.refresh()
    assert page.row_texts(0)[4] == "مهرشده" and page.row_texts(0)[0] == "۱"
    assert rulings.get(ruling_id).status is RulingStatus.SEALED


def test_persian_passphrase_and_dissent_in_the_dialog(qtbot, page: RulingsPage,
                                                      rulings: RulingService):
    """A dissenting member sees their recorded dissent and signs with a Persian passphrase."""
    ruling_id = _draft(rulings)
    dialog = _open_dialog(qtbot, page, ruling_id)
    _choose(dialog, "BD-m3")
    assert dialog.vote_label.text() == "مخالف؛ نظر مخالف: به نظرم داوطلب باسواد است."
    event = QInputMethodEvent()
    event.setCommitString(PERSIAN_PASSPHRASE)
    QApplication.sendEvent(dialog.passphrase_edit, event)
    assert dialog.passphrase_edit.text() == PERSIAN_PASSPHRASE
    _ok(dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted, dialog.error_label.text()
    assert rulings.signing_status(ruling_id).signed == 1


def test_seal_short_of_quorum_explains_in_persian(qtbot, page: RulingsPage,
                                                 rulings: RulingService):
    """Sealing with one signature of three names the missing quorum in Persian."""
    ruling_id = _draft(rulings)
    rulings.start_signing(ruling_id)
    rulings.sign(ruling_id, "BD-m1", passphrase("BD-m1"))
    dialog = _open_dialog(qtbot, page, ruling_id, seal=True)
    _choose(dialog, "BD-m1")
    qtbot.keyClicks(dialog.passphrase_edit, passphrase("BD-m1"))
    _ok(dialog)
    assert dialog.isVisible()
    assert dialog.error_label.text().startswith("رأی مهر نشد:")
    assert "حد نصاب حاصل نشده است" in dialog.error_label.text()


def test_main_window_shows_the_rulings_page_with_real_services(qtbot, qapp, tmp_path: Path):
    """With a real context the Rulings section is the rulings page, not a placeholder."""
    from supervisor_app.app import build_context
    from supervisor_app.paths import DataPaths
    from supervisor_app.ui.main_window import MainWindow, Page

    context = build_context(DataPaths(tmp_path / "data"))
    try:
        context = SimpleNamespace(paths=context.paths, settings=Settings(language="fa"),
                                  services=context.services, store=context.store)
        window = MainWindow(context)
        qtbot.addWidget(window)
        window.show_page(Page.RULINGS)
        assert isinstance(window.stack.currentWidget(), RulingsPage)
        assert window.rulings_page.table.rowCount() == 0
        assert "هنوز رأیی نیست" in window.rulings_page.message_label.text()
    finally:
        context.store.close()
