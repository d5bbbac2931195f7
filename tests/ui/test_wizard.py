"""The first-run wizard: from an empty data directory to a workstation that is signed in
(to a real registry server), knows its board and member and holds a signing key."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import keyring
import keyring.backends.fail
import pytest
from PyQt6.QtCore import Qt
from PyQt6.QtWidgets import QMessageBox, QWizard

from supervisor_app.app import build_context
from supervisor_app.paths import DataPaths
from supervisor_app.services.demo_data import CYCLE_CODE, CYCLE_TITLE, demo_cycle
from supervisor_app.settings import Settings
from supervisor_app.ui.wizard.first_run import FirstRunWizard, PageId
from supervisor_app.ui.wizard.setup import (
    DEMO_BOARD,
    MEMBER_ID_KEY,
    REQUESTS_DIR,
    STAGING_PREFIX,
    FirstRunSetup,
    first_run_needed,
    passphrase_strength,
)

ROOT = Path(__file__).resolve().parents[2]
MASTER = "keystore-master-1405!"
KEY_PASSPHRASE = "Kelid-e emza 1405!"
WAIT_MS = 120_000


def _load_harness() -> Any:
    name = "nezarat_sync_harness"
    if name not in sys.modules:
        path = ROOT / "tests" / "sync" / "harness.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """``registry-server --seed-demo 60`` on loopback: the demo server a trainer runs."""
    server = _load_harness().RegistryProcess(tmp_path_factory.mktemp("registry"), 60).start()
    try:
        yield server
    finally:
        server.stop()


class MemoryKeyring:
    """A secure-looking OS keyring for one test (not the fail/null/plaintext backends).

    Not a KeyringBackend subclass on purpose: subclasses register themselves, and keyring
    would then pick this one as every later test's default backend.
    """

    def __init__(self) -> None:
        self.secrets: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.secrets.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.secrets[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.secrets.pop((service, username), None)


@pytest.fixture
def no_os_keyring(monkeypatch: pytest.MonkeyPatch) -> None:
    """A headless machine: no OS keyring, no master passphrase in the environment."""
    monkeypatch.setattr(keyring, "get_keyring", lambda: keyring.backends.fail.Keyring())
    monkeypatch.delenv("SUPERVISOR_KEYSTORE_PASSPHRASE", raising=False)


@pytest.fixture
def os_keyring(monkeypatch: pytest.MonkeyPatch) -> MemoryKeyring:
    backend = MemoryKeyring()
    monkeypatch.setattr(keyring, "get_keyring", lambda: backend)
    monkeypatch.delenv("SUPERVISOR_KEYSTORE_PASSPHRASE", raising=False)
    return backend


def _wizard(qtbot: Any, paths: DataPaths, candidates: int = 300) -> FirstRunWizard:
    wizard = FirstRunWizard(paths, demo_candidates=candidates)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def _choose_demo(qtbot: Any, wizard: FirstRunWizard, server: str) -> None:
    page = wizard.source_page
    page.demo_radio.setChecked(True)
    page.demo_server_field.setText(server)
    wizard.next()
    assert wizard.currentId() == PageId.PREPARE
    qtbot.waitUntil(wizard.prepare_page.isComplete, timeout=WAIT_MS)
    wizard.next()
    assert wizard.currentId() == PageId.SIGN_IN


def _sign_in(qtbot: Any, wizard: FirstRunWizard, *, master: bool) -> None:
    page = wizard.sign_in_page
    qtbot.waitUntil(page.sign_in_button.isEnabled, timeout=WAIT_MS)
    assert page.master_field.isVisibleTo(page) is master
    if master:
        page.master_field.setText(MASTER)
        page.master_again_field.setText(MASTER)
    qtbot.mouseClick(page.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    assert "demo-county" in page.status_label.text()


def _pick_member_and_key(qtbot: Any, wizard: FirstRunWizard) -> str:
    wizard.next()
    assert wizard.currentId() == PageId.BOARD
    board = wizard.board_page
    assert board.board_id() == DEMO_BOARD and board.cycle_code()
    board.member_combo.setCurrentIndex(0)
    member_id = board.member_id()
    assert member_id
    wizard.next()
    assert wizard.currentId() == PageId.KEY
    key = wizard.key_page
    key.passphrase_field.setText(KEY_PASSPHRASE)
    key.again_field.setText(KEY_PASSPHRASE[:-1])
    assert not key.isComplete() and key.match_label.text()  # the two differ: no Next
    key.again_field.setText(KEY_PASSPHRASE)
    assert key.isComplete() and key.hint_label.text()
    wizard.next()
    assert wizard.currentId() == PageId.DONE
    return member_id


def _finish(wizard: FirstRunWizard) -> None:
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.finished_setup is not None


def test_wizard_takes_an_empty_data_directory_to_a_signed_in_demo_workstation(
    qtbot, qapp, tmp_path, registry, no_os_keyring
):
    """Acceptance: empty data dir → demo store, signed in to a demo server, key enrolled."""
    paths = DataPaths(tmp_path / "data")
    assert first_run_needed(paths)
    wizard = _wizard(qtbot, paths)
    assert wizard.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert wizard.windowTitle() == "نظارت — راه‌اندازی نخستین"
    assert "انصراف" in wizard.button(QWizard.WizardButton.CancelButton).text()  # Qt's own fa
    _choose_demo(qtbot, wizard, registry.url)
    assert not paths.database.exists() and not paths.settings_file.exists()  # staged only
    _sign_in(qtbot, wizard, master=True)
    member_id = _pick_member_and_key(qtbot, wizard)
    cycles = wizard.board_page.cycle_combo
    # The demo data has one election cycle: it is offered, chosen, summarised and stored.
    assert [cycles.itemData(i) for i in range(cycles.count())] == [CYCLE_CODE]
    assert wizard.board_page.cycle_code() == CYCLE_CODE
    summary = wizard.done_page.summary_label.text()
    assert str(paths.backups) in summary and str(paths.root) in summary
    assert f"دوره انتخابات: {CYCLE_TITLE}" in summary
    assert not paths.settings_file.exists()  # nothing is written before Finish
    _finish(wizard)

    assert not first_run_needed(paths)
    assert not list(paths.root.glob(f"{STAGING_PREFIX}*"))
    settings = Settings.load(paths.settings_file)
    assert settings.demo and settings.language == "fa"
    assert settings.server_url == registry.url + "/api/v1"
    assert settings.username == "demo-county" and settings.board_id == DEMO_BOARD
    assert settings.extra[MEMBER_ID_KEY] == member_id and settings.cycle_code == CYCLE_CODE
    assert (paths.root / "keystore.json").is_file()
    request = paths.root / REQUESTS_DIR / f"{member_id}-request.pem"
    assert request.read_bytes().startswith(b"-----BEGIN CERTIFICATE REQUEST-----")

    context = build_context(paths, keystore_passphrase=lambda: MASTER)
    try:
        assert context.services.session.signed_in
        with context.services.session.client() as client:
            assert client.me()["username"] == "demo-county"
        assert context.services.members.has_key(member_id)
        assert context.services.overview.summary().counts["dossiers"] == 300
    finally:
        context.close()


def test_with_an_os_keyring_no_master_passphrase_is_asked(
    qtbot, qapp, tmp_path, registry, os_keyring
):
    """With a secure OS keyring the token and the key go there; no keystore file is made."""
    paths = DataPaths(tmp_path / "data")
    wizard = _wizard(qtbot, paths, candidates=50)
    _choose_demo(qtbot, wizard, registry.url)
    _sign_in(qtbot, wizard, master=False)
    member_id = _pick_member_and_key(qtbot, wizard)
    _finish(wizard)
    assert not (paths.root / "keystore.json").exists()
    services = {service for service, _name in os_keyring.secrets}
    assert {"nezarat/registry", "nezarat/member-key"} <= services
    assert any(name == member_id for _service, name in os_keyring.secrets)


def test_without_a_demo_server_the_demo_workstation_is_set_up_offline(
    qtbot, qapp, tmp_path, no_os_keyring
):
    """Without a demo server the wizard still finishes a configured (offline) demo workstation."""
    paths = DataPaths(tmp_path / "data")
    wizard = _wizard(qtbot, paths, candidates=50)
    _choose_demo(qtbot, wizard, "http://127.0.0.1:9")  # nothing listens on the discard port
    page = wizard.sign_in_page
    qtbot.waitUntil(lambda: page.offline_demo, timeout=WAIT_MS)
    assert "supervisor-app login" in page.intro_label.text()
    assert not page.isComplete()  # the keystore still needs its master passphrase
    page.master_field.setText(MASTER)
    page.master_again_field.setText(MASTER)
    assert page.isComplete()
    wizard.next()
    wizard.board_page.member_combo.setCurrentIndex(0)
    wizard.next()
    wizard.key_page.enrol_box.setChecked(False)  # "later" is allowed
    assert wizard.key_page.isComplete()
    wizard.next()
    _finish(wizard)
    settings = Settings.load(paths.settings_file)
    assert settings.demo and not settings.server_url and settings.board_id == DEMO_BOARD
    assert settings.extra["demo_server_url"] == "http://127.0.0.1:9/api/v1"
    assert paths.database.is_file()


def test_a_non_default_election_cycle_chosen_is_stored_and_summarised(
    qtbot, qapp, tmp_path, no_os_keyring
):
    """With two cycles in the store, the one picked instead of the default is the one the
    summary names and the settings keep."""
    paths = DataPaths(tmp_path / "data")
    wizard = _wizard(qtbot, paths, candidates=50)
    _choose_demo(qtbot, wizard, "http://127.0.0.1:9")
    # The previous term next to the demo one, as on a workstation that kept its data.
    older_title = "ششمین دوره انتخابات شوراهای اسلامی شهر و روستا"
    assert wizard.setup.context is not None
    with wizard.setup.context.store.unit_of_work() as uow:
        uow.cycles.add(replace(demo_cycle(), code="1400-6", title=older_title,
                               election_day=date(2021, 6, 18), windows=(), deadlines=()))
    page = wizard.sign_in_page
    qtbot.waitUntil(lambda: page.offline_demo, timeout=WAIT_MS)
    page.master_field.setText(MASTER)
    page.master_again_field.setText(MASTER)
    wizard.next()
    assert wizard.currentId() == PageId.BOARD
    board = wizard.board_page
    cycles = board.cycle_combo
    assert [cycles.itemData(i) for i in range(cycles.count())] == [CYCLE_CODE, "1400-6"]
    assert board.cycle_code() == CYCLE_CODE  # the demo data's own cycle is the default
    cycles.setCurrentIndex(cycles.findData("1400-6"))
    assert board.cycle_code() == "1400-6" and cycles.currentText() == older_title
    wizard.next()
    wizard.key_page.enrol_box.setChecked(False)
    wizard.next()
    assert wizard.currentId() == PageId.DONE
    summary = wizard.done_page.summary_label.text()
    assert f"دوره انتخابات: {older_title}" in summary and CYCLE_TITLE not in summary
    _finish(wizard)
    assert Settings.load(paths.settings_file).cycle_code == "1400-6"


def test_cancel_leaves_nothing_half_configured(qtbot, qapp, tmp_path, registry, no_os_keyring):
    """Cancelling after the store was built and sign-in done leaves the data dir unconfigured."""
    paths = DataPaths(tmp_path / "data")
    wizard = _wizard(qtbot, paths, candidates=50)
    _choose_demo(qtbot, wizard, registry.url)
    _sign_in(qtbot, wizard, master=True)
    wizard.reject()
    assert first_run_needed(paths)
    assert not paths.root.exists() or not any(paths.root.iterdir())


def test_server_mode_signs_in_and_fetches_the_board_before_picking_a_member(
    qtbot, qapp, tmp_path, registry, no_os_keyring
):
    """Server mode: a wrong password is refused; the first sync brings the account's board."""
    paths = DataPaths(tmp_path / "data")
    wizard = _wizard(qtbot, paths)
    source = wizard.source_page
    source.server_field.setText("not a url")
    wizard.next()
    assert wizard.currentId() == PageId.SOURCE and source.error_label.text()
    source.server_field.setText(registry.url)
    wizard.next()
    qtbot.waitUntil(wizard.prepare_page.isComplete, timeout=WAIT_MS)
    wizard.next()
    page = wizard.sign_in_page
    page.user_field.setText("demo-county")
    page.password_field.setText("wrong password")
    page.master_field.setText(MASTER)
    page.master_again_field.setText(MASTER)
    qtbot.mouseClick(page.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.sign_in_button.isEnabled(), timeout=WAIT_MS)
    assert not page.isComplete() and page.status_label.text()
    page.password_field.setText("nezarat-1405")
    qtbot.mouseClick(page.sign_in_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(page.isComplete, timeout=WAIT_MS)
    wizard.next()
    board = wizard.board_page
    assert board.board_id() == DEMO_BOARD and not board.board_combo.isEnabled()
    assert board.member_combo.count() > 1  # the synced members, and "none of them"
    wizard.next()
    wizard.key_page.enrol_box.setChecked(False)
    wizard.next()
    _finish(wizard)
    settings = Settings.load(paths.settings_file)
    assert not settings.demo and settings.username == "demo-county"


def test_passphrase_strength_hint():
    """Short passphrases are refused; length and variety raise the strength."""
    assert not passphrase_strength("short").acceptable
    assert passphrase_strength("aaaaaaaaaa").hint == "guessable"
    assert passphrase_strength("12345678").hint == "guessable"
    weak, strong = passphrase_strength("abcdefgh"), passphrase_strength("Kelid-e emza 1405!")
    assert weak.acceptable and strong.score > weak.score and strong.hint == "strong"


def test_the_gui_shows_the_wizard_only_for_an_empty_data_directory(tmp_path):
    """`gui` shows the wizard only for an empty data dir, else the Persian main window."""
    env = {**{k: v for k, v in os.environ.items() if k != "SUPERVISOR_DATA_DIR"},
           "QT_QPA_PLATFORM": "offscreen"}
    data = tmp_path / "data"
    proc = subprocess.run(
        [sys.executable, "-m", "supervisor_app", "--data-dir", str(data), "gui",
         "--quit-after-ms", "500"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    log = (data / "logs" / "nezarat.log").read_text(encoding="utf-8")
    assert "first-run wizard shown" in log and "main window shown" not in log
    assert first_run_needed(DataPaths(data))

    Settings(demo=True).save(DataPaths(data).settings_file)
    proc = subprocess.run(
        [sys.executable, "-m", "supervisor_app", "--data-dir", str(data), "gui",
         "--quit-after-ms", "500"],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    log = (data / "logs" / "nezarat.log").read_text(encoding="utf-8")
    assert "main window shown: نظارت — هیات نظارت (right-to-left)" in log


def test_setup_refuses_a_bad_server_address(tmp_path):
    """The address is checked before anything is prepared, with a Persian explanation."""
    from supervisor_app.ui.wizard.setup import Mode, SetupError

    setup = FirstRunSetup(DataPaths(tmp_path / "d"), keyring_available=lambda: False)
    with pytest.raises(SetupError) as caught:
        setup.choose(Mode.SERVER, "ftp://example")
    assert "نشانی" in caught.value.message_fa


def test_a_member_on_a_hardware_token_keeps_that_key(
    qtbot, qapp, tmp_path, registry, no_os_keyring, monkeypatch
):
    """Finishing with "make my key" for a member whose key is on a token refuses (Persian
    reason) instead of replacing the certified hardware key with a software one."""
    from supervisor_app.services.members import MemberKeyService

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text, *a, **k: warnings.append(text))
    paths = DataPaths(tmp_path / "data")
    wizard = _wizard(qtbot, paths, candidates=50)
    _choose_demo(qtbot, wizard, registry.url)
    _sign_in(qtbot, wizard, master=True)
    member_id = _pick_member_and_key(qtbot, wizard)
    monkeypatch.setattr(MemberKeyService, "uses_token", lambda _self, m: m == member_id)
    wizard.button(QWizard.WizardButton.FinishButton).click()
    assert wizard.finished_setup is None
    assert warnings and "توکن سخت‌افزاری" in warnings[0]
    assert first_run_needed(paths)  # nothing half configured
