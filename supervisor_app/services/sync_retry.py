"""Retrying calls to the registry: exponential backoff with full jitter, cancellable.

Small on purpose (instead of a retry library): the sync needs the wait to end the moment
the user presses Cancel, the server's ``Retry-After`` to be honoured, and the policy to
be exactly reproducible in tests (an injected random generator and sleep).
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

T = TypeVar("T")


class Cancelled(Exception):
    """The caller asked to stop (between pages, batches or retries)."""


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """``attempts`` tries in all; before try n+1 wait up to ``base * factor**n`` seconds.

    Full jitter (a uniform draw between 0 and the exponential bound, capped at
    ``max_delay``) spreads the retries of many workstations that lost the server at the
    same moment, so they do not come back in lockstep.
    """

    attempts: int = 6
    base: float = 0.5
    factor: float = 2.0
    max_delay: float = 30.0

    def bound(self, retry: int) -> float:
        """The largest wait before retry number ``retry`` (0 = the first retry)."""
        return min(self.max_delay, self.base * self.factor**retry)

    def delay(self, retry: int, rng: random.Random) -> float:
        return rng.uniform(0.0, self.bound(retry))


def call_with_retry(
    fn: Callable[[], T],
    policy: RetryPolicy,
    *,
    cancel: threading.Event | None = None,
    retryable: Callable[[BaseException], bool],
    on_retry: Callable[[int, float, BaseException], None] | None = None,
    retry_after: Callable[[BaseException], float | None] = lambda _exc: None,
    rng: random.Random | None = None,
    wait: Callable[[float], bool] | None = None,
) -> T:
    """``fn()``; on a retryable exception wait and try again, up to ``policy.attempts``.

    ``wait(seconds)`` returns True when cancelled (default: ``cancel.wait``), so a wait
    ends at once on Cancel and raises :class:`Cancelled`. The last exception is re-raised
    when the attempts are used up; a non-retryable one at once.
    """
    rng = rng or random.Random()
    stop = cancel or threading.Event()
    wait = wait or stop.wait
    for attempt in range(policy.attempts):
        if stop.is_set():
            raise Cancelled("cancelled")
        try:
            return fn()
        except Exception as exc:
            if not retryable(exc) or attempt == policy.attempts - 1:
                raise
            delay = policy.delay(attempt, rng)
            asked = retry_after(exc)
            if asked is not None:
                delay = max(delay, min(asked, policy.max_delay))
            if on_retry is not None:
                on_retry(attempt + 1, delay, exc)
            if wait(delay):
                raise Cancelled("cancelled while waiting to retry") from exc
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises
