"""Refresh the Persian translation source and compile it.

    python i18n/build.py              # pylupdate6 → i18n/fa/nezarat_fa.ts, then .ts → .qm
    python i18n/build.py --no-update  # only compile the .ts into the .qm
    python i18n/build.py --check      # change nothing; exit 1 if the .qm is stale or a
                                      # message is untranslated (for CI)

Step 1 runs PyQt6's ``pylupdate6`` over ``supervisor_app/`` (and ``forms/*.ui``): new
strings are added as "unfinished", strings gone from the code are dropped, existing
translations are kept. Translate the unfinished ones in the .ts (Qt Linguist or any
editor: fill <translation> and remove ``type="unfinished"``), then run this again.
Step 2 compiles with ``i18n/qm.py`` (PyQt6 has no lrelease), so the committed .qm is
reproducible byte for byte from the committed .ts.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))  # for qm.py when run as a script

from qm import compile_messages, compile_ts, read_ts  # noqa: E402

TS_FILE = HERE / "fa" / "nezarat_fa.ts"
QM_FILE = HERE / "fa" / "nezarat_fa.qm"
SOURCE_DIRS = (ROOT / "supervisor_app", ROOT / "forms")
LANGUAGE = "fa_IR"


def sources() -> list[str]:
    """Python packages and Designer forms that pylupdate6 reads."""
    found = [str(ROOT / "supervisor_app")]
    found += sorted(str(p) for p in (ROOT / "forms").glob("**/*.ui"))
    return found


def update_ts(ts_file: Path = TS_FILE) -> None:
    """Run pylupdate6 (the venv's, via its module) to refresh ``ts_file``."""
    command = [
        sys.executable,
        "-c",
        "import sys; from PyQt6.lupdate.pylupdate import main; sys.exit(main())",
        "--no-obsolete",
        "--exclude",
        "__pycache__",
        "--ts",
        str(ts_file),
        *sources(),
    ]
    subprocess.run(command, check=True, cwd=ROOT)
    _ensure_language(ts_file)


def _ensure_language(ts_file: Path) -> None:
    # pylupdate6 creates a new .ts without a language; Qt Linguist needs it.
    text = ts_file.read_text(encoding="utf-8")
    if 'language="' not in text:
        text = text.replace("<TS ", f'<TS language="{LANGUAGE}" ', 1)
        ts_file.write_text(text, encoding="utf-8")


def check() -> int:
    language, messages = read_ts(TS_FILE)
    problems = [f"untranslated: [{m.context}] {m.source!r}" for m in messages if not m.finished]
    expected = compile_messages(messages, language)
    if not QM_FILE.exists() or QM_FILE.read_bytes() != expected:
        problems.append(f"{QM_FILE.relative_to(ROOT)} is stale: run python i18n/build.py")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-update", action="store_true", help="only compile .ts → .qm")
    parser.add_argument("--check", action="store_true", help="verify; change nothing")
    args = parser.parse_args(argv)
    if args.check:
        return check()
    if not args.no_update:
        update_ts()
    written = compile_ts(TS_FILE, QM_FILE)
    _, messages = read_ts(TS_FILE)
    unfinished = [m for m in messages if not m.finished]
    print(f"{QM_FILE.relative_to(ROOT)}: {written} messages")
    for m in unfinished:
        print(f"  untranslated: [{m.context}] {m.source!r}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
