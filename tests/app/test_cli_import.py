"""`supervisor-app import branches|observers FILE`, run as a user would (a subprocess each)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl

from supervisor_app.domain.national_id import make_national_id
from supervisor_app.store import Store

HEADERS = ["کد شعبه", "حوزه انتخابیه", "نشانی", "شناسه صندوق"]


def run_cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "supervisor_app", "--data-dir", str(data_dir), *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=300,
        check=False,
    )


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def counts(store: Store) -> tuple[int, int, int]:
    with store.unit_of_work(read_only=True) as uow:
        return uow.branches.count(), uow.observers.count(), uow.audit.count()


def test_bad_rows_are_listed_with_row_numbers_and_nothing_is_written(seeded_store, tmp_path):
    """Exit 1; each bad row in English and Persian on stderr; the store is untouched."""
    path = write_xlsx(
        tmp_path / "bad.xlsx",
        [HEADERS, ["BR7", "K1", "مدرسه", ""], ["BR8", "K99", "مسجد", ""], ["BR7", "K2", "x", ""]],
    )
    before = counts(seeded_store)
    proc = run_cli("import", "branches", str(path), data_dir=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "row 3, «حوزه انتخابیه»: constituency 'K99'" in proc.stderr
    assert "ردیف ۳، «حوزه انتخابیه»" in proc.stderr
    assert "row 4, «کد شعبه»: branch code BR7 is also on row 2" in proc.stderr
    assert "nothing was written" in proc.stderr and "هیچ چیز وارد نشد" in proc.stderr
    assert counts(seeded_store) == before


def test_a_good_file_imports_and_dry_run_writes_nothing(seeded_store, tmp_path):
    """--dry-run reports the counts and exits 0 without writing; then the real run writes."""
    path = write_xlsx(tmp_path / "good.xlsx", [HEADERS, ["BR7", "K1", "مدرسه", "E-1"]])
    before = counts(seeded_store)
    dry = run_cli("import", "branches", str(path), "--dry-run", "--json", data_dir=tmp_path)
    assert dry.returncode == 0, dry.stderr
    data = json.loads(dry.stdout)
    assert data["applied"] is False and data["counts"]["new"] == 1 and data["errors"] == []
    assert counts(seeded_store) == before

    real = run_cli("import", "branches", str(path), data_dir=tmp_path)
    assert real.returncode == 0, real.stderr
    assert "imported good.xlsx: 1 new, 0 changed, 0 unchanged" in real.stdout
    assert "1 record(s) queued for the registry server" in real.stdout
    assert counts(seeded_store) == (before[0] + 1, before[1], before[2] + 1)


def test_observers_with_their_branch_file_in_one_run(seeded_store, tmp_path):
    """import observers --branches writes both files together (JSON shows both results)."""
    branches = write_xlsx(tmp_path / "b.xlsx", [HEADERS, ["BR9", "K2", "حسینیه", ""]])
    observers = write_xlsx(
        tmp_path / "o.xlsx",
        [
            ["نام و نام خانوادگی", "کد ملی", "شماره حکم", "کد شعبه"],
            ["ناظر تازه", make_national_id("345678912"), "L-1", "BR9"],
        ],
    )
    proc = run_cli(
        "import",
        "observers",
        str(observers),
        "--branches",
        str(branches),
        "--json",
        data_dir=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["result"] == {"new": 1, "changed": 0, "unchanged": 0, "queued": 1}
    assert data["branches"]["result"] == {"new": 1, "changed": 0, "unchanged": 0, "queued": 1}
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.branches.get("BR9") is not None
        pending = uow.outbox.pending()
    assert [
        (i.kind.value, i.payload["record"].get("code") or i.payload["record"]["id"])
        for i in pending
    ] == [("branch", "BR9"), ("observer", "OBS-" + make_national_id("345678912"))]


def test_an_unreadable_file_exits_2_with_a_persian_message(seeded_store, tmp_path):
    """A file that is not a workbook: exit 2, «خطا:» line, store untouched."""
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"\x00\x01 not a workbook")
    before = counts(seeded_store)
    proc = run_cli("import", "branches", str(path), data_dir=tmp_path)
    assert proc.returncode == 2
    assert "error: the file is not a valid Excel workbook" in proc.stderr
    assert "خطا: " in proc.stderr
    assert counts(seeded_store) == before
