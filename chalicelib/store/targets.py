"""A broadcast's targets (one item per recipient): model, record and the repository functions of the
snapshot's writes, the dispatch's chunks, the sender's target writes and the receipts' state changes
(a settled chunk is `chalicelib/store/chunks.py`'s). Counters live on the broadcast
(`chalicelib/store/broadcasts.py`): a receipt moves its target in the same transaction as them.

Keys:
- targets: (broadcast_id, phone). `state_index` (broadcast_state = "<broadcast>#<state>", phone)
  serves the `state=` filter; `message_index` (rm_message_id) finds a target from a receipt.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pynamodb.attributes import MapAttribute, NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.store.base import record_of, table_meta
from chalicelib.store.broadcasts import BroadcastModel
from chalicelib.store.paging import Page, decode_cursor, encode_cursor, key_shape
from chalicelib.store.transact import Cancelled, Contended, transact

TARGET_STATES = ("queued", "sent", "delivered", "read", "failed", "expired", "revoked", "fallback_sent",
                 "fallback_failed", "suppressed")


class StateIndex(GlobalSecondaryIndex["TargetModel"]):
    class Meta:
        index_name = "state_index"
        projection = AllProjection()

    broadcast_state = UnicodeAttribute(hash_key=True)
    phone = UnicodeAttribute(range_key=True)


class MessageIndex(GlobalSecondaryIndex["TargetModel"]):
    class Meta:
        index_name = "message_index"
        projection = KeysOnlyProjection()

    rm_message_id = UnicodeAttribute(hash_key=True)


class PhoneIndex(GlobalSecondaryIndex["TargetModel"]):
    """Sent targets by phone and send time (sparse: only targets with `sent_at`): which broadcast
    a user message from that phone answers (chalicelib/store/inbound.py)."""

    class Meta:
        index_name = "phone_index"
        projection = KeysOnlyProjection()

    phone = UnicodeAttribute(hash_key=True)
    sent_at = UnicodeAttribute(range_key=True)


class TargetModel(Model):
    Meta = table_meta("targets")

    broadcast_id = UnicodeAttribute(hash_key=True)
    phone = UnicodeAttribute(range_key=True)
    variables = MapAttribute[str, Any](default=dict)
    state = UnicodeAttribute(default="queued")
    broadcast_state = UnicodeAttribute()
    rm_message_id = UnicodeAttribute(null=True)
    failure_reason = UnicodeAttribute(default="")
    sent_at = UnicodeAttribute(null=True)
    delivered_at = UnicodeAttribute(null=True)
    read_at = UnicodeAttribute(null=True)
    settled_in = UnicodeAttribute(default="")  # the pass (see `pass_key`) that settled the target
    fallback_claim = UnicodeAttribute(null=True)  # the SMS fallback step that claimed it (store/fallbacks.py)
    fallback_until = NumberAttribute(null=True)  # until when (epoch seconds) that claim holds
    expires_at = TTLAttribute(null=True)  # a queued target's (see `targets_expire_at`); settled ones have none
    state_index = StateIndex()
    message_index = MessageIndex()
    phone_index = PhoneIndex()


# ---------------------------------------------------------------- records the services see


@dataclass(frozen=True)
class Target:
    broadcast_id: str
    phone: str
    variables: dict[str, str]
    state: str = "queued"
    rm_message_id: str | None = None
    failure_reason: str = ""
    sent_at: str | None = None
    delivered_at: str | None = None
    read_at: str | None = None
    settled_in: str = ""
    fallback_claim: str | None = None
    fallback_until: float | None = None


@dataclass(frozen=True)
class ChunkBounds:
    first_phone: str
    last_phone: str
    size: int
    suffix: str = ""  # the pass over the chunk (a resume's epoch, a send window's wave); "" for the first

    @property
    def key(self) -> str:
        return f"{self.first_phone}..{self.last_phone}{self.suffix}"


def _target(item: TargetModel) -> Target:
    return record_of(item, Target, variables={str(k): str(v) for k, v in _plain(item.variables).items()})


def _plain(value: Any) -> dict[str, Any]:
    if isinstance(value, MapAttribute):
        return dict(value.as_dict())
    return dict(value or {})


# ---------------------------------------------------------------- snapshot


def phones_after(broadcast_id: str, *, after: str, limit: int) -> list[str]:
    """Up to `limit` target phones of the broadcast after `after`, in order (a key-only query)."""
    start = {"broadcast_id": {"S": broadcast_id}, "phone": {"S": after}} if after else None
    return [item.phone for item in TargetModel.query(broadcast_id, limit=limit, last_evaluated_key=start,
                                                     attributes_to_get=["phone"], consistent_read=True,
                                                     page_size=limit)]


def put_targets(broadcast_id: str, targets: Iterable[Target], *, expires_at: datetime | None = None) -> None:
    """Write targets with BatchWriteItem (25 per request; unprocessed items are retried), removed
    by DynamoDB's TTL after `expires_at` unless written again settled (`put_targets_as_they_come`)."""
    with TargetModel.batch_write() as batch:
        for target in targets:
            item = _target_item(target)
            item.expires_at = expires_at
            batch.save(item)


def put_targets_as_they_come(broadcast_id: str, targets: Iterable[Target]) -> list[Target]:
    """Write each settled target as it arrives (BatchWriteItem, 25 per request, so the writes overlap
    the sends still in flight); targets still `queued` are not written. Returns every target seen."""
    seen: list[Target] = []
    with TargetModel.batch_write() as batch:
        for target in targets:
            seen.append(target)
            if target.state != "queued":
                batch.save(_target_item(target))
    return seen


def _target_item(target: Target) -> TargetModel:
    return TargetModel(
        target.broadcast_id, target.phone, variables=target.variables, state=target.state,
        broadcast_state=f"{target.broadcast_id}#{target.state}", rm_message_id=target.rm_message_id,
        failure_reason=target.failure_reason, sent_at=target.sent_at, delivered_at=target.delivered_at,
        read_at=target.read_at, settled_in=target.settled_in, fallback_claim=target.fallback_claim,
        fallback_until=target.fallback_until,
    )


# ---------------------------------------------------------------- dispatch


def chunk_bounds(broadcast_id: str, *, after: str, chunk_size: int, chunks: int) -> list[ChunkBounds]:
    """The next `chunks` chunks of `chunk_size` targets after phone `after`, from one key-only query."""
    start = {"broadcast_id": {"S": broadcast_id}, "phone": {"S": after}} if after else None
    phones = [item.phone for item in TargetModel.query(
        broadcast_id, limit=chunk_size * chunks, last_evaluated_key=start, attributes_to_get=["phone"],
        consistent_read=True, page_size=chunk_size * chunks)]
    return [ChunkBounds(part[0], part[-1], len(part))
            for part in (phones[i:i + chunk_size] for i in range(0, len(phones), chunk_size))]


# ---------------------------------------------------------------- send


def chunk_targets(broadcast_id: str, bounds: ChunkBounds) -> list[Target]:
    return [_target(item) for item in TargetModel.query(
        broadcast_id, TargetModel.phone.between(bounds.first_phone, bounds.last_phone), consistent_read=True)]


# ---------------------------------------------------------------- targets listing


def list_targets(broadcast_id: str, *, size: int, state: str | None, cursor: str | None) -> Page[Target]:
    if state is None:
        start = decode_cursor(cursor, pinned={"broadcast_id": broadcast_id}, shape=key_shape(TargetModel))
        result: Any = TargetModel.query(broadcast_id, limit=size, last_evaluated_key=start, page_size=size)
    else:
        key = f"{broadcast_id}#{state}"
        start = decode_cursor(cursor, pinned={"broadcast_state": key},
                              shape=key_shape(TargetModel, TargetModel.state_index))
        result = TargetModel.state_index.query(key, limit=size, last_evaluated_key=start, page_size=size)
    items = [_target(item) for item in result]
    return Page(items, encode_cursor(result.last_evaluated_key))


def failed_target_pages(broadcast_id: str, *, page_size: int, cursor: str | None) -> Iterator[Page[Target]]:
    """The broadcast's failed targets by phone (`state_index`), a page at a time, each with the
    cursor after it ("" after the last)."""
    key = f"{broadcast_id}#failed"
    start = decode_cursor(cursor, pinned={"broadcast_state": key},
                          shape=key_shape(TargetModel, TargetModel.state_index)) if cursor else None
    while True:
        result = TargetModel.state_index.query(key, limit=page_size, last_evaluated_key=start, page_size=page_size)
        items = [_target(item) for item in result]
        start = result.last_evaluated_key
        yield Page(items, encode_cursor(start))
        if not start:
            return


def iter_all_targets(broadcast_id: str) -> Iterator[Target]:
    for item in TargetModel.query(broadcast_id, consistent_read=True):
        yield _target(item)


def targets_in_state(broadcast_id: str, state: str, *, after: str, limit: int) -> list[Target]:
    """Up to `limit` of the broadcast's targets in `state`, by phone, after the phone `after`."""
    key = f"{broadcast_id}#{state}"
    start = ({"broadcast_state": {"S": key}, "phone": {"S": after}, "broadcast_id": {"S": broadcast_id}}
             if after else None)
    return [_target(item) for item in TargetModel.state_index.query(
        key, limit=limit, last_evaluated_key=start, page_size=limit)]


# ---------------------------------------------------------------- receipts


@dataclass(frozen=True)
class TargetChange:
    """Move one target from `prior` to `state`; the counters change by the given deltas."""

    broadcast_id: str
    phone: str
    prior: str
    state: str
    delivered_at: str | None
    read_at: str | None
    delivered_delta: int
    read_delta: int
    failure_reason: str | None = None  # None: unchanged


class StaleState(Exception):
    """A target was not in the state the change was computed from: read again and recompute."""


TRANSACTION_LIMIT = 100


def locate_messages(message_ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """(broadcast_id, phone) of each known provider message id, through `message_index`."""
    found: dict[str, tuple[str, str]] = {}
    for message_id in set(message_ids):
        for item in TargetModel.message_index.query(message_id, limit=1):
            found[message_id] = (item.broadcast_id, item.phone)
    return found


def target_states(keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], Target]:
    return {(item.broadcast_id, item.phone): _target(item)
            for item in TargetModel.batch_get(list(set(keys)), consistent_read=True)}


def apply_target_changes(account_id: str, changes: Sequence[TargetChange]) -> None:
    """Apply the changes and their counter deltas atomically, a transaction per broadcast and at
    most 99 targets; raises StaleState when a target moved meanwhile (nothing of that group applied)."""
    by_broadcast: dict[str, list[TargetChange]] = {}
    for change in changes:
        by_broadcast.setdefault(change.broadcast_id, []).append(change)
    for broadcast_id, group in by_broadcast.items():
        for start in range(0, len(group), TRANSACTION_LIMIT - 1):
            _apply_group(account_id, broadcast_id, group[start:start + TRANSACTION_LIMIT - 1])


def _apply_group(account_id: str, broadcast_id: str, group: Sequence[TargetChange]) -> None:
    def build(transaction: TransactWrite) -> None:
        for change in group:
            actions: list[Any] = [TargetModel.state.set(change.state),
                                  TargetModel.broadcast_state.set(f"{broadcast_id}#{change.state}")]
            if change.delivered_at:
                actions.append(TargetModel.delivered_at.set(change.delivered_at))
            if change.read_at:
                actions.append(TargetModel.read_at.set(change.read_at))
            if change.failure_reason is not None:
                actions.append(TargetModel.failure_reason.set(change.failure_reason))
            transaction.update(TargetModel(broadcast_id, change.phone), actions=actions,
                               condition=TargetModel.state == change.prior)
        transaction.update(
            BroadcastModel(account_id, broadcast_id),
            actions=[BroadcastModel.delivered_count.add(sum(c.delivered_delta for c in group)),
                     BroadcastModel.read_count.add(sum(c.read_delta for c in group))],
            condition=BroadcastModel.broadcast_id.exists(),
        )

    try:
        transact(TargetModel, build)
    except (Cancelled, Contended) as moved:  # a target moved meanwhile, or kept moving: read again
        raise StaleState(str(moved)) from None
