"""Import the branch registry and the observer roster from Excel (.xlsx) or CSV files.

Two steps, so nothing is written before the user has seen what would happen:

* ``preview_branches(path)`` / ``preview_observers(path)`` read the file, find its header
  row (Persian or English column names, see ``domain/roster.py``), check every row and
  compare it with the store: an :class:`ImportPreview` with each row's outcome (new,
  changed, unchanged, invalid), every problem as a :class:`RowError` with the row number
  the user sees in Excel, and counts. Nothing is written.
* ``apply(preview)`` is all or nothing: it refuses a preview with any error, refuses when
  the file's bytes changed since the preview (SHA-256), checks the rows again against
  the store inside the write transaction, then upserts and appends one audit event per
  file naming its hash and counts, in one unit of work.

Branches and observers are reference data the registry also sends. The board's own new
and corrected rows go to the registry too: ``apply`` puts one outbox item per written
record (``domain/roster_push.py``: the record and the version it replaces) in the same
unit of work, branches before observers and head observers before those they head, so
the next sync delivers them before any report that names them.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import logging
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, Final

from ..domain.election_day import Branch, Observer
from ..domain.errors import DomainError
from ..domain.national_id import NationalIdError, parse_national_id
from ..domain.outbox import OutboxItem, OutboxKind
from ..domain.persian import normalize, search_key, to_ascii_digits, to_persian_digits
from ..domain.roster import (
    HEADER_SEARCH_ROWS,
    BranchLine,
    HeaderMap,
    ObserverLine,
    RosterFileError,
    RosterKind,
    RowError,
    cell_text,
    code_text,
    find_header,
    header_score,
    national_id_text,
    parse_branch_line,
    parse_observer_line,
    split_device_ids,
)
from ..domain.roster_push import RosterChange, change_of, encode_change
from ..store import Store, UnitOfWork

log = logging.getLogger(__name__)

Clock = Callable[[], datetime]
Progress = Callable[[int, int], None]  # (done, total); total 0 while it is not known yet
Cells = tuple[object, ...]

# A county's roster is a few thousand rows and a few hundred kilobytes; these bounds are
# far above any real file and keep a wrong or hostile file from exhausting the machine.
MAX_FILE_BYTES: Final = 32 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES: Final = 256 * 1024 * 1024  # an .xlsx is a zip: mind zip bombs
MAX_DATA_ROWS: Final = 200_000
MAX_COLUMNS: Final = 64

_ZIP_MAGIC: Final = b"PK\x03\x04"
_OLE_MAGIC: Final = bytes.fromhex("D0CF11E0A1B11AE1")  # .xls and encrypted .xlsx
_CSV_DELIMITERS: Final = (",", ";", "\t", "|")
_PROGRESS_EVERY: Final = 2000

ImportFileError = RosterFileError  # the file as a whole cannot be imported

__all__ = [
    "ImportFileError",
    "ImportPreview",
    "ImportRefused",
    "ImportResult",
    "PreviewRow",
    "RosterImportService",
    "RowError",
    "RowStatus",
]


class ImportRefused(DomainError):
    """``apply`` would not write: errors in the preview, file or store changed since."""

    def __init__(self, message: str, message_fa: str) -> None:
        super().__init__(message)
        self.message_fa = message_fa


class RowStatus(StrEnum):
    NEW = "new"
    CHANGED = "changed"
    UNCHANGED = "unchanged"
    INVALID = "invalid"


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One data row of the file and what importing it would do."""

    row_number: int
    cells: tuple[str, ...]  # the imported columns' text, in ``ImportPreview.columns`` order
    status: RowStatus
    record: Branch | Observer | None  # None when the row is invalid
    changed_fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Table:
    """A sheet or CSV as read: non-empty rows with the row numbers Excel shows."""

    format: str  # "xlsx" or "csv"
    rows: tuple[tuple[int, Cells], ...]
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None


@dataclass(frozen=True)
class ImportPreview:
    """What importing one file would do; ``apply`` it to write it."""

    kind: RosterKind
    path: Path
    sha256: str
    size: int
    format: str  # "xlsx" or "csv"
    sheet: str | None
    encoding: str | None
    delimiter: str | None
    header: HeaderMap
    rows: tuple[PreviewRow, ...]
    errors: tuple[RowError, ...]
    # A branch file previewed together with an observer roster: its branches count as
    # known, and ``apply`` writes both in one transaction.
    branches: ImportPreview | None = None
    _data: tuple[tuple[int, Cells], ...] = field(default=(), repr=False, compare=False)

    @property
    def file_name(self) -> str:
        return self.path.name

    @property
    def columns(self) -> tuple[tuple[str, str], ...]:
        """(field, header as written) of the imported columns, in the file's order."""
        order = sorted(self.header.positions.items(), key=lambda item: item[1])
        return tuple((f, self.header.headers[f]) for f, _ in order)

    @property
    def all_errors(self) -> tuple[RowError, ...]:
        return (self.branches.errors if self.branches else ()) + self.errors

    @property
    def ok(self) -> bool:
        """True when ``apply`` may write it: no row has a problem."""
        return not self.all_errors

    def count(self, status: RowStatus) -> int:
        return sum(1 for r in self.rows if r.status is status)

    @property
    def counts(self) -> dict[str, int]:
        counts = {s.value: self.count(s) for s in RowStatus}
        counts["rows"] = len(self.rows)
        counts["errors"] = len(self.errors)
        return counts


@dataclass(frozen=True, slots=True)
class ImportResult:
    kind: RosterKind
    file_name: str
    sha256: str
    new: int
    changed: int
    unchanged: int
    branches: ImportResult | None = None  # the branch file applied with an observer roster
    queued: int = 0  # new and changed records put in the outbox for the registry

    @property
    def written(self) -> int:
        return self.new + self.changed


def utc_now() -> datetime:
    return datetime.now(UTC)


def _fa(n: int) -> str:
    return to_persian_digits(n)


# --- reading files ---------------------------------------------------------------------------


def _file_error(en: str, fa: str) -> ImportFileError:
    return ImportFileError(en, fa)


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _file_error(
                f"the file is {size:,} bytes; at most {max_bytes:,} are accepted",
                f"حجم فایل ({_fa(size // 1024)} کیلوبایت) بیش از حد مجاز "
                f"({_fa(max_bytes // (1024 * 1024))} مگابایت) است؛ فهرست را در چند فایل "
                "کوچک‌تر وارد کنید.",
            )
        data = path.read_bytes()
    except ImportFileError:
        raise
    except OSError as exc:
        raise _file_error(
            f"cannot read {path}: {exc.strerror or exc}",
            f"فایل «{path.name}» خوانده نشد؛ مطمئن شوید که هست و در برنامهٔ دیگری باز نیست.",
        ) from exc
    if not data:
        raise _file_error("the file is empty", f"فایل «{path.name}» خالی است.")
    return data


def _read_table(
    path: Path, data: bytes, kind: RosterKind, max_rows: int, progress: Progress | None
) -> _Table:
    suffix = path.suffix.lower()
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if data.startswith(_OLE_MAGIC):
        raise _ole_error(data)
    if data.startswith(_ZIP_MAGIC):
        return _read_xlsx(data, kind, max_rows, progress)
    if head.startswith(b"<") and (b"<html" in head or b"<table" in head or b"<?xml" in head):
        raise _file_error(
            "this is a web page (HTML/XML) saved under a spreadsheet name, not a workbook",
            "این فایل صفحهٔ وب (HTML) است که با پسوند اکسل ذخیره شده است، نه کتاب کار اکسل. "
            "آن را در اکسل باز کنید و با قالب «.xlsx» یا «CSV» دوباره ذخیره کنید.",
        )
    if suffix in (".xlsx", ".xlsm", ".xls"):
        raise _file_error(
            "the file is not a valid Excel workbook (damaged, truncated or renamed)",
            "فایل کتاب کار معتبر اکسل نیست (آسیب‌دیده، ناقص یا تغییرنام‌یافته است). "
            "آن را در اکسل باز کنید و دوباره با قالب «.xlsx» ذخیره کنید.",
        )
    return _read_csv(data, kind, max_rows, progress)


def _password_protected() -> ImportFileError:
    return _file_error(
        "the workbook is password-protected; save a copy without a password",
        "کتاب کار با گذرواژه قفل شده است. در اکسل گذرواژه را بردارید (یا نسخه‌ای بی‌گذرواژه "
        "ذخیره کنید) و همان را وارد کنید.",
    )


def _ole_error(data: bytes) -> ImportFileError:
    # An encrypted .xlsx is an OLE container whose directory names "EncryptionInfo".
    if "EncryptionInfo".encode("utf-16-le") in data:
        return _password_protected()
    return _file_error(
        "old Excel 97-2003 (.xls) workbooks are not supported; save it as .xlsx or CSV",
        "قالب قدیمی اکسل (.xls) پشتیبانی نمی‌شود؛ فایل را در اکسل با قالب «.xlsx» یا «CSV» "
        "ذخیره کنید.",
    )


def _damaged_xlsx() -> ImportFileError:
    return _file_error(
        "the Excel file is damaged or incomplete (it does not open as a workbook)",
        "فایل اکسل آسیب‌دیده یا ناقص است و باز نمی‌شود. فایل را دوباره از مبدأ بگیرید یا در "
        "اکسل باز و دوباره ذخیره کنید.",
    )


def _too_many_rows(max_rows: int) -> ImportFileError:
    return _file_error(
        f"the file has more than {max_rows:,} rows; split it",
        f"فایل بیش از {_fa(max_rows)} ردیف دارد؛ آن را در چند فایل کوچک‌تر وارد کنید.",
    )


def _empty_sheet() -> ImportFileError:
    return _file_error(
        "the sheet is empty",
        "برگهٔ اکسل خالی است؛ هیچ ردیفی برای ورود ندارد.",
    )


def _trimmed(values: Sequence[object]) -> Cells | None:
    """The row's cells (at most MAX_COLUMNS), or None when every cell is blank."""
    cells = tuple(values[:MAX_COLUMNS])
    for value in cells:
        if value is not None and (not isinstance(value, str) or value.strip()):
            return cells
    return None


def _read_xlsx(data: bytes, kind: RosterKind, max_rows: int, progress: Progress | None) -> _Table:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        log.info("not a readable zip: %s", exc)
        raise _damaged_xlsx() from exc
    if any(info.flag_bits & 0x1 for info in infos):
        raise _password_protected()  # an encrypted zip
    if sum(info.file_size for info in infos) > MAX_UNCOMPRESSED_BYTES:
        raise _file_error(
            "the workbook unpacks to more than "
            f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB; split it",
            "محتوای کتاب کار پس از بازشدن بیش از حد مجاز است؛ فهرست را در چند فایل کوچک‌تر "
            "وارد کنید.",
        )
    if "xl/workbook.xml" not in {info.filename for info in infos}:
        raise _file_error(
            "the file is a zip archive but not an Excel workbook",
            "فایل بایگانی زیپ است اما کتاب کار اکسل نیست؛ فایل «.xlsx» یا «CSV» را انتخاب کنید.",
        )
    import openpyxl  # a second or two to import: only when a workbook is read

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no default style" and the like: harmless
            book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
            try:
                return _read_best_sheet(book, kind, max_rows, progress)
            finally:
                book.close()
    except ImportFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds on a broken part
        log.info("workbook did not open: %r", exc)
        raise _damaged_xlsx() from exc


def _sheet_rows(sheet: Any) -> Iterator[tuple[int, Cells]]:
    # Dimensions recorded in a file are often wrong (other tools write A1:A1): ignore them.
    sheet.reset_dimensions()
    # min_row given: read-only sheets yield nothing otherwise when the dimension is unset.
    for number, values in enumerate(sheet.iter_rows(min_row=1, values_only=True), start=1):
        cells = _trimmed(values)
        if cells is not None:
            yield number, cells


def _read_best_sheet(
    book: Any, kind: RosterKind, max_rows: int, progress: Progress | None
) -> _Table:
    """The sheet whose header names most of ``kind``'s columns (the first on a tie)."""
    best: tuple[int, Any] | None = None
    for sheet in book.worksheets:
        score = 0
        for index, (_, cells) in enumerate(_sheet_rows(sheet)):
            score = max(score, header_score(cells, kind))
            if index + 1 >= HEADER_SEARCH_ROWS:
                break
        if best is None or score > best[0]:
            best = (score, sheet)
    if best is None:
        raise _empty_sheet()
    sheet = best[1]
    rows: list[tuple[int, Cells]] = []
    for row in _sheet_rows(sheet):
        rows.append(row)
        if len(rows) > max_rows + HEADER_SEARCH_ROWS:
            raise _too_many_rows(max_rows)
        if progress is not None and len(rows) % _PROGRESS_EVERY == 0:
            progress(len(rows), 0)
    if not rows:
        raise _empty_sheet()
    return _Table("xlsx", tuple(rows), sheet=sheet.title)


def _decode(data: bytes) -> tuple[str, str]:
    """Text and encoding: a BOM decides; else UTF-8 if it decodes, else Windows-1256."""
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError as exc:
                raise _file_error(
                    f"the file says it is {encoding} but is not",
                    "رمزگذاری نویسه‌های فایل معتبر نیست؛ آن را دوباره با «CSV UTF-8» ذخیره کنید.",
                ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        # Excel's "CSV (comma delimited)" on Persian Windows writes Windows-1256 (Arabic).
        return data.decode("cp1256", errors="replace"), "cp1256"


def _csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, Cells]]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    for number, values in enumerate(reader, start=1):  # records, as Excel numbers them
        cells = _trimmed(values)
        if cells is not None:
            yield number, cells


def _sniff_delimiter(text: str, kind: RosterKind) -> str:
    """The delimiter under which the first rows name most expected columns; else the one
    splitting the first line most (the header check then says what is wrong)."""
    sample = "\n".join(text.splitlines()[: HEADER_SEARCH_ROWS * 2])
    scored: list[tuple[int, int, str]] = []
    for delimiter in _CSV_DELIMITERS:
        try:
            rows = [cells for _, cells in _csv_rows(sample, delimiter)][:HEADER_SEARCH_ROWS]
        except csv.Error:
            continue
        score = max((header_score(cells, kind) for cells in rows), default=0)
        width = len(rows[0]) if rows else 0
        scored.append((score, width, delimiter))
    if not scored:
        return ","
    scored.sort(key=lambda s: (s[0], s[1]), reverse=True)
    return scored[0][2]


def _read_csv(data: bytes, kind: RosterKind, max_rows: int, progress: Progress | None) -> _Table:
    text, encoding = _decode(data)
    if "\x00" in text:
        raise _file_error(
            "the file is neither an Excel workbook nor a text (CSV) file",
            "فایل نه کتاب کار اکسل است و نه فایل متنی CSV؛ فایل «.xlsx» یا «.csv» را انتخاب کنید.",
        )
    first_line = text.split("\n", 1)[0].strip()
    delimiter = None
    if first_line.lower().startswith("sep=") and len(first_line) == 5:
        # Excel's own hint line; Excel does not show it, so rows count from the next line.
        delimiter = first_line[4]
        text = text.split("\n", 1)[1] if "\n" in text else ""
    delimiter = delimiter or _sniff_delimiter(text, kind)
    rows: list[tuple[int, Cells]] = []
    try:
        for row in _csv_rows(text, delimiter):
            rows.append(row)
            if len(rows) > max_rows + HEADER_SEARCH_ROWS:
                raise _too_many_rows(max_rows)
            if progress is not None and len(rows) % _PROGRESS_EVERY == 0:
                progress(len(rows), 0)
    except csv.Error as exc:
        raise _file_error(
            f"the CSV file is malformed: {exc}",
            "ساختار فایل CSV معتبر نیست (مثلاً نقل‌قولی بسته نشده است).",
        ) from exc
    if not rows:
        raise _empty_sheet()
    return _Table("csv", tuple(rows), encoding=encoding, delimiter=delimiter)


# --- checking rows against the store ---------------------------------------------------------


@dataclass(slots=True)
class _Check:
    """Per-row outcome while checking a file."""

    errors: list[RowError] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)

    def add(self, error: RowError) -> None:
        self.errors.append(error)
        self.bad_rows.add(error.row_number)

    def extend(self, errors: Iterable[RowError]) -> None:
        for error in errors:
            self.add(error)


def _display(header: HeaderMap, cells: Cells) -> tuple[str, ...]:
    order = sorted(header.positions.values())
    return tuple(normalize(cell_text(cells[i])) if i < len(cells) else "" for i in order)


def _data_rows(
    data: Sequence[tuple[int, Cells]], header: HeaderMap
) -> list[tuple[int, Cells, dict[str, object]]]:
    """Rows below the header whose imported columns are not all blank.

    Templates often come with the «ردیف» column numbered far below the last real row;
    such rows are not data.
    """
    rows = []
    for number, cells in data:
        if number <= header.row_number:
            continue
        values = header.values(cells)
        if any(cell_text(v).strip() for v in values.values()):
            rows.append((number, cells, values))
    return rows


def _no_data() -> ImportFileError:
    return _file_error(
        "the file has a header row but no data rows",
        "فایل سطر عنوان ستون‌ها را دارد اما هیچ ردیف داده‌ای زیر آن نیست.",
    )


class _Constituencies:
    """The store's constituencies by code and by name (a name must be unambiguous)."""

    def __init__(self, uow: UnitOfWork) -> None:
        self.by_code: dict[str, str] = {}
        self.by_name: dict[str, list[str]] = {}
        for c in uow.geography.constituencies():
            self.by_code[c.code] = c.code
            self.by_code.setdefault(c.code.upper(), c.code)
            self.by_name.setdefault(search_key(c.name), []).append(c.code)

    def resolve(self, row: int, header: str, text: str) -> tuple[str | None, RowError | None]:
        code = self.by_code.get(text) or self.by_code.get(text.upper().replace(" ", ""))
        if code is not None:
            return code, None
        named = self.by_name.get(search_key(text), [])
        if len(named) == 1:
            return named[0], None
        if len(named) > 1:
            return None, RowError(
                row,
                header,
                f"several constituencies are named {text!r}; give its code",
                f"چند حوزهٔ انتخابیه به نام «{text}» هست؛ کد حوزه را بنویسید.",
            )
        return None, RowError(
            row,
            header,
            f"constituency {text!r} is not in this workstation's store "
            "(check the code, or sync first)",
            f"حوزهٔ انتخابیه «{text}» در داده‌های این رایانه نیست؛ کد را بررسی کنید یا نخست "
            "همگام‌سازی کنید.",
        )


def _changed_fields(old: Any, new: Any, names: Sequence[str]) -> tuple[str, ...]:
    return tuple(n for n in names if getattr(old, n) != getattr(new, n))


_BRANCH_FIELDS: Final = ("constituency_code", "address", "device_ids")
_OBSERVER_FIELDS: Final = (
    "full_name",
    "appointment_letter",
    "branch_code",
    "head_observer_id",
)


def _status(old: Any, new: Any, names: Sequence[str]) -> tuple[RowStatus, tuple[str, ...]]:
    if old is None:
        return RowStatus.NEW, ()
    changed = _changed_fields(old, new, names)
    return (RowStatus.CHANGED if changed else RowStatus.UNCHANGED), changed


def check_branches(
    data: Sequence[tuple[int, Cells]], header: HeaderMap, uow: UnitOfWork
) -> tuple[list[PreviewRow], list[RowError]]:
    """Each branch row's outcome against the store, and every problem found."""
    rows = _data_rows(data, header)
    if not rows:
        raise _no_data()
    h = header.headers
    check = _Check()
    lines: dict[int, BranchLine] = {}
    first_code: dict[str, int] = {}
    first_device: dict[str, int] = {}
    for number, _cells, values in rows:
        line, errors = parse_branch_line(number, values, header)
        check.extend(errors)
        # Duplicates are judged on the cells themselves, so a row with another problem
        # still reports its duplicate too.
        code = code_text(values.get("code"))
        earlier = first_code.setdefault(code, number) if code else number
        if earlier != number:
            check.add(
                RowError(
                    number,
                    h["code"],
                    f"branch code {code} is also on row {earlier}",
                    f"کد شعبهٔ «{code}» در ردیف {_fa(earlier)} هم آمده است؛ هر شعبه یک ردیف دارد.",
                )
            )
        if line is not None:
            lines[number] = line
        for device in split_device_ids(values.get("device_ids")):
            seen = first_device.setdefault(device, number)
            if seen != number:
                check.add(
                    RowError(
                        number,
                        h["device_ids"],
                        f"box {device} is also listed for the branch on row {seen}",
                        f"صندوق «{device}» برای شعبهٔ ردیف {_fa(seen)} هم آمده است؛ "
                        "هر صندوق در یک شعبه است.",
                    )
                )
    constituencies = _Constituencies(uow)
    existing = uow.branches.get_many(line.code for line in lines.values())
    out: list[PreviewRow] = []
    for number, cells, _values in rows:
        line = lines.get(number)
        record: Branch | None = None
        if line is not None:
            code, problem = constituencies.resolve(number, h["constituency"], line.constituency)
            if problem is not None:
                check.add(problem)
            else:
                assert code is not None
                old = existing.get(line.code)
                devices = line.device_ids
                if devices is None:  # no device column: keep what the store has
                    devices = old.device_ids if old is not None else ()
                record = Branch(line.code, code, line.address, devices)
        if number in check.bad_rows or record is None:
            out.append(PreviewRow(number, _display(header, cells), RowStatus.INVALID, None))
            continue
        status, changed = _status(existing.get(record.code), record, _BRANCH_FIELDS)
        out.append(PreviewRow(number, _display(header, cells), status, record, changed))
    return out, sorted(check.errors, key=lambda e: e.row_number)


def _valid_national_id(value: object) -> str | None:
    try:
        return parse_national_id(national_id_text(value))
    except NationalIdError:
        return None


def new_observer_id(national_id: str) -> str:
    """The id a newly imported observer gets: stable, so a re-import finds the same one."""
    return f"OBS-{national_id}"


def check_observers(
    data: Sequence[tuple[int, Cells]],
    header: HeaderMap,
    uow: UnitOfWork,
    known_branches: Iterable[str] = (),
) -> tuple[list[PreviewRow], list[RowError]]:
    """Each observer row's outcome against the store, and every problem found.

    Observers are matched with the store by national id. ``known_branches`` are codes
    that count as existing besides the store's (a branch file imported alongside).
    """
    rows = _data_rows(data, header)
    if not rows:
        raise _no_data()
    h = header.headers
    check = _Check()
    lines: dict[int, ObserverLine] = {}
    first_id: dict[str, int] = {}
    first_letter: dict[str, int] = {}
    for number, _cells, values in rows:
        line, errors = parse_observer_line(number, values, header)
        check.extend(errors)
        # Duplicates are judged on the cells themselves, so a row with another problem
        # still reports its duplicate too.
        national_id = _valid_national_id(values.get("national_id"))
        earlier = first_id.setdefault(national_id, number) if national_id else number
        if earlier != number:
            check.add(
                RowError(
                    number,
                    h["national_id"],
                    f"national id {national_id} is also on row {earlier}",
                    f"کد ملی «{national_id}» در ردیف {_fa(earlier)} هم آمده است؛ "
                    "هر ناظر یک ردیف دارد.",
                )
            )
        letter = to_ascii_digits(normalize(cell_text(values.get("appointment_letter"))))
        seen = first_letter.setdefault(letter, number) if letter else number
        if seen != number:
            check.add(
                RowError(
                    number,
                    h["appointment_letter"],
                    f"appointment letter {letter} is also on row {seen}",
                    f"شماره حکم «{letter}» در ردیف {_fa(seen)} هم آمده است.",
                )
            )
        if line is not None and earlier == number:
            lines[number] = line

    head_ids = {ln.head.national_id for ln in lines.values() if ln.head and ln.head.national_id}
    stored: dict[str, Observer] = {}
    for o in uow.observers.with_national_ids({ln.national_id for ln in lines.values()} | head_ids):
        stored.setdefault(o.national_id, o)  # id order: the oldest record wins
    id_of = {
        number: (stored[ln.national_id].id if ln.national_id in stored else None)
        or new_observer_id(ln.national_id)
        for number, ln in lines.items()
    }
    row_of_nid = {ln.national_id: number for number, ln in lines.items()}
    file_ids = set(id_of.values())
    branch_codes = {ln.branch_code for ln in lines.values() if ln.branch_code}
    branches = set(uow.branches.get_many(branch_codes)) | set(known_branches)
    data_rows = {number for number, _, _ in rows}

    def head_id(number: int, line: ObserverLine) -> str | None:
        ref = line.head
        assert ref is not None
        if ref.row is not None:
            if ref.row in id_of:
                return id_of[ref.row]
            if ref.row in data_rows:
                check.add(
                    RowError(
                        number,
                        h["head"],
                        f"the head observer's row {ref.row} has problems of its own",
                        f"ردیف {_fa(ref.row)} که سرناظر این ناظر است خودش خطا دارد.",
                    )
                )
            else:
                check.add(
                    RowError(
                        number,
                        h["head"],
                        f"there is no observer on row {ref.row}",
                        f"در ردیف {_fa(ref.row)} ناظری نیست که سرناظر باشد.",
                    )
                )
            return None
        if ref.national_id is not None:
            if ref.national_id in row_of_nid:
                return id_of[row_of_nid[ref.national_id]]
            if ref.national_id in stored:
                return stored[ref.national_id].id
            check.add(
                RowError(
                    number,
                    h["head"],
                    f"no observer with national id {ref.national_id} in the file or the store",
                    f"ناظری با کد ملی «{ref.national_id}» (سرناظر) نه در این فایل هست و نه در "
                    "داده‌های این رایانه.",
                )
            )
            return None
        assert ref.observer_id is not None
        if ref.observer_id in file_ids or uow.observers.get(ref.observer_id) is not None:
            return ref.observer_id
        check.add(
            RowError(
                number,
                h["head"],
                f"no observer {ref.observer_id} is known",
                f"ناظری با شناسهٔ «{ref.observer_id}» (سرناظر) شناخته نیست.",
            )
        )
        return None

    records: dict[int, Observer] = {}
    for number, line in lines.items():
        own_id = id_of[number]
        old = stored.get(line.national_id)
        if line.branch_code is not None and line.branch_code not in branches:
            check.add(
                RowError(
                    number,
                    h["branch_code"],
                    f"branch {line.branch_code} is neither in the store nor in this import",
                    f"شعبهٔ «{line.branch_code}» نه در داده‌های این رایانه هست و نه در فایل شعب "
                    "همین ورود؛ نخست شعبه را وارد کنید.",
                )
            )
        head: str | None = None
        if line.head is not None:
            head = head_id(number, line)
            if head == own_id:
                check.add(
                    RowError(
                        number,
                        h["head"],
                        "an observer cannot be their own head observer",
                        "ناظر نمی‌تواند سرناظر خودش باشد.",
                    )
                )
        if not header.has("head") and old is not None:
            head = old.head_observer_id  # no head column: keep what the store has
        branch = line.branch_code
        if not header.has("branch_code") and old is not None:
            branch = old.branch_code
        records[number] = Observer(
            id=own_id,
            full_name=line.full_name,
            national_id=line.national_id,
            appointment_letter=line.appointment_letter,
            branch_code=branch,
            head_observer_id=head,
        )
    _check_head_loops(records, h.get("head", ""), check)

    out: list[PreviewRow] = []
    for number, cells, _values in rows:
        record = records.get(number)
        if number in check.bad_rows or record is None:
            out.append(PreviewRow(number, _display(header, cells), RowStatus.INVALID, None))
            continue
        status, changed = _status(stored.get(record.national_id), record, _OBSERVER_FIELDS)
        out.append(PreviewRow(number, _display(header, cells), status, record, changed))
    return out, sorted(check.errors, key=lambda e: e.row_number)


def _check_head_loops(records: dict[int, Observer], header: str, check: _Check) -> None:
    """Head observers in a circle (A's head is B, B's head is A) cannot be written."""
    head_of = {o.id: o.head_observer_id for o in records.values()}
    for number, observer in records.items():
        seen = {observer.id}
        current = observer.head_observer_id
        while current is not None and current in head_of:
            if current in seen:
                check.add(
                    RowError(
                        number,
                        header,
                        "the head observers of this row form a loop",
                        "سرناظرهای این ردیف دور می‌زنند (سرناظرِ سرناظر به خود این ناظر برمی‌گردد).",
                    )
                )
                break
            seen.add(current)
            current = head_of[current]


def _heads_first(observers: Sequence[Observer]) -> list[Observer]:
    """Write order in which every head observer precedes those reporting to them."""
    by_id = {o.id: o for o in observers}
    depth: dict[str, int] = {}

    def depth_of(observer_id: str) -> int:
        chain: list[str] = []
        current: str | None = observer_id
        while current is not None and current in by_id and current not in depth:
            chain.append(current)
            current = by_id[current].head_observer_id
            if len(chain) > len(by_id):  # a loop: refused before writing, but stay finite
                break
        base = depth.get(current, -1) if current is not None else -1
        for offset, item in enumerate(reversed(chain), start=1):
            depth[item] = base + offset
        return depth[observer_id]

    return sorted(observers, key=lambda o: (depth_of(o.id), o.id))


# --- the service -----------------------------------------------------------------------------


class RosterImportService:
    """Preview and apply branch and observer files over one store."""

    def __init__(
        self,
        store: Store,
        *,
        actor: str = "workstation",
        now: Clock = utc_now,
        max_bytes: int = MAX_FILE_BYTES,
        max_rows: int = MAX_DATA_ROWS,
    ) -> None:
        self._store = store
        self._actor = actor
        self._now = now
        self._max_bytes = max_bytes
        self._max_rows = max_rows

    def preview_branches(self, path: Path | str, progress: Progress | None = None) -> ImportPreview:
        """Read and check a branch registry file; writes nothing."""
        return self._preview(Path(path), RosterKind.BRANCHES, progress, None)

    def preview_observers(
        self,
        path: Path | str,
        progress: Progress | None = None,
        *,
        branches: ImportPreview | None = None,
    ) -> ImportPreview:
        """Read and check an observer roster; writes nothing.

        ``branches`` is a branch file's preview to import together with it: its branches
        count as known, and ``apply`` writes both files in one transaction.
        """
        if branches is not None and branches.kind is not RosterKind.BRANCHES:
            raise ValueError("branches must be a branch file's preview")
        return self._preview(Path(path), RosterKind.OBSERVERS, progress, branches)

    def _preview(
        self,
        path: Path,
        kind: RosterKind,
        progress: Progress | None,
        branches: ImportPreview | None,
    ) -> ImportPreview:
        data = _read_bytes(path, self._max_bytes)
        digest = hashlib.sha256(data).hexdigest()
        table = _read_table(path, data, kind, self._max_rows, progress)
        header = find_header(table.rows, kind)
        with self._store.unit_of_work(read_only=True) as uow:
            if kind is RosterKind.BRANCHES:
                rows, errors = check_branches(table.rows, header, uow)
            else:
                known = _valid_codes(branches) if branches is not None else ()
                rows, errors = check_observers(table.rows, header, uow, known)
        if len(rows) > self._max_rows:
            raise _too_many_rows(self._max_rows)
        if progress is not None:
            progress(len(rows), len(rows))
        return ImportPreview(
            kind=kind,
            path=path,
            sha256=digest,
            size=len(data),
            format=table.format,
            sheet=table.sheet,
            encoding=table.encoding,
            delimiter=table.delimiter,
            header=header,
            rows=tuple(rows),
            errors=tuple(errors),
            branches=branches,
            _data=table.rows,
        )

    def apply(self, preview: ImportPreview) -> ImportResult:
        """Write the previewed file(s), all or nothing; ImportRefused says why not."""
        parts = [p for p in (preview.branches, preview) if p is not None]
        if not preview.ok:
            n = len(preview.all_errors)
            raise ImportRefused(
                f"the file has {n} problem(s); correct them and preview again",
                f"فایل {_fa(n)} خطا دارد؛ هیچ چیز وارد نشد. خطاها را در فایل اصلاح و دوباره "
                "بررسی کنید.",
            )
        for part in parts:
            self._same_file(part)
        results: list[ImportResult] = []
        moment = self._now()
        with self._store.unit_of_work() as uow:
            for part in parts:
                results.append(self._write(uow, part, moment))
        if len(results) == 2:
            branch_result, observer_result = results
            return _with_branches(observer_result, branch_result)
        return results[0]

    def _same_file(self, preview: ImportPreview) -> None:
        try:
            data = _read_bytes(preview.path, self._max_bytes)
        except ImportFileError as exc:
            raise ImportRefused(str(exc), exc.message_fa) from exc
        if hashlib.sha256(data).hexdigest() != preview.sha256:
            raise ImportRefused(
                f"{preview.file_name} changed since it was previewed; preview it again",
                f"فایل «{preview.file_name}» پس از بررسی تغییر کرده است؛ هیچ چیز وارد نشد. "
                "آن را دوباره بررسی کنید.",
            )

    def _write(self, uow: UnitOfWork, preview: ImportPreview, moment: datetime) -> ImportResult:
        # Checked again inside the write transaction: another import or a sync may have
        # changed the store since the preview, and counts must say what was written.
        if preview.kind is RosterKind.BRANCHES:
            rows, errors = check_branches(preview._data, preview.header, uow)
        else:
            rows, errors = check_observers(preview._data, preview.header, uow)
        if errors:
            raise ImportRefused(
                f"the store changed since the preview: {len(errors)} row(s) no longer fit; "
                "preview again",
                "داده‌های این رایانه پس از بررسی فایل تغییر کرده است و "
                f"{_fa(len(errors))} ردیف دیگر درست نیست؛ هیچ چیز وارد نشد. دوباره بررسی کنید.",
            )
        to_write = [r.record for r in rows if r.status in (RowStatus.NEW, RowStatus.CHANGED)]
        changes: list[RosterChange]
        if preview.kind is RosterKind.BRANCHES:
            branches = [r for r in to_write if isinstance(r, Branch)]
            before = uow.branches.get_many(b.code for b in branches)
            uow.branches.add_all(branches)
            changes = [change_of(b, before.get(b.code)) for b in branches]
        else:
            observers = _heads_first([r for r in to_write if isinstance(r, Observer)])
            stored = {
                o.id: o for o in uow.observers.with_national_ids(o.national_id for o in observers)
            }
            uow.observers.add_all(observers)
            changes = [change_of(o, stored.get(o.id)) for o in observers]
        _enqueue(uow, changes, moment)
        result = ImportResult(
            kind=preview.kind,
            file_name=preview.file_name,
            sha256=preview.sha256,
            new=sum(1 for r in rows if r.status is RowStatus.NEW),
            changed=sum(1 for r in rows if r.status is RowStatus.CHANGED),
            unchanged=sum(1 for r in rows if r.status is RowStatus.UNCHANGED),
            queued=len(changes),
        )
        uow.audit.append(
            self._actor,
            f"roster.{preview.kind.value}_imported",
            preview.file_name,
            {
                "file": preview.file_name,
                "sha256": preview.sha256,
                "format": preview.format,
                "rows": len(rows),
                "new": result.new,
                "changed": result.changed,
                "unchanged": result.unchanged,
                "queued": result.queued,
            },
            at=moment,
        )
        return result


def _enqueue(uow: UnitOfWork, changes: Sequence[RosterChange], moment: datetime) -> None:
    """One outbox item per change, queued after everything already in the outbox.

    The outbox sends in (created_at, id) order and ids are random, so the items get
    strictly increasing times: the write order (branches, then head observers, then those
    they head) and the order of successive imports (a correction after the version it
    corrects) are the order the server receives them, even with a coarse or fixed clock.
    """
    start = moment
    tail = uow.outbox.last_created_at() if changes else None
    if tail is not None and (tail.tzinfo is None) == (moment.tzinfo is None) and tail >= start:
        start = tail + timedelta(microseconds=1)
    kinds = {"branch": OutboxKind.BRANCH, "observer": OutboxKind.OBSERVER}
    uow.outbox.add_many(
        OutboxItem(
            change.id,
            kinds[change.kind],
            encode_change(change),
            start + timedelta(microseconds=n),
        )
        for n, change in enumerate(changes)
    )


def _valid_codes(preview: ImportPreview) -> set[str]:
    return {r.record.code for r in preview.rows if isinstance(r.record, Branch)}


def _with_branches(result: ImportResult, branches: ImportResult) -> ImportResult:
    return ImportResult(
        kind=result.kind,
        file_name=result.file_name,
        sha256=result.sha256,
        new=result.new,
        changed=result.changed,
        unchanged=result.unchanged,
        branches=branches,
        queued=result.queued,
    )
