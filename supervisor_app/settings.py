"""Typed workstation settings, stored as JSON in the data directory.

Unknown keys are kept on save (a newer version's settings survive an older app);
a broken file is moved aside and defaults are used, so a bad edit never blocks start-up.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Settings:
    language: str = "fa"
    server_url: str = ""  # empty: work on the local store only
    username: str = ""
    board_id: str = ""
    cycle_code: str = ""
    font_path: str = ""  # an official font installed on the machine, if the board has one
    demo: bool = False
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> Settings:
        if not path.exists():
            return cls()
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(raw, dict):
                raise ValueError("settings file is not a JSON object")
        except (OSError, ValueError) as exc:
            broken = path.with_suffix(".broken")
            log.warning("settings file %s unreadable (%s); moved to %s", path, exc, broken)
            os.replace(path, broken)
            return cls()
        known = {f.name for f in fields(cls)} - {"extra"}
        values = {k: v for k, v in raw.items() if k in known}
        extra = {k: v for k, v in raw.items() if k not in known}
        return cls(**values, extra=extra)

    def save(self, path: Path) -> None:
        data = asdict(self)
        extra = data.pop("extra")
        data.update(extra)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)  # atomic: a crash never leaves half a settings file
