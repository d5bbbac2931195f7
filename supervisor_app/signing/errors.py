"""Errors of the signing core. Messages are English; ``message_fa`` is the Persian text."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .report import VerificationReport


class SigningError(Exception):
    """Something in signing, certification or verification could not be done."""

    message_fa = "خطا در امضای دیجیتال."


class WrongPassphrase(SigningError):
    """The passphrase (or token PIN) does not unlock the private key; nothing was signed."""

    message_fa = "گذرواژه نادرست است؛ کلید باز نشد و هیچ امضایی انجام نشد."


class KeyNotFound(SigningError):
    """No private key is stored for this member on this workstation."""

    message_fa = "کلید خصوصی این عضو روی این رایانه پیدا نشد."


class TokenError(SigningError):
    """A hardware token cannot be used: its PKCS#11 module, the token or a key on it."""

    message_fa = "توکن سخت‌افزاری در دسترس نیست یا قابل استفاده نیست."

    def __init__(self, message: str, message_fa: str | None = None) -> None:
        super().__init__(message)
        if message_fa is not None:
            self.message_fa = message_fa


class CertificateAuthorityError(SigningError):
    """The central board's CA refused a request (bad CSR, unknown serial, ...)."""

    message_fa = "مرجع صدور گواهی هیات مرکزی درخواست را نپذیرفت."


class NotSealed(SigningError):
    """A ruling bundle failed verification at sealing time; ``report`` says why."""

    message_fa = "رأی مهر نشد: امضاهای معتبر یا حد نصاب کافی نیست."

    def __init__(self, report: VerificationReport) -> None:
        reasons = "; ".join(c.message_en for c in report.failures) or "unknown reason"
        super().__init__(f"ruling not sealed: {reasons}")
        self.report = report


class LedgerError(SigningError):
    """A bundle cannot be appended to a board's ledger (gap, fork, wrong board, ...)."""

    message_fa = "رأی را نمی‌توان به دفتر هیات افزود."


class ReplayedRuling(LedgerError):
    """The same ruling was submitted again to a ledger that already holds it."""

    message_fa = "این رأی پیش‌تر در دفتر هیات ثبت شده است (ارسال تکراری)."


class TrustError(SigningError):
    """The workstation's trust store refused a CA, certificate, CRL or trust bundle."""

    message_fa = "گواهی یا فهرست ابطال پذیرفته نشد: از مرجع مورد اعتماد هیات مرکزی نیست."

    def __init__(self, message: str, message_fa: str | None = None) -> None:
        super().__init__(message)
        if message_fa is not None:
            self.message_fa = message_fa


class NoTrustAnchor(TrustError):
    """This workstation has not been given the central board's CA certificate yet."""

    message_fa = (
        "گواهی مرجع هیات مرکزی هنوز روی این رایانه ثبت نشده است؛ "
        "نخست بستهٔ اعتماد هیات مرکزی را وارد کنید."
    )
