"""Sending many messages at once without exceeding a rate: bounded concurrency plus a pacer.

Two pacers: `TokenBucket` here, a rate of this process alone, and `AccountPacer`, the rate of an
account shared by every sender of every process (`chalicelib/services/account_pacing.py`).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from typing import Protocol, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


class TokenBucket:
    """At most `rate` acquisitions per second on average, bursts up to `burst`."""

    def __init__(self, rate: float, burst: float | None = None,
                 clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep) -> None:
        if rate <= 0:
            raise ValueError("rate must be positive")
        self.rate = rate
        self.capacity = burst if burst is not None else max(1.0, rate / 10)
        self.tokens = self.capacity
        self.clock = clock
        self.sleep = sleep
        self.updated = clock()
        self.lock = threading.Lock()

    def acquire(self) -> bool:
        while True:
            with self.lock:
                now = self.clock()
                self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
                self.updated = now
                if self.tokens >= 1:
                    self.tokens -= 1
                    return True
                wait = (1 - self.tokens) / self.rate
            self.sleep(wait)


class Pacer(Protocol):
    def acquire(self) -> bool:
        """Wait for the next send's turn; False: no send may start (the work is given up for now)."""
        ...


def paced_stream(work: Callable[[In], Out], items: Sequence[In], *, concurrency: int, bucket: Pacer,
                 keep_going: Callable[[], bool] = lambda: True) -> Iterator[tuple[In, Out | None]]:
    """`work` over `items` with at most `concurrency` in flight and `bucket`'s rate, yielding each
    (item, result) as it completes. Once `keep_going()` or the bucket says no, no new item starts:
    those yield None."""
    if not items:
        return

    def run(item: In) -> Out | None:
        if not bucket.acquire() or not keep_going():
            return None
        return work(item)

    with ThreadPoolExecutor(max_workers=max(1, min(concurrency, len(items)))) as pool:
        futures = {pool.submit(run, item): item for item in items}
        for future in as_completed(futures):
            yield futures[future], future.result()
