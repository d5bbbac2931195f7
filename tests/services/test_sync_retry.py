"""The retry policy: exponential backoff with full jitter, Retry-After, cancel at once."""

from __future__ import annotations

import random
import threading
import time

import pytest

from supervisor_app.services.sync_retry import Cancelled, RetryPolicy, call_with_retry


class Flaky:
    """Fails ``failures`` times with ``exc``, then returns "ok"."""

    def __init__(self, failures: int, exc: Exception | None = None) -> None:
        self.failures = failures
        self.calls = 0
        self.exc = exc or ConnectionError("down")

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.exc
        return "ok"


def test_bounds_grow_exponentially_up_to_the_cap():
    """The n-th retry waits at most base·factor^n, never more than max_delay."""
    policy = RetryPolicy(attempts=8, base=0.5, factor=2.0, max_delay=5.0)
    assert [policy.bound(n) for n in range(6)] == [0.5, 1.0, 2.0, 4.0, 5.0, 5.0]


def test_full_jitter_spreads_waits_between_zero_and_the_bound():
    """Full jitter: draws cover [0, bound], so many clients do not retry in lockstep."""
    policy = RetryPolicy(base=1.0, factor=2.0, max_delay=30.0)
    rng = random.Random(1)
    draws = [policy.delay(3, rng) for _ in range(2000)]
    assert 0.0 <= min(draws) < 0.5 and 7.5 < max(draws) <= 8.0
    assert 3.5 < sum(draws) / len(draws) < 4.5


def test_retryable_failures_are_retried_with_the_drawn_waits():
    """Retryable exceptions are retried; waits are the policy's jittered delays."""
    waits: list[float] = []
    flaky = Flaky(3)
    result = call_with_retry(flaky, RetryPolicy(attempts=5, base=1.0), retryable=lambda e: True,
                             rng=random.Random(7), wait=lambda s: waits.append(s) or False)
    assert result == "ok" and flaky.calls == 4
    expected = RetryPolicy(attempts=5, base=1.0)
    rng = random.Random(7)
    assert waits == [expected.delay(n, rng) for n in range(3)]


def test_other_failures_and_the_last_attempt_are_raised():
    """A non-retryable exception is raised at once; so is the last retryable one."""
    flaky = Flaky(1, ValueError("bad request"))
    with pytest.raises(ValueError):
        call_with_retry(flaky, RetryPolicy(), retryable=lambda e: isinstance(e, ConnectionError),
                        wait=lambda s: False)
    assert flaky.calls == 1
    always = Flaky(99)
    with pytest.raises(ConnectionError):
        call_with_retry(always, RetryPolicy(attempts=3), retryable=lambda e: True,
                        wait=lambda s: False)
    assert always.calls == 3


def test_retry_after_is_honoured_up_to_the_cap():
    """A server's Retry-After lengthens the wait (never beyond max_delay)."""
    waits: list[float] = []
    call_with_retry(Flaky(2), RetryPolicy(attempts=3, base=0.01, max_delay=10.0),
                    retryable=lambda e: True, retry_after=lambda e: 60.0,
                    wait=lambda s: waits.append(s) or False)
    assert waits == [10.0, 10.0]


def test_cancel_ends_a_wait_at_once():
    """Cancel during a backoff wait raises Cancelled immediately, not after the wait."""
    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        call_with_retry(Flaky(99), RetryPolicy(attempts=5, base=30.0, max_delay=30.0),
                        cancel=cancel, retryable=lambda e: True, rng=random.Random(0))
    assert time.monotonic() - started < 5.0


def test_a_cancelled_call_is_not_even_started():
    """With the cancel flag already set nothing is called."""
    cancel = threading.Event()
    cancel.set()
    flaky = Flaky(0)
    with pytest.raises(Cancelled):
        call_with_retry(flaky, RetryPolicy(), cancel=cancel, retryable=lambda e: True)
    assert flaky.calls == 0
