"""Backups of the local store: daily and on demand, rotated, checked, and restorable.

A backup is a whole-database copy made with SQLite's online backup API
(``sqlite3.Connection.backup``) from a read-only connection: it reads one consistent
snapshot while the app keeps writing (WAL readers never block writers), and needs no
lock beyond what SQLite takes itself. Every copy is written under a ``.partial`` name,
converted to a standalone file (rollback journal, no ``-wal`` beside it), checked with
``PRAGMA integrity_check`` and only then renamed into place, so ``backups/`` never holds
a half-written or unchecked backup under a backup's name.

Names: ``backups/backup-YYYYMMDDTHHMMSSZ-KIND.sqlite3`` (UTC), KIND one of ``daily``,
``manual`` and ``before-restore``. Other files in ``backups/`` (the copies made before a
schema migration, stores moved aside by ``demo-data --replace``) are never rotated.

Rotation keeps, like ``restic forget --keep-daily 7 --keep-weekly 4``, the newest daily
or manual backup of each of the last ``keep_daily`` days that have one, and the newest of
each of the last ``keep_weekly`` ISO weeks that have one; the newest backup is always
kept. ``before-restore`` copies are never rotated: each holds data that a restore
replaced, and restores are rare.

Restore writes the chosen backup into the store through the same backup API (in the
other direction), so other connections of a running app see the restored database at
their next transaction instead of a file swapped under them. The current store is
first backed up (``before-restore``). An older backup is migrated on a temporary copy
before it goes in; one from a newer app version is refused. A fresh data directory
(no store yet) simply receives the copy.

This module works on database files, not records, so it uses the ``sqlite3`` driver
directly (counts and pragmas, no SQLAlchemy); the store's own schema is only read.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sqlite3
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ..paths import DataPaths

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]

DAILY = "daily"
MANUAL = "manual"
BEFORE_RESTORE = "before-restore"
KINDS = (DAILY, MANUAL, BEFORE_RESTORE)
ROTATED_KINDS = (DAILY, MANUAL)
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(
    r"^backup-(?P<stamp>\d{8}T\d{6}Z)-(?P<kind>daily|manual|before-restore)"
    r"(?:-(?P<n>\d+))?\.sqlite3$"
)
# What the restore confirmation names, by table (a backup from an older schema may lack
# one of them: that count is then None, "not in this backup").
COUNTED_TABLES = {"rulings": "rulings", "reports": "observer_reports", "dossiers": "dossiers"}

# Settings keys (kept in settings.json's free-form part) that tune the policy.
KEEP_DAILY_KEY = "backup_keep_daily"
KEEP_WEEKLY_KEY = "backup_keep_weekly"
INTERVAL_HOURS_KEY = "backup_interval_hours"


def utc_now() -> datetime:
    return datetime.now(UTC)


class BackupError(Exception):
    """A backup could not be made, checked or restored; nothing was replaced."""

    def __init__(self, message: str, message_fa: str) -> None:
        super().__init__(message)
        self.message_fa = message_fa


@dataclass(frozen=True, slots=True)
class BackupPolicy:
    keep_daily: int = 7
    keep_weekly: int = 4
    interval: timedelta = timedelta(hours=24)  # a daily backup is due this long after the last

    @classmethod
    def from_settings(cls, extra: dict[str, Any]) -> BackupPolicy:
        """The policy from settings.json (``backup_keep_daily`` ...); bad values: defaults."""
        default = cls()

        def number(key: str, fallback: float, low: float) -> float:
            value = extra.get(key)
            ok = isinstance(value, int | float) and not isinstance(value, bool) and value >= low
            return float(value) if ok else fallback

        return cls(
            keep_daily=int(number(KEEP_DAILY_KEY, default.keep_daily, 1)),
            keep_weekly=int(number(KEEP_WEEKLY_KEY, default.keep_weekly, 0)),
            interval=timedelta(
                hours=number(INTERVAL_HOURS_KEY, default.interval.total_seconds() / 3600, 1)
            ),
        )


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    kind: str
    created_at: datetime  # UTC, from the name
    size: int
    sequence: int = 1  # 2, 3... for further backups made within the same second

    @property
    def name(self) -> str:
        return self.path.name


@dataclass(frozen=True, slots=True)
class StoreSummary:
    """What a store file holds, for the restore confirmation."""

    path: Path
    last_change: datetime | None  # the newest audit event, else the file's time (UTC)
    counts: dict[str, int | None]  # rulings, reports, dossiers (None: no such table)
    schema: str | None  # Alembic revision(s), None when unknown
    size: int


@dataclass(frozen=True, slots=True)
class RestorePlan:
    backup: StoreSummary
    current: StoreSummary | None  # None: a fresh data directory, nothing is replaced


@dataclass(frozen=True, slots=True)
class RestoreResult:
    restored_from: Path
    safety_copy: BackupInfo | None  # the store as it was before the restore
    migrated: bool  # the backup came from an older schema and was upgraded
    counts: dict[str, int | None] = field(default_factory=dict)


class BackupService:
    """Backups of one data directory's store (``paths.database``) into ``paths.backups``."""

    def __init__(
        self, paths: DataPaths, policy: BackupPolicy | None = None, now: Clock = utc_now
    ) -> None:
        self.paths = paths
        self.policy = policy or BackupPolicy()
        self._now = now

    @classmethod
    def for_data_dir(cls, paths: DataPaths, extra: dict[str, Any] | None = None) -> BackupService:
        """The service with the policy from the settings' free-form keys (``extra``)."""
        if extra is None:
            from ..settings import Settings

            extra = Settings.load(paths.settings_file).extra
        return cls(paths, BackupPolicy.from_settings(extra))

    # --- listing ----------------------------------------------------------------------------

    def list(self) -> list[BackupInfo]:
        """This app's backups, newest first (other files in ``backups/`` are left out)."""
        found: list[BackupInfo] = []
        folder = self.paths.backups
        if not folder.is_dir():
            return found
        for path in folder.iterdir():
            info = _parse(path)
            if info is not None:
                found.append(info)
        found.sort(key=lambda b: (b.created_at, b.sequence), reverse=True)
        return found

    def latest(self) -> BackupInfo | None:
        backups = self.list()
        return backups[0] if backups else None

    # --- making backups ---------------------------------------------------------------------

    def create(self, kind: str = MANUAL) -> BackupInfo:
        """Copy the store now (consistent while the app writes), check the copy, keep it."""
        if kind not in KINDS:
            raise ValueError(f"unknown backup kind {kind!r}")
        source = self.paths.database
        if not source.is_file():
            raise BackupError(
                f"there is no store to back up at {source}",
                "پایگاه داده‌ای برای پشتیبان‌گیری در این رایانه نیست.",
            )
        self.paths.backups.mkdir(parents=True, exist_ok=True)
        created = self._now().astimezone(UTC).replace(microsecond=0)
        target = self._free_name(created, kind)
        partial = target.with_name(target.name + ".partial")
        try:
            _copy_database(source, partial)
            problem = integrity_problem(partial)
            if problem:
                raise BackupError(
                    f"the copy of {source} failed its integrity check: {problem}",
                    "نسخهٔ پشتیبان در بررسی سلامت رد شد؛ پایگاه داده را بررسی کنید.",
                )
            os.replace(partial, target)
        except sqlite3.Error as exc:
            raise BackupError(
                f"could not back up {source}: {exc}",
                "تهیهٔ نسخهٔ پشتیبان ممکن نشد (خطای پایگاه داده).",
            ) from exc
        except OSError as exc:
            raise BackupError(
                f"could not write the backup into {self.paths.backups}: {exc}",
                "نوشتن نسخهٔ پشتیبان در پوشهٔ پشتیبان‌ها ممکن نشد (فضای دیسک یا دسترسی).",
            ) from exc
        finally:
            partial.unlink(missing_ok=True)
        info = _parse(target) or BackupInfo(target, kind, created, target.stat().st_size)
        log.info("backup %s written (%d bytes)", target.name, info.size)
        return info

    def due(self) -> bool:
        """Whether the automatic backup should run (no backup within the interval)."""
        if not self.paths.database.is_file():
            return False
        now = self._now()
        recent = [b for b in self.list() if b.kind in ROTATED_KINDS]
        return not recent or now - recent[0].created_at >= self.policy.interval

    def daily_if_due(self) -> BackupInfo | None:
        """The automatic backup: make one when due, then rotate. None when not due."""
        if not self.due():
            return None
        info = self.create(DAILY)
        self.rotate()
        return info

    def rotate(self) -> list[Path]:
        """Delete the daily/manual backups the policy no longer keeps; what was deleted."""
        regular = [b for b in self.list() if b.kind in ROTATED_KINDS]
        keep = keep_set(regular, self.policy)
        removed: list[Path] = []
        for backup in regular:
            if backup.path not in keep:
                try:
                    backup.path.unlink()
                    removed.append(backup.path)
                except OSError as exc:  # e.g. open in another program on Windows; next time
                    log.warning("could not remove old backup %s: %s", backup.path, exc)
        if removed:
            log.info("rotated out %d old backups", len(removed))
        return removed

    # --- restoring --------------------------------------------------------------------------

    def summary(self, path: Path) -> StoreSummary:
        """Counts, schema and last change of a store or backup file (read only)."""
        return summarize(path)

    def plan_restore(self, backup: Path) -> RestorePlan:
        """What a restore of ``backup`` would replace: for the confirmation."""
        problem = integrity_problem(backup)
        if problem:
            raise BackupError(
                f"{backup} is not a usable backup: {problem}",
                "این پرونده نسخهٔ پشتیبان سالمی نیست.",
            )
        current = self.paths.database
        return RestorePlan(
            backup=summarize(backup),
            current=summarize(current) if current.is_file() else None,
        )

    def restore(self, backup: Path) -> RestoreResult:
        """Put ``backup`` in place of the store, after backing the store up.

        Works while the app has the store open (other connections see the restored data at
        their next transaction) and into a fresh data directory.
        """
        from ..store import StoreError, head_revision, open_store

        backup = Path(backup)
        plan = self.plan_restore(backup)
        head = head_revision()
        revisions = set((plan.backup.schema or "").split(",")) - {""}
        if not revisions:
            raise BackupError(
                f"{backup} is not a Nezarat store (no schema revision)",
                "این پرونده پایگاه دادهٔ برنامهٔ نظارت نیست.",
            )
        self.paths.ensure()
        migrated = revisions != {head}
        with tempfile.TemporaryDirectory(prefix=".restore-", dir=self.paths.root) as tmp:
            source = backup
            if migrated:
                # Upgrade a copy, never the backup itself; open_store refuses a newer
                # schema. Done before anything is replaced or copied aside.
                source = Path(tmp) / "restore.sqlite3"
                shutil.copyfile(backup, source)
                try:
                    open_store(source).close()
                except StoreError as exc:
                    raise BackupError(
                        f"cannot restore {backup}: {exc}",
                        "این نسخهٔ پشتیبان با این نسخهٔ برنامه باز نمی‌شود "
                        "(احتمالاً از نسخهٔ جدیدتری است).",
                    ) from exc
            safety = self.create(BEFORE_RESTORE) if self.paths.database.is_file() else None
            try:
                _write_into_store(source, self.paths.database)
            except sqlite3.Error as exc:
                raise BackupError(
                    f"could not restore {backup} into {self.paths.database}: {exc}",
                    "بازگردانی نسخهٔ پشتیبان ممکن نشد؛ پایگاه دادهٔ فعلی تغییری نکرد.",
                ) from exc
        restored = summarize(self.paths.database)
        log.warning("store restored from %s (safety copy: %s)", backup.name,
                    safety.name if safety else "none, the data directory was fresh")
        return RestoreResult(backup, safety, migrated, restored.counts)

    def _free_name(self, created: datetime, kind: str) -> Path:
        base = f"backup-{created.strftime(_STAMP)}-{kind}"
        target = self.paths.backups / f"{base}.sqlite3"
        n = 2
        while target.exists():  # two backups within one second
            target = self.paths.backups / f"{base}-{n}.sqlite3"
            n += 1
        return target


# --- rotation -------------------------------------------------------------------------------


def keep_set(backups: list[BackupInfo], policy: BackupPolicy) -> set[Path]:
    """The backups the policy keeps: newest per day (last N days) and per ISO week."""
    ordered = sorted(backups, key=lambda b: (b.created_at, b.sequence), reverse=True)
    keep: set[Path] = {ordered[0].path} if ordered else set()

    def newest_per(bucket: Callable[[BackupInfo], object], count: int) -> None:
        seen: list[object] = []
        for b in ordered:
            key = bucket(b)
            if key in seen:
                continue
            if len(seen) >= count:
                break
            seen.append(key)
            keep.add(b.path)

    newest_per(lambda b: _local(b.created_at).date(), policy.keep_daily)
    newest_per(lambda b: _local(b.created_at).isocalendar()[:2], policy.keep_weekly)
    return keep


def _local(moment: datetime) -> datetime:
    """Days and weeks are the board's (Tehran), not UTC's."""
    from ..domain.jalali import in_iran

    return in_iran(moment)


def _parse(path: Path) -> BackupInfo | None:
    match = _NAME.match(path.name)
    if match is None or not path.is_file():
        return None
    created = datetime.strptime(match["stamp"], _STAMP).replace(tzinfo=UTC)
    sequence = int(match["n"]) if match["n"] else 1
    return BackupInfo(path, match["kind"], created, path.stat().st_size, sequence)


# --- SQLite files ---------------------------------------------------------------------------


def _read_only(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)


def _copy_database(source: Path, target: Path) -> None:
    """One consistent snapshot of ``source`` into a new standalone file ``target``."""
    target.unlink(missing_ok=True)
    src = _read_only(source)
    try:
        dest = sqlite3.connect(target)
        try:
            # All pages in one step: one read transaction, so one snapshot even while the
            # app commits (a stepwise copy restarts whenever another connection writes).
            src.backup(dest)
            # A backup file stands alone: no -wal/-shm beside it when it is opened later.
            dest.execute("PRAGMA journal_mode = DELETE")
            dest.commit()
        finally:
            dest.close()
    finally:
        src.close()
    with target.open("rb+") as fh:
        os.fsync(fh.fileno())


def _write_into_store(source: Path, store: Path) -> None:
    """Replace ``store``'s content with ``source``'s through the backup API, in WAL mode."""
    src = _read_only(source)
    try:
        dest = sqlite3.connect(store, timeout=30)
        try:
            # WAL needs equal page sizes on both sides; match the destination to the source.
            if store.stat().st_size == 0:
                page_size = src.execute("PRAGMA page_size").fetchone()[0]
                dest.execute(f"PRAGMA page_size = {int(page_size)}")
                dest.execute("PRAGMA journal_mode = WAL")
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = WAL")  # the store always runs in WAL mode
            dest.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            dest.close()
    finally:
        src.close()


def integrity_problem(path: Path) -> str | None:
    """None when ``PRAGMA integrity_check`` says ok; else the first problems it names."""
    path = Path(path)
    if not path.is_file():
        return f"{path} does not exist"
    try:
        conn = _read_only(path)
        try:
            rows = [str(r[0]) for r in conn.execute("PRAGMA integrity_check(20)")]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return str(exc)
    return None if rows == ["ok"] else "; ".join(rows)


def summarize(path: Path) -> StoreSummary:
    """Counts of rulings, reports and dossiers, schema revision and last change of a file."""
    path = Path(path)
    conn = _read_only(path)
    try:
        tables = {name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        counts: dict[str, int | None] = {}
        for label, table in COUNTED_TABLES.items():
            counts[label] = (
                int(conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0])
                if table in tables else None
            )
        schema = None
        if "alembic_version" in tables:
            schema = ",".join(sorted(r for (r,) in conn.execute(
                "SELECT version_num FROM alembic_version")))
        last: datetime | None = None
        if "audit_events" in tables:
            row = conn.execute("SELECT at FROM audit_events ORDER BY seq DESC LIMIT 1").fetchone()
            last = _parse_time(row[0]) if row else None
    finally:
        conn.close()
    if last is None:
        mtimes = [p.stat().st_mtime for p in (path, path.with_name(path.name + "-wal"))
                  if p.exists()]
        last = datetime.fromtimestamp(max(mtimes), UTC)
    return StoreSummary(path, last, counts, schema, path.stat().st_size)


def _parse_time(text: str) -> datetime | None:
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
