"""The per-account request budget of the API, one item per account, shared by every Lambda instance.

Keys:
- rate_limits: (account_id). `tat` is the bucket's "theoretical arrival time" in epoch
  milliseconds (GCRA, the token bucket written as one number: the bucket is full when `tat` is in
  the past, and a request may pass while `tat - now` is within the burst); `expires_at` (TTL)
  removes the item of an account that has been idle for a minute, when its bucket is full anyway.

`take` spends one token with conditional UpdateItems and never a read: one request when the bucket
is full (an idle caller) or the caller is over its limit, two while a burst is being spent. The
condition makes the check-and-spend atomic across instances. Written with the low-level client
because PynamoDB's `update()` cannot ask for the item as it was when a condition fails
(`ReturnValuesOnConditionCheckFailure`), which is what saves the read.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError
from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.models import Model

from chalicelib import aws
from chalicelib.store.base import table_meta

IDLE_SECONDS = 60
CONDITION_FAILED = "ConditionalCheckFailedException"


class RateLimitModel(Model):
    Meta = table_meta("rate_limits")

    account_id = UnicodeAttribute(hash_key=True)
    tat = NumberAttribute()
    expires_at = TTLAttribute(null=True)


@dataclass(frozen=True)
class Decision:
    allowed: bool
    retry_after_seconds: int = 0
    requests: int = 1  # DynamoDB requests this decision cost


def _number(value: float) -> dict[str, str]:
    return {"N": f"{value:.3f}"}


def _old_tat(error: ClientError) -> float | None:
    item: dict[str, Any] = error.response.get("Item") or {}
    raw = item.get("tat", {}).get("N")
    return float(raw) if raw is not None else None


def take(account_id: str, *, now_ms: float, interval_ms: float, burst_ms: float) -> Decision:
    """Spend one token of `account_id`'s bucket: one token every `interval_ms`, and up to
    `burst_ms / interval_ms + 1` at once. Not allowed: when the next token comes, in whole seconds."""
    client = aws.client("dynamodb")
    table = RateLimitModel.Meta.table_name
    key = {"account_id": {"S": account_id}}

    def update(expression: str, condition: str, values: dict[str, Any]) -> None:
        client.update_item(TableName=table, Key=key, UpdateExpression=expression, ConditionExpression=condition,
                           ExpressionAttributeValues=values, ReturnValuesOnConditionCheckFailure="ALL_OLD")

    # 1. A full bucket (no item, or tat in the past): it restarts from now.
    first_tat = now_ms + interval_ms
    try:
        update("SET tat = :tat, expires_at = :expires", "attribute_not_exists(tat) OR tat <= :now",
               {":tat": _number(first_tat), ":now": _number(now_ms),
                ":expires": {"N": str(math.ceil(first_tat / 1000) + IDLE_SECONDS)}})
        return Decision(allowed=True)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != CONDITION_FAILED:
            raise
        old = _old_tat(error)
    # 2. A bucket being spent: allowed while tat stays within the burst.
    if old is not None and old - now_ms > burst_ms:
        return Decision(allowed=False, retry_after_seconds=_seconds(old - burst_ms - now_ms))
    next_tat = (old or now_ms) + interval_ms
    try:
        update("SET tat = tat + :interval, expires_at = :expires", "tat <= :limit",
               {":interval": _number(interval_ms), ":limit": _number(now_ms + burst_ms),
                ":expires": {"N": str(math.ceil(next_tat / 1000) + IDLE_SECONDS)}})
        return Decision(allowed=True, requests=2)
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != CONDITION_FAILED:
            raise
        old = _old_tat(error) or now_ms
    return Decision(allowed=False, retry_after_seconds=_seconds(old - burst_ms - now_ms), requests=2)


def _seconds(milliseconds: float) -> int:
    return max(1, math.ceil(milliseconds / 1000))
