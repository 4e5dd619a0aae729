"""The broadcast runner: snapshot the list, pick the broadcast up, dispatch chunks, complete or fail
the broadcast; and the account's provider as every sender uses it. A chunk's send is
`chalicelib/services/sender.py`'s.

Every step is safe to run twice (SQS delivers at least once): the snapshot advances a cursor with a
conditional update, so a page is counted once; the dispatcher advances its own cursor the same way,
and a chunk enqueued twice is harmless (its sender holds a lease and settles once).
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace

from chalicelib import errors, jobs, messaging
from chalicelib.clock import TimeLeft, format_time, parse_time, utcnow
from chalicelib.logs import logger
from chalicelib.providers.factory import provider_for
from chalicelib.providers.port import MessageProvider
from chalicelib.services import balance, credentials, lists, retries, suppression, templates
from chalicelib.services.lists import Member
from chalicelib.settings import get_settings
from chalicelib.store import broadcasts as store
from chalicelib.store import targets as target_store
from chalicelib.store.broadcasts import ACTIVE as ACTIVE  # statuses a broadcast can still fail from
from chalicelib.store.broadcasts import Broadcast
from chalicelib.store.targets import Target

SNAPSHOT_PAGE = 1000
SNAPSHOT_WRITERS = 4
CHUNKS_PER_DISPATCH_BATCH = 10
SAFETY_SECONDS = 60.0
SNAPSHOT_WAIT_SECONDS = 2
INTERNAL_ERROR = "internal_error"


def _job(kind: type[jobs.Dispatch] | type[jobs.Snapshot], broadcast: Broadcast) -> jobs.BroadcastJob:
    return kind(broadcast.account_id, broadcast.broadcast_id)


# ---------------------------------------------------------------- snapshot


def snapshot(account_id: str, broadcast_id: str, *, time_left: TimeLeft) -> Broadcast:
    """The snapshot job: go on copying the broadcast's members into its targets."""
    return continue_snapshot(store.get_broadcast(account_id, broadcast_id), time_left=time_left)


def continue_snapshot(broadcast: Broadcast, *, time_left: TimeLeft, pages: int | None = None) -> Broadcast:
    """Copy list members into targets page by page until done, out of time, or `pages` pages.
    The next page is read while this one is written, and a page is written in parallel slices."""
    copied_pages = 0
    source = (retries.failed_member_pages(broadcast.retry_of, page_size=SNAPSHOT_PAGE,
                                          cursor=broadcast.snapshot_cursor or None) if broadcast.retry_of else
              lists.member_pages(broadcast.list_id, page_size=SNAPSHOT_PAGE, cursor=broadcast.snapshot_cursor or None))
    broadcast_id = broadcast.broadcast_id

    def write(part: list[Target]) -> None:
        target_store.put_targets(broadcast_id, part, expires_at=store.targets_expire_at(broadcast))

    with ThreadPoolExecutor(max_workers=SNAPSHOT_WRITERS + 1) as pool:
        upcoming: Future[tuple[list[Member], str]] = pool.submit(next, source, ([], ""))
        while not broadcast.snapshot_done and broadcast.status not in store.TERMINAL:
            if (pages is not None and copied_pages >= pages) or time_left() < SAFETY_SECONDS:
                messaging.send("dispatch", _job(jobs.Snapshot, broadcast))
                break
            members, next_cursor = upcoming.result()
            if next_cursor and (pages is None or copied_pages + 1 < pages):
                upcoming = pool.submit(next, source, ([], ""))
            targets, optouts_version = suppression.mark_snapshot(
                broadcast.account_id, [Target(broadcast_id, m.phone, dict(m.variables)) for m in members])
            step = -(-len(targets) // SNAPSHOT_WRITERS) or 1
            list(pool.map(write, [targets[i:i + step] for i in range(0, len(targets), step)]))
            cursor = broadcast.snapshot_cursor
            advanced = store.record_snapshot_page(broadcast, from_cursor=cursor, to_cursor=next_cursor,
                                                  count=len(members), done=not next_cursor,
                                                  optouts_version=optouts_version)
            copied_pages += 1
            if advanced is None:
                return store.get_broadcast(broadcast.account_id, broadcast.broadcast_id)
            broadcast = advanced
    return broadcast


# ---------------------------------------------------------------- start, schedule, dispatch


def resume_running(broadcast: Broadcast) -> Broadcast | None:
    """paused -> running in the next epoch, and its dispatch queued again (None if it was not paused
    in the epoch read)."""
    resumed = store.mark_resumed(broadcast.account_id, broadcast.broadcast_id, epoch=broadcast.run_epoch)
    if resumed is not None:
        messaging.send("dispatch", _job(jobs.Dispatch, resumed))
    return resumed


def start_running(broadcast: Broadcast, *, from_statuses: tuple[str, ...]) -> Broadcast | None:
    running = store.mark_running(broadcast.account_id, broadcast.broadcast_id, from_statuses=from_statuses)
    if running is not None:
        messaging.send("dispatch", _job(jobs.Dispatch, running))
    return running


def fire_due_schedules() -> int:
    """Claim every scheduled broadcast whose time has come and start it; returns how many."""
    fired = 0
    for account_id, broadcast_id in store.due_broadcasts(format_time(utcnow())):
        try:
            broadcast = store.get_broadcast(account_id, broadcast_id)
        except errors.NotFound:
            continue
        if start_running(broadcast, from_statuses=("scheduled",)) is not None:
            fired += 1
    return fired


def _pick_up(broadcast: Broadcast) -> tuple[str, Broadcast | None]:
    """Snapshot the template onto the broadcast (a retry has its source's snapshot already) and fix
    its price: ('', the broadcast now) when it can run, else (the failure reason, None)."""
    content = broadcast.content
    if content is None:
        try:
            template = templates.get_template(broadcast.account_id, broadcast.template_id)
        except errors.NotFound:
            return "template_missing", None
        content = {
            "name": template.name, "category": template.category, "language": template.language,
            "components": template.components, "suggestions": template.suggestions,
            "placeholders": template.placeholders, "sms_fallback": template.sms_fallback_text,
        }
    if account_provider(broadcast.account_id) is None:
        return "no_credentials", None
    price = get_settings().price_of(str(content["category"]))
    if balance.get_balance(broadcast.account_id) < price:
        return "insufficient_balance", None
    return "", store.attach_content(broadcast, content, price)


def dispatch(account_id: str, broadcast_id: str, *, time_left: TimeLeft) -> None:
    """Enqueue the broadcast's chunks as send jobs, ten per SendMessageBatch; continue itself."""
    broadcast = store.get_broadcast(account_id, broadcast_id)
    if broadcast.status != "running" or broadcast.dispatch_done:
        return
    if not broadcast.snapshot_done:
        if _snapshot_stalled(broadcast):
            logger.error("the snapshot made no progress for too long; the dispatcher stops waiting",
                         extra={"broadcast_id": broadcast_id, "last_progress": broadcast.progress_at})
            fail_broadcast(account_id, broadcast_id, INTERNAL_ERROR)
            return
        messaging.send("dispatch", _job(jobs.Dispatch, broadcast), delay_seconds=SNAPSHOT_WAIT_SECONDS)
        return
    if broadcast.content is None or broadcast.unit_price is None:
        reason, picked = _pick_up(broadcast)
        if reason:
            store.mark_failed(account_id, broadcast_id, reason)
            logger.info("broadcast failed at pick-up", extra={"broadcast_id": broadcast_id, "reason": reason})
            return
        broadcast = picked or store.get_broadcast(account_id, broadcast_id)
    chunk_size = get_settings().send_chunk_size
    while True:
        if time_left() < SAFETY_SECONDS:
            messaging.send("dispatch", _job(jobs.Dispatch, broadcast))
            return
        bounds = target_store.chunk_bounds(broadcast_id, after=broadcast.dispatch_cursor, chunk_size=chunk_size,
                                    chunks=CHUNKS_PER_DISPATCH_BATCH)
        messaging.send_batch("send", (
            jobs.SendChunk(broadcast.account_id, broadcast.broadcast_id, b.first_phone, b.last_phone, b.size,
                           epoch=broadcast.run_epoch)
            for b in bounds
        ))
        done = sum(b.size for b in bounds) < chunk_size * CHUNKS_PER_DISPATCH_BATCH
        to_cursor = bounds[-1].last_phone if bounds else broadcast.dispatch_cursor
        if not store.record_dispatch(broadcast, from_cursor=broadcast.dispatch_cursor, to_cursor=to_cursor,
                                     chunks=len(bounds), done=done):
            return
        if done:
            complete_if_settled(account_id, broadcast_id)
            return
        broadcast = replace(broadcast, dispatch_cursor=to_cursor)


def _snapshot_stalled(broadcast: Broadcast) -> bool:
    """Whether the snapshot has made no progress (no page copied, nor the start) for longer than
    `settings.snapshot_wait_seconds`: its job is lost, and the reconciler did not revive it."""
    last = broadcast.progress_at or broadcast.started_at
    if not last:
        return False
    return (utcnow() - parse_time(last)).total_seconds() > get_settings().snapshot_wait_seconds


def complete_if_settled(account_id: str, broadcast_id: str) -> bool:
    broadcast = store.get_broadcast(account_id, broadcast_id)
    if (broadcast.status == "running" and broadcast.snapshot_done and broadcast.dispatch_done
            and broadcast.settled_count >= broadcast.total_count):
        return store.mark_completed(broadcast)
    return False


def account_provider(account_id: str) -> MessageProvider | None:
    """The account's provider (None without usable credentials), as the sender uses it."""
    return credentials.account_provider(account_id, provider_for)


def fail_broadcast(account_id: str, broadcast_id: str, reason: str = INTERNAL_ERROR, *,
                   from_statuses: tuple[str, ...] = ("running",)) -> bool:
    """End a broadcast (running, or one of `from_statuses`) as failed; whether this call ended it.
    Chunks already reserved settle and refund themselves when their jobs run (see `send_chunk`)."""
    failed = store.mark_failed(account_id, broadcast_id, reason, from_statuses=from_statuses) is not None
    if failed:
        logger.warning("broadcast failed", extra={"broadcast_id": broadcast_id, "reason": reason})
    return failed
