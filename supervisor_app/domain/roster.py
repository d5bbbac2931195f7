"""Branch registry and observer roster from spreadsheets: headers, cells and row rules.

Plain Python. The service (``services/roster_import.py``) reads the file and resolves what
needs the store (constituencies, existing branches and observers); everything that can be
judged from one row alone is decided here, with English and Persian messages.

Boards receive these lists as Excel or CSV files made by hand or exported from other
systems, so headers come in several spellings (``کد ملی``, ``کدملی``, ``national id``),
with Arabic ي/ك, stray spaces, ZWNJ and notes in parentheses; cells carry Persian or
Latin digits, and national ids typed into number cells have lost their leading zeros.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum
from typing import Final

from .errors import DomainError
from .national_id import NATIONAL_ID_LENGTH, NationalIdError, parse_national_id
from .persian import normalize, search_key, to_ascii_digits, to_persian_digits

__all__ = [
    "BRANCH_COLUMNS",
    "OBSERVER_COLUMNS",
    "BranchLine",
    "Column",
    "HeadRef",
    "HeaderMap",
    "ObserverLine",
    "RosterFileError",
    "RosterKind",
    "RowError",
    "cell_text",
    "code_text",
    "columns_for",
    "find_header",
    "header_key",
    "header_score",
    "national_id_text",
    "parse_branch_line",
    "parse_observer_line",
    "split_device_ids",
]

# The registry's wire format (domain/wire.py) accepts these; an imported row that breaks
# them could never be synchronised, so it is refused here.
CODE_PATTERN: Final = re.compile(r"[0-9A-Za-z._/-]{1,32}")
ID_PATTERN: Final = re.compile(r"[0-9A-Za-z._:/-]{1,64}")
MAX_ADDRESS: Final = 512
MAX_NAME: Final = 128
MAX_LETTER: Final = 64
MAX_DEVICES: Final = 16
HEADER_SEARCH_ROWS: Final = 20  # title rows above the header are common; not more
MAX_ROW_REFERENCE_DIGITS: Final = 7  # a row number; national ids have 10 digits

# Device ids in one cell: comma, Persian comma, semicolons, slashes are ids' own, spaces.
_DEVICE_SEPARATORS = re.compile("[,\u060c;\u061b\\s]+")
_CODE_JUNK = re.compile("[\\s\u200c]+")
_PARENTHESISED = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_ROW_REFERENCE = re.compile(r"(?:ردیف|row|#|r)?\s*[.:#]?\s*(\d{1,7})", re.IGNORECASE)


class RosterKind(StrEnum):
    BRANCHES = "branches"
    OBSERVERS = "observers"


class RosterFileError(DomainError):
    """The file as a whole cannot be imported (unreadable, no header, too big...)."""

    def __init__(self, message: str, message_fa: str) -> None:
        super().__init__(message)
        self.message_fa = message_fa


@dataclass(frozen=True, slots=True)
class RowError:
    """One problem of one row, as the user finds it in Excel."""

    row_number: int  # 1-based, counting the header and any title rows above it
    column: str  # the header as written in the file; "" when the whole row is meant
    message_en: str
    message_fa: str


@dataclass(frozen=True, slots=True)
class Column:
    """A column the import understands, and the headers accepted for it."""

    field: str
    label_en: str
    label_fa: str
    required: bool
    aliases: tuple[str, ...]


BRANCH_COLUMNS: Final[tuple[Column, ...]] = (
    Column(
        "code",
        "Branch code",
        "کد شعبه",
        True,
        (
            "کد شعبه",
            "شماره شعبه",
            "شعبه",
            "کد",
            "code",
            "branch code",
            "branch",
            "branch number",
            "branch no",
        ),
    ),
    Column(
        "constituency",
        "Constituency (code or name)",
        "حوزهٔ انتخابیه (کد یا نام)",
        True,
        (
            "حوزه انتخابیه",
            "حوزهٔ انتخابیه",
            "کد حوزه",
            "کد حوزه انتخابیه",
            "حوزه",
            "نام حوزه",
            "constituency",
            "constituency code",
        ),
    ),
    Column(
        "address",
        "Address",
        "نشانی",
        True,
        ("نشانی", "آدرس", "نشانی شعبه", "آدرس شعبه", "محل شعبه", "محل استقرار", "address"),
    ),
    Column(
        "device_ids",
        "Electronic box ids",
        "شناسهٔ صندوق‌ها",
        False,
        (
            "شناسه صندوق",
            "شناسه صندوق‌ها",
            "شناسه صندوقها",
            "شناسه دستگاه",
            "شناسه دستگاه‌ها",
            "شناسه دستگاهها",
            "شناسه صندوق الکترونیکی",
            "صندوق الکترونیکی",
            "صندوق",
            "دستگاه",
            "device ids",
            "device id",
            "devices",
            "box ids",
            "box id",
        ),
    ),
)

OBSERVER_COLUMNS: Final[tuple[Column, ...]] = (
    Column(
        "full_name",
        "Full name",
        "نام و نام خانوادگی",
        True,
        ("نام و نام خانوادگی", "نام و نام‌خانوادگی", "نام کامل", "full name", "name"),
    ),
    Column("first_name", "First name", "نام", False, ("نام", "first name")),
    Column(
        "last_name",
        "Last name",
        "نام خانوادگی",
        False,
        ("نام خانوادگی", "نام‌خانوادگی", "last name", "surname", "family name"),
    ),
    Column(
        "national_id",
        "National id",
        "کد ملی",
        True,
        ("کد ملی", "شماره ملی", "national id", "national code", "nid"),
    ),
    Column(
        "appointment_letter",
        "Appointment letter number",
        "شماره حکم",
        True,
        (
            "شماره حکم",
            "شماره ابلاغ",
            "شماره ابلاغیه",
            "حکم",
            "appointment letter",
            "letter number",
            "letter",
        ),
    ),
    Column(
        "branch_code",
        "Branch code",
        "کد شعبه",
        False,
        ("کد شعبه", "شماره شعبه", "شعبه", "branch", "branch code"),
    ),
    Column(
        "head",
        "Head observer (national id or row)",
        "سرناظر (کد ملی یا ردیف)",
        False,
        ("سرناظر", "کد ملی سرناظر", "ردیف سرناظر", "head observer", "head"),
    ),
)

# Headers that are understood and deliberately not imported (not reported as unknown).
_ROW_NUMBER_HEADERS: Final = frozenset({"ردیف", "row", "#", "شمارهردیف", "no"})


def columns_for(kind: RosterKind) -> tuple[Column, ...]:
    return BRANCH_COLUMNS if kind is RosterKind.BRANCHES else OBSERVER_COLUMNS


def header_key(text: str) -> str:
    """Spelling-independent key of a header: «کد ملی (۱۰ رقم)*» and «كدملي» match."""
    text = _PARENTHESISED.sub(" ", normalize(text))
    return search_key(text).replace(" ", "")


_ALIASES: Final[dict[RosterKind, dict[str, str]]] = {
    kind: {header_key(alias): col.field for col in columns_for(kind) for alias in col.aliases}
    for kind in RosterKind
}


def cell_text(value: object) -> str:
    """A cell as text: numbers without a spurious ``.0``, dates in ISO form."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


# --- the header row -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeaderMap:
    """Where each understood column is, in a file's header row."""

    kind: RosterKind
    row_number: int
    positions: dict[str, int]  # field -> 0-based column index
    headers: dict[str, str]  # field -> the header as written
    ignored: tuple[str, ...]  # other non-empty headers, as written

    def has(self, field: str) -> bool:
        return field in self.positions

    def values(self, cells: Sequence[object]) -> dict[str, object]:
        """The row's cells by field (only the columns this file has)."""
        return {f: cells[i] if i < len(cells) else None for f, i in self.positions.items()}


def _match(cells: Sequence[object], kind: RosterKind) -> tuple[dict[str, int], list[str]]:
    """Field positions of a candidate header row (first occurrence) and unmatched headers."""
    aliases = _ALIASES[kind]
    positions: dict[str, int] = {}
    unmatched: list[str] = []
    for index, cell in enumerate(cells):
        text = normalize(cell_text(cell))
        if not text:
            continue
        field = aliases.get(header_key(text))
        if field is None or field in positions:
            unmatched.append(text)
        else:
            positions[field] = index
    return positions, unmatched


def header_score(cells: Sequence[object], kind: RosterKind) -> int:
    """How many of ``kind``'s columns this row names (to pick a sheet or a delimiter)."""
    return len(_match(cells, kind)[0])


def _missing(kind: RosterKind, positions: Mapping[str, int]) -> list[Column]:
    fields = set(positions)
    # «نام» alone is the full name; «نام» + «نام خانوادگی» make it.
    if kind is RosterKind.OBSERVERS and "full_name" not in fields and "first_name" in fields:
        fields.add("full_name")
    return [c for c in columns_for(kind) if c.required and c.field not in fields]


def _labels_fa(columns: Sequence[Column]) -> str:
    return "، ".join(f"«{c.label_fa}»" for c in columns)


def _labels_en(columns: Sequence[Column]) -> str:
    return ", ".join(f"'{c.label_en}'" for c in columns)


def find_header(rows: Sequence[tuple[int, Sequence[object]]], kind: RosterKind) -> HeaderMap:
    """The header row among the first non-empty rows, or RosterFileError saying why not.

    Title rows above the header (a merged «فهرست شعب ...» line) are skipped; the header is
    the first row naming every required column, else the row naming most of them.
    """
    best: tuple[int, int, dict[str, int], list[str]] | None = None
    for row_number, cells in rows[:HEADER_SEARCH_ROWS]:
        positions, unmatched = _match(cells, kind)
        complete = bool(positions) and not _missing(kind, positions)
        if best is None or complete or len(positions) > best[0]:
            best = (len(positions), row_number, positions, unmatched)
        if complete:
            break
    other = RosterKind.OBSERVERS if kind is RosterKind.BRANCHES else RosterKind.BRANCHES
    if best is None or best[0] == 0 or (best[0] == 1 and _missing(kind, best[2])):
        if any(header_score(cells, other) >= 2 for _, cells in rows[:HEADER_SEARCH_ROWS]):
            raise _wrong_kind(kind)
        accepted = columns_for(kind)
        raise RosterFileError(
            "no header row found: the first rows name none of the expected columns "
            f"({_labels_en(accepted)})",
            "سطر عنوان ستون‌ها پیدا نشد: هیچ‌یک از ستون‌های مورد انتظار "
            f"({_labels_fa(accepted)}) در سطرهای نخست فایل نیامده است. "
            "سطر اول جدول باید نام ستون‌ها باشد.",
        )
    _, row_number, positions, unmatched = best
    missing = _missing(kind, positions)
    if missing:
        raise RosterFileError(
            f"row {row_number} looks like the header but lacks the column(s) {_labels_en(missing)}",
            f"در سطر عنوان (ردیف {to_persian_digits(row_number)}) ستون {_labels_fa(missing)} "
            "نیست. این ستون را با یکی از نام‌های پذیرفته‌شده به فایل بیفزایید.",
        )
    duplicated = _duplicated(rows, row_number, kind)
    if duplicated:
        raise RosterFileError(
            f"the header row names the column '{duplicated.label_en}' twice; keep one",
            f"ستون «{duplicated.label_fa}» در سطر عنوان دو بار آمده است؛ یکی را حذف کنید.",
        )
    only_first = "full_name" not in positions and "last_name" not in positions
    if kind is RosterKind.OBSERVERS and only_first:
        positions = dict(positions)
        positions["full_name"] = positions.pop("first_name")  # «نام» alone: the full name
    cells = next(c for n, c in rows if n == row_number)
    headers = {f: normalize(cell_text(cells[i])) for f, i in positions.items()}
    ignored = tuple(u for u in unmatched if header_key(u) not in _ROW_NUMBER_HEADERS)
    return HeaderMap(kind, row_number, positions, headers, ignored)


def _duplicated(
    rows: Sequence[tuple[int, Sequence[object]]], row_number: int, kind: RosterKind
) -> Column | None:
    cells = next(c for n, c in rows if n == row_number)
    aliases = _ALIASES[kind]
    seen: set[str] = set()
    for cell in cells:
        field = aliases.get(header_key(normalize(cell_text(cell))))
        if field is None:
            continue
        if field in seen:
            return next(c for c in columns_for(kind) if c.field == field)
        seen.add(field)
    return None


def _wrong_kind(kind: RosterKind) -> RosterFileError:
    if kind is RosterKind.BRANCHES:
        return RosterFileError(
            "this looks like an observer roster, not a branch registry",
            "این فایل فهرست ناظران است، نه فهرست شعب؛ آن را از «ورود ناظران از فایل» وارد کنید.",
        )
    return RosterFileError(
        "this looks like a branch registry, not an observer roster",
        "این فایل فهرست شعب است، نه فهرست ناظران؛ آن را از «ورود شعب از فایل» وارد کنید.",
    )


# --- cells -----------------------------------------------------------------------------------


def _text(value: object) -> str:
    return normalize(cell_text(value))


def code_text(value: object) -> str:
    """A code as typed: Latin digits, no spaces (``" ۱۲-ب "`` stays wrong, but visibly)."""
    return _CODE_JUNK.sub("", to_ascii_digits(_text(value)))


def split_device_ids(value: object) -> tuple[str, ...]:
    """Electronic box ids of one cell, in order, without repeats."""
    text = to_ascii_digits(_text(value))
    ids = [part for part in _DEVICE_SEPARATORS.split(text) if part]
    return tuple(dict.fromkeys(ids))


def national_id_text(value: object) -> str:
    """A national id cell as text; a number cell gets back the leading zeros it dropped.

    A number cannot hold leading zeros, and every national id has exactly ten digits, so
    zero-padding a number is restoring it, not guessing (text cells are never padded).
    """
    if _is_number(value):
        number = float(value)  # type: ignore[arg-type]
        if number.is_integer() and 0 < number < 10**NATIONAL_ID_LENGTH:
            return f"{int(number):0{NATIONAL_ID_LENGTH}d}"
    return _text(value)


def _national_id_error(text: str, exc: NationalIdError) -> tuple[str, str]:
    digits = re.sub(r"[\s\-]", "", to_ascii_digits(text))
    fa_value = f"«{text}»"
    if not digits.isdigit():
        return str(exc), f"کد ملی {fa_value} باید فقط رقم باشد."
    if len(digits) != NATIONAL_ID_LENGTH:
        hint = (
            " شاید صفرهای ابتدای آن در اکسل حذف شده است؛ ستون را «متنی» کنید و کد را کامل بنویسید."
            if len(digits) < NATIONAL_ID_LENGTH
            else ""
        )
        return str(exc), (
            f"کد ملی {fa_value} باید ۱۰ رقم باشد، {to_persian_digits(len(digits))} رقم است.{hint}"
        )
    if len(set(digits)) == 1:
        return str(exc), f"کد ملی {fa_value} ده رقم یکسان است و معتبر نیست."
    return str(exc), f"کد ملی {fa_value} نامعتبر است (رقم کنترل آن نادرست است)."


def _missing_cell(row: int, header: str, label_fa: str, label_en: str) -> RowError:
    return RowError(
        row,
        header,
        f"the cell '{label_en}' is empty",
        f"خانهٔ «{label_fa}» خالی است.",
    )


def _too_long(row: int, header: str, label_fa: str, label_en: str, limit: int) -> RowError:
    return RowError(
        row,
        header,
        f"'{label_en}' is longer than {limit} characters",
        f"«{label_fa}» بیش از {to_persian_digits(limit)} نویسه است.",
    )


def _bad_code(row: int, header: str, value: str, label_fa: str) -> RowError:
    return RowError(
        row,
        header,
        f"the code {value!r} may hold only Latin letters, digits and . _ / - "
        "(at most 32 characters)",
        f"«{label_fa}» («{value}») فقط می‌تواند حرف لاتین، رقم و نشانه‌های . _ / - داشته باشد "
        "(حداکثر ۳۲ نویسه).",
    )


# --- branch rows -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BranchLine:
    """A branch row that passed the row rules; the constituency is still as written."""

    row_number: int
    code: str
    constituency: str  # a code or a name; the service resolves it against the store
    address: str
    device_ids: tuple[str, ...] | None  # None: the file has no device column


def parse_branch_line(
    row_number: int, cells: Mapping[str, object], header: HeaderMap
) -> tuple[BranchLine | None, list[RowError]]:
    """The row rules of a branch: required cells, code and device id shapes, lengths."""
    h = header.headers
    errors: list[RowError] = []
    code = code_text(cells.get("code"))
    if not code:
        errors.append(_missing_cell(row_number, h["code"], "کد شعبه", "branch code"))
    elif not CODE_PATTERN.fullmatch(code):
        errors.append(_bad_code(row_number, h["code"], code, "کد شعبه"))
    constituency = to_ascii_digits(_text(cells.get("constituency")))
    if not constituency:
        errors.append(_missing_cell(row_number, h["constituency"], "حوزهٔ انتخابیه", "constituency"))
    address = _text(cells.get("address"))
    if not address:
        errors.append(_missing_cell(row_number, h["address"], "نشانی", "address"))
    elif len(address) > MAX_ADDRESS:
        errors.append(_too_long(row_number, h["address"], "نشانی", "address", MAX_ADDRESS))
    device_ids: tuple[str, ...] | None = None
    if header.has("device_ids"):
        device_ids = split_device_ids(cells.get("device_ids"))
        bad = [d for d in device_ids if not ID_PATTERN.fullmatch(d)]
        if bad:
            errors.append(
                RowError(
                    row_number,
                    h["device_ids"],
                    f"box id {bad[0]!r} may hold only Latin letters, digits and . _ : / -",
                    f"شناسهٔ صندوق «{bad[0]}» فقط می‌تواند حرف لاتین، رقم و نشانه‌های "
                    ". _ : / - داشته باشد.",
                )
            )
        if len(device_ids) > MAX_DEVICES:
            errors.append(
                RowError(
                    row_number,
                    h["device_ids"],
                    f"more than {MAX_DEVICES} boxes in one branch",
                    f"بیش از {to_persian_digits(MAX_DEVICES)} صندوق برای یک شعبه آمده است.",
                )
            )
    if errors:
        return None, errors
    return BranchLine(row_number, code, constituency, address, device_ids), []


# --- observer rows ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HeadRef:
    """How a row names its head observer: another row, a national id or an observer id."""

    row: int | None = None
    national_id: str | None = None
    observer_id: str | None = None

    def __str__(self) -> str:
        if self.row is not None:
            return f"row {self.row}"
        return self.national_id or self.observer_id or ""


@dataclass(frozen=True, slots=True)
class ObserverLine:
    """An observer row that passed the row rules; branch and head not yet resolved."""

    row_number: int
    full_name: str
    national_id: str
    appointment_letter: str
    branch_code: str | None  # None: the cell (or the whole column) is empty
    head: HeadRef | None


def _head_ref(
    row_number: int, value: object, header: str
) -> tuple[HeadRef | None, RowError | None]:
    if _is_number(value):
        number = float(value)  # type: ignore[arg-type]
        if number.is_integer() and number > 0:
            digits = str(int(number))
            if len(digits) <= MAX_ROW_REFERENCE_DIGITS:
                return HeadRef(row=int(number)), None
            value = national_id_text(value)
    text = to_ascii_digits(_text(value))
    if not text:
        return None, None
    row_ref = _ROW_REFERENCE.fullmatch(text)
    if row_ref:
        return HeadRef(row=int(row_ref.group(1))), None
    compact = re.sub(r"[\s\-]", "", text)
    if compact.isdigit():
        try:
            return HeadRef(national_id=parse_national_id(compact)), None
        except NationalIdError as exc:
            en, fa = _national_id_error(compact, exc)
            return None, RowError(row_number, header, f"head observer: {en}", f"سرناظر: {fa}")
    observer_id = re.sub(r"\s", "", text)  # hyphens belong to ids like OBS-000123
    if ID_PATTERN.fullmatch(observer_id):
        return HeadRef(observer_id=observer_id), None
    return None, RowError(
        row_number,
        header,
        f"head observer {text!r} is neither a row number nor a national id",
        f"سرناظر «{text}» نه شمارهٔ ردیف است و نه کد ملی.",
    )


def parse_observer_line(
    row_number: int, cells: Mapping[str, object], header: HeaderMap
) -> tuple[ObserverLine | None, list[RowError]]:
    """The row rules of an observer: name, national id, letter, branch and head shapes."""
    h = header.headers
    errors: list[RowError] = []
    if header.has("full_name"):
        full_name = _text(cells.get("full_name"))
        name_header = h["full_name"]
    else:
        first, last = _text(cells.get("first_name")), _text(cells.get("last_name"))
        full_name = f"{first} {last}".strip() if first and last else ""
        name_header = h["first_name"] if not first else h["last_name"]
    if not full_name:
        errors.append(_missing_cell(row_number, name_header, "نام و نام خانوادگی", "full name"))
    elif len(full_name) > MAX_NAME:
        errors.append(
            _too_long(row_number, name_header, "نام و نام خانوادگی", "full name", MAX_NAME)
        )

    raw_id = national_id_text(cells.get("national_id"))
    national_id = ""
    if not raw_id:
        errors.append(_missing_cell(row_number, h["national_id"], "کد ملی", "national id"))
    else:
        try:
            national_id = parse_national_id(raw_id)
        except NationalIdError as exc:
            en, fa = _national_id_error(raw_id, exc)
            errors.append(RowError(row_number, h["national_id"], en, fa))

    letter = to_ascii_digits(_text(cells.get("appointment_letter")))
    if not letter:
        errors.append(
            _missing_cell(
                row_number, h["appointment_letter"], "شماره حکم", "appointment letter number"
            )
        )
    elif len(letter) > MAX_LETTER:
        errors.append(
            _too_long(row_number, h["appointment_letter"], "شماره حکم", "letter number", MAX_LETTER)
        )

    branch_code: str | None = None
    if header.has("branch_code"):
        branch_code = code_text(cells.get("branch_code")) or None
        if branch_code is not None and not CODE_PATTERN.fullmatch(branch_code):
            errors.append(_bad_code(row_number, h["branch_code"], branch_code, "کد شعبه"))

    head: HeadRef | None = None
    if header.has("head"):
        head, problem = _head_ref(row_number, cells.get("head"), h["head"])
        if problem is not None:
            errors.append(problem)
        elif head is not None and head.row == row_number:
            errors.append(
                RowError(
                    row_number,
                    h["head"],
                    "an observer cannot be their own head observer",
                    "ناظر نمی‌تواند سرناظر خودش باشد.",
                )
            )
    # A head observer oversees several branches and may have none of their own; anyone
    # reporting to a head observer works in one branch.
    if head is not None and branch_code is None and header.has("branch_code"):
        errors.append(
            RowError(
                row_number,
                h["branch_code"],
                "an observer with a head observer needs a branch code",
                "برای ناظری که سرناظر دارد «کد شعبه» لازم است.",
            )
        )
    if errors:
        return None, errors
    return ObserverLine(row_number, full_name, national_id, letter, branch_code, head), []
