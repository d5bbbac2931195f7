"""Uploading the files observer reports cite, before the reports (part of the sync's push).

One file must never hold up the rest of the outbox or the pull, so the outcome is per
report:

* the file is sent (``201``) or the server has it (``200``): the report is pushed;
* the server refuses the file for good (``413`` too large, ``422`` not the bytes the name
  says, any other 4xx but 401/403): the report is REJECTED with the reason and what to do
  (``ATTACHMENT_ADVICE``), the rest of the batch is pushed;
* the file is missing or damaged on this workstation: the report is REJECTED as well,
  never pushed without its file. Rejected rather than left pending, because a pending item
  is retried silently forever, while a rejected one shows in the sync page's attention
  list with what to do, and "Send again" queues it once the file is back;
* a transient failure (5xx, timeout, reset) after the sync's own retries: if the server
  still answers ``/health`` the report alone stays PENDING (sent again by the next sync)
  and the rest goes on; if it does not, the error stops the sync as any network failure.

401 (handled by re-signing in) and 403 (this account may not upload at all) are not about
one file and stop the push as before. No Qt and no SQL here.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..adapters.registry_client import PushOutcome, Refused, RegistryClient, RegistryError
from ..domain.outbox import OutboxItem, OutboxKind
from ..domain.persian import to_persian_digits

log = logging.getLogger(__name__)

Call = Callable[[Callable[[], Any]], Any]  # the sync's retrying call: ``call(fn)``
NOT_SENT = "not_sent"  # an outcome the sync keeps PENDING without counting a retry pass

ATTACHMENT_ADVICE: dict[str, tuple[str, str]] = {
    "attachment_too_large": (
        "The server does not take a file this large, so the report was not sent. Record a "
        "correcting report of the same branch with a smaller copy of the file (a photo at "
        "a lower resolution, a PDF split in parts); or ask the IT officer to raise the "
        "server's limit, then press 'Send again'.",
        "سرور پرونده‌ای به این حجم را نمی‌پذیرد و گزارش ارسال نشد. گزارش اصلاحی همین شعبه را "
        "با نسخهٔ کم‌حجم‌تر پرونده (عکس با وضوح کمتر، یا PDF در چند بخش) ثبت کنید؛ یا از مسئول "
        "فناوری بخواهید سقف سرور را بالا ببرد و سپس «ارسال دوباره» را بزنید.",
    ),
    "attachment_refused": (
        "The server refused an attached file of this report (see the reason), so the report "
        "was not sent. Check the file and record a correcting report with it attached "
        "again; if it is refused again, call the IT officer.",
        "سرور یکی از پیوست‌های این گزارش را نپذیرفت (علت را ببینید) و گزارش ارسال نشد. پرونده "
        "را بررسی کنید و گزارش اصلاحی را با پیوست دوباره ثبت کنید؛ اگر باز هم رد شد با مسئول "
        "فناوری تماس بگیرید.",
    ),
    "attachment_missing": (
        "An attached file of this report is no longer in this workstation's attachments "
        "folder, so the report was not sent (it would arrive without its file). If the "
        "folder is restored from a backup, press 'Send again'; otherwise record a "
        "correcting report with the original file (from the phone or the memory stick).",
        "یکی از پیوست‌های این گزارش دیگر در پوشهٔ پیوست‌های این رایانه نیست و گزارش ارسال نشد "
        "(بی‌پیوست به سرور می‌رسید). اگر پوشه را از پشتیبان برمی‌گردانید، سپس «ارسال دوباره» را "
        "بزنید؛ وگرنه گزارش اصلاحی را با پروندهٔ اصلی (از تلفن یا حافظهٔ جانبی) ثبت کنید.",
    ),
    "attachment_corrupt": (
        "An attached file on this workstation no longer matches what was recorded (it was "
        "changed or damaged), so the report was not sent. Record a correcting report with "
        "the original file; call the IT officer if the disk may be failing.",
        "یکی از پیوست‌های این گزارش در این رایانه با آنچه ثبت شده بود یکی نیست (تغییر کرده یا "
        "آسیب دیده است) و گزارش ارسال نشد. گزارش اصلاحی را با پروندهٔ اصلی ثبت کنید؛ اگر "
        "احتمال خرابی دیسک هست با مسئول فناوری تماس بگیرید.",
    ),
}


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def _fa_megabytes(size: int) -> str:
    return to_persian_digits(_megabytes(size)).replace(".", "٫")


class AttachmentUploader:
    """Uploads the files of one push batch; says which reports must not be pushed."""

    def __init__(self, client: RegistryClient, call: Call, path_of: Callable[[str], Path]) -> None:
        self._client = client
        self._call = call
        self._path_of = path_of
        self._sent: set[str] = set()  # uploaded in this sync (a file cited twice goes once)

    def upload(self, batch: list[OutboxItem]) -> dict[str, PushOutcome]:
        """Upload what ``batch`` cites; the outcome of each report not to push, by id."""
        held: dict[str, PushOutcome] = {}
        for item in batch:
            if item.kind is not OutboxKind.OBSERVER_REPORT:
                continue
            for attachment in item.payload.get("attachments") or []:
                error = self._upload_one(item, attachment)
                if error is not None:
                    status = NOT_SENT if error.pop("transient", False) else "rejected"
                    held[item.id] = PushOutcome(item.id, item.kind.value, status, None, error)
                    break
        return held

    def _upload_one(self, item: OutboxItem, attachment: dict[str, Any]) -> dict[str, Any] | None:
        """None when the server has the file; else the error to keep on the outbox item."""
        sha = str(attachment.get("sha256", ""))
        name = str(attachment.get("filename") or sha[:12])
        if sha in self._sent:
            return None
        where = f"report {item.id} (branch {item.payload.get('branch_code', '?')})"
        branch = str(item.payload.get("branch_code", ""))
        path = self._path_of(sha) if len(sha) == 64 else None
        try:
            content = path.read_bytes() if path is not None else None
        except OSError as exc:
            log.warning("attachment %s of %s unreadable: %s", sha, where, exc)
            content = None
        if content is None:
            return {
                "code": "attachment_missing",
                "message": f"attachment {name!r} ({sha}) of {where} is not on this workstation "
                "(attachments folder); the report was not sent without it",
                "message_fa": f"پیوست «{name}» گزارش شعبهٔ {branch} در پوشهٔ پیوست‌های این رایانه "
                "نیست؛ گزارش بدون پیوست ارسال نشد.",
                "details": {"sha256": sha, "filename": name},
            }
        if hashlib.sha256(content).hexdigest() != sha:
            return {
                "code": "attachment_corrupt",
                "message": f"attachment {name!r} of {where} no longer hashes to {sha} (changed "
                "or damaged on this workstation); the report was not sent",
                "message_fa": f"پیوست «{name}» گزارش شعبهٔ {branch} در این رایانه تغییر کرده یا "
                "آسیب دیده است؛ گزارش ارسال نشد.",
                "details": {"sha256": sha, "filename": name},
            }
        try:
            self._call(lambda: self._client.upload_attachment(sha, content))
        except Refused as exc:
            if exc.status in (401, 403):
                raise  # the account, not this file: stops the push as before
            return self._refused(exc, name, branch, where, sha, len(content))
        except RegistryError as exc:  # transient, and the sync's retries are used up
            if not self._client.health():
                raise  # the server is gone: the sync stops as for any network failure
            log.warning(
                "attachment %s of %s not uploaded, kept for the next sync: %s", sha, where, exc
            )
            return {
                "transient": True,
                "code": getattr(exc, "code", "not_sent"),
                "message": f"attachment {name!r} not uploaded: {exc}",
                "message_fa": exc.message_fa,
            }
        self._sent.add(sha)
        return None

    @staticmethod
    def _refused(
        exc: Refused, name: str, branch: str, where: str, sha: str, size: int
    ) -> dict[str, Any]:
        details = {
            "sha256": sha,
            "filename": name,
            "size": size,
            "http_status": exc.status,
            "server_code": exc.code,
        }
        if exc.status == 413:
            return {
                "code": "attachment_too_large",
                "message": f"the server refused attachment {name!r} ({_megabytes(size)} MB) of "
                f"{where} as too large (HTTP 413): {exc}",
                "message_fa": f"سرور پیوست «{name}» ({_fa_megabytes(size)} مگابایت) گزارش شعبهٔ "
                f"{branch} را به دلیل حجم زیاد نپذیرفت.",
                "details": details,
            }
        reason = exc.message_fa if exc.message_fa != Refused.message_fa else ""
        return {
            "code": "attachment_refused",
            "message": f"the server refused attachment {name!r} of {where} "
            f"(HTTP {exc.status} {exc.code}): {exc}",
            "message_fa": f"سرور پیوست «{name}» گزارش شعبهٔ {branch} را نپذیرفت"
            + (f": {reason}" if reason else "."),
            "details": details,
        }
