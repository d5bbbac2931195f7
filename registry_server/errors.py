"""Structured API errors: one exception type, one JSON body shape, Persian messages."""

from __future__ import annotations

from typing import Any

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

# Persian texts per error code; the English message is specific, the Persian one tells the
# board clerk what happened in words they read.
MESSAGES_FA: dict[str, str] = {
    "malformed_json": "متن درخواست JSON معتبر نیست.",
    "unauthenticated": "ورود لازم است یا نشست منقضی شده است؛ دوباره وارد شوید.",
    "invalid_credentials": "نام کاربری یا گذرواژه نادرست است.",
    "forbidden": "این حساب اجازه این کار را ندارد.",
    "device_revoked": "این دستگاه باطل شده است؛ با مسئول فناوری تماس بگیرید.",
    "not_found": "پیدا نشد.",
    "method_not_allowed": "این روش درخواست پذیرفته نیست.",
    "stamp_mismatch": "مهر دسته ارسالی با سرور نمی‌خواند (نسخه، دوره انتخابات یا هیات)؛ "
    "هیچ چیز ذخیره نشد.",
    "cursor_invalid": "نشانگر همگام‌سازی با سرور نمی‌خواند؛ همگام‌سازی از ابتدا انجام می‌شود.",
    "payload_too_large": "حجم درخواست بیش از حد مجاز است.",
    "unsupported_media_type": "نوع محتوای درخواست پذیرفته نیست.",
    "range_not_satisfiable": "بازه درخواستی خارج از فایل است.",
    "validation_error": "داده‌های ارسالی معتبر نیست.",
    "rate_limited": "تلاش‌های ناموفق زیاد بود؛ کمی بعد دوباره امتحان کنید.",
    "internal": "خطای داخلی سرور؛ دوباره تلاش کنید.",
    "conflict": "رکوردی با همین شناسه ولی محتوای متفاوت پیش‌تر ثبت شده است؛ "
    "باید یک نفر تصمیم بگیرد.",
    "invalid_payload": "محتوای رکورد معتبر نیست.",
    "id_mismatch": "شناسه رکورد با شناسه درون آن یکی نیست.",
    "content_hash_mismatch": "چکیده محتوا با محتوا نمی‌خواند؛ رکورد در راه تغییر کرده است.",
    "kind_not_allowed": "این حساب اجازه ارسال این نوع رکورد را ندارد.",
    "out_of_scope": "این رکورد خارج از حوزه نظارت این حساب است.",
    "board_mismatch": "رکورد به هیات دیگری تعلق دارد.",
    "unknown_reference": "رکورد به چیزی اشاره می‌کند که در سرور وجود ندارد.",
    "missing_predecessor": "رکورد پیشین هنوز نرسیده است؛ بعداً خودکار دوباره ارسال می‌شود.",
    "ruling_invalid": "رأی امضاشده معتبر نیست (امضا، گواهی یا حد نصاب).",
    "ledger_fork": "در دفتر هیات رأی دیگری در همین جایگاه ثبت شده است (انشعاب).",
    "ledger_replay": "این رأی پیش‌تر در دفتر هیات ثبت شده است.",
    "session_out_of_window": "زمان جلسهٔ رأی بیرون از بازهٔ پذیرفتنی سرور است (بیش از حد "
    "قدیمی یا پیش از رأی قبلی هیات)؛ این رأی ثبت نمی‌شود.",
    "history_conflict": "جایگاه این رویداد در سابقهٔ شکایت را رویداد دیگری گرفته است؛ "
    "همگام‌سازی کنید و رویداد را دوباره ثبت کنید.",
    "audit_fork": "سرِ زنجیره رویدادهای این دستگاه با نسخه ثبت‌شده نمی‌خواند.",
    "audit_rollback": "زنجیرهٔ رویدادهای این دستگاه از آخرین سرِ امضاشده‌اش عقب‌تر است "
    "(بازگردانی نسخهٔ قدیمی یا دستکاری)؛ با مسئول فناوری تماس بگیرید.",
    "head_invalid": "سرِ امضاشدهٔ دفتر هیات معتبر نیست (امضا، گواهی یا عضویت امضاکننده در "
    "هیات).",
    "ledger_gap": "سرِ دفتر به ردیفی از دفتر هیات اشاره می‌کند که هنوز به سرور نرسیده است؛ "
    "بعداً خودکار دوباره ارسال می‌شود.",
    "ledger_rollback": "سرِ امضاشدهٔ دفتر از آخرین سرِ امضاشدهٔ همین دستگاه عقب‌تر است "
    "(دفتر هیات روی این رایانه به نسخهٔ قدیمی برگشته است)؛ با مسئول فناوری تماس بگیرید.",
    "no_trust_anchor": "مرجع گواهی هیات مرکزی روی سرور نصب نشده است؛ با مسئول سرور تماس "
    "بگیرید.",
    "ca_installed": "مرجع گواهی دیگری روی سرور نصب است؛ جایگزینی آن باید آگاهانه انجام شود.",
    "certificate_invalid": "گواهی ارسالی معتبر نیست یا از مرجع گواهی هیات مرکزی صادر نشده است.",
    "crl_invalid": "فهرست ابطال ارسالی خوانا نیست یا مرجع گواهی هیات مرکزی آن را امضا نکرده "
    "است.",
    "crl_expired": "فهرست ابطال ارسالی منقضی شده است؛ فهرست تازه‌ای صادر کنید.",
    "crl_not_newer": "فهرست ابطال ارسالی از فهرست موجود در سرور تازه‌تر نیست.",
}


class ApiError(Exception):
    """An error answered as ``{"error": {...}}`` with an HTTP status."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details or {}
        self.headers = headers


def error_body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "error": {
            "code": code,
            "message": message,
            "message_fa": MESSAGES_FA.get(code, MESSAGES_FA["internal"]),
            "details": details or {},
        }
    }


def error_response(
    status: int,
    code: str,
    message: str,
    details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(error_body(code, message, details), status_code=status, headers=headers)


async def api_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)


def _field(loc: tuple[Any, ...]) -> str:
    # ("body", "items", 0, "id") → "items[0].id"; the "body"/"query" prefix is noise.
    parts = list(loc[1:] if loc and loc[0] in ("body", "query", "path", "header") else loc)
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or (str(loc[0]) if loc else "")


async def validation_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(400, "malformed_json", "the request body is not valid JSON")
    listed = [
        {"field": _field(tuple(e.get("loc", ()))), "message": str(e.get("msg", ""))}
        for e in errors[:20]
    ]
    first = listed[0] if listed else {"field": "", "message": "invalid request"}
    return error_response(
        422, "validation_error", f"{first['field']}: {first['message']}", {"errors": listed}
    )


async def http_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = {404: "not_found", 405: "method_not_allowed", 401: "unauthenticated",
            403: "forbidden", 413: "payload_too_large"}.get(exc.status_code, "validation_error")
    if exc.status_code >= 500:
        code = "internal"
    return error_response(
        exc.status_code, code, str(exc.detail), headers=getattr(exc, "headers", None)
    )


async def unexpected_error_handler(_request: Request, exc: Exception) -> JSONResponse:
    import logging

    logging.getLogger("registry_server").exception("unhandled error", exc_info=exc)
    return error_response(500, "internal", "internal server error")
