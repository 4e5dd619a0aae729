"""The rate of an account shared by every sender of every process: `AccountPacer` leases slots from
one DynamoDB item (docs/pacing.md); a sender too far behind gives its work back (`Deferral`).
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from chalicelib.providers.port import RATE_LIMITED, SendResult
from chalicelib.store import send_rates
from chalicelib.store.send_rates import State

LEASE_SECONDS = 0.15  # a lease's slot while other senders of the account lease too
SOLO_LEASE_SECONDS = 0.5  # while the account is idle or this sender's slots follow each other
HORIZON_SECONDS = 0.5  # a sender takes a slot starting at most this far ahead...
SENDING_HORIZON_SECONDS = 1.0  # ...or this far once it has sent: the senders already at work go on
# A token is never spent before its time, and dropped when not spent this long after it. A sender
# slower than the account's rate (16 in flight at 100 ms: 160/s) falls behind within its slot while
# other senders spend theirs, so their sends overlap: that is how several senders fill a rate none of
# them reaches alone. The lateness it can carry is a lease's span times (rate / own pace - 1).
LATE_SECONDS = 0.05
DECREASE_FACTOR = 0.5  # a 429 halves the account's rate (once per DECREASE_COOLDOWN_SECONDS)...
DECREASE_COOLDOWN_SECONDS = 1.0
INCREASE_PER_SECOND = 0.05  # ...and it grows back by this fraction of the limit a second
MIN_RATE = 1.0
CONTENDED_WAIT_SECONDS = 0.05
# Beyond the horizon, a sender at work waits up to this long for its next slot, one that has not sent
# yet up to JOIN_WAIT_SECONDS; a longer wait gives the work up (when it can be deferred). A deferral
# comes back in whole seconds (SQS DelaySeconds, plus a random spread) and a sender that gives up leaves
# its booked slot unspent, so deferring often leaves seconds with no sender at work (bench/pacing:
# 0.43 of the limit at 0.5 s / 0.1 s, 0.89 at 2 s / 1 s); waiting longer holds the queue's deliveries,
# which a second account's chunks then wait for.
DEFER_AFTER_SECONDS = 2.0
JOIN_WAIT_SECONDS = 1.0
ATTEMPTS = 4
LIMIT_TTL_SECONDS = 60.0


@dataclass
class Deferral:
    """Where a pacer says when the work it gave up can come back (seconds from now)."""

    seconds: float | None = None
    spread: float = 2.0  # come back within this many seconds more, at random


_deferral: ContextVar[Deferral | None] = ContextVar("pacing_deferral", default=None)


@contextmanager
def deferring(deferral: Deferral | None) -> Iterator[Deferral | None]:
    """Pacers made inside give their work up (and note when to come back in `deferral`) rather than wait
    when the account's next slot is beyond the horizon. Without one (None) they wait."""
    token = _deferral.set(deferral)
    try:
        yield deferral
    finally:
        _deferral.reset(token)


def wall_clock() -> float:
    """The senders' clock (epoch seconds: slots are shared between processes); tests put in their own."""
    return time.time()


def wall_sleep(seconds: float) -> None:
    time.sleep(seconds)


_known: dict[str, State] = {}  # per process: the account's item as last seen
_known_lock = threading.Lock()
_seen: dict[str, float] = {}  # when it was seen
_limits: dict[str, tuple[float, int]] = {}


def reset() -> None:
    _known.clear()
    _seen.clear()
    _limits.clear()


def account_limit(account_id: str, *, clock: Callable[[], float] = time.monotonic) -> int:
    """The account's send limit (messages a second): its own, else RCS_SEND_RATE_PER_SECOND. Read
    once a minute per process."""
    from chalicelib.services import account_settings

    now = clock()
    cached = _limits.get(account_id)
    if cached is not None and now - cached[0] < LIMIT_TTL_SECONDS:
        return cached[1]
    limit = account_settings.send_rate(account_id)
    _limits[account_id] = (now, limit)
    return limit


def effective_rate(state: State, limit: float, now_ms: float) -> float:
    """The adaptive rate at `now_ms`: the rate set by the last decrease, grown back additively (a fraction
    INCREASE_PER_SECOND of the limit a second) up to the limit."""
    if state.rate is None or state.rate_at is None:
        return float(limit)
    grown = state.rate + limit * INCREASE_PER_SECOND * max(0.0, now_ms - state.rate_at) / 1000
    return max(MIN_RATE, min(float(limit), grown))


class AccountPacer:
    """The pacer of one sender: it leases slots of the account's rate (one conditional update each) and
    spends a slot's tokens evenly across it. Thread-safe; `demand` is how many sends it may make."""

    def __init__(self, account_id: str, *, limit: int, demand: int, keep_going: Callable[[], bool] = lambda: True,
                 deferral: Deferral | None = None, clock: Callable[[], float] | None = None,
                 sleep: Callable[[float], None] | None = None) -> None:
        if limit <= 0:
            raise ValueError("limit must be positive")
        self.account_id, self.limit, self.demand = account_id, limit, demand
        self.keep_going, self.deferral = keep_going, deferral
        self.clock: Callable[[], float] = clock or wall_clock
        self.sleep: Callable[[float], None] = sleep or wall_sleep
        self.lock = threading.Lock()
        self.next_ms = 0.0  # the time of the lease's next token
        self.interval_ms = 0.0
        self.remaining = 0  # tokens left in the lease
        self.generation = 0  # one more each time the lease is dropped (a 429)
        self.solo = False
        self.last_end: float | None = None
        self.started = False
        self.deferred = False
        self.requests = 0  # DynamoDB requests made
        self.dropped = 0  # tokens dropped for being late
        self.decreased_at = -math.inf

    @classmethod
    def for_account(cls, account_id: str, *, demand: int, keep_going: Callable[[], bool] = lambda: True
                    ) -> AccountPacer:
        """The pacer of a sender of `account_id` now: its limit, and the deferral of `deferring`, if any."""
        return cls(account_id, limit=account_limit(account_id), demand=demand, keep_going=keep_going,
                   deferral=_deferral.get())

    def _now_ms(self) -> float:
        return self.clock() * 1000

    def acquire(self) -> bool:
        while True:
            wait: float | None = None
            with self.lock:
                if self.deferred or self.demand <= 0:
                    return False
                token = self._take(self._now_ms())
                if token is None:
                    wait = self._lease(self._now_ms())
                    patience = DEFER_AFTER_SECONDS if self.started else JOIN_WAIT_SECONDS
                    if wait is not None and wait > patience and self.deferral is not None:
                        self.deferral.seconds = wait
                        self.deferred = True
                        return False
            if token is None:
                if wait is not None and not self._wait(wait):
                    return False
                continue
            at, generation = token
            delay = at / 1000 - self.clock()
            if delay > 0:
                self.sleep(delay)
            with self.lock:
                late = self._now_ms() - at > LATE_SECONDS * 1000  # this thread was held up (a busy CPU)
                if generation == self.generation and not late:
                    return True
                # The lease was dropped while this token waited, or its time is past: take another.
                self.demand += 1
                self.dropped += late

    def _take(self, now: float) -> tuple[float, int] | None:
        """The next token of the lease (its time, the lease's generation), dropping those too late."""
        late = now - LATE_SECONDS * 1000
        if self.remaining and self.next_ms < late:
            skipped = min(self.remaining, int((late - self.next_ms) // self.interval_ms) + 1)
            self.remaining -= skipped
            self.next_ms += skipped * self.interval_ms
            self.dropped += skipped
        if not self.remaining:
            return None
        at = self.next_ms
        self.next_ms += self.interval_ms
        self.remaining -= 1
        self.demand -= 1
        self.started = True
        return at, self.generation

    def _wait(self, seconds: float) -> bool:
        """Sleep `seconds` in steps, as long as the work should go on."""
        end = self.clock() + seconds
        while self.keep_going():
            left = end - self.clock()
            if left <= 0:
                return True
            self.sleep(min(left, 0.5))
        return False

    def _known(self) -> State:
        with _known_lock:
            return _known.get(self.account_id) or State()

    def _learn(self, state: State) -> State:
        with _known_lock:
            _known[self.account_id] = state
            _seen[self.account_id] = self.clock()
        return state

    def _lease(self, now: float) -> float | None:
        """Lease the next slot (None), or say how long until one is within the horizon (seconds)."""
        known = self._known()
        horizon_ms = (SENDING_HORIZON_SECONDS if self.started else HORIZON_SECONDS) * 1000
        for _ in range(ATTEMPTS):
            rate = effective_rate(known, self.limit, now)
            idle = known.tat is None or known.tat < now
            alone = self.solo or idle  # nobody else booked since this sender's last slot, or at all
            tokens = max(1, min(self.demand, round(rate * (SOLO_LEASE_SECONDS if alone else LEASE_SECONDS))))
            span = tokens * 1000 / rate
            if not idle and known.tat is not None and known.tat > now + horizon_ms:
                return (known.tat - horizon_ms - now) / 1000
            self.requests += 1
            answer = (send_rates.lease_idle(self.account_id, now_ms=now, span_ms=span, known=known) if idle else
                      send_rates.lease_next(self.account_id, now_ms=now, span_ms=span, horizon_ms=horizon_ms,
                                            known=known))
            known = self._learn(answer.state)
            if answer.made and answer.state.tat is not None:
                start = answer.state.tat - span
                self.solo = idle or (self.last_end is not None and abs(start - self.last_end) < 1)
                self.last_end = answer.state.tat
                self.next_ms, self.interval_ms, self.remaining = start, span / tokens, tokens
                return None
        return CONTENDED_WAIT_SECONDS

    def observe(self, result: SendResult) -> None:
        """A provider's answer: a 429 lowers the account's rate (AIMD) and pauses it for its Retry-After."""
        if result.outcome == "retry" and result.failure_reason == RATE_LIMITED:
            self.throttled(result.retry_after)

    def throttled(self, retry_after: float | None) -> None:
        with self.lock:
            now = self._now_ms()
            known = self._known()
            if now - self.decreased_at >= DECREASE_COOLDOWN_SECONDS * 1000 and not (
                    known.rate_at is not None and known.rate_at > now - DECREASE_COOLDOWN_SECONDS * 1000):
                rate = max(MIN_RATE, effective_rate(known, self.limit, now) * DECREASE_FACTOR)
                self.requests += 1
                known = self._learn(send_rates.decrease(self.account_id, now_ms=now, rate=rate,
                                                        cooldown_ms=DECREASE_COOLDOWN_SECONDS * 1000).state)
                self.decreased_at = now
            if retry_after:
                until = now + retry_after * 1000
                if known.tat is None or known.tat < until:
                    self.requests += 1
                    self._learn(send_rates.pause_until(self.account_id, until_ms=until).state)
            # The rest of the lease was at the old rate, and none of it may be spent before Retry-After.
            self.demand += self.remaining
            self.remaining = 0
            self.generation += 1
            self.solo = False


def wait_to_join(account_id: str, *, fresh_seconds: float = 0.5) -> float:
    """Seconds until the account's next slot comes within a new sender's horizon (0: now), from the item as
    this process saw it in the last `fresh_seconds`, else as read now (one GetItem): a chunk that would
    only give itself up can do so before it reads anything."""
    now = wall_clock()
    with _known_lock:
        seen = _seen.get(account_id)
        known = _known.get(account_id)
    if known is None or seen is None or now - seen > fresh_seconds:
        known = send_rates.get_state(account_id)
        with _known_lock:
            _known[account_id], _seen[account_id] = known, now
    if known.tat is None:
        return 0.0
    return max(0.0, known.tat / 1000 - now - HORIZON_SECONDS)


def deferral_delay(deferral: Deferral) -> int:
    """The SQS delay of deferred work: whole seconds, spread at random over `deferral.spread` more so the
    account's deferred chunks do not all come back at once (a chunk that had not started waits for the
    account's senders at work to finish theirs: about four times its own sending time). At most 900."""
    import random

    return max(1, min(900, math.ceil((deferral.seconds or 0.0) + random.uniform(0.0, deferral.spread))))
