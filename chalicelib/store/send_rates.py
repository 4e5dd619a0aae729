"""The send rate of an account (one RBM agent), shared by every sender of every broadcast of it.

Keys: one item in the rate_limits table, (account_id = "<account>#send"), beside the API's own
bucket of the account (chalicelib/store/rate_limits.py). Attributes, times in epoch milliseconds:
- `tat`: the end of the last slot handed out (GCRA's "theoretical arrival time"). A lease of n
  tokens at rate r is the slot [max(tat, now), that + n * 1000 / r]; slots never overlap, so the
  senders together never send faster than r. `tat` in the past: the bucket is idle.
- `rate`, `rate_at`: the adaptive rate (AIMD, docs/pacing.md) as it was set at `rate_at`; it grows
  back linearly to the configured limit from there. Absent: the configured limit.
- `expires_at` (TTL): an idle item goes a minute after its last slot (its rate has recovered by then).

Every operation is one conditional UpdateItem that returns the item (ALL_NEW on success, ALL_OLD
when the condition fails, so a refused caller learns why without a read). Written with the
low-level client for `ReturnValuesOnConditionCheckFailure`, as rate_limits.py is.
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

SUFFIX = "#send"
IDLE_SECONDS = 60
CONDITION_FAILED = "ConditionalCheckFailedException"


class SendRateModel(Model):
    """The item's shape (the table is RateLimitModel's; this model never creates it)."""

    Meta = table_meta("rate_limits")

    account_id = UnicodeAttribute(hash_key=True)
    tat = NumberAttribute(null=True)
    rate = NumberAttribute(null=True)
    rate_at = NumberAttribute(null=True)
    expires_at = TTLAttribute(null=True)


@dataclass(frozen=True)
class State:
    """What the item said last: `tat` and the AIMD state (None: never set)."""

    tat: float | None = None
    rate: float | None = None
    rate_at: float | None = None


@dataclass(frozen=True)
class Answer:
    """Whether the update was made, and the item after it (made) or as it was (refused)."""

    made: bool
    state: State


def _n(value: float) -> dict[str, str]:
    return {"N": f"{value:.3f}"}


def _state(item: dict[str, Any] | None) -> State:
    def number(name: str) -> float | None:
        raw = (item or {}).get(name, {}).get("N")
        return float(raw) if raw is not None else None

    return State(tat=number("tat"), rate=number("rate"), rate_at=number("rate_at"))


def _update(account_id: str, expression: str, condition: str, values: dict[str, Any]) -> Answer:
    client = aws.client("dynamodb")
    try:
        response = client.update_item(
            TableName=SendRateModel.Meta.table_name, Key={"account_id": {"S": account_id + SUFFIX}},
            UpdateExpression=expression, ConditionExpression=condition, ExpressionAttributeValues=values,
            ReturnValues="ALL_NEW", ReturnValuesOnConditionCheckFailure="ALL_OLD")
    except ClientError as error:
        if error.response.get("Error", {}).get("Code") != CONDITION_FAILED:
            raise
        return Answer(False, _state(error.response.get("Item")))
    return Answer(True, _state(response.get("Attributes")))


def _expires(until_ms: float) -> dict[str, str]:
    return {"N": str(math.ceil(until_ms / 1000) + IDLE_SECONDS)}


def _same_rate(known: State, values: dict[str, Any]) -> str:
    """The condition that the AIMD state is still the one the caller computed its rate from."""
    if known.rate_at is None:
        return "attribute_not_exists(rate_at)"
    values[":rate_at"] = _n(known.rate_at)
    return "rate_at = :rate_at"


def lease_idle(account_id: str, *, now_ms: float, span_ms: float, known: State) -> Answer:
    """The slot [now, now + span] of an idle bucket (no item, or `tat` in the past)."""
    values = {":now": _n(now_ms), ":tat": _n(now_ms + span_ms), ":expires": _expires(now_ms + span_ms)}
    condition = f"(attribute_not_exists(tat) OR tat < :now) AND {_same_rate(known, values)}"
    return _update(account_id, "SET tat = :tat, expires_at = :expires", condition, values)


def lease_next(account_id: str, *, now_ms: float, span_ms: float, horizon_ms: float, known: State) -> Answer:
    """The slot [tat, tat + span] of a busy bucket, if it starts within `horizon_ms` from now."""
    values = {":now": _n(now_ms), ":span": _n(span_ms), ":horizon": _n(now_ms + horizon_ms),
              ":expires": _expires(now_ms + horizon_ms + span_ms)}
    condition = f"tat >= :now AND tat <= :horizon AND {_same_rate(known, values)}"
    return _update(account_id, "SET tat = tat + :span, expires_at = :expires", condition, values)


def decrease(account_id: str, *, now_ms: float, rate: float, cooldown_ms: float) -> Answer:
    """Set the adaptive rate to `rate` from now, unless another sender decreased it within `cooldown_ms`
    (one 429 burst seen by many senders halves the rate once)."""
    values = {":rate": _n(rate), ":now": _n(now_ms), ":recent": _n(now_ms - cooldown_ms),
              ":expires": _expires(now_ms)}
    return _update(account_id, "SET rate = :rate, rate_at = :now, expires_at = if_not_exists(expires_at, :expires)",
                   "attribute_not_exists(rate_at) OR rate_at <= :recent", values)


def pause_until(account_id: str, *, until_ms: float) -> Answer:
    """No slot starts before `until_ms` (the provider's Retry-After): `tat` moves there unless it is later."""
    values = {":until": _n(until_ms), ":expires": _expires(until_ms)}
    return _update(account_id, "SET tat = :until, expires_at = :expires",
                   "attribute_not_exists(tat) OR tat < :until", values)


def get_state(account_id: str) -> State:
    """The item as it is (tests and the benchmark; senders never read)."""
    try:
        item = SendRateModel.get(account_id + SUFFIX, consistent_read=True)
    except SendRateModel.DoesNotExist:
        return State()
    return State(tat=item.tat, rate=item.rate, rate_at=item.rate_at)
