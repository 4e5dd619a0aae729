"""Broadcasts: the model, the record the services see and the repository functions of a broadcast's
life (create, transitions, the snapshot's, reach check's and dispatch's progress, draft expiry). Its
targets and settled chunks are in `chalicelib/store/targets.py`.

Keys:
- broadcasts: (account_id, broadcast_id); broadcast ids sort by creation time, so a query on the
  account newest-first is the listing. `due_index` (schedule_bucket, scheduled_at) holds only
  broadcasts in `scheduled` (the attribute is removed when they leave it): the scheduler's query.
  `progress_index` (progress_bucket, progress_at) holds only broadcasts in `running`, by the time
  of their last step (start, snapshot page, dispatch batch, settled chunk): the reconciler's query.

One module for one table: every write after the create is a transition through `_transition` (a
condition on the status and, for a step, on the cursor it started from), and only this module may
write one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pynamodb.attributes import (
    BooleanAttribute,
    JSONAttribute,
    NumberAttribute,
    TTLAttribute,
    UnicodeAttribute,
)
from pynamodb.exceptions import UpdateError
from pynamodb.expressions.condition import Condition
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib import errors
from chalicelib.clock import format_time, parse_time, utcnow
from chalicelib.settings import get_settings
from chalicelib.store.base import record_of, table_meta, time_ordered_id
from chalicelib.store.paging import Page, decode_cursor, encode_cursor, key_shape

ACTIVE = ("draft", "scheduled", "running", "paused")
TERMINAL = ("completed", "cancelled", "failed")
SCHEDULED_BUCKET = "scheduled"
RUNNING_BUCKET = "running"


def new_broadcast_id() -> str:
    return time_ordered_id("b")


class DueIndex(GlobalSecondaryIndex["BroadcastModel"]):
    class Meta:
        index_name = "due_index"
        projection = KeysOnlyProjection()

    schedule_bucket = UnicodeAttribute(hash_key=True)
    scheduled_at = UnicodeAttribute(range_key=True)


class ProgressIndex(GlobalSecondaryIndex["BroadcastModel"]):
    class Meta:
        index_name = "progress_index"
        projection = KeysOnlyProjection()

    progress_bucket = UnicodeAttribute(hash_key=True)
    progress_at = UnicodeAttribute(range_key=True)


class BroadcastModel(Model):
    Meta = table_meta("broadcasts")

    account_id = UnicodeAttribute(hash_key=True)
    broadcast_id = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    template_id = UnicodeAttribute()
    list_id = UnicodeAttribute()
    template_name = UnicodeAttribute(default="")
    list_name = UnicodeAttribute(default="")
    status = UnicodeAttribute(default="draft")
    failure_reason = UnicodeAttribute(default="")
    expires_at = TTLAttribute(null=True)  # a draft's: removed when it leaves `draft`
    created_at = UnicodeAttribute()
    scheduled_at = UnicodeAttribute(null=True)
    started_at = UnicodeAttribute(null=True)
    completed_at = UnicodeAttribute(null=True)
    schedule_bucket = UnicodeAttribute(null=True)
    total_count = NumberAttribute(default=0)
    sent_count = NumberAttribute(default=0)
    delivered_count = NumberAttribute(default=0)
    read_count = NumberAttribute(default=0)
    failed_count = NumberAttribute(default=0)
    suppressed_count = NumberAttribute(default=0)  # opted out: never sent, never charged; settled
    replied_count = NumberAttribute(default=0)  # text replies attributed to the broadcast (chalicelib/store/inbound.py)
    clicked_count = NumberAttribute(default=0)  # suggestion taps attributed to it
    snapshot_done = BooleanAttribute(default=False)
    snapshot_count = NumberAttribute(default=0)
    snapshot_cursor = UnicodeAttribute(default="")
    dispatch_done = BooleanAttribute(default=False)
    dispatch_cursor = UnicodeAttribute(default="")
    chunks_dispatched = NumberAttribute(default=0)
    content = JSONAttribute(null=True)
    unit_price = NumberAttribute(null=True)
    progress_bucket = UnicodeAttribute(null=True)
    progress_at = UnicodeAttribute(null=True)
    run_epoch = NumberAttribute(default=0)  # +1 on each resume: send jobs of an older epoch send nothing
    send_window = JSONAttribute(null=True)  # {"start": "HH:MM", "end": "HH:MM"}: the recipients' local time
    next_window_at = UnicodeAttribute(null=True)  # the earliest opening a waiting chunk reported
    retry_of = UnicodeAttribute(default="")
    ttl_seconds = NumberAttribute(null=True)  # RBM's `ttl` of each message: revoked when undelivered by then
    check_reach = BooleanAttribute(default=True)
    reach_checked = NumberAttribute(default=0)  # targets the background reach check asked about
    reach_reachable = NumberAttribute(default=0)
    reach_cursor = UnicodeAttribute(default="")  # the last phone it asked about
    reach_done = BooleanAttribute(default=False)
    fallback = UnicodeAttribute(default="none")  # "sms": targets RCS cannot deliver get the template's SMS text
    fallback_count = NumberAttribute(default=0)  # targets whose SMS fallback was sent
    optouts_version = NumberAttribute(null=True)  # the opt-out list's version the snapshot screened against
    due_index = DueIndex()
    progress_index = ProgressIndex()


# ---------------------------------------------------------------- records the services see


@dataclass(frozen=True)
class Broadcast:
    account_id: str
    broadcast_id: str
    name: str
    template_id: str
    list_id: str
    template_name: str
    list_name: str
    status: str
    failure_reason: str
    created_at: str
    scheduled_at: str | None
    started_at: str | None
    completed_at: str | None
    total_count: int
    sent_count: int
    delivered_count: int
    read_count: int
    failed_count: int
    snapshot_done: bool
    snapshot_count: int
    snapshot_cursor: str
    dispatch_done: bool
    dispatch_cursor: str
    chunks_dispatched: int
    content: dict[str, Any] | None
    unit_price: int | None
    progress_at: str | None = None
    run_epoch: int = 0
    send_window: dict[str, str] | None = None
    next_window_at: str | None = None
    retry_of: str = ""
    ttl_seconds: int | None = None
    check_reach: bool = True
    reach_checked: int = 0
    reach_reachable: int = 0
    reach_cursor: str = ""
    reach_done: bool = False
    fallback: str = "none"
    fallback_count: int = 0
    suppressed_count: int = 0
    replied_count: int = 0
    clicked_count: int = 0
    optouts_version: int | None = None

    @property
    def settled_count(self) -> int:
        return self.sent_count + self.failed_count + self.suppressed_count


def _broadcast(item: BroadcastModel) -> Broadcast:
    return record_of(item, Broadcast)


# ---------------------------------------------------------------- broadcasts


def create_broadcast(*, account_id: str, name: str, template_id: str, list_id: str, template_name: str,
                     list_name: str, scheduled_at: str | None, total_count: int,
                     send_window: dict[str, str] | None = None, retry_of: str = "",
                     content: dict[str, Any] | None = None, ttl_seconds: int | None = None,
                     check_reach: bool = True, fallback: str = "none") -> Broadcast:
    now = utcnow()
    item = BroadcastModel(
        account_id, new_broadcast_id(), name=name, template_id=template_id, list_id=list_id,
        template_name=template_name, list_name=list_name, status="draft", created_at=format_time(now),
        scheduled_at=scheduled_at, total_count=total_count, expires_at=now + draft_lifetime(),
        send_window=send_window, retry_of=retry_of, content=content, ttl_seconds=ttl_seconds,
        check_reach=check_reach, fallback=fallback,
    )
    item.save(condition=BroadcastModel.broadcast_id.does_not_exist())
    return _broadcast(item)


def get_broadcast(account_id: str, broadcast_id: str) -> Broadcast:
    try:
        return _broadcast(BroadcastModel.get(account_id, broadcast_id, consistent_read=True))
    except BroadcastModel.DoesNotExist:
        raise errors.NotFound("no broadcast with this id") from None


def list_broadcasts(account_id: str, *, limit: int, cursor: str | None) -> Page[Broadcast]:
    start = decode_cursor(cursor, pinned={"account_id": account_id}, shape=key_shape(BroadcastModel))
    result = BroadcastModel.query(account_id, scan_index_forward=False, limit=limit,
                                  last_evaluated_key=start)
    items = [_broadcast(item) for item in result]
    return Page(items, encode_cursor(result.last_evaluated_key))


def _transition(account_id: str, broadcast_id: str, *, allowed: Sequence[str], actions: list[Any],
                extra_condition: Condition | None = None) -> Broadcast | None:
    """Apply `actions` if the broadcast's status is one of `allowed`; None when it is not."""
    condition = BroadcastModel.broadcast_id.exists() & BroadcastModel.status.is_in(*allowed)
    if extra_condition is not None:
        condition &= extra_condition
    item = BroadcastModel(account_id, broadcast_id)
    try:
        item.update(actions=actions, condition=condition)
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return None
        raise
    return _broadcast(item)


def progress_actions() -> list[Any]:
    """The actions that note a step of a running broadcast (the reconciler looks for the lack of them)."""
    return [BroadcastModel.progress_bucket.set(RUNNING_BUCKET), BroadcastModel.progress_at.set(format_time(utcnow()))]


def _ended() -> list[Any]:
    return [BroadcastModel.completed_at.set(format_time(utcnow())), BroadcastModel.progress_bucket.remove()]


def mark_running(account_id: str, broadcast_id: str, *, from_statuses: Sequence[str]) -> Broadcast | None:
    return _transition(account_id, broadcast_id, allowed=from_statuses, actions=[
        BroadcastModel.status.set("running"),
        BroadcastModel.started_at.set(format_time(utcnow())),
        BroadcastModel.expires_at.remove(),
        BroadcastModel.schedule_bucket.remove(),
        *progress_actions(),
    ])


def mark_scheduled(account_id: str, broadcast_id: str, scheduled_at: str) -> Broadcast | None:
    return _transition(account_id, broadcast_id, allowed=("draft",), actions=[
        BroadcastModel.status.set("scheduled"),
        BroadcastModel.expires_at.remove(),
        BroadcastModel.schedule_bucket.set(SCHEDULED_BUCKET),
        BroadcastModel.scheduled_at.set(scheduled_at),
    ])


def mark_cancelled(account_id: str, broadcast_id: str) -> Broadcast | None:
    return _transition(account_id, broadcast_id, allowed=ACTIVE, actions=[
        BroadcastModel.status.set("cancelled"),
        BroadcastModel.expires_at.remove(),
        BroadcastModel.schedule_bucket.remove(),
        *_ended(),
    ])


def mark_paused(account_id: str, broadcast_id: str) -> Broadcast | None:
    """running -> paused (out of the running index: the reconciler leaves a paused broadcast alone)."""
    return _transition(account_id, broadcast_id, allowed=("running",), actions=[
        BroadcastModel.status.set("paused"), BroadcastModel.progress_bucket.remove(),
    ])


def mark_resumed(account_id: str, broadcast_id: str, *, epoch: int) -> Broadcast | None:
    """paused (still in `epoch`) -> running in the next epoch, its dispatch started over: the send
    jobs of the new epoch walk every chunk again and send what is still queued."""
    return _transition(account_id, broadcast_id, allowed=("paused",), actions=[
        BroadcastModel.status.set("running"),
        BroadcastModel.run_epoch.set(epoch + 1),
        BroadcastModel.dispatch_cursor.set(""),
        BroadcastModel.dispatch_done.set(False),
        *progress_actions(),
    ], extra_condition=BroadcastModel.run_epoch == epoch if epoch else (
        BroadcastModel.run_epoch.does_not_exist() | (BroadcastModel.run_epoch == 0)))


def note_next_window(broadcast: Broadcast, opening: str, *, now: str) -> None:
    """Show `opening` as the broadcast's next window opening when it is sooner than the one shown
    (or the one shown has passed by `now`)."""
    try:
        BroadcastModel(broadcast.account_id, broadcast.broadcast_id).update(
            actions=[BroadcastModel.next_window_at.set(opening)],
            condition=BroadcastModel.broadcast_id.exists() & (
                BroadcastModel.next_window_at.does_not_exist() | (BroadcastModel.next_window_at > opening)
                | (BroadcastModel.next_window_at <= now)))
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise


def mark_failed(account_id: str, broadcast_id: str, reason: str, *,
                from_statuses: Sequence[str] = ("running",)) -> Broadcast | None:
    return _transition(account_id, broadcast_id, allowed=from_statuses, actions=[
        BroadcastModel.schedule_bucket.remove(),
        BroadcastModel.status.set("failed"),
        BroadcastModel.expires_at.remove(),
        BroadcastModel.failure_reason.set(reason),
        *_ended(),
    ])


def mark_completed(broadcast: Broadcast) -> bool:
    """Flip a running broadcast to completed, only if its counters are still the settled ones read."""
    done = _transition(
        broadcast.account_id, broadcast.broadcast_id, allowed=("running",),
        actions=[BroadcastModel.status.set("completed"), *_ended()],
        extra_condition=(BroadcastModel.dispatch_done == True)  # noqa: E712
        & (BroadcastModel.snapshot_done == True)  # noqa: E712
        & (BroadcastModel.sent_count == broadcast.sent_count)
        & (BroadcastModel.failed_count == broadcast.failed_count)
        & ((BroadcastModel.suppressed_count == broadcast.suppressed_count) if broadcast.suppressed_count
           else (BroadcastModel.suppressed_count.does_not_exist() | (BroadcastModel.suppressed_count == 0))),
    )
    return done is not None


def attach_content(broadcast: Broadcast, content: dict[str, Any], unit_price: int) -> Broadcast | None:
    """Snapshot the template's content (a retry carries its source's already) and the price onto a
    running broadcast, once."""
    return _transition(broadcast.account_id, broadcast.broadcast_id, allowed=("running",),
                       actions=[BroadcastModel.content.set(content), BroadcastModel.unit_price.set(unit_price)],
                       extra_condition=BroadcastModel.unit_price.does_not_exist())


def stalled_broadcasts(before: str) -> Iterator[tuple[str, str]]:
    """(account_id, broadcast_id) of every broadcast in the running index whose last step is older
    than `before`, oldest first (all of them, page by page: a bounded run would find the same
    oldest ones every time and never reach the rest)."""
    for item in BroadcastModel.progress_index.query(RUNNING_BUCKET, BroadcastModel.progress_at < before):
        yield item.account_id, item.broadcast_id


def leave_progress_index(account_id: str, broadcast_id: str) -> None:
    """Take a broadcast that no longer runs out of the running index (a step that read it running
    may have put it back after it ended)."""
    try:
        BroadcastModel(account_id, broadcast_id).update(
            actions=[BroadcastModel.progress_bucket.remove()],
            condition=BroadcastModel.broadcast_id.exists() & BroadcastModel.status.is_in(*TERMINAL))
    except UpdateError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise


def due_broadcasts(now: str, limit: int = 100) -> list[tuple[str, str]]:
    """(account_id, broadcast_id) of scheduled broadcasts whose time has come, oldest first."""
    return [(item.account_id, item.broadcast_id)
            for item in BroadcastModel.due_index.query(SCHEDULED_BUCKET, BroadcastModel.scheduled_at <= now,
                                                       limit=limit)]


# ---------------------------------------------------------------- draft expiry

# How long after its broadcast could last have started a queued target is kept: a running
# broadcast has settled every chunk long before (RBM itself gives up on a message after 15 days).
SEND_GRACE = timedelta(days=15)


def draft_lifetime() -> timedelta:
    return timedelta(days=get_settings().draft_ttl_days)


def draft_expired(broadcast: Broadcast) -> bool:
    """A draft untouched for `draft_ttl_days` (DynamoDB's TTL deletes it within a day or two after)."""
    return broadcast.status == "draft" and parse_time(broadcast.created_at) + draft_lifetime() <= utcnow()


def targets_expire_at(broadcast: Broadcast) -> datetime:
    """When the queued targets the snapshot writes for `broadcast` expire: its draft's end or its
    schedule, whichever is later, plus SEND_GRACE. A started broadcast rewrites each target as it
    settles, without expiry; only what never left `queued` (a draft never started, a cancelled
    broadcast's rest) goes."""
    ends = parse_time(broadcast.created_at) + draft_lifetime()
    if broadcast.scheduled_at:
        ends = max(ends, parse_time(broadcast.scheduled_at))
    return ends + SEND_GRACE


def open_drafts(account_id: str) -> list[Broadcast]:
    """The account's drafts that have not expired: only broadcasts created within the draft lifetime
    can be (ids sort by creation time), so the query reads the last `draft_ttl_days` of them."""
    since = utcnow() - draft_lifetime()
    first_id = f"b{int(since.timestamp() * 1000):012x}"
    drafts = (_broadcast(item) for item in BroadcastModel.query(
        account_id, BroadcastModel.broadcast_id > first_id, filter_condition=BroadcastModel.status == "draft"))
    return [draft for draft in drafts if not draft_expired(draft)]


# ---------------------------------------------------------------- snapshot


def record_snapshot_page(broadcast: Broadcast, *, from_cursor: str, to_cursor: str, count: int,
                         done: bool, optouts_version: int) -> Broadcast | None:
    """Advance the snapshot from `from_cursor`: the broadcast after, or None if another delivery
    already did. The first page's `optouts_version` (the opt-out list's version its page was
    screened against, read before it) is kept: versions only grow, so it is the oldest."""
    actions: list[Any] = [BroadcastModel.snapshot_cursor.set(to_cursor), BroadcastModel.snapshot_count.add(count),
                          BroadcastModel.optouts_version.set(BroadcastModel.optouts_version | optouts_version)]
    if broadcast.status == "running":
        actions += progress_actions()
    if done:
        actions += [BroadcastModel.snapshot_done.set(True),
                    BroadcastModel.total_count.set(broadcast.snapshot_count + count)]
    result = _transition(broadcast.account_id, broadcast.broadcast_id, allowed=ACTIVE, actions=actions,
                         extra_condition=(BroadcastModel.snapshot_cursor == from_cursor)
                         & (BroadcastModel.snapshot_done == False))  # noqa: E712
    return result


def record_reach_page(broadcast: Broadcast, *, from_cursor: str, to_cursor: str, checked: int, reachable: int,
                      done: bool) -> bool:
    """Count one page of the background reach check once: whether this call advanced it (False when
    another delivery did, or the broadcast was cancelled or failed)."""
    actions: list[Any] = [BroadcastModel.reach_cursor.set(to_cursor), BroadcastModel.reach_checked.add(checked),
                          BroadcastModel.reach_reachable.add(reachable)]
    if done:
        actions.append(BroadcastModel.reach_done.set(True))
    return _transition(broadcast.account_id, broadcast.broadcast_id, allowed=(*ACTIVE, "completed"), actions=actions,
                       extra_condition=(BroadcastModel.reach_cursor == from_cursor)
                       & (BroadcastModel.reach_done == False)) is not None  # noqa: E712


# ---------------------------------------------------------------- dispatch


def record_dispatch(broadcast: Broadcast, *, from_cursor: str, to_cursor: str, chunks: int, done: bool) -> bool:
    actions: list[Any] = [BroadcastModel.dispatch_cursor.set(to_cursor),
                          BroadcastModel.chunks_dispatched.add(chunks), *progress_actions()]
    if done:
        actions.append(BroadcastModel.dispatch_done.set(True))
    result = _transition(broadcast.account_id, broadcast.broadcast_id, allowed=("running",), actions=actions,
                         extra_condition=BroadcastModel.dispatch_cursor == from_cursor)
    return result is not None


def owned_broadcasts(account_id: str, broadcast_ids: Iterable[str]) -> set[str]:
    keys = [(account_id, broadcast_id) for broadcast_id in set(broadcast_ids)]
    return {item.broadcast_id for item in BroadcastModel.batch_get(keys, attributes_to_get=["broadcast_id"])}


