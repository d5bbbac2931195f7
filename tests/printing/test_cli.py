"""Headless printing: ``print`` commands write PDFs; ``verify`` checks a ruling PDF."""

from __future__ import annotations

import argparse
import json
import sqlite3
import subprocess
from pathlib import Path

import pytest

from supervisor_app.app import build_context
from supervisor_app.paths import DataPaths
from supervisor_app.printing.cli import add_print_commands, verify_pdf_command

from .conftest import COUNTY, World, member_id, pdftotext, words_only


@pytest.fixture
def data_dir(world: World, tmp_path: Path) -> DataPaths:
    """A workstation data directory holding a copy of the printing world's store."""
    paths = DataPaths(tmp_path / "data").ensure()
    source = sqlite3.connect(world.root / "store.sqlite3")
    target = sqlite3.connect(paths.database)
    with target:
        source.backup(target)
    source.close()
    target.close()
    return paths


def _run(paths: DataPaths, *argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_print_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(list(argv))
    return int(args.func(args, paths))


def test_print_ruling_writes_the_pdf(world: World, data_dir: DataPaths, tmp_path: Path) -> None:
    """`print ruling ID -o FILE` writes the ruling with its bundle attached."""
    out = tmp_path / "r.pdf"
    assert _run(data_dir, "print", "ruling", world.sealed_id, "-o", str(out)) == 0
    assert words_only("رد صلاحیت داوطلب") in words_only(pdftotext(out))
    assert b"/EmbeddedFiles" in out.read_bytes() or b"EmbeddedFile" in out.read_bytes()


def test_print_candidate_list_writes_the_pdf(data_dir: DataPaths, tmp_path: Path) -> None:
    """`print candidate-list --constituency K1 -o FILE` writes the public list."""
    out = tmp_path / "list.pdf"
    assert _run(data_dir, "print", "candidate-list", "--constituency", "K1", "-o", str(out)) == 0
    assert words_only("آگهی اسامی نامزدها") in words_only(pdftotext(out))


def test_batch_forms_write_one_pdf(world: World, data_dir: DataPaths, tmp_path: Path) -> None:
    """The batch command takes a session, a filter with Jalali dates, or explicit ids."""
    by_session = tmp_path / "session.pdf"
    assert _run(data_dir, "print", "rulings", "--session", world.session_id, "--notifications",
                "-o", str(by_session)) == 0
    by_filter = tmp_path / "filter.pdf"
    assert _run(data_dir, "print", "rulings", "--board", COUNTY.id, "--status", "sealed",
                "--from", "1404/10/01", "--to", "۱۴۰۴/۱۰/۳۰", "-o", str(by_filter)) == 0
    for path, pages in ((by_session, 4), (by_filter, 2)):
        info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
        assert f"Pages:           {pages}" in info


def test_print_refusals_are_bilingual(data_dir: DataPaths, tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Unknown records and bad dates exit non-zero with English and Persian messages."""
    assert _run(data_dir, "print", "rulings", "--from", "1404/13/01", "-o",
                str(tmp_path / "x.pdf")) == 2
    assert _run(data_dir, "print", "notification", "no-such-ruling", "-o",
                str(tmp_path / "y.pdf")) == 1
    err = capsys.readouterr().err
    assert "error:" in err and "خطا:" in err
    assert not (tmp_path / "x.pdf").exists()


def test_verify_command_checks_a_signed_ruling_pdf(world: World, data_dir: DataPaths,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """`verify ruling.pdf` prints each PDF signature and the bundle, and exits 0 if valid."""
    signed = world.printing.ruling_pdf(world.sealed_id,
                                       seal=world.signer(member_id(COUNTY, 5)))
    context = build_context(data_dir)
    try:
        assert verify_pdf_command(context, signed, None, as_json=False) == 0
        out = capsys.readouterr().out
        assert "board-seal" in out and "VALID" in out and "معتبر" in out
        assert verify_pdf_command(context, signed, None, as_json=True) == 0
        report = json.loads(capsys.readouterr().out)
        assert report["ok"] and report["ruling_id"] == world.sealed_id
        assert report["ledger"] == "workstation" and len(report["valid_signers"]) == 4
        unsigned = world.printing.ruling_pdf(world.sealed_id)
        assert verify_pdf_command(context, unsigned, None, as_json=False) == 1
        assert "pdf_unsigned" in capsys.readouterr().err
    finally:
        context.close()


def test_supervisor_app_commands_print_and_verify(world: World, data_dir: DataPaths,
                                                  tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """`supervisor-app print ruling` and `supervisor-app verify ruling.pdf` end to end."""
    from supervisor_app.cli import main

    root = str(data_dir.root)
    out = tmp_path / "ruling.pdf"
    assert main(["--data-dir", root, "print", "ruling", world.sealed_id, "-o", str(out)]) == 0
    signed = tmp_path / "signed.pdf"
    signed.write_bytes(world.printing.ruling_pdf(world.sealed_id,
                                                 seal=world.signer(member_id(COUNTY, 5))))
    capsys.readouterr()
    assert main(["--data-dir", root, "verify", str(signed)]) == 0
    assert "VALID" in capsys.readouterr().out
    assert main(["--data-dir", root, "verify", str(out)]) == 1  # printed without signatures
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    capsys.readouterr()
    assert main(["--data-dir", root, "verify", str(broken)]) == 1
    err = capsys.readouterr().err
    assert "[pdf_unreadable]" in err and "خوانایی نیست" in err
