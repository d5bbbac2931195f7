"""Fill unfinished messages of the Persian .ts from JSON translation files.

    python i18n/build.py                       # new strings arrive as "unfinished"
    python i18n/merge_pending.py FILE.json...  # fill them; prints what is still missing
    python i18n/build.py --no-update           # compile the .qm

Each JSON file is a list of ``{"context", "source", "translation"}``: the way translations
written away from Qt Linguist (by a translator, or alongside a change) reach the
catalogue. Only unfinished messages are filled; a finished translation is never replaced.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TS_FILE = HERE / "fa" / "nezarat_fa.ts"


def merge(ts_file: Path, files: list[Path]) -> tuple[int, list[tuple[str, str]]]:
    """(messages filled, [(context, source) still unfinished])."""
    table: dict[tuple[str, str], str] = {}
    for f in files:
        for entry in json.loads(f.read_text(encoding="utf-8")):
            table[(entry["context"], entry["source"])] = entry["translation"]
    text = ts_file.read_text(encoding="utf-8")
    tree = ET.ElementTree(ET.fromstring(text))
    filled, missing = 0, []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") != "unfinished":
                continue
            source = message.findtext("source") or ""
            found = table.get((name, source))
            if found is None:
                missing.append((name, source))
                continue
            translation.text = found
            del translation.attrib["type"]
            filled += 1
    body = ET.tostring(tree.getroot(), encoding="unicode")
    ts_file.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return filled, missing


def main(argv: list[str]) -> int:
    filled, missing = merge(TS_FILE, [Path(a) for a in argv])
    print(f"filled {filled}; still unfinished {len(missing)}")
    for context, source in missing:
        print(f"  {context}: {source!r}")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
