"""Read Qt Linguist ``.ts`` files and write Qt ``.qm`` catalogues, without lrelease.

PyQt6 ships ``pylupdate6`` but no ``lrelease``. The ``.qm`` format is small; this
writer follows what ``QTranslator`` reads (qtbase ``src/corelib/kernel/qtranslator.cpp``)
and what lrelease writes (qttools ``src/linguist/shared/qm.cpp``):

    file     = MAGIC (16 bytes), then sections
    section  = tag (1 byte), length (uint32 big-endian), payload
    Hashes   (0x42): sorted (elf_hash(source + comment), offset into Messages) pairs,
                     8 bytes each; QTranslator binary-searches this table
    Messages (0x69): one record per message, each a run of
                     tag (1 byte) + length (uint32) + bytes, closed by End (0x01):
                       Translation (0x03): UTF-16BE text, one per plural form
                       Comment     (0x08): UTF-8 disambiguation comment
                       SourceText  (0x06): UTF-8 source text
                       Context     (0x07): UTF-8 context name
    Language (0xA7): UTF-8 language code, e.g. "fa_IR" (QTranslator.language())

Not written (all optional): the Contexts section (a speed-up that lets QTranslator
reject unknown contexts early), NumerusRules (Persian has a single plural form, and
without rules QTranslator uses form 0) and Dependencies.

Like ``lrelease -nounfinished``, only finished translations are compiled: unfinished,
obsolete and vanished messages are left out, so the app falls back to the English
source for them. Records are written in (context, source, comment) order, so the same
``.ts`` always gives byte-identical output.
"""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

MAGIC = bytes(
    [0x3C, 0xB8, 0x64, 0x18, 0xCA, 0xEF, 0x9C, 0x95, 0xCD, 0x21, 0x1C, 0xBF, 0x60, 0xA1, 0xBD, 0xDD]
)

# Section tags.
SECTION_HASHES = 0x42
SECTION_MESSAGES = 0x69
SECTION_LANGUAGE = 0xA7

# Tags inside a message record.
TAG_END = 0x01
TAG_TRANSLATION = 0x03
TAG_SOURCE_TEXT = 0x06
TAG_CONTEXT = 0x07
TAG_COMMENT = 0x08


@dataclass(frozen=True, slots=True)
class TsMessage:
    """One ``<message>`` of a .ts file."""

    context: str
    source: str
    comment: str  # the disambiguation <comment>, "" if none
    translations: tuple[str, ...]  # one entry, or one per <numerusform>
    kind: str  # the <translation type=…>: "" (finished), "unfinished", "obsolete", "vanished"
    numerus: bool = False

    @property
    def finished(self) -> bool:
        return self.kind == "" and bool(self.translations) and all(self.translations)


def read_ts(path: Path) -> tuple[str, list[TsMessage]]:
    """The language attribute and the messages of a .ts file, in file order."""
    root = ET.parse(path).getroot()
    language = root.get("language", "")
    messages: list[TsMessage] = []
    for context_el in root.iter("context"):
        name = context_el.findtext("name") or ""
        for message_el in context_el.iter("message"):
            translation_el = message_el.find("translation")
            numerus = message_el.get("numerus") == "yes"
            translations: tuple[str, ...] = ()
            kind = "unfinished"
            if translation_el is not None:
                kind = translation_el.get("type", "")
                if numerus:
                    translations = tuple(f.text or "" for f in translation_el.iter("numerusform"))
                else:
                    translations = (translation_el.text or "",)
            messages.append(
                TsMessage(
                    context=name,
                    source=message_el.findtext("source") or "",
                    comment=message_el.findtext("comment") or "",
                    translations=translations,
                    kind=kind,
                    numerus=numerus,
                )
            )
    return language, messages


def elf_hash(data: bytes) -> int:
    """The ELF hash QTranslator uses to find a message (0 is mapped to 1)."""
    h = 0
    for byte in data:
        h = ((h << 4) + byte) & 0xFFFFFFFF
        g = h & 0xF0000000
        if g:
            h ^= g >> 24
        h &= ~g & 0xFFFFFFFF
    return h or 1


def _field(tag: int, payload: bytes) -> bytes:
    return struct.pack(">BI", tag, len(payload)) + payload


def _record(message: TsMessage) -> bytes:
    parts = [_field(TAG_TRANSLATION, t.encode("utf-16-be")) for t in message.translations]
    parts.append(_field(TAG_COMMENT, message.comment.encode("utf-8")))
    parts.append(_field(TAG_SOURCE_TEXT, message.source.encode("utf-8")))
    parts.append(_field(TAG_CONTEXT, message.context.encode("utf-8")))
    parts.append(bytes([TAG_END]))
    return b"".join(parts)


def compile_messages(messages: Iterable[TsMessage], language: str = "") -> bytes:
    """The .qm bytes for the finished messages among ``messages``."""
    finished = sorted(
        {(m.context, m.source, m.comment): m for m in messages if m.finished}.values(),
        key=lambda m: (m.context, m.source, m.comment),
    )
    records = bytearray()
    index: list[tuple[int, int]] = []
    for message in finished:
        key = (message.source + message.comment).encode("utf-8")
        index.append((elf_hash(key), len(records)))
        records += _record(message)
    index.sort()  # QTranslator binary-searches by hash, then walks equal hashes

    out = bytearray(MAGIC)
    if index:  # QTranslator stops reading at an empty section
        out += _field(SECTION_HASHES, b"".join(struct.pack(">II", h, o) for h, o in index))
        out += _field(SECTION_MESSAGES, bytes(records))
    if language:
        out += _field(SECTION_LANGUAGE, language.encode("utf-8"))
    return bytes(out)


def compile_ts(ts_path: Path, qm_path: Path) -> int:
    """Compile ``ts_path`` into ``qm_path``; the number of messages written."""
    language, messages = read_ts(ts_path)
    data = compile_messages(messages, language)
    qm_path.write_bytes(data)
    return sum(
        1 for m in {(m.context, m.source, m.comment): m for m in messages}.values() if m.finished
    )
