"""Typed workstation settings, stored as JSON in the data directory.

Unknown keys are kept on save (a newer version's settings survive an older app);
a broken file is moved aside (timestamped) and defaults are used, so a bad edit
never blocks start-up.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
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
    # SHA-256 of the central CA certificate this workstation must trust (hex), set at
    # installation or sign-in (``supervisor-app trust pin``); empty: trust on first use.
    ca_fingerprint: str = ""
    # A folder of eligibility rules tables (<cycle code>.json, default.json) that take
    # precedence over the bundled resources/rules; empty: the bundled tables only.
    rules_dir: str = ""
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
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
            broken = path.with_name(f"{path.stem}.broken-{stamp}")
            log.warning("settings file %s unreadable (%s); moved to %s", path, exc, broken)
            os.replace(path, broken)
            return cls()
        defaults = cls()
        values: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in raw.items():
            if key == "extra" or not hasattr(defaults, key):
                extra[key] = value
            elif type(value) is type(getattr(defaults, key)):
                values[key] = value
            else:  # a hand edit with the wrong type: keep the default, say so in the log
                log.warning("settings: %s should be %s, got %r; using the default",
                            key, type(getattr(defaults, key)).__name__, value)
        return cls(**values, extra=extra)

    def save(self, path: Path) -> None:
        data = asdict(self)
        extra = data.pop("extra")
        data.update(extra)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        os.replace(tmp, path)  # atomic: a crash never leaves half a settings file
