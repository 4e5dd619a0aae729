"""The lease a sender holds on its broadcast while it may start sends (chalicelib/store/send_leases.py).

A sender checks `valid()` before each send: locally while the lease is fresh, renewed (one
conditional write) every RENEW_SECONDS, and given up for good once the broadcast stops running in
the sender's epoch or the lease is about to run out. A pause waits at most LEASE_SECONDS for the
leases to go: by then every sender has either released its lease or stopped starting sends."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

from chalicelib.store import send_leases

LEASE_SECONDS = 6.0
RENEW_SECONDS = 2.0
STOP_MARGIN_SECONDS = 1.5
Clock = Callable[[], float]


class SendLease:
    def __init__(self, account_id: str, broadcast_id: str, epoch: int, holder: str, until: float,
                 clock: Clock) -> None:
        self.account_id, self.broadcast_id, self.epoch, self.holder = account_id, broadcast_id, epoch, holder
        self.until = until
        self.renewed_at = until - LEASE_SECONDS  # when it was asked for: a slow answer must not hide its age
        self.clock = clock
        self.lost = False
        self._lock = threading.Lock()

    @classmethod
    def acquire(cls, account_id: str, broadcast_id: str, epoch: int, *, clock: Clock = time.time) -> SendLease | None:
        """A lease, or None when the broadcast does not run in `epoch` (paused, ended, resumed since)."""
        holder = os.urandom(8).hex()
        until = clock() + LEASE_SECONDS
        if not send_leases.hold(account_id, broadcast_id, holder, until=until, epoch=epoch):
            return None
        return cls(account_id, broadcast_id, epoch, holder, until, clock)

    def valid(self) -> bool:
        """Whether a send may start now (thread-safe)."""
        with self._lock:
            if self.lost:
                return False
            now = self.clock()
            if now - self.renewed_at >= RENEW_SECONDS:
                until = now + LEASE_SECONDS
                if send_leases.hold(self.account_id, self.broadcast_id, self.holder, until=until, epoch=self.epoch):
                    self.until, self.renewed_at = until, now
                else:
                    self.lost = True
                    return False
            if now >= self.until - STOP_MARGIN_SECONDS:
                self.lost = True
            return not self.lost

    def release(self) -> None:
        send_leases.release(self.broadcast_id, self.holder)


def wait_until_released(broadcast_id: str, *, clock: Clock = time.time, sleep: Callable[[float], None] = time.sleep,
                        poll_seconds: float = 0.1) -> None:
    """Return once no lease on the broadcast is left (at most LEASE_SECONDS after the broadcast
    stopped running: no lease can be renewed after that)."""
    deadline = clock() + LEASE_SECONDS
    while send_leases.held(broadcast_id, now=clock()) and clock() < deadline:
        sleep(poll_seconds)
