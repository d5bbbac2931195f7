"""Printing a sealed ruling from the app: members' and seal signatures in the saved PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import QMainWindow

from supervisor_app.signing.errors import WrongPassphrase
from supervisor_app.ui.dialogs.signed_print_dialog import SignedRulingPrintDialog
from supervisor_app.ui.print_menu import install_print_menu

from .conftest import (
    COUNTY,
    World,
    assert_pdfsig_valid,
    member_id,
    nss_db_trusting,
    passphrase,
    pdftotext,
)

M1, M2, M5 = member_id(COUNTY, 1), member_id(COUNTY, 2), member_id(COUNTY, 5)


@pytest.fixture(scope="module")
def nss(world: World, tmp_path_factory: pytest.TempPathFactory) -> str:
    return nss_db_trusting(tmp_path_factory.mktemp("nss-gui"), world.ca_pem)


@pytest.fixture
def window(qtbot: object) -> QMainWindow:
    win = QMainWindow()
    qtbot.addWidget(win)  # type: ignore[attr-defined]
    return win


def _open(window: QMainWindow, world: World, ruling_id: str, prints: Path) -> object:
    _, actions = install_print_menu(
        window,
        world.printing,
        lambda: ruling_id,
        board_id=COUNTY.id,
        prints_dir=prints,
        members=world.members,
    )
    actions.print_ruling()
    return actions.last_dialog


def _type(qtbot: object, dialog: SignedRulingPrintDialog, member: str, secret: str) -> None:
    check, edit = dialog.member_rows[member]
    qtbot.mouseClick(check, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    qtbot.keyClicks(edit, secret)  # type: ignore[attr-defined]


def test_sealed_ruling_offers_the_keys_on_this_workstation(
    qtbot: object, window: QMainWindow, world: World, tmp_path: Path
) -> None:
    """Its signers with keys here may sign; any board member with a key here may seal."""
    dialog = _open(window, world, world.sealed_id, tmp_path)
    assert isinstance(dialog, SignedRulingPrintDialog) and dialog.isVisible()
    # m5 was absent: he cannot sign the ruling's PDF as a member, but may seal it.
    assert list(dialog.member_rows) == [member_id(COUNTY, i) for i in (1, 2, 3, 4)]
    sealers = [dialog.seal_member.itemData(i) for i in range(dialog.seal_member.count())]
    assert sealers == [member_id(COUNTY, i) for i in range(1, 6)]
    assert dialog.path_edit.text().startswith(str(tmp_path))
    dialog.close()


def test_signed_pdf_from_the_gui_passes_pdfsig_and_verify(
    qtbot: object, window: QMainWindow, world: World, tmp_path: Path, nss: str
) -> None:
    """Two members sign and a third seals, in the background: pdfsig and verify accept it."""
    dialog = _open(window, world, world.sealed_id, tmp_path)
    seen: list[tuple[int, int]] = []
    dialog.progress.valueChanged.connect(lambda v: seen.append((v, dialog.progress.maximum())))
    _type(qtbot, dialog, M1, passphrase(M1))
    _type(qtbot, dialog, M2, passphrase(M2))
    dialog.choose_seal(M5, passphrase(M5))
    target = tmp_path / "signed" / "ruling.pdf"
    dialog.path_edit.setText(str(target))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.running and not dialog.close_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert dialog.result is not None, dialog.error_label.text()
    assert dialog.result.path == target and dialog.result.signatures == 3
    assert all(not edit.text() for _, edit in dialog.member_rows.values())  # never kept
    # Progress went through the unlocks and signatures to the end (3 unlocks + 1 + 3).
    assert seen[-1] == (7, 7) and len({v for v, _ in seen}) > 2
    assert_pdfsig_valid(target, nss, [f"member-{M1}", f"member-{M2}", "board-seal"])
    outcome = world.printing.verify_pdf(target.read_bytes())
    assert outcome.ok, outcome.pdf.failures
    assert [s.member_id for s in outcome.pdf.signatures] == [M1, M2, M5]
    assert outcome.bundle is not None and outcome.bundle.ledger_source == "workstation"
    assert "رد صلاحیت داوطلب" in pdftotext(target)
    # The paper copy is the signed one.
    dialog.print_on_paper()
    assert dialog.preview is not None and dialog.preview.isVisible()
    dialog.preview.close()
    dialog.close()


def test_wrong_passphrase_names_the_member_and_writes_nothing(
    qtbot: object, window: QMainWindow, world: World, tmp_path: Path
) -> None:
    """A wrong passphrase of one member: the Persian reason with their name, no PDF."""
    dialog = _open(window, world, world.sealed_id, tmp_path)
    target = tmp_path / "never.pdf"
    dialog.path_edit.setText(str(target))
    _type(qtbot, dialog, M1, passphrase(M1))
    dialog.choose_seal(M5, "not-his-passphrase")
    dialog.start()
    qtbot.waitUntil(lambda: not dialog.running, timeout=30_000)
    assert dialog.result is None and dialog.isVisible()
    message = dialog.error_label.text()
    assert WrongPassphrase.message_fa in message and "فاطمه حسینی" in message, message
    assert not target.exists() and not list(tmp_path.glob("*.part"))
    assert not dialog.seal_passphrase.text() and dialog.save_button.isEnabled()


def test_missing_passphrase_or_choice_is_said_before_anything_runs(
    qtbot: object, window: QMainWindow, world: World, tmp_path: Path
) -> None:
    """Nothing ticked, or a ticked member without a passphrase: told, nothing started."""
    dialog = _open(window, world, world.sealed_id, tmp_path)
    dialog.start()
    assert not dialog.running and dialog.error_label.text()
    first = dialog.error_label.text()
    dialog.member_rows[M1][0].setChecked(True)
    dialog.start()
    assert not dialog.running and dialog.error_label.text() not in ("", first)
    dialog.close()


def test_a_missing_secret_keeps_what_the_others_typed_and_names_a_token_pin(
    qtbot: object, window: QMainWindow, world: World, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A member on a hardware token is asked for the token's PIN; when one secret is
    missing, the others' typed secrets stay (nobody types twice) and nothing starts."""
    monkeypatch.setattr(type(world.members), "uses_token", lambda _self, m: m == M2)
    dialog = _open(window, world, world.sealed_id, tmp_path)
    assert isinstance(dialog, SignedRulingPrintDialog)
    _check, pin = dialog.member_rows[M2]
    assert pin.placeholderText() != dialog.member_rows[M1][1].placeholderText()
    assert pin.placeholderText() == dialog.tr("PIN of the hardware token")
    dialog.choose_member(M1, "typed-by-m1")
    dialog.member_rows[M2][0].setChecked(True)  # ticked, PIN not typed
    dialog.start()
    assert not dialog.running
    assert dialog.error_label.text() == dialog.tr(
        "Type the PIN of the hardware token of {name}."
    ).format(name=dialog.member_rows[M2][0].text().split(" (")[0])
    assert dialog.member_rows[M1][1].text() == "typed-by-m1"
    dialog.close()


def test_a_draft_still_opens_the_plain_preview(
    qtbot: object, window: QMainWindow, world: World, tmp_path: Path
) -> None:
    """A ruling that is not sealed has nothing to sign: the preview opens as before."""
    dialog = _open(window, world, world.draft_id, tmp_path)
    assert not isinstance(dialog, SignedRulingPrintDialog) and dialog.isVisible()
    dialog.close()

