"""The printing service: batches with progress and cancel, filters, sessions, refusals."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from supervisor_app.domain.rulings import RulingStatus
from supervisor_app.services.printing import CancelToken, PrintCancelled, PrintError
from supervisor_app.store import NotFound
from tests.printing.conftest import COUNTY, World, pdftotext, words_only
from tests.printing.conftest import world as world  # the shared session fixture


def test_find_rulings_filters_by_board_status_and_dates(world: World) -> None:
    """Filters pick rulings by board, status and issue date, oldest and lowest serial first."""
    county = world.printing.find_rulings(board_id=COUNTY.id)
    assert county == [world.sealed_id, world.objection_ruling_id, world.draft_id]
    sealed = world.printing.find_rulings(status=RulingStatus.SEALED)
    assert set(sealed) == {world.sealed_id, world.objection_ruling_id,
                           world.other_board_ruling_id}
    assert world.printing.find_rulings(issued_from=date(2026, 2, 1)) == []
    assert len(world.printing.find_rulings(issued_to=date(2026, 1, 11))) == 4


def test_session_rulings_follow_the_agenda(world: World) -> None:
    """A session's batch holds the rulings its agenda items produced, in agenda order."""
    assert world.printing.session_rulings(world.session_id) == [
        world.sealed_id, world.objection_ruling_id]
    with pytest.raises(NotFound):
        world.printing.session_rulings("no-such-session")


def test_batch_is_one_pdf_with_every_ruling_and_progress(world: World, tmp_path: Path) -> None:
    """A batch prints each ruling (and its notice) on its own pages and reports progress."""
    seen: list[tuple[int, int]] = []
    ids = world.printing.session_rulings(world.session_id)
    data = world.printing.rulings_batch_pdf(ids, notifications=True,
                                            progress=lambda d, t: seen.append((d, t)))
    path = tmp_path / "batch.pdf"
    path.write_bytes(data)
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True,
                           check=True).stdout
    assert "Pages:           4" in pages  # two rulings, two notices
    text = words_only(pdftotext(path))
    for ruling_id in ids:
        assert words_only(f"شناسهٔ رأی: {ruling_id}") in text
    assert text.count(words_only("ابلاغیهٔ رأی هیات نظارت")) == 2
    assert seen[-1] == (4, 4) and [d for d, _ in seen] == sorted(d for d, _ in seen)
    assert subprocess.run(["qpdf", "--check", str(path)], capture_output=True).returncode == 0


def test_batch_stops_when_cancelled(world: World) -> None:
    """Cancelling from the progress callback stops the batch before the next ruling."""
    token = CancelToken()
    calls: list[int] = []

    def progress(done: int, total: int) -> None:
        calls.append(done)
        if done >= 1:
            token.cancel()

    with pytest.raises(PrintCancelled):
        world.printing.rulings_batch_pdf(world.printing.find_rulings(), progress=progress,
                                         cancel=token)
    assert calls == [0, 1]


def test_refusals_name_what_is_wrong(world: World) -> None:
    """Unknown records and impossible documents raise clear, bilingual errors."""
    with pytest.raises(PrintError) as error:
        world.printing.rulings_batch_pdf([])
    assert error.value.message_fa
    with pytest.raises(NotFound):
        world.printing.ruling_pdf("no-such-ruling")
    with pytest.raises(NotFound):
        world.printing.candidate_list_pdf("K404")
    with pytest.raises(NotFound):
        world.printing.observer_summary_pdf("C404")
    with pytest.raises(NotFound):
        world.printing.minutes_pdf("no-such-session")


def test_village_list_comes_from_the_district_board(world: World) -> None:
    """A village constituency's list is headed by its supervising board (county if none)."""
    view = world.printing.candidate_list_view("K2")
    assert [c.last_name for c in view.candidates] == ["الف"]
    assert view.board is not None and view.board.id == COUNTY.id
    assert view.seats == 3
