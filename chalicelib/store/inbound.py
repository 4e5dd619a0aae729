"""User messages (text replies, suggestion taps): which broadcast they answer, and counting them once.

Keys:
- inbound (pk, sk) holds two kinds of item:
  - an event counted: pk `event#<account_id>#<RBM messageId>`, sk `event`, removed by DynamoDB's
    TTL (`expires_at`) after `EVENT_MEMORY` (Google stops retrying a push after 7 days);
  - one suggestion's taps on a broadcast: pk `<broadcast_id>`, sk `click#<sha256 of postbackData>`,
    with the `postback_data`, the label `text` and the `taps`.
- The broadcast a message answers is found through the targets' `phone_index` (phone, sent_at),
  then which of those broadcasts are the account's (one BatchGetItem).

A batch of events of one broadcast is counted in one transaction: each event's item is put with
`attribute_not_exists` next to one update of the broadcast's counters and one per suggestion
tapped. An event seen before fails its condition; the transaction is sent again without it, so a
duplicate (in the batch, or delivered again later) changes nothing.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Literal

from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.models import Model

from chalicelib.settings import get_settings
from chalicelib.store.base import table_meta
from chalicelib.store.broadcasts import owned_broadcasts
from chalicelib.store.targets import TargetModel
from chalicelib.store.transact import Cancelled, Contended, transact_items

EVENT_MEMORY = timedelta(days=8)
EVENTS_PER_TRANSACTION = 40  # + the broadcast + at most as many suggestions: under DynamoDB's 100
MAX_ATTEMPTS = 10
CLICK_PREFIX = "click#"


class InboundEventModel(Model):
    Meta = table_meta("inbound")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    expires_at = TTLAttribute(null=True)


class ClickModel(Model):
    Meta = table_meta("inbound")

    pk = UnicodeAttribute(hash_key=True)
    sk = UnicodeAttribute(range_key=True)
    expires_at = TTLAttribute(null=True)
    postback_data = UnicodeAttribute(default="")
    text = UnicodeAttribute(default="")
    taps = NumberAttribute(default=0)


@dataclass(frozen=True)
class Counted:
    """One user message to count on a broadcast: a text `reply`, or a `click` on a suggestion."""

    message_id: str
    kind: Literal["reply", "click"]
    postback_data: str = ""
    text: str = ""


@dataclass(frozen=True)
class Click:
    postback_data: str
    text: str
    count: int


def latest_broadcast(account_id: str, phone: str, *, since: str, until: str) -> str | None:
    """The account's broadcast that sent to `phone` last with `since <= sent_at <= until`, if any."""
    sent = [(item.sent_at or "", item.broadcast_id) for item in TargetModel.phone_index.query(
        phone, TargetModel.sent_at.between(since, until), scan_index_forward=False)]
    if not sent:
        return None
    owned = owned_broadcasts(account_id, (broadcast_id for _, broadcast_id in sent))
    return next((broadcast_id for _, broadcast_id in sorted(sent, reverse=True) if broadcast_id in owned), None)


def _click_key(postback_data: str) -> str:
    return CLICK_PREFIX + hashlib.sha256(postback_data.encode("utf-8")).hexdigest()


def count_once(account_id: str, broadcast_id: str, events: Sequence[Counted]) -> int:
    """Count the events not counted before on the broadcast's counters (and its suggestions' taps);
    how many this call counted (0 when the broadcast is gone)."""
    pending = list({event.message_id: event for event in events}.values())
    counted = 0
    for start in range(0, len(pending), EVENTS_PER_TRANSACTION):
        counted += _count_part(account_id, broadcast_id, pending[start:start + EVENTS_PER_TRANSACTION])
    return counted


def _count_part(account_id: str, broadcast_id: str, events: list[Counted]) -> int:
    settings = get_settings()
    inbound, broadcasts = settings.table_name("inbound"), settings.table_name("broadcasts")
    for _ in range(MAX_ATTEMPTS):
        if not events:
            return 0
        expires = str(int(time.time() + EVENT_MEMORY.total_seconds()))
        items: list[dict[str, Any]] = [{"Put": {
            "TableName": inbound,
            "Item": {"pk": {"S": _event_key(account_id, event.message_id)}, "sk": {"S": "event"},
                     "expires_at": {"N": expires}},
            "ConditionExpression": "attribute_not_exists(pk)",
        }} for event in events]
        replies = sum(1 for event in events if event.kind == "reply")
        items.append({"Update": {
            "TableName": broadcasts,
            "Key": {"account_id": {"S": account_id}, "broadcast_id": {"S": broadcast_id}},
            "UpdateExpression": "ADD replied_count :r, clicked_count :c",
            "ConditionExpression": "attribute_exists(broadcast_id)",
            "ExpressionAttributeValues": {":r": {"N": str(replies)}, ":c": {"N": str(len(events) - replies)}},
        }})
        taps: dict[str, tuple[Counted, int]] = {}
        for event in events:
            if event.kind == "click":
                key = _click_key(event.postback_data)
                taps[key] = (event, taps.get(key, (event, 0))[1] + 1)
        items += [{"Update": {
            "TableName": inbound,
            "Key": {"pk": {"S": broadcast_id}, "sk": {"S": key}},
            "UpdateExpression": "ADD #n :n SET postback_data = :p, #t = :t",
            "ExpressionAttributeNames": {"#n": "taps", "#t": "text"},
            "ExpressionAttributeValues": {":n": {"N": str(n)}, ":p": {"S": event.postback_data},
                                          ":t": {"S": event.text}},
        }} for key, (event, n) in taps.items()]
        try:
            transact_items(InboundEventModel, items)
            return len(events)
        except Cancelled as cancelled:
            if cancelled.failed(len(events)):
                return 0  # the broadcast is gone
            events = [event for index, event in enumerate(events) if not cancelled.failed(index)]
    raise Contended("inbound events kept conflicting")


def _event_key(account_id: str, message_id: str) -> str:
    return f"event#{account_id}#{message_id}"


def not_counted(account_id: str, message_ids: Sequence[str]) -> set[str]:
    """Which of the messages were never counted nor remembered (BatchGetItem, 100 a request)."""
    keys = [(_event_key(account_id, message_id), "event") for message_id in dict.fromkeys(message_ids)]
    seen = {item.pk for item in InboundEventModel.batch_get(keys, consistent_read=True)} if keys else set()
    return {message_id for message_id in message_ids if _event_key(account_id, message_id) not in seen}


def remember(account_id: str, message_ids: Sequence[str]) -> None:
    """Note messages as handled without counting them anywhere (a stop keyword no broadcast answers)."""
    if not message_ids:
        return
    with InboundEventModel.batch_write() as batch:
        for message_id in dict.fromkeys(message_ids):
            batch.save(InboundEventModel(_event_key(account_id, message_id), "event", expires_at=EVENT_MEMORY))


def clicks(broadcast_id: str) -> list[Click]:
    """The broadcast's suggestions that were tapped, with their taps."""
    return [Click(postback_data=item.postback_data, text=item.text, count=int(item.taps))
            for item in ClickModel.query(broadcast_id, ClickModel.sk.startswith(CLICK_PREFIX))]
