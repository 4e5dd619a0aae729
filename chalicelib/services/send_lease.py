"""The lease a pass holds on its chunk while it works on it (chalicelib/store/send_leases.py).

A sender checks `valid()` before each send: locally while the lease is fresh, renewed (one
conditional write) every RENEW_SECONDS, and given up for good once the broadcast stops running in
the sender's epoch or the lease is about to run out. A pause waits at most LEASE_SECONDS for the
leases to go: by then every sender has either released its lease or stopped starting sends.

Until the pass has written its outcomes, a heartbeat keeps the lease alive even after the sender
stopped starting sends (a send to RBM can outlast the lease): a pass of the next epoch waits for it
(`ChunkBusy`) rather than read a target in flight as still queued and send and count it again."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable

from chalicelib.logs import logger
from chalicelib.store import send_leases
from chalicelib.store.send_leases import Hold

LEASE_SECONDS = 6.0
RENEW_SECONDS = 2.0
KEEP_ALIVE_SECONDS = 1.5  # under RENEW_SECONDS: the heartbeat renews before a send has to
STOP_MARGIN_SECONDS = 1.5
Clock = Callable[[], float]


class ChunkBusy(Exception):
    """Another pass over the chunk still works on it."""


class SendLease:
    def __init__(self, account_id: str, broadcast_id: str, chunk: str, epoch: int, holder: str, until: float,
                 clock: Clock) -> None:
        self.account_id, self.broadcast_id, self.chunk, self.epoch = account_id, broadcast_id, chunk, epoch
        self.holder = holder
        self.until = until
        self.renewed_at = until - LEASE_SECONDS  # when it was asked for: a slow answer must not hide its age
        self.clock = clock
        self.lost = False
        self._lock = threading.Lock()
        self._released = threading.Event()
        self._heartbeat = threading.Thread(target=self._keep_alive, daemon=True, name=f"lease-{chunk}")

    @classmethod
    def acquire(cls, account_id: str, broadcast_id: str, chunk: str, epoch: int, *,
                clock: Clock = time.time) -> SendLease | None:
        """The chunk's lease, or None when the broadcast does not run in `epoch` (paused, ended,
        resumed since). Raises ChunkBusy while another pass holds the chunk."""
        holder = os.urandom(8).hex()
        now = clock()
        until = now + LEASE_SECONDS
        held = send_leases.hold(account_id, broadcast_id, chunk, holder, until=until, now=now, epoch=epoch)
        if held is Hold.BUSY:
            raise ChunkBusy(chunk)
        if held is Hold.STOPPED:
            return None
        lease = cls(account_id, broadcast_id, chunk, epoch, holder, until, clock)
        lease._heartbeat.start()
        return lease

    def valid(self) -> bool:
        """Whether a send may start now (thread-safe)."""
        with self._lock:
            if self.lost:
                return False
            now = self.clock()
            if now - self.renewed_at >= RENEW_SECONDS and not self._renew(now):
                return False
            if now >= self.until - STOP_MARGIN_SECONDS:
                self.lost = True
            return not self.lost

    def _renew(self, now: float) -> bool:
        until = now + LEASE_SECONDS
        held = send_leases.hold(self.account_id, self.broadcast_id, self.chunk, self.holder, until=until,
                                now=now, epoch=self.epoch)
        if held is Hold.HELD:
            self.until, self.renewed_at = until, now
        else:
            self.lost = True
        return not self.lost

    def _keep_alive(self) -> None:
        """Renew the lease ahead of `valid()` (so sends rarely wait for a renewal); once the sender
        may start no more sends, only extend it while its sends in flight finish."""
        while not self._released.wait(KEEP_ALIVE_SECONDS):
            try:
                with self._lock:
                    if not self.lost:
                        self._renew(self.clock())
                        continue
                send_leases.keep(self.broadcast_id, self.chunk, self.holder, until=self.clock() + LEASE_SECONDS)
            except Exception:  # the next beat tries again; a lease that runs out only stops new sends
                logger.exception("could not extend a send lease", extra={"broadcast_id": self.broadcast_id})

    def release(self) -> None:
        self._released.set()
        self._heartbeat.join()
        send_leases.release(self.broadcast_id, self.chunk, self.holder)


def wait_until_released(broadcast_id: str, *, clock: Clock = time.time, sleep: Callable[[float], None] = time.sleep,
                        poll_seconds: float = 0.1) -> None:
    """Return once no lease on the broadcast is left, or LEASE_SECONDS after the broadcast stopped
    running: no sender starts a send after that."""
    deadline = clock() + LEASE_SECONDS
    while send_leases.held(broadcast_id, now=clock()) and clock() < deadline:
        sleep(poll_seconds)
