"""Build a workstation store filled with demo data, all or nothing.

The store is built in a staging folder beside the real one and moved into place only
when complete, so a run killed halfway (out of memory, Ctrl-C) never leaves an empty
or half-filled store that later runs would mistake for a finished one.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime

from ..paths import DataPaths
from ..settings import Settings
from ..store.bulk import bulk_import
from ..store.database import open_store
from .audit import AuditService
from .demo_data import generate_demo_dataset


class StoreExists(Exception):
    """A store is already there and the caller did not ask to replace it."""


@dataclass(frozen=True, slots=True)
class DemoStoreReport:
    counts: dict[str, int]
    generate_seconds: float
    load_seconds: float
    replaced: str | None  # where the previous store was moved, if any


def build_demo_store(
    paths: DataPaths, candidates: int, seed: int, *, replace: bool = False
) -> DemoStoreReport:
    if candidates < 0:
        raise ValueError("candidates must be zero or more")
    paths.ensure()
    if paths.database.exists() and not replace:
        raise StoreExists(str(paths.database))
    _remove_abandoned_builds(paths)
    staging = DataPaths(paths.root / f".demo-build-{os.getpid()}")
    shutil.rmtree(staging.root, ignore_errors=True)
    staging.ensure()
    try:
        started = time.perf_counter()
        dataset = generate_demo_dataset(candidates, seed)
        generated = time.perf_counter()
        store = open_store(staging.database)
        try:
            counts = bulk_import(store, dataset)
            AuditService(store).record(
                "cli", "demo_data.loaded", "store", {"candidates": candidates, "seed": seed}
            )
            store.checkpoint()
        finally:
            store.close()
        loaded = time.perf_counter()
        replaced = _move_aside(paths) if paths.database.exists() else None
        for suffix in ("-wal", "-shm"):
            leftover = staging.database.with_name(staging.database.name + suffix)
            if leftover.exists():
                os.replace(leftover, paths.database.with_name(paths.database.name + suffix))
        os.replace(staging.database, paths.database)
    finally:
        shutil.rmtree(staging.root, ignore_errors=True)
    settings = Settings.load(paths.settings_file)
    settings.demo = True
    if dataset.cycles:
        settings.cycle_code = dataset.cycles[0].code
    settings.save(paths.settings_file)
    return DemoStoreReport(counts, generated - started, loaded - generated, replaced)


def _remove_abandoned_builds(paths: DataPaths) -> None:
    """Staging folders left by builds that were killed (their process is gone)."""
    for folder in paths.root.glob(".demo-build-*"):
        pid = folder.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _process_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _process_alive(pid: int) -> bool:
    if sys.platform == "win32":
        # os.kill(pid, 0) would send CTRL_C_EVENT on Windows; only our own pid is known.
        return pid == os.getpid()
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _move_aside(paths: DataPaths) -> str:
    """Never delete a user's store: move it and its WAL files into backups/."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = paths.backups / f"{paths.database.name}.replaced-{stamp}"
    for suffix in ("", "-wal", "-shm"):
        src = paths.database.with_name(paths.database.name + suffix)
        if src.exists():
            shutil.move(src, paths.backups / f"{src.name}.replaced-{stamp}")
    return str(target)
