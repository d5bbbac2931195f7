"""Sample branch and observer files to try «ورود شعب/ناظران از فایل» on the demo store.

    .venv/bin/python resources/samples/make_samples.py [OUT_DIR] [--seed 1404]

writes into OUT_DIR (default ``./nezarat-samples``):

* ``branches-sample.xlsx``: new branches of a demo constituency plus two it already has
  (one unchanged, one with a new address), under a title row, with Persian headers;
* ``branches-sample.csv``: the same rows as CSV (UTF-8 with BOM, ``;``-separated, as
  Excel's "CSV UTF-8" writes them);
* ``observers-sample.xlsx``: a head observer and observers for the new branches (heads
  named by row number and by national id);
* ``observers-sample-cp1256.csv``: a few more observers as Persian Windows' ANSI CSV
  (Windows-1256, Arabic ي/ك, tab-separated);
* ``observers-with-errors.xlsx``: rows with an invalid national id, an unknown branch, a
  repeated national id and an empty cell, to see how problems are reported.

The files are generated rather than kept in the repository: they follow the demo data of
the given seed (the same one ``supervisor-app demo-data --seed`` builds), so their
constituencies and branches exist in that demo store. Import the branch file before the
observers (or, in the CLI, ``import observers FILE --branches BRANCH_FILE``).
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # run as a script from anywhere in the checkout
    sys.path.insert(0, str(ROOT))

from supervisor_app.domain.dataset import Dataset  # noqa: E402
from supervisor_app.domain.geography import ConstituencyKind  # noqa: E402
from supervisor_app.domain.national_id import make_national_id  # noqa: E402
from supervisor_app.domain.persian import to_persian_digits  # noqa: E402

FIRST = ["مهدی", "سمیه", "رضا", "فاطمه", "حمید", "نرگس", "یاسر", "کوثر", "امیر", "لیلا"]
LAST = ["کریمی", "یزدانی", "پاکزاد", "کاظمی", "رحیمی", "نیکخواه", "شکوهی", "یگانه"]
BRANCH_HEADERS = ["ردیف", "کد شعبه", "کد حوزه", "نشانی", "شناسه صندوق"]
OBSERVER_HEADERS = ["ردیف", "نام و نام خانوادگی", "کد ملی", "شماره حکم", "کد شعبه", "سرناظر"]


def _workbook(path: Path, title: str, rows: Sequence[Sequence[Any]]) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    sheet.sheet_view.rightToLeft = True
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


def _csv(path: Path, rows: Sequence[Sequence[Any]], encoding: str, delimiter: str) -> Path:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    text = buffer.getvalue()
    if encoding == "cp1256":  # what such files really hold: Arabic ي/ك, no Persian digits
        text = text.replace("ی", "ي").replace("ک", "ك")
    path.write_bytes(text.encode(encoding))
    return path


def write_samples(out_dir: Path, dataset: Dataset, seed: int = 1405) -> dict[str, Path]:
    """Write the sample files for ``dataset`` (a demo dataset) into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    city = next(c for c in dataset.constituencies if c.kind is ConstituencyKind.CITY)
    village = next(c for c in dataset.constituencies if c.kind is ConstituencyKind.VILLAGE)
    existing = [b for b in dataset.branches if b.constituency_code == city.code][:2]
    taken = {o.national_id for o in dataset.observers}

    branch_rows: list[list[Any]] = []
    for b in existing:
        branch_rows.append([b.code, b.constituency_code, b.address, "، ".join(b.device_ids)])
    branch_rows[-1][2] = f"{city.name}، خیابان آزادی، دبستان شهید رجایی (محل تازه)"
    new_codes = [f"{city.code}-B9{n:02d}" for n in range(1, 5)] + [f"{village.code}-B901"]
    for n, code in enumerate(new_codes[:-1], start=1):
        devices = f"EVM-9{n:02d}01، EVM-9{n:02d}02"
        where = f"{city.name}، خیابان {to_persian_digits(n)} بهمن، هنرستان شمارهٔ {n}"
        branch_rows.append([code, city.code, where, devices])
    branch_rows.append([new_codes[-1], village.code, f"روستای {village.name}، مسجد جامع", ""])
    numbered = [[to_persian_digits(i), *row] for i, row in enumerate(branch_rows, start=1)]
    files = {
        "branches": _workbook(
            out_dir / "branches-sample.xlsx",
            "شعب",
            [[f"فهرست شعب اخذ رأی حوزهٔ {city.name}"], BRANCH_HEADERS, *numbered],
        ),
        "branches_csv": _csv(
            out_dir / "branches-sample.csv", [BRANCH_HEADERS, *numbered], "utf-8-sig", ";"
        ),
    }

    def national_id() -> str:
        while True:
            prefix = f"{rng.randrange(10**9):09d}"
            if len(set(prefix)) > 1 and (nid := make_national_id(prefix)) not in taken:
                taken.add(nid)
                return nid

    def name() -> str:
        return f"{rng.choice(FIRST)} {rng.choice(LAST)}"

    head_nid = national_id()
    observer_rows: list[list[Any]] = [[name(), head_nid, "1405/ن/900001", "", ""]]
    letter = 900001
    for code in new_codes:
        for k in range(2):
            letter += 1
            # The first of each branch names the head by row (2: the head's row under the
            # header); the second by the head's national id.
            head = "ردیف ۲" if k == 0 else head_nid
            observer_rows.append([name(), national_id(), f"1405/ن/{letter}", code, head])
    numbered = [[to_persian_digits(i), *row] for i, row in enumerate(observer_rows, start=1)]
    files["observers"] = _workbook(
        out_dir / "observers-sample.xlsx", "ناظران", [OBSERVER_HEADERS, *numbered]
    )
    ansi = [["نام و نام خانوادگی", "کد ملی", "شماره حکم", "کد شعبه"]]
    for branch in existing:
        letter += 1
        ansi.append([name(), national_id(), f"1405/ن/{letter}", branch.code])
    files["observers_cp1256"] = _csv(out_dir / "observers-sample-cp1256.csv", ansi, "cp1256", "\t")

    bad_rows = [
        OBSERVER_HEADERS,
        ["۱", name(), national_id(), "1405/ن/990001", existing[0].code, ""],
        ["۲", name(), "1234567890", "1405/ن/990002", existing[0].code, ""],  # check digit
        ["۳", name(), national_id(), "1405/ن/990003", "NO-SUCH-BRANCH", ""],
        ["۴", name(), "", "1405/ن/990004", existing[0].code, ""],  # empty national id
        ["۵", name(), national_id(), "", existing[0].code, ""],  # empty letter number
    ]
    bad_rows.append(["۶", name(), bad_rows[1][2], "1405/ن/990006", existing[0].code, ""])
    files["observers_with_errors"] = _workbook(
        out_dir / "observers-with-errors.xlsx", "ناظران", bad_rows
    )
    return files


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out_dir", nargs="?", default="nezarat-samples")
    parser.add_argument("--seed", type=int, default=1404, help="the demo store's seed")
    args = parser.parse_args(argv)
    from supervisor_app.services.demo_data import generate_demo_dataset

    files = write_samples(Path(args.out_dir), generate_demo_dataset(0, seed=args.seed))
    for path in files.values():
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
