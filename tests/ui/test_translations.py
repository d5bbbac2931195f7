"""The Persian catalogue: complete for the code, compiled .qm current, Qt's own loaded."""

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from PyQt6.QtCore import QCoreApplication, QLibraryInfo, QTranslator
from PyQt6.QtWidgets import QDialogButtonBox

ROOT = Path(__file__).resolve().parents[2]
TS_FILE = ROOT / "i18n" / "fa" / "nezarat_fa.ts"
QM_FILE = ROOT / "i18n" / "fa" / "nezarat_fa.qm"
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")
PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")


def _load(name: str):
    """Import a script module from i18n/ (not a package)."""
    sys.path.insert(0, str(ROOT / "i18n"))  # build.py imports qm
    try:
        spec = importlib.util.spec_from_file_location(f"i18n_{name}", ROOT / "i18n" / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up here
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "i18n"))


qm = _load("qm")
build = _load("build")


def _key(m) -> tuple[str, str, str]:
    return (m.context, m.source, m.comment)


@pytest.fixture(scope="module")
def committed():
    language, messages = qm.read_ts(TS_FILE)
    return language, {_key(m): m for m in messages}


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """What pylupdate6 extracts from the code right now (into a fresh .ts)."""
    fresh = tmp_path_factory.mktemp("lupdate") / "fresh.ts"
    build.update_ts(fresh)
    return {_key(m) for m in qm.read_ts(fresh)[1]}


def _translate(translator: QTranslator, m) -> str:
    # PyQt6's QTranslator.translate() encodes str arguments as ASCII; pass UTF-8 bytes.
    comment = m.comment.encode() if m.comment else None
    return translator.translate(m.context.encode(), m.source.encode(), comment)


def test_every_string_in_the_code_has_a_finished_persian_translation(committed, extracted):
    """Each tr()/translate() string in supervisor_app/ is in the .ts, translated and finished."""
    language, messages = committed
    assert language == "fa_IR"
    missing = sorted(extracted - messages.keys())
    assert missing == [], "new strings: run python i18n/build.py and translate them"
    unfinished = sorted(k for k in extracted if not messages[k].finished)
    assert unfinished == [], "translate these in i18n/fa/nezarat_fa.ts"


def test_the_ts_has_no_strings_the_code_no_longer_uses(committed, extracted):
    """The committed .ts holds exactly the code's strings (python i18n/build.py prunes)."""
    assert sorted(committed[1].keys() - extracted) == []


def test_translations_keep_placeholders_and_are_persian(committed):
    """Every translation keeps the source's {placeholders} and is written in Persian."""
    for m in committed[1].values():
        for text in m.translations:
            assert sorted(PLACEHOLDER.findall(text)) == sorted(PLACEHOLDER.findall(m.source)), m
            assert PERSIAN_LETTER.search(text), m
            assert text.count("&") == m.source.count("&"), m  # menu mnemonics kept


def test_committed_qm_translates_exactly_like_the_ts(committed, qapp):
    """A QTranslator loaded with the committed .qm returns every .ts translation verbatim."""
    translator = QTranslator()
    assert translator.load(str(QM_FILE))
    assert translator.language() == "fa_IR"
    wrong = [
        (m.context, m.source)
        for m in committed[1].values()
        if _translate(translator, m) != m.translations[0]
    ]
    assert wrong == [], "stale .qm: run python i18n/build.py"


def test_committed_qm_is_reproducible_from_the_ts(committed):
    """Compiling the committed .ts gives the committed .qm byte for byte."""
    language, messages = committed
    assert QM_FILE.read_bytes() == qm.compile_messages(messages.values(), language)


def test_qm_writer_handles_disambiguation_and_unfinished(tmp_path, qapp):
    """Same source in one context told apart by comment; unfinished messages are left out."""
    ts = tmp_path / "t.ts"
    ts.write_text(
        """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fa_IR">
<context><name>Ctx</name>
  <message><source>Open</source><comment>file</comment><translation>باز کردن</translation></message>
  <message><source>Open</source><comment>state</comment><translation>باز</translation></message>
  <message><source>Draft</source><translation type="unfinished">پیش‌نویس</translation></message>
  <message><source>Old</source><translation type="vanished">قدیمی</translation></message>
</context>
</TS>
""",
        encoding="utf-8",
    )
    qm_path = tmp_path / "t.qm"
    assert qm.compile_ts(ts, qm_path) == 2
    translator = QTranslator()
    assert translator.load(str(qm_path))
    assert translator.translate(b"Ctx", b"Open", b"file") == "باز کردن"
    assert translator.translate(b"Ctx", b"Open", b"state") == "باز"
    assert translator.translate(b"Ctx", b"Draft") == ""
    assert translator.translate(b"Ctx", b"Old") == ""
    assert translator.translate(b"Other", b"Open", b"file") == ""


def test_elf_hash_matches_qt():
    """The hash QTranslator looks messages up by (values from Qt's elfHash)."""
    assert qm.elf_hash(b"") == 1
    assert qm.elf_hash(b"a") == 0x61
    assert qm.elf_hash(b"ab") == (0x61 << 4) + 0x62


def test_app_translator_is_installed(qapp):
    """The configured application translates the app's strings into Persian."""
    title = QCoreApplication.translate("MainWindow", "Nezarat — Supervisory Board")
    assert title == "نظارت — هیات نظارت"
    assert len(qapp.nezarat_translators) == 2


def test_qt_own_persian_catalogue_loads_and_is_used(qapp):
    """Qt's qtbase_fa.qm loads, and Qt's standard buttons appear in Persian."""
    translator = QTranslator()
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    assert translator.load("qtbase_fa", folder)
    assert translator.language().startswith("fa")
    assert PERSIAN_LETTER.search(translator.translate(b"QPlatformTheme", b"Cancel"))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel).text()
    assert PERSIAN_LETTER.search(cancel)
