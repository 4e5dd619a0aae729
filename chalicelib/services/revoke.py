"""Take back a cancelled broadcast's sent but undelivered messages (RBM's agentMessages.delete).

`start` queues a revoke job on the dispatch queue. The job waits until no sender holds the
broadcast's send lease (every send in flight has finished and written its target), then goes
through the broadcast's targets by phone, a page at a time: it first moves the page's `sent`
targets to `revoked` (conditionally on `sent`: a DELIVERED that landed meanwhile wins), then asks
RBM to revoke every `revoked` message of the page's range. RBM's 404 means it was delivered: its
DELIVERED receipt follows and wins over `revoked` (see receipts), as Google documents.

Safe to run twice, and safe to die anywhere: the page's range is only left behind (the cursor
`after` moves) once every revocation in it was answered, a second revocation of a message is
answered 404 and changes nothing, and a target leaves `sent` once. Transient trouble sends the
same page again a little later (at most MAX_TRIES_PER_PAGE times). Revoked messages stay charged:
RBM accepted them. With `fallback: "sms"` each page's revoked targets get their SMS a little later
(chalicelib/services/fallback.py).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

from chalicelib import jobs, messaging
from chalicelib.clock import TimeLeft, no_deadline
from chalicelib.logs import logger
from chalicelib.providers.port import RevokeResult, RevokingProvider
from chalicelib.services import fallback, runner
from chalicelib.services.send_lease import LEASE_SECONDS
from chalicelib.settings import get_settings
from chalicelib.store import broadcasts as store
from chalicelib.store import send_leases
from chalicelib.store import targets as target_store
from chalicelib.store.broadcasts import Broadcast
from chalicelib.store.targets import StaleState, Target, TargetChange

PAGE = 200
SAFETY_SECONDS = 60.0
RETRY_DELAY_SECONDS = 5
MAX_TRIES_PER_PAGE = 5
WRITE_ATTEMPTS = 5


def job(account_id: str, broadcast_id: str, *, after: str = "", tries: int = 0) -> jobs.Revoke:
    return jobs.Revoke(account_id, broadcast_id, after=after, tries=tries)


def start(broadcast: Broadcast) -> None:
    """Queue the revocation of a just-cancelled broadcast's undelivered messages."""
    messaging.send("dispatch", job(broadcast.account_id, broadcast.broadcast_id))


def continue_revoking(account_id: str, broadcast_id: str, *, after: str = "", tries: int = 0,
                      time_left: TimeLeft = no_deadline) -> int:
    """Revoke from the phone after `after` on; returns how many targets this call moved to revoked."""
    broadcast = store.get_broadcast(account_id, broadcast_id)
    if broadcast.status != "cancelled":
        return 0
    if send_leases.held(broadcast_id, now=time.time()):
        messaging.send("dispatch", job(account_id, broadcast_id, after=after, tries=tries),
                       delay_seconds=int(LEASE_SECONDS))
        return 0
    provider = runner.account_provider(account_id)
    if not isinstance(provider, RevokingProvider):
        logger.warning("the account's provider cannot revoke; sent messages stay sent",
                       extra={"broadcast_id": broadcast_id})
        return 0
    moved = 0
    while True:
        if time_left() < SAFETY_SECONDS:
            messaging.send("dispatch", job(account_id, broadcast_id, after=after, tries=tries))
            return moved
        page = _page(broadcast_id, after)
        if not page:
            return moved
        moved += mark_revoked(account_id, broadcast_id, [t for t in page if t.state == "sent"])
        # (queued again by a redelivered page: the job sends each SMS once, and none to a target a
        # DELIVERED reached before it ran)
        fallback.enqueue(broadcast, [t.phone for t in page],
                         delay_seconds=get_settings().fallback_revoked_delay_seconds)
        results = _revoke_all(provider, page)
        if any(r.outcome == "retry" for r in results):
            if tries + 1 < MAX_TRIES_PER_PAGE:
                messaging.send("dispatch", job(account_id, broadcast_id, after=after, tries=tries + 1),
                               delay_seconds=RETRY_DELAY_SECONDS)
                return moved
            logger.warning("revocations kept failing; a DELIVERED receipt still wins over revoked",
                           extra={"broadcast_id": broadcast_id, "after": after})
        if len(page) < PAGE:
            return moved
        after, tries = page[-1].phone, 0


def _page(broadcast_id: str, after: str) -> list[Target]:
    """The next PAGE targets after `after` that are `sent` or `revoked` (a revoked one in the range
    may be from a run that died before its revocation was sent), by phone."""
    both = [*target_store.targets_in_state(broadcast_id, "sent", after=after, limit=PAGE),
            *target_store.targets_in_state(broadcast_id, "revoked", after=after, limit=PAGE)]
    return sorted(both, key=lambda target: target.phone)[:PAGE]


def _revoke_all(provider: RevokingProvider, targets: Sequence[Target]) -> list[RevokeResult]:
    def one(target: Target) -> RevokeResult:
        if not target.rm_message_id:
            return RevokeResult("", "not_revoked", detail="no message id")
        return provider.revoke(target.phone, target.rm_message_id)

    with ThreadPoolExecutor(max_workers=max(1, get_settings().send_concurrency)) as pool:
        return list(pool.map(one, targets))


def mark_revoked(account_id: str, broadcast_id: str, targets: Sequence[Target]) -> int:
    """Move the targets still `sent` to `revoked` (a transaction per 99, no counter changes);
    returns how many moved. A target that moved meanwhile (delivered) is left as it is."""
    keys = [(broadcast_id, target.phone) for target in targets]
    for _ in range(WRITE_ATTEMPTS):
        current = target_store.target_states(keys) if keys else {}
        changes = [TargetChange(broadcast_id=broadcast_id, phone=t.phone, prior="sent", state="revoked",
                                delivered_at=None, read_at=None, delivered_delta=0, read_delta=0,
                                failure_reason="")
                   for t in current.values() if t.state == "sent"]
        try:
            target_store.apply_target_changes(account_id, changes)
        except StaleState:
            continue
        return len(changes)
    logger.warning("revoked targets kept meeting concurrent changes", extra={"broadcast_id": broadcast_id})
    return 0
