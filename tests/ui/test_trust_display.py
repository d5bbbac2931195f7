"""The trusted central CA on screen: its fingerprint (confirmed against the configured pin
or trusted on first use) and the revocation list on the Sync page, the fingerprint in the
About dialog, and a pin entered at sign-in that refuses any other CA."""

from __future__ import annotations

import importlib.util
import re
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PyQt6.QtCore import Qt

from supervisor_app.adapters.keystore import MemoryKeystore
from supervisor_app.app import build_context
from supervisor_app.paths import DataPaths
from supervisor_app.services.session_auth import SessionAuth
from supervisor_app.services.sync import SyncService
from supervisor_app.services.sync_retry import RetryPolicy
from supervisor_app.services.trust_sync import grouped
from supervisor_app.signing.ca import init_ca
from supervisor_app.signing.trust import fingerprint
from supervisor_app.ui.dialogs.about import AboutDialog
from supervisor_app.ui.main_window import MainWindow, Page
from supervisor_app.ui.text import Formatter

PERSIAN_DIGIT = re.compile("[۰-۹]")
NOW = datetime.now(UTC).replace(microsecond=0)


def _harness() -> Any:
    name = "nezarat_sync_harness"
    if name not in sys.modules:
        path = Path(__file__).parents[1] / "sync" / "harness.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


harness = _harness()


@pytest.fixture
def context(tmp_path: Path) -> Any:
    ctx = build_context(DataPaths(tmp_path / "data"))
    yield ctx
    ctx.close()


@pytest.fixture
def ca(tmp_path: Path) -> Any:
    return init_ca(
        tmp_path / "ca", "مرجع گواهی هیات مرکزی", "passphrase", now=NOW - timedelta(days=10)
    )


def _window(qtbot: Any, ctx: Any) -> MainWindow:
    win = MainWindow(ctx)
    qtbot.addWidget(win)
    win.show()
    win.show_page(Page.SYNC)
    return win


def test_sync_page_shows_the_ca_fingerprint_whether_it_is_confirmed_and_the_crl(qtbot, context, ca):
    """No CA: "none yet"; trusted on first use: the grouped fingerprint, marked unconfirmed;
    with the matching pin: confirmed; a CRL past its nextUpdate: expired, with its Jalali
    date, unlike a current one."""
    page = _window(qtbot, context).sync_page
    sync = context.services.sync
    page.show_trust(sync.trust_state())
    none_text = page.ca_value.text()
    assert "None yet" in none_text or "هنوز" in none_text

    fp = fingerprint(ca.certificate)
    context.services.certificates.import_trust(
        ca.certificate, (), ca.crl(now=NOW - timedelta(days=9), valid_days=7), allow_first_use=True
    )
    page.show_trust(sync.trust_state())
    first_use, expired = page.ca_value.text(), page.crl_value.text()
    assert grouped(fp) in first_use

    context.settings.ca_fingerprint = fp
    context.services.certificates.import_crl(ca.crl(now=NOW - timedelta(hours=1)))
    page.show_trust(sync.trust_state())
    confirmed, current = page.ca_value.text(), page.crl_value.text()
    assert grouped(fp) in confirmed and confirmed != first_use
    assert PERSIAN_DIGIT.search(current) and current != expired
    due = Formatter(persian=True).date(Formatter.local(NOW - timedelta(days=2)).date())
    assert due in expired  # the old list's nextUpdate, as a Jalali date in Tehran

    context.settings.ca_fingerprint = "ab" * 32
    page.show_trust(sync.trust_state())
    mismatch = page.ca_value.text()
    assert grouped("ab" * 32) in mismatch and mismatch not in (confirmed, first_use)


def test_about_dialog_shows_the_trusted_ca_fingerprint(qtbot, context, ca):
    """The About dialog lists the central CA's fingerprint in groups, once one is trusted."""
    before = AboutDialog(context.services.diagnostics, Formatter(persian=True))
    qtbot.addWidget(before)
    assert before.fields["ca_fingerprint"] == before.tr("None yet")
    context.services.certificates.import_trust(ca.certificate, (), None, allow_first_use=True)
    after = AboutDialog(context.services.diagnostics, Formatter(persian=True))
    qtbot.addWidget(after)
    assert grouped(fingerprint(ca.certificate)) in after.fields["ca_fingerprint"]
    assert after.value_labels["ca_fingerprint"].text() == after.fields["ca_fingerprint"]


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Any:
    server = harness.RegistryProcess(tmp_path_factory.mktemp("registry-trust"), 300).start()
    yield server
    server.stop()


def test_a_fingerprint_entered_at_sign_in_refuses_any_other_ca(qtbot, tmp_path, registry):
    """A malformed fingerprint stops the sign-in with a message; a well-formed one that is
    not the server's CA is saved, and the first sync trusts nothing and lists why."""
    paths = DataPaths(tmp_path / "fresh")
    context = build_context(paths)
    auth = SessionAuth(context.store, context.settings, paths.settings_file, MemoryKeystore())
    context.services.session = auth
    context.services.sync = SyncService(
        context.store, auth, data_root=paths.root, policy=RetryPolicy(attempts=3, base=0.05)
    )
    win = _window(qtbot, context)
    page = win.sync_page
    try:
        page.login_server.setText(registry.url)
        page.login_user.setText("demo-county")
        page.login_password.setText(harness.DEMO_PASSWORD)
        page.login_pin.setText("not-a-fingerprint")
        qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
        assert page.login_box.isVisible() and page.result_label.text()
        assert not auth.signed_in

        wrong = "cd" * 32
        page.login_pin.setText(":".join(wrong[i : i + 2] for i in range(0, 64, 2)))
        with qtbot.waitSignal(win.sync_controller.finished, timeout=120_000) as finished:
            qtbot.mouseClick(page.login_button, Qt.MouseButton.LeftButton)
        report = finished.args[0]
        assert report.import_problems >= 1
        assert context.services.certificates.anchor() is None
        assert context.settings.ca_fingerprint == wrong
        kinds = [
            page.attention_table.item(r, 0).text() for r in range(page.attention_table.rowCount())
        ]
        assert page.kind_name("trust_import") in kinds
        qtbot.waitUntil(lambda: grouped(wrong) in page.ca_value.text(), timeout=10_000)
    finally:
        win.close()
        context.close()
