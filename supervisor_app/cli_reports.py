"""Headless observer-report commands: ``supervisor-app report add|list``.

Registered by ``supervisor_app.cli`` (``add_report_commands(sub)``). ``report add``
records through the same service as the window (report, outbox item and audit event in
one transaction); the next ``sync`` sends it. Exit codes: 0 done, 2 refused input.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .app import AppContext
    from .domain.election_day import ObserverReport
    from .paths import DataPaths
    from .services.reports import ReportService

__all__ = ["add_report_commands", "parse_observed_at"]

# A date whose year is in this range is Jalali (1300 = 1921, 1499 = 2120): the Gregorian
# reading of "1405-02-11" (the year 1405) is never what an election clerk means.
JALALI_YEARS = range(1300, 1500)
_YEAR = re.compile(r"\d{4}")


def add_report_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    report = sub.add_parser("report", help="record and list observer reports")
    actions = report.add_subparsers(dest="report_command", metavar="ACTION", required=True)

    p = actions.add_parser("add", help="record an observer report about a polling branch")
    p.add_argument("--branch", required=True, help="the branch code, e.g. 0101-C1-B001")
    p.add_argument(
        "--category",
        required=True,
        help="offence category: vote_buying, late_opening, device_failure, …",
    )
    p.add_argument("--severity", required=True, help="low, medium, high or critical")
    p.add_argument("--description", required=True, help="what was observed")
    p.add_argument(
        "--observed-at",
        help="when: Jalali '1405/02/11 09:30' (a year 1300-1499 is Jalali; - or . between "
        "the parts and Persian digits work too) or Gregorian ISO 8601; a time without "
        "zone is Tehran time; default now. Times before the cycle's election day are refused",
    )
    p.add_argument("--observer", help="the reporting observer's id")
    p.add_argument(
        "--witness", action="append", default=[], metavar="NAME", help="a witness (repeatable)"
    )
    p.add_argument(
        "--attach",
        action="append",
        default=[],
        metavar="FILE",
        help="a photo or PDF scan to attach (repeatable)",
    )
    p.add_argument(
        "--corrects",
        metavar="REPORT",
        help="the id of an earlier report of this branch that this one corrects",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_report_add)

    p = actions.add_parser("list", help="observer reports, latest observation first")
    p.add_argument("--branch", help="only this branch's reports (oldest first)")
    p.add_argument("--limit", type=int, default=200, help="at most this many (default 200)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(func=cmd_report_list)


def _service(context: AppContext) -> ReportService:
    service = getattr(context.services, "reports", None)
    if service is not None:
        return service  # type: ignore[no-any-return]
    from .services.reports import ReportService

    return ReportService(context.store, attachments=context.paths.attachments)


def _refused(message: str, message_fa: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    print(f"خطا: {message_fa}", file=sys.stderr)
    return 2


class ObservedAtError(ValueError):
    """``--observed-at`` is not a date and time this command reads."""

    def __init__(self, message: str, message_fa: str) -> None:
        super().__init__(message)
        self.message_fa = message_fa


def parse_observed_at(text: str) -> datetime:
    """``--observed-at`` as typed: Jalali when the year is 1300-1499, else ISO 8601.

    Persian or Arabic digits and stray RTL marks are accepted; a naive result is Tehran
    wall-clock time (``ReportService.record`` reads it so).
    """
    from .domain.jalali import JalaliDateError, parse_jalali_datetime
    from .domain.persian import normalize, to_ascii_digits

    cleaned = to_ascii_digits(normalize(text)).strip()
    year = _YEAR.match(cleaned)
    if year is not None and int(year.group()) in JALALI_YEARS:
        try:
            return parse_jalali_datetime(cleaned)
        except JalaliDateError as exc:
            raise ObservedAtError(
                f"--observed-at {text!r} is not a valid Jalali date and time: {exc}",
                f"زمان مشاهده «{text}» تاریخ و ساعت شمسی درستی نیست؛ آن را به صورت "
                "۱۴۰۵/۰۲/۱۱ ۰۹:۳۰ بنویسید.",
            ) from None
    try:
        return datetime.fromisoformat(cleaned)
    except ValueError:
        raise ObservedAtError(
            f"--observed-at {text!r} is neither a Jalali date and time (1405/02/11 09:30) "
            "nor ISO 8601 (2026-05-01T09:30)",
            "زمان مشاهده را به صورت ۱۴۰۵/۰۲/۱۱ ۰۹:۳۰ (شمسی) یا ISO 8601 بنویسید.",
        ) from None


def _as_json(report: ObserverReport, outbox_status: str | None) -> dict[str, Any]:
    from .domain import wire

    return {**wire.encode_observer_report(report), "outbox_status": outbox_status}


def cmd_report_add(args: argparse.Namespace, paths: DataPaths) -> int:
    from .cli import _open
    from .services.reports import ReportError

    observed = None
    if args.observed_at:
        try:
            observed = parse_observed_at(args.observed_at)
        except ObservedAtError as exc:
            return _refused(str(exc), exc.message_fa)
    context = _open(paths)
    try:
        try:
            report = _service(context).record(
                args.branch,
                category=args.category,
                severity=args.severity,
                description=args.description,
                observed_at=observed,
                observer_id=args.observer,
                witnesses=args.witness,
                attachments=args.attach,
                corrects=args.corrects,
            )
        except ReportError as exc:
            return _refused(str(exc), exc.message_fa)
    finally:
        context.close()
    if args.json:
        print(json.dumps(_as_json(report, "pending"), ensure_ascii=False, indent=2))
    else:
        print(
            f"recorded report {report.id} for branch {report.branch_code}; "
            "it is sent with the next sync"
        )
    return 0


def cmd_report_list(args: argparse.Namespace, paths: DataPaths) -> int:
    from .cli import _open

    context = _open(paths)
    try:
        service = _service(context)
        if args.branch:
            if service.find_branch(args.branch) is None:
                return _refused(
                    f"no branch with code {args.branch!r} on this workstation",
                    f"شعبه‌ای با کد «{args.branch}» در این ایستگاه نیست.",
                )
            items = service.branch_reports(args.branch)[: max(args.limit, 0)]
        else:
            items = service.recent(max(args.limit, 0))
    finally:
        context.close()
    if args.json:
        print(
            json.dumps(
                [_as_json(i.report, i.outbox_status) for i in items], ensure_ascii=False, indent=2
            )
        )
        return 0
    for item in items:
        r, status = item.report, item.outbox_status
        witnesses = f" witnesses: {', '.join(r.witnesses)}" if r.witnesses else ""
        print(
            f"{r.observed_at.isoformat()}  {r.branch_code}  {r.category.value}  "
            f"{r.severity.value}  {status or 'from server'}  {r.id}{witnesses}"
        )
        print(f"    {r.description.splitlines()[0] if r.description else ''}")
    print(f"{len(items)} report(s)")
    return 0
