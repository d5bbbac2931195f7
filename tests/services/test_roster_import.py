"""Importing branches and observers from real .xlsx and CSV files into a real store."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from supervisor_app.domain.election_day import Branch, Observer
from supervisor_app.domain.national_id import make_national_id
from supervisor_app.domain.outbox import OutboxItem, OutboxKind
from supervisor_app.domain.roster_push import decode_change, roster_hash
from supervisor_app.services.roster_import import (
    ImportFileError,
    ImportRefused,
    RosterImportService,
    RowStatus,
)
from supervisor_app.store import Store
from supervisor_app.store.mirror import RegistryMirror

T = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
HEAD_ID = make_national_id("004993708")  # leading zeros: lost when typed into a number cell
OBS_A = make_national_id("123456789")
OBS_B = make_national_id("234567891")
OBS_C = make_national_id("345678912")
BRANCH_HEADERS = ["ردیف", "كد شعبه", "حوزه انتخابيه", "نشاني", "شناسه صندوق"]  # Arabic ي/ك
OBSERVER_HEADERS = ["نام و نام خانوادگی", "کد ملی", "شماره حکم", "کد شعبه", "سرناظر"]


def write_xlsx(path: Path, rows: Sequence[Sequence[Any]], title: str = "شعب") -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def write_csv(
    path: Path, rows: Sequence[Sequence[Any]], encoding: str = "utf-8", delimiter: str = ","
) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def snapshot(store: Store) -> tuple[Any, ...]:
    """Everything an import may touch: branch/observer digests and the audit log's size."""
    digests = RegistryMirror(store).digests(["branch", "observer"])
    with store.unit_of_work(read_only=True) as uow:
        return (
            digests["branch"],
            digests["observer"],
            uow.branches.count(),
            uow.observers.count(),
            uow.audit.count(),
        )


@pytest.fixture
def service(seeded_store: Store) -> RosterImportService:
    return RosterImportService(seeded_store, actor="secretary", now=lambda: T)


def good_branches() -> list[list[Any]]:
    return [
        ["فهرست شعب اخذ رأی شهرستان شمیرانات"],  # a title row above the header
        BRANCH_HEADERS,
        [1, "BR1", "K1", "مدرسه شهيد بهشتي", "DEV-1، DEV-2"],  # as stored: unchanged
        [2, " BR۳ ", "شهر تجریش", "مسجد  جامع محله", "EVM-۱ EVM-2"],  # name, Persian digits
        [3, "BR4", "K2", "حسینیه روستا", None],
        [4, "BR2", "K2", "مسجد جامع روستا", "DEV-9"],  # stored with another address
        [5],  # the template's numbering goes on below the data
    ]


def test_a_good_branch_workbook_imports_exactly(service, seeded_store, tmp_path):
    """Title row, Arabic letters, Persian digits and names resolve; apply writes exactly that."""
    preview = service.preview_branches(write_xlsx(tmp_path / "b.xlsx", good_branches()))
    assert preview.ok and preview.errors == ()
    assert preview.header.row_number == 2 and preview.sheet == "شعب"
    assert [(r.row_number, r.status) for r in preview.rows] == [
        (3, RowStatus.UNCHANGED),
        (4, RowStatus.NEW),
        (5, RowStatus.NEW),
        (6, RowStatus.CHANGED),
    ]
    assert preview.rows[3].changed_fields == ("address", "device_ids")
    assert preview.counts["new"] == 2 and preview.counts["changed"] == 1
    before = snapshot(seeded_store)
    assert snapshot(seeded_store) == before  # previewing wrote nothing

    result = service.apply(preview)

    assert (result.new, result.changed, result.unchanged) == (2, 1, 1)
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.branches.get("BR3") == Branch("BR3", "K1", "مسجد جامع محله", ("EVM-1", "EVM-2"))
        assert uow.branches.get("BR4") == Branch("BR4", "K2", "حسینیه روستا", ())
        assert uow.branches.get("BR2") == Branch("BR2", "K2", "مسجد جامع روستا", ("DEV-9",))
        assert uow.branches.count() == 4
        event = uow.audit.last()
    assert event is not None
    assert (event.action, event.actor, event.subject) == (
        "roster.branches_imported",
        "secretary",
        "b.xlsx",
    )
    assert event.details == {
        "file": "b.xlsx",
        "sha256": preview.sha256,
        "format": "xlsx",
        "rows": 4,
        "new": 2,
        "changed": 1,
        "unchanged": 1,
        "queued": 3,
    }


def test_reimporting_the_same_file_reports_everything_unchanged(service, tmp_path):
    """After an import, the same file previews as all unchanged and writes no record."""
    path = write_xlsx(tmp_path / "b.xlsx", good_branches())
    service.apply(service.preview_branches(path))
    again = service.preview_branches(path)
    assert again.ok
    assert {r.status for r in again.rows} == {RowStatus.UNCHANGED}
    result = service.apply(again)
    assert (result.new, result.changed, result.unchanged) == (0, 0, 4)


def test_a_malformed_branch_workbook_reports_each_bad_row_and_changes_nothing(
    service, seeded_store, tmp_path
):
    """Unknown constituency, duplicate code, empty cell: each row named; nothing written."""
    rows = [
        BRANCH_HEADERS,
        [1, "BR7", "K1", "مدرسه", "E-1"],
        [2, "BR8", "K99", "مدرسه دوم", ""],  # unknown constituency
        [3, "BR7", "K2", "مسجد", ""],  # duplicate code
        [4, "BR9", "K1", None, ""],  # empty address
        [5, "BR10", "", "کتابخانه", "E-1"],  # empty constituency, box of row 2 again
        [6, "BR 11", "K1", "سالن", "E-2"],
    ]
    before = snapshot(seeded_store)
    preview = service.preview_branches(write_xlsx(tmp_path / "bad.xlsx", rows))
    assert not preview.ok
    assert [(e.row_number, e.column) for e in preview.errors] == [
        (3, "حوزه انتخابیه"),
        (4, "کد شعبه"),
        (5, "نشانی"),
        (6, "حوزه انتخابیه"),
        (6, "شناسه صندوق"),
    ]
    assert "K99" in preview.errors[0].message_en and "K99" in preview.errors[0].message_fa
    assert "۲" in preview.errors[1].message_fa  # «also on row 2», in Persian digits
    by_row = {r.row_number: r.status for r in preview.rows}
    assert by_row == {
        2: RowStatus.NEW,
        3: RowStatus.INVALID,
        4: RowStatus.INVALID,
        5: RowStatus.INVALID,
        6: RowStatus.INVALID,
        7: RowStatus.NEW,  # "BR 11": the stray space is dropped
    }
    with pytest.raises(ImportRefused) as refused:
        service.apply(preview)
    assert "۵" in refused.value.message_fa  # five problems
    assert snapshot(seeded_store) == before


def observer_rows() -> list[list[Any]]:
    return [
        OBSERVER_HEADERS,
        ["زهرا كريمي", OBS_A, "۱۴۰۵/ن/۲", "BR1", 4],  # head by row, before the head's row
        ["علی رضایی", OBS_B, "1405/ن/3", "BR2", HEAD_ID],  # head by national id
        ["مریم  احمدی", int(HEAD_ID), "1405/ن/1", None, None],  # a number cell: 0s lost
    ]


def test_a_good_observer_roster_imports_heads_first(service, seeded_store, tmp_path):
    """Heads by row or national id resolve; a number cell gets its zeros back; FKs hold."""
    preview = service.preview_observers(write_xlsx(tmp_path / "o.xlsx", observer_rows()))
    assert preview.errors == ()
    assert [r.status for r in preview.rows] == [RowStatus.NEW] * 3
    result = service.apply(preview)
    assert result.new == 3
    with seeded_store.unit_of_work(read_only=True) as uow:
        (head,) = uow.observers.with_national_ids([HEAD_ID])
        (a,) = uow.observers.with_national_ids([OBS_A])
        (b,) = uow.observers.with_national_ids([OBS_B])
    assert head == Observer(head.id, "مریم احمدی", HEAD_ID, "1405/ن/1", None, None)
    assert a == Observer(a.id, "زهرا کریمی", OBS_A, "1405/ن/2", "BR1", head.id)
    assert b.head_observer_id == head.id and b.branch_code == "BR2"


def test_a_malformed_observer_roster_reports_each_bad_row_and_changes_nothing(
    service, seeded_store, tmp_path
):
    """Invalid national id, unknown branch, duplicate id, missing cell, bad head: all named."""
    rows = [
        OBSERVER_HEADERS,
        ["ناظر یک", OBS_A, "L-1", "BR1", ""],
        ["ناظر دو", "1234567890", "L-2", "BR1", ""],  # check digit wrong
        ["ناظر سه", OBS_B, "L-3", "BR99", ""],  # unknown branch
        ["ناظر چهار", OBS_A, "L-4", "BR1", ""],  # duplicate national id
        ["ناظر پنج", OBS_C, "", "BR1", ""],  # missing letter number
        ["ناظر شش", make_national_id("456789123"), "L-6", "BR1", 40],  # no row 40
        ["ناظر هفت", make_national_id("567891234"), "L-7", "BR1", 3],  # head row is bad
    ]
    before = snapshot(seeded_store)
    preview = service.preview_observers(write_xlsx(tmp_path / "bad.xlsx", rows, "ناظران"))
    assert [(e.row_number, e.column) for e in preview.errors] == [
        (3, "کد ملی"),
        (4, "کد شعبه"),
        (5, "کد ملی"),
        (6, "شماره حکم"),
        (7, "سرناظر"),
        (8, "سرناظر"),
    ]
    assert "رقم کنترل" in preview.errors[0].message_fa
    assert [r.row_number for r in preview.rows if r.status is RowStatus.NEW] == [2]
    with pytest.raises(ImportRefused):
        service.apply(preview)
    assert snapshot(seeded_store) == before


def test_head_observers_in_a_loop_are_refused(service, tmp_path):
    """A is B's head and B is A's head: both rows are reported."""
    rows = [
        OBSERVER_HEADERS,
        ["الف", OBS_A, "L-1", "BR1", OBS_B],
        ["ب", OBS_B, "L-2", "BR1", "ردیف ۲"],
        ["ج", OBS_C, "L-3", "BR1", 4],  # itself
    ]
    preview = service.preview_observers(write_xlsx(tmp_path / "loop.xlsx", rows))
    assert [(e.row_number, e.column) for e in preview.errors] == [
        (2, "سرناظر"),
        (3, "سرناظر"),
        (4, "سرناظر"),
    ]


def test_csv_in_utf8_with_bom_and_semicolons(service, seeded_store, tmp_path):
    """Excel's "CSV UTF-8" (BOM) with ';' as the delimiter reads like the workbook."""
    path = write_csv(tmp_path / "b.csv", good_branches()[1:], "utf-8-sig", ";")
    preview = service.preview_branches(path)
    assert preview.errors == ()
    assert (preview.format, preview.encoding, preview.delimiter) == ("csv", "utf-8-sig", ";")
    assert preview.header.row_number == 1
    assert [r.row_number for r in preview.rows] == [2, 3, 4, 5]


def test_csv_in_windows_1256_with_arabic_letters_is_normalised(service, seeded_store, tmp_path):
    """Persian Windows' ANSI CSV (Arabic ي/ك, Latin digits) is stored in Persian letters."""
    rows = [
        ["نام و نام خانوادگي", "كد ملي", "شماره حكم", "كد شعبه"],
        ["علي كاظمي", OBS_A, "1405/ك/1", "BR1"],
        ["يگانه پاكزاد", OBS_B, "1405/ك/2", "BR2"],
    ]
    path = write_csv(tmp_path / "o.csv", rows, "cp1256", "\t")
    preview = service.preview_observers(path)
    assert preview.errors == () and preview.encoding == "cp1256" and preview.delimiter == "\t"
    service.apply(preview)
    with seeded_store.unit_of_work(read_only=True) as uow:
        (a, b) = sorted(uow.observers.with_national_ids([OBS_A, OBS_B]), key=lambda o: o.full_name)
    assert (a.full_name, a.appointment_letter) == ("علی کاظمی", "1405/ک/1")
    assert b.full_name == "یگانه پاکزاد"
    assert a.head_observer_id is None  # no head column: nothing to keep for a new observer


def test_a_file_without_a_head_column_keeps_the_stored_head(service, seeded_store, tmp_path):
    """Columns the file lacks leave the stored values alone (here O2's head, O1)."""
    rows = [["نام", "نام خانوادگی", "کد ملی", "شماره حکم"], ["ناظر", "دومی", "0012345679", "H-9"]]
    with seeded_store.unit_of_work(read_only=True) as uow:
        stored = uow.observers.get("O2")
    assert stored is not None and stored.national_id == "0012345679"
    preview = service.preview_observers(write_xlsx(tmp_path / "o.xlsx", rows))
    assert preview.errors == ()
    (row,) = preview.rows
    assert row.status is RowStatus.CHANGED
    assert row.changed_fields == ("full_name", "appointment_letter")
    service.apply(preview)
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.observers.get("O2") == Observer(
            "O2", "ناظر دومی", "0012345679", "H-9", "BR1", head_observer_id="O1"
        )


def test_observers_may_use_branches_of_a_branch_file_imported_with_them(
    service, seeded_store, tmp_path
):
    """A branch known only from the accompanying branch file is accepted; both are written
    in one transaction with one audit event each."""
    branches = service.preview_branches(write_xlsx(tmp_path / "b.xlsx", good_branches()))
    rows = [OBSERVER_HEADERS, ["ناظر شعبه تازه", OBS_C, "L-9", "BR4", ""]]
    path = write_xlsx(tmp_path / "o.xlsx", rows)
    alone = service.preview_observers(path)
    assert [e.column for e in alone.errors] == ["کد شعبه"]
    together = service.preview_observers(path, branches=branches)
    assert together.ok
    audit_before = snapshot(seeded_store)[-1]
    result = service.apply(together)
    assert result.new == 1 and result.branches is not None and result.branches.new == 2
    assert snapshot(seeded_store)[-1] == audit_before + 2
    with seeded_store.unit_of_work(read_only=True) as uow:
        assert uow.branches.get("BR4") is not None
        assert uow.observers.with_national_ids([OBS_C])[0].branch_code == "BR4"


def test_a_file_changed_after_the_preview_is_refused(service, seeded_store, tmp_path):
    """apply compares the file's SHA-256 with the preview's and writes nothing if it moved."""
    path = write_xlsx(tmp_path / "b.xlsx", good_branches())
    preview = service.preview_branches(path)
    write_xlsx(path, [*good_branches(), [6, "BR5", "K1", "تازه", ""]])
    before = snapshot(seeded_store)
    with pytest.raises(ImportRefused) as refused:
        service.apply(preview)
    assert "b.xlsx" in refused.value.message_fa
    assert snapshot(seeded_store) == before


def test_counts_of_apply_describe_the_store_at_writing_time(service, seeded_store, tmp_path):
    """Rows another import wrote after the preview are counted as unchanged, not new."""
    path = write_xlsx(tmp_path / "b.xlsx", good_branches())
    first = service.preview_branches(path)
    service.apply(service.preview_branches(path))
    result = service.apply(first)
    assert (result.new, result.changed, result.unchanged) == (0, 0, 4)


def test_the_sheet_naming_the_columns_is_chosen(service, tmp_path):
    """In a workbook with a cover sheet, the branch sheet is found by its headers."""
    book = openpyxl.Workbook()
    book.active.title = "راهنما"
    book.active.append(["این فایل فهرست شعب است"])
    sheet = book.create_sheet("شعب")
    for row in good_branches():
        sheet.append(row)
    book.save(tmp_path / "two.xlsx")
    preview = service.preview_branches(tmp_path / "two.xlsx")
    assert preview.sheet == "شعب" and preview.ok


def _ole(*streams: str) -> bytes:
    header = bytes.fromhex("D0CF11E0A1B11AE1") + bytes(504)
    return header + b"".join(s.encode("utf-16-le") + bytes(8) for s in streams)


BROKEN: dict[str, tuple[str, Any]] = {
    "text renamed to .xlsx": ("a.xlsx", b"code,constituency\nBR1,K1\n"),
    "truncated workbook": ("t.xlsx", "truncate"),
    "password-protected": ("p.xlsx", _ole("EncryptionInfo", "EncryptedPackage")),
    "old .xls": ("old.xls", _ole("Workbook", "SummaryInformation")),
    "html saved as .xls": ("web.xls", "<html><table><tr><td>کد شعبه</td></tr></table></html>"),
    "zip but not a workbook": ("z.xlsx", "zip"),
    "empty file": ("e.csv", b""),
    "empty sheet": ("s.xlsx", "empty"),
    "header only": ("h.xlsx", [BRANCH_HEADERS]),
    "no recognisable header": ("n.xlsx", [["الف", "ب", "پ"], [1, 2, 3]]),
    "header lacks a column": ("m.xlsx", [["کد شعبه", "نشانی"], ["BR7", "مدرسه"]]),
    "an observer roster": ("o.xlsx", [OBSERVER_HEADERS, ["x", OBS_A, "L", "BR1", ""]]),
    "binary junk": ("j.csv", bytes(range(256)) * 4),
}


def _broken_file(tmp_path: Path, name: str, content: Any) -> Path:
    path = tmp_path / name
    if content == "truncate":
        write_xlsx(path, good_branches())
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])
    elif content == "zip":
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("word/document.xml", "<w/>")
    elif content == "empty":
        openpyxl.Workbook().save(path)
    elif isinstance(content, list):
        write_xlsx(path, content)
    else:
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_a_broken_file_gives_a_clear_error_and_changes_nothing(
    case, service, seeded_store, tmp_path
):
    """Every kind of unusable file is one ImportFileError in English and Persian."""
    name, content = BROKEN[case]
    path = _broken_file(tmp_path, name, content)
    before = snapshot(seeded_store)
    with pytest.raises(ImportFileError) as error:
        service.preview_branches(path)
    assert str(error.value) and error.value.message_fa
    assert any("\u0600" <= ch <= "\u06ff" for ch in error.value.message_fa)
    assert snapshot(seeded_store) == before


def test_each_broken_file_is_told_apart(service, tmp_path):
    """The messages name the actual trouble (password, old format, HTML, empty, header)."""
    expected = {
        "password-protected": "password",
        "old .xls": ".xls",
        "html saved as .xls": "web page",
        "truncated workbook": "damaged",
        "empty file": "empty",
        "header only": "no data rows",
        "header lacks a column": "Constituency",
        "an observer roster": "observer roster",
    }
    for case, words in expected.items():
        name, content = BROKEN[case]
        with pytest.raises(ImportFileError) as error:
            service.preview_branches(_broken_file(tmp_path, name, content))
        assert words in str(error.value), case


def test_files_beyond_the_limits_are_refused(seeded_store, tmp_path):
    """Too many bytes or too many rows: refused before anything is checked."""
    path = write_xlsx(tmp_path / "b.xlsx", good_branches())
    small = RosterImportService(seeded_store, max_bytes=1000)
    with pytest.raises(ImportFileError, match="bytes"):
        small.preview_branches(path)
    rows = [BRANCH_HEADERS] + [[i, f"X{i}", "K1", "جا", ""] for i in range(60)]
    few = RosterImportService(seeded_store, max_rows=10)
    with pytest.raises(ImportFileError, match="more than 10 rows"):
        few.preview_branches(write_csv(tmp_path / "many.csv", rows))


def test_the_shipped_samples_import_cleanly_into_the_demo_store(tmp_store, tmp_path):
    """resources/samples/make_samples.py writes files the demo store accepts as they are,
    and a deliberately broken copy that fails row by row."""
    import importlib.util

    from supervisor_app.services.demo_data import generate_demo_dataset
    from supervisor_app.store.bulk import bulk_import

    root = Path(__file__).resolve().parents[2]
    spec = importlib.util.spec_from_file_location(
        "make_samples", root / "resources" / "samples" / "make_samples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    dataset = generate_demo_dataset(0)
    bulk_import(tmp_store, dataset)
    files = module.write_samples(tmp_path, dataset)
    service = RosterImportService(tmp_store)
    branches = service.preview_branches(files["branches"])
    assert branches.ok and branches.count(RowStatus.NEW) > 0
    observers = service.preview_observers(files["observers"], branches=branches)
    assert observers.ok
    service.apply(observers)
    assert service.preview_branches(files["branches_csv"]).count(RowStatus.UNCHANGED) > 0
    broken = service.preview_observers(files["observers_with_errors"])
    assert len({e.row_number for e in broken.errors}) >= 4


# --- what goes to the registry -----------------------------------------------------------------


def _queued(store: Store) -> list[OutboxItem]:
    with store.unit_of_work(read_only=True) as uow:
        return uow.outbox.pending(limit=10_000)


def test_apply_queues_each_new_and_changed_branch_with_the_version_it_replaces(
    service, seeded_store, tmp_path
):
    """New rows go with no base, a changed row names the stored version; unchanged: nothing."""
    with seeded_store.unit_of_work(read_only=True) as uow:
        stored_br2 = uow.branches.get("BR2")
    assert stored_br2 is not None
    service.apply(service.preview_branches(write_xlsx(tmp_path / "b.xlsx", good_branches())))
    items = _queued(seeded_store)
    assert [i.kind for i in items] == [OutboxKind.BRANCH] * 3
    changes = {c.key: c for c in (decode_change("branch", i.payload) for i in items)}
    assert set(changes) == {"BR2", "BR3", "BR4"}  # BR1 is unchanged
    assert changes["BR3"].base_sha256 is None and changes["BR4"].base_sha256 is None
    assert changes["BR2"].base_sha256 == roster_hash(stored_br2)
    assert changes["BR2"].record == Branch("BR2", "K2", "مسجد جامع روستا", ("DEV-9",))
    assert all(i.id == i.payload["id"] for i in items)  # the item is named by its change


def test_reimporting_the_same_file_queues_nothing_more(service, seeded_store, tmp_path):
    """The unchanged rows of a second import owe the server nothing."""
    path = write_xlsx(tmp_path / "b.xlsx", good_branches())
    service.apply(service.preview_branches(path))
    first = _queued(seeded_store)
    result = service.apply(service.preview_branches(path))
    assert result.queued == 0
    assert [i.id for i in _queued(seeded_store)] == [i.id for i in first]


def test_a_corrected_file_queues_a_change_based_on_the_first_import(
    service, seeded_store, tmp_path
):
    """A re-import with a corrected address is a new change whose base is the first version."""
    rows = [BRANCH_HEADERS, [1, "BR8", "K1", "مدرسه قدیم", "D-8"]]
    service.apply(service.preview_branches(write_xlsx(tmp_path / "a.xlsx", rows)))
    rows[1][3] = "مدرسه جدید"
    service.apply(service.preview_branches(write_xlsx(tmp_path / "b.xlsx", rows)))
    first, second = (decode_change("branch", i.payload) for i in _queued(seeded_store))
    assert first.id != second.id  # one id never carries two contents
    assert second.base_sha256 == first.record_sha256
    assert second.record.address == "مدرسه جدید"


def test_the_outbox_sends_branches_then_heads_then_those_they_head(service, seeded_store, tmp_path):
    """Queue order is write order, so the server never meets an observer before its branch
    or its head observer (ids are random; created_at orders them)."""
    branches = service.preview_branches(write_xlsx(tmp_path / "b.xlsx", good_branches()))
    rows = [OBSERVER_HEADERS, *observer_rows()[1:], ["ناظر شعبه تازه", OBS_C, "L-9", "BR4", 4]]
    together = service.preview_observers(write_xlsx(tmp_path / "o.xlsx", rows), branches=branches)
    assert together.ok, together.all_errors
    result = service.apply(together)
    assert (result.queued, result.branches.queued if result.branches else 0) == (4, 3)
    order = [(i.kind.value, i.payload["record"]) for i in _queued(seeded_store)]
    assert [k for k, _ in order] == ["branch"] * 3 + ["observer"] * 4
    position = {r.get("code") or r["id"]: n for n, (_, r) in enumerate(order)}
    for kind, record in order:
        if kind == "observer":
            if record["branch_code"] in position:
                assert position[record["branch_code"]] < position[record["id"]]
            if record["head_observer_id"] is not None:
                assert position[record["head_observer_id"]] < position[record["id"]]


def test_a_refused_apply_queues_nothing(service, seeded_store, tmp_path):
    """Rows, audit event and outbox items are one unit: a refused import leaves no item."""
    path = write_xlsx(tmp_path / "b.xlsx", good_branches())
    preview = service.preview_branches(path)
    write_xlsx(path, [*good_branches(), [6, "BR5", "K1", "تازه", ""]])
    with pytest.raises(ImportRefused):
        service.apply(preview)
    assert _queued(seeded_store) == []
