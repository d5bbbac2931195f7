"""FirstRunService: what the first-run wizard lists from the store it prepared."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import date

from supervisor_app.domain.boards import BoardMember, MemberRole
from supervisor_app.services.first_run import CycleChoice, FirstRunService, Member
from supervisor_app.store import Store


def test_cycles_are_listed_newest_first(seeded_store: Store):
    """Every cycle of the store, by election day, the newest (the default) first."""
    with seeded_store.unit_of_work() as uow:
        current = uow.cycles.get("7")
        assert current is not None
        uow.cycles.add(
            replace(current, code="8", title="هشتمین دوره", election_day=date(2030, 5, 1))
        )
        uow.cycles.add(
            replace(current, code="6", title="ششمین دوره", election_day=date(2021, 6, 18))
        )
    assert FirstRunService(seeded_store).cycles() == [
        CycleChoice("8", "هشتمین دوره"),
        CycleChoice("7", "هفتمین دوره انتخابات شوراها"),
        CycleChoice("6", "ششمین دوره"),
    ]


def test_members_are_the_boards_active_ones(seeded_store: Store):
    """A board's active members with their role; a former member and other boards are not."""
    with seeded_store.unit_of_work() as uow:
        uow.boards.add_member(
            BoardMember("M9", "B2301", "عضو پیشین", "0000000099", MemberRole.MEMBER, active=False)
        )
        uow.boards.add_member(
            BoardMember("M10", "B23", "عضو استان", "0000000100", MemberRole.CHAIR)
        )
    members = FirstRunService(seeded_store).members("B2301")
    assert [m.id for m in members] == ["M1", "M2", "M3", "M4", "M5", "M6"]
    assert members[0] == Member("M1", "عضو 1", "chair")
    assert members[-1].role == "alternate"
    assert FirstRunService(seeded_store).members("B-none") == []


def test_fold_wal_leaves_everything_in_the_database_file(seeded_store: Store, store_path):
    """After fold_wal the database file alone holds the latest writes (the WAL is empty)."""
    with seeded_store.unit_of_work() as uow:
        uow.boards.add_member(
            BoardMember("M11", "B2301", "عضو تازه", "0000000111", MemberRole.MEMBER)
        )
    FirstRunService(seeded_store).fold_wal()
    wal = store_path.with_name(store_path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0
    copy = store_path.with_name("copy.sqlite3")
    copy.write_bytes(store_path.read_bytes())  # the file alone, without its WAL
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM board_members WHERE id = 'M11'").fetchone() == (
            1,
        )
