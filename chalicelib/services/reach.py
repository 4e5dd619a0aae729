"""The reach check (RBM's users:batchGet): which of a broadcast's numbers RBM can reach.

Two places use it:
- In the background right after a draft is created (a `reach` job on the dispatch queue), page by
  page of targets as the snapshot copies them, to fill the broadcast's `reach` (`checked`,
  `reachable`) so a draft shows its reach before it is started. Each page is counted once (a
  conditional cursor, like the snapshot's); the job continues itself before Lambda's limit.
- In the sender, just before a pass reserves its chunk's cost: the unreachable targets end
  `failed` / `not_rcs_capable` without a send and without a charge (`screen`).

A check the provider cannot answer now (transient trouble) holds nothing up: the sender sends,
and RBM's 404 on the send says the same thing; the background job tries again later.
"""

from __future__ import annotations

from dataclasses import replace

from chalicelib import jobs, messaging
from chalicelib.clock import TimeLeft, no_deadline
from chalicelib.logs import logger
from chalicelib.providers.port import NOT_RCS_CAPABLE, MessageProvider, ReachProvider
from chalicelib.services import runner
from chalicelib.store import broadcasts as store
from chalicelib.store import targets as target_store
from chalicelib.store.broadcasts import Broadcast
from chalicelib.store.targets import Target

PAGE = 1000
SAFETY_SECONDS = 60.0
WAIT_SECONDS = 2  # for the snapshot to copy more, or after a check the provider could not answer
MAX_TRIES = 10


def _job(broadcast: Broadcast, tries: int = 0) -> jobs.Reach:
    return jobs.Reach(broadcast.account_id, broadcast.broadcast_id, tries=tries)


def start(broadcast: Broadcast) -> None:
    """Queue the background reach check of a new draft (nothing when it opted out)."""
    if broadcast.check_reach:
        messaging.send("dispatch", _job(broadcast))


def continue_check(account_id: str, broadcast_id: str, *, tries: int = 0,
                   time_left: TimeLeft = no_deadline) -> None:
    broadcast = store.get_broadcast(account_id, broadcast_id)
    if not broadcast.check_reach or broadcast.reach_done or broadcast.status in ("cancelled", "failed"):
        return  # (a completed broadcast still gets its count: the check may have waited for credentials)
    provider = runner.account_provider(account_id)
    if not isinstance(provider, ReachProvider):
        return  # no credentials yet (or a provider without a reach check): the sender's 404s tell
    while True:
        if time_left() < SAFETY_SECONDS:
            messaging.send("dispatch", _job(broadcast, tries))
            return
        phones = target_store.phones_after(broadcast_id, after=broadcast.reach_cursor, limit=PAGE)
        if not phones and not broadcast.snapshot_done:
            messaging.send("dispatch", _job(broadcast, tries), delay_seconds=WAIT_SECONDS)
            return
        reachable = provider.reachable_users(phones) if phones else frozenset()
        if reachable is None:
            if tries + 1 < MAX_TRIES:
                messaging.send("dispatch", _job(broadcast, tries + 1), delay_seconds=WAIT_SECONDS)
            else:
                logger.warning("the reach check kept failing; the broadcast shows what it counted",
                               extra={"broadcast_id": broadcast_id})
            return
        last = phones[-1] if phones else broadcast.reach_cursor
        done = broadcast.snapshot_done and len(phones) < PAGE
        if not store.record_reach_page(broadcast, from_cursor=broadcast.reach_cursor, to_cursor=last,
                                       checked=len(phones), reachable=len(reachable), done=done):
            return  # another delivery counted this page (it goes on from there), or the broadcast ended
        if done:
            return
        if len(phones) < PAGE:  # the snapshot is still copying: come back for the rest
            messaging.send("dispatch", _job(broadcast, tries), delay_seconds=WAIT_SECONDS)
            return
        broadcast = store.get_broadcast(account_id, broadcast_id)


def screen(broadcast: Broadcast, provider: MessageProvider | None,
           due: list[Target]) -> tuple[list[Target], list[Target]]:
    """(the targets to send, the unreachable ones failed as `not_rcs_capable`) before a send pass."""
    if not broadcast.check_reach or not due or not isinstance(provider, ReachProvider):
        return due, []
    reachable = provider.reachable_users([target.phone for target in due])
    if reachable is None:
        return due, []
    unreachable = [replace(target, state="failed", failure_reason=NOT_RCS_CAPABLE)
                   for target in due if target.phone not in reachable]
    return [target for target in due if target.phone in reachable], unreachable
