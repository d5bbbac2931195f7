"""What support needs to know about a workstation, without any of its secrets.

``DiagnosticsService.about()`` feeds the About dialog (version, paths, last sync and
backup, runtime versions). ``save_bundle(FILE)`` writes one zip for support:

* ``versions.json``  app, Python, platform, Qt/PyQt (and whatever the caller adds)
* ``status.json``    what ``supervisor-app status`` reports (counts, outbox, last sync)
* ``settings.json``  the settings file with every secret-looking value replaced
* ``files.txt``      names and sizes of the files in the data directory (never contents)
* ``logs/...``       the log files, each line scrubbed of secrets
* ``README.txt``     what the bundle holds and what it deliberately leaves out

Never included: the store, backups, attachments, ``keystore.json`` or anything from the
OS keyring. Secrets are kept out twice: secret-looking settings keys are redacted, and
every text that goes in is scrubbed of passwords, tokens, passphrases, Authorization
headers and PEM private keys (``tests/services/test_diagnostics.py`` plants each kind).
"""

from __future__ import annotations

import json
import logging
import os
import platform
import re
import sys
import zipfile
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any, TypeVar

from .. import __version__
from ..paths import DataPaths

log = logging.getLogger(__name__)
_T = TypeVar("_T")

REDACTED = "«redacted»"
MAX_LOG_BYTES = 4_000_000  # per file: the newest part of a runaway log is what matters
# Files whose contents never go into a bundle, whatever their size or name pattern.
NEVER_INCLUDED = ("store.sqlite3", "keystore.json")
# Settings keys (any depth) whose values are secrets or may hold one.
_SECRET_KEY = re.compile(
    r"pass(word|phrase|wd)?|secret|token|credential|private|api[_-]?key|auth|cookie|session",
    re.IGNORECASE,
)
# Secrets inside free text (log lines, status strings).
_PEM = re.compile(
    r"-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----.*?(-----END [A-Z0-9 ]*PRIVATE KEY-----|\Z)",
    re.DOTALL,
)
_BEARER = re.compile(r"(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}")
_KEY_VALUE = re.compile(
    r"""(?ix)
    (?P<key>["']?[\w.-]*(?:pass(?:word|phrase|wd)?|secret|token|credential|api[_-]?key|
                          authorization|cookie)[\w.-]*["']?)
    (?P<sep>\s*[:=]\s*|\s+)
    (?P<value>"(?:[^"\\]|\\.)*"|'[^']*'|[^\s,;&)}\]"']+)
    """
)
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://)[^/\s?#\"']*@")  # user:pass@
# Random-looking runs (tokens, base64 key material, ciphertext): long and mixing upper
# case, lower case and digits. Paths, hex digests, UUIDs and timestamps do not mix all three.
_LONG_RUN = re.compile(r"[A-Za-z0-9+/_-]{32,}={0,2}")


def _random_looking(run: str) -> bool:
    return (any(c.isupper() for c in run) and any(c.islower() for c in run)
            and any(c.isdigit() for c in run))


def _redact_value(m: re.Match[str]) -> str:
    value = m.group("value")
    quote = value[0] if value[:1] in "\"'" else ""  # keep JSON and repr text well formed
    return f"{m.group('key')}{m.group('sep')}{quote}{REDACTED}{quote}"


def scrub_text(text: str) -> str:
    """``text`` with passwords, tokens, passphrases and private keys replaced."""
    text = _PEM.sub(REDACTED, text)
    text = _BEARER.sub(lambda m: f"{m.group(1)} {REDACTED}", text)
    text = _URL_CREDENTIALS.sub(lambda m: f"{m.group(1)}{REDACTED}@", text)
    text = _KEY_VALUE.sub(_redact_value, text)
    return _LONG_RUN.sub(lambda m: REDACTED if _random_looking(m.group(0)) else m.group(0), text)


def redact(value: Any, key: str = "") -> Any:
    """A copy of a JSON value with every secret-looking key's value replaced."""
    if key and _SECRET_KEY.search(key) and value not in ("", None, [], {}):
        return REDACTED
    if isinstance(value, dict):
        return {k: redact(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [redact(v) for v in value]
    if isinstance(value, str):
        return scrub_text(value)
    return value


@dataclass(frozen=True, slots=True)
class AboutInfo:
    version: str
    data_dir: Path
    database: Path
    backups: Path
    logs: Path
    last_sync_at: datetime | None
    last_backup_at: datetime | None
    versions: dict[str, str] = field(default_factory=dict)
    # SHA-256 of the trusted central CA certificate, for an IT officer to compare with the
    # central board's announcement (None: no CA trusted yet).
    ca_fingerprint: str | None = None


StatusProvider = Callable[[], dict[str, Any]]


class DiagnosticsService:
    """About facts and the support bundle for one data directory. No Qt here: the GUI
    passes the Qt runtime versions in ``runtime_versions``."""

    def __init__(
        self,
        paths: DataPaths,
        *,
        status: StatusProvider | None = None,
        last_sync: Callable[[], datetime | None] | None = None,
        last_backup: Callable[[], datetime | None] | None = None,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        ca_fingerprint: Callable[[], str | None] | None = None,
    ) -> None:
        self.paths = paths
        self._ca_fingerprint = ca_fingerprint
        self._status = status
        self._last_sync = last_sync
        self._last_backup = last_backup
        self._now = now

    def versions(self, runtime_versions: dict[str, str] | None = None) -> dict[str, str]:
        found = {
            "nezarat": __version__,
            "python": platform.python_version(),
            "platform": platform.platform(),
            "frozen": "yes (installed bundle)" if getattr(sys, "frozen", False) else "no",
        }
        for package in ("PyQt6", "PyQt6-Qt6", "SQLAlchemy", "alembic", "cryptography",
                        "keyring", "reportlab"):
            try:
                found[package] = metadata.version(package)
            except metadata.PackageNotFoundError:
                continue  # a bundle may not carry the package's metadata
        found.update(runtime_versions or {})
        return found

    def about(self, runtime_versions: dict[str, str] | None = None) -> AboutInfo:
        return AboutInfo(
            version=__version__,
            data_dir=self.paths.root,
            database=self.paths.database,
            backups=self.paths.backups,
            logs=self.paths.logs,
            last_sync_at=_safe(self._last_sync),
            last_backup_at=_safe(self._last_backup),
            versions=self.versions(runtime_versions),
            ca_fingerprint=_safe(self._ca_fingerprint),
        )

    def file_listing(self) -> list[tuple[str, int]]:
        """(relative name, size) of every file in the data directory; names only."""
        root = self.paths.root
        listing: list[tuple[str, int]] = []
        if not root.is_dir():
            return listing
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            for name in sorted(files):
                path = Path(folder) / name
                try:
                    size = path.lstat().st_size
                except OSError:
                    continue
                listing.append((path.relative_to(root).as_posix(), size))
        return listing

    def save_bundle(
        self, target: Path, *, runtime_versions: dict[str, str] | None = None
    ) -> Path:
        """Write the support zip to ``target`` (``.zip`` added if missing); its path."""
        target = Path(target)
        if target.suffix.lower() != ".zip":
            target = target.with_name(target.name + ".zip")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        try:
            with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                self._write_bundle(zf, runtime_versions)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
        log.info("diagnostic bundle written to %s", target)
        return target

    def _write_bundle(self, zf: zipfile.ZipFile, runtime_versions: dict[str, str] | None) -> None:
        made = self._now()

        def put(name: str, text: str) -> None:
            zf.writestr(name, scrub_text(text))  # every text goes through the scrubber

        put("README.txt", _README.format(made=made.isoformat(), root=self.paths.root))
        put("versions.json", _json(self.versions(runtime_versions)))
        put("status.json", _json(redact(self._status_or_error())))
        put("settings.json", _json(self._settings()))
        listing = self.file_listing()
        put("files.txt", "\n".join(f"{size:>12}  {name}" for name, size in listing) + "\n")
        for path in self._log_files():
            put(f"logs/{path.relative_to(self.paths.logs).as_posix()}", _tail(path))

    def _status_or_error(self) -> dict[str, Any]:
        if self._status is None:
            return {"status": "not available (no store opened)"}
        try:
            return self._status()
        except Exception as exc:  # a broken store is exactly when support needs the rest
            log.warning("status for the diagnostic bundle failed: %s", exc)
            return {"error": f"{type(exc).__name__}: {exc}"}

    def _settings(self) -> Any:
        path = self.paths.settings_file
        if not path.is_file():
            return {"settings": "no settings file"}
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            return {"settings": f"unreadable: {type(exc).__name__}"}
        return redact(raw)

    def _log_files(self) -> Iterable[Path]:
        logs = self.paths.logs
        if not logs.is_dir():
            return []
        return sorted(
            p for p in logs.rglob("*")
            if p.is_file() and not p.is_symlink() and p.name not in NEVER_INCLUDED
        )


def workstation_status(overview: Any, sync: Any, paths: DataPaths) -> dict[str, Any]:
    """The data of ``supervisor-app status`` (overview counts and local sync state)."""
    summary = overview.summary()
    data: dict[str, Any] = {
        "version": __version__,
        "data_dir": str(paths.root),
        "cycle": summary.cycle_title,
        "board": summary.board_name,
        "counts": summary.counts,
        "pending_outbox": summary.pending_outbox,
        "last_sync_at": summary.last_sync_at.isoformat() if summary.last_sync_at else None,
        "audit_events": summary.audit_events,
        "audit_intact": summary.audit_intact,
    }
    if sync is not None:
        local = sync.local_status(digests=False)
        data.update(outbox=local.outbox, pending=local.pending, cursor=local.cursor)
    return data


def _safe(source: Callable[[], _T | None] | None) -> _T | None:
    if source is None:
        return None
    try:
        return source()
    except Exception as exc:  # the About dialog must open even on a broken store
        log.warning("about: %s", exc)
        return None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True, default=str) + "\n"


def _tail(path: Path) -> str:
    with path.open("rb") as fh:
        size = fh.seek(0, os.SEEK_END)
        fh.seek(max(0, size - MAX_LOG_BYTES))
        data = fh.read()
    text = data.decode("utf-8", errors="replace")
    if size > MAX_LOG_BYTES:
        text = f"[first {size - MAX_LOG_BYTES} bytes left out]\n" + text.split("\n", 1)[-1]
    return text


def about_as_dict(info: AboutInfo) -> dict[str, Any]:
    data = asdict(info)
    return {k: (str(v) if isinstance(v, Path | datetime) else v) for k, v in data.items()}


_README = """\
Nezarat diagnostic bundle, made {made}
Data directory: {root}

versions.json  program, Python, Qt and library versions
status.json    what the workstation holds (counts, outbox, last sync, audit chain)
settings.json  the settings file, secrets replaced by «redacted»
files.txt      names and sizes of the files in the data directory (not their contents)
logs/          the log files, with passwords, tokens, passphrases and keys removed

Not included: the database, backups, attachments, the keystore and the OS keyring.
بستهٔ عیب‌یابی نظارت: بدون پایگاه داده، پشتیبان‌ها، کلیدها و گذرواژه‌ها.
"""
