"""The simulated provider (the local default): answers like RBM without leaving the process.

- Outcomes are a pure function of the message id (a hash in [0, 1)), so a resend of the same
  message gets the same answer, as it would from a real phone: the first `not_capable_rate` of
  the range is `not_rcs_capable`, the next `failure_rate` is `provider_rejected`, the rest `sent`.
- `throttle_rate` (off by default) answers `retry`/`rate_limited` at random, per call, to exercise
  the sender's re-queueing; it is random on purpose: a throttle says nothing about the message.
- The id: the simulator returns the caller's messageId unchanged, as RBM does, so the target's
  `rm_message_id` is the same UUID for both providers and receipts find their target by it.
- Receipts: for a sent message, DELIVERED follows after `delivery_delay_ms` for a
  `delivery_rate` share of messages, and READ `read_delay_ms` later for a `read_rate` share of the
  delivered ones (both deterministic per message id), through a `ReceiptEmitter`.
- Expiry: a message with a `ttl` that is not delivered gets RBM's server event
  TTL_EXPIRATION_REVOKED when its ttl passes. `revoke` takes back a message that will not be
  delivered and answers `not_revoked` (RBM's 404) for one that is (its DELIVERED follows).
- Reach (`reachable_users`, RBM's users:batchGet): a number is unreachable when its own hash (of
  the number alone, so the same in every broadcast) falls below `not_capable_rate`.
- An AgentMessage without exactly one kind of content is `provider_rejected`, like RBM's 400.
- User messages (RBM's UserMessage, through the same emitter): a `reply_rate` share of numbers
  answer every message delivered to them with a text (`stop_rate` of those with "STOP"), and a
  `click_rate` share tap one of the message's suggestions; who does is a function of the number
  alone (as reach is), which suggestion a function of the message id. They follow the message's
  last receipt by `reply_delay_ms`; their ids derive from the message id, so a resend's replies
  are recognisable duplicates.
"""

from __future__ import annotations

import hashlib
import random
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.providers.port import (
    NOT_RCS_CAPABLE,
    PROVIDER_REJECTED,
    RATE_LIMITED,
    OutboundMessage,
    ProviderConfigError,
    RevokeResult,
    SendResult,
)
from chalicelib.providers.receipts import (
    EVENT_ID_NAMESPACE,
    EventType,
    ReceiptEmitter,
    ReceiptEvent,
    SuggestionType,
    UserMessageEvent,
)

CONTENT_KINDS = ("text", "richCard", "contentInfo", "fileName", "uploadedRbmFile")
RATES = ("failure_rate", "not_capable_rate", "delivery_rate", "read_rate", "throttle_rate", "reply_rate",
         "click_rate", "stop_rate")
REPLY_TEXT = "Thanks!"
STOP_TEXT = "STOP"


@dataclass(frozen=True)
class SimulatorSettings:
    latency_ms: float = 50.0
    failure_rate: float = 0.0
    not_capable_rate: float = 0.0
    delivery_rate: float = 1.0
    read_rate: float = 0.6
    delivery_delay_ms: float = 1000.0
    read_delay_ms: float = 3000.0
    throttle_rate: float = 0.0
    reply_rate: float = 0.0
    click_rate: float = 0.0
    stop_rate: float = 0.0
    reply_delay_ms: float = 2000.0

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any] | None) -> SimulatorSettings:
        """From the credentials' `simulator` fields: unknown keys and None are ignored, rates
        must lie in [0, 1] and times be >= 0."""
        known = {f.name for f in fields(cls)}
        parsed: dict[str, float] = {}
        for key, value in (values or {}).items():
            if key not in known or value is None:
                continue
            try:
                number = float(value)
            except (TypeError, ValueError):
                raise ProviderConfigError(f"simulator {key} must be a number") from None
            if number != number or number < 0 or (key in RATES and number > 1):  # NaN, negative, rate > 1
                raise ProviderConfigError(f"simulator {key} is out of range")
            parsed[key] = number
        return cls(**parsed)


def unit_hash(message_id: str, salt: str) -> float:
    """A number in [0, 1) that depends only on (salt, message_id)."""
    digest = hashlib.sha256(f"{salt}\n{message_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


class SimulatorProvider:
    def __init__(
        self,
        settings: SimulatorSettings | None = None,
        *,
        agent_id: str = "simulator",
        emitter: ReceiptEmitter | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self.settings = settings or SimulatorSettings()
        self.agent_id = agent_id or "simulator"
        self.emitter = emitter
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._clock = clock

    def send(self, message: OutboundMessage) -> SendResult:
        settings = self.settings
        if settings.latency_ms > 0:
            self._sleep(settings.latency_ms / 1000)
        if settings.throttle_rate and self._rng.random() < settings.throttle_rate:
            return SendResult.retry(message.message_id, RATE_LIMITED, retry_after=1.0, status=429,
                                    detail="RESOURCE_EXHAUSTED: simulated throttle")
        if not _has_one_content(message.agent_message):
            return SendResult.failed(message.message_id, PROVIDER_REJECTED, status=400,
                                     detail="INVALID_ARGUMENT: contentMessage needs exactly one content")
        draw = unit_hash(message.message_id, "outcome")
        if draw < settings.not_capable_rate:
            return SendResult.failed(message.message_id, NOT_RCS_CAPABLE, status=404,
                                     detail="NOT_FOUND: simulated phone without RCS")
        if draw < settings.not_capable_rate + settings.failure_rate:
            return SendResult.failed(message.message_id, PROVIDER_REJECTED, status=400,
                                     detail="INVALID_ARGUMENT: simulated rejection")
        self._schedule_receipts(message)
        return SendResult.sent(message.message_id, status=200)

    def reachable_users(self, phones: list[str]) -> frozenset[str] | None:
        return frozenset(phone for phone in phones if unit_hash(phone, "reach") >= self.settings.not_capable_rate)

    def revoke(self, phone: str, message_id: str) -> RevokeResult:
        """Revoked unless the message is one the simulator delivers (then RBM's 404: delivered)."""
        if self.settings.latency_ms > 0:
            self._sleep(self.settings.latency_ms / 1000)
        if unit_hash(message_id, "delivered") < self.settings.delivery_rate:
            return RevokeResult(message_id, "not_revoked", status=404, detail="NOT_FOUND: delivered")
        return RevokeResult(message_id, "revoked", status=200)

    def _schedule_receipts(self, message: OutboundMessage) -> None:
        if self.emitter is None:
            return
        settings = self.settings
        now = self._clock()
        if unit_hash(message.message_id, "delivered") >= settings.delivery_rate:
            ttl = _ttl_seconds(message.agent_message)
            if ttl is not None:
                self.emitter.schedule(self._event(message, "TTL_EXPIRATION_REVOKED", now + timedelta(seconds=ttl)), ttl)
            return
        delivered_after = settings.delivery_delay_ms / 1000
        self.emitter.schedule(self._event(message, "DELIVERED", now + timedelta(seconds=delivered_after)),
                              delivered_after)
        last = delivered_after
        if unit_hash(message.message_id, "read") < settings.read_rate:
            last = read_after = delivered_after + settings.read_delay_ms / 1000
            self.emitter.schedule(self._event(message, "READ", now + timedelta(seconds=read_after)), read_after)
        self._schedule_user_messages(message, now, last + settings.reply_delay_ms / 1000)

    def _schedule_user_messages(self, message: OutboundMessage, now: datetime, after: float) -> None:
        assert self.emitter is not None
        settings = self.settings
        at = now + timedelta(seconds=after)
        if unit_hash(message.phone, "reply") < settings.reply_rate:
            text = STOP_TEXT if unit_hash(message.phone, "stop") < settings.stop_rate else REPLY_TEXT
            self.emitter.schedule(UserMessageEvent(agent_id=self.agent_id, phone=message.phone, send_time=at,
                                                   message_id=_user_message_id(message.message_id, "reply"),
                                                   text=text), after)
        suggestions = _suggestions(message.agent_message)
        if suggestions and unit_hash(message.phone, "click") < settings.click_rate:
            kind, label, postback = suggestions[int(unit_hash(message.message_id, "which") * len(suggestions))]
            self.emitter.schedule(UserMessageEvent(agent_id=self.agent_id, phone=message.phone, send_time=at,
                                                   message_id=_user_message_id(message.message_id, "click"),
                                                   postback_data=postback, suggestion_text=label,
                                                   suggestion_type=kind), after)

    def _event(self, message: OutboundMessage, kind: EventType, at: datetime) -> ReceiptEvent:
        return ReceiptEvent(agent_id=self.agent_id, phone=message.phone, message_id=message.message_id,
                            event_type=kind, send_time=at)


def _user_message_id(message_id: str, kind: str) -> str:
    return str(uuid.uuid5(EVENT_ID_NAMESPACE, f"{message_id}\nuser-{kind}"))


_SUGGESTION_KINDS: tuple[tuple[str, SuggestionType], ...] = (("reply", "REPLY"), ("action", "ACTION"))


def _suggestions(value: Any) -> list[tuple[SuggestionType, str, str]]:
    """(type, label, postbackData) of every suggested reply and action in an AgentMessage, cards included."""
    found: list[tuple[SuggestionType, str, str]] = []
    if isinstance(value, Mapping):
        for key, kind in _SUGGESTION_KINDS:
            inner = value.get(key)
            if isinstance(inner, Mapping) and "postbackData" in inner:
                found.append((kind, str(inner.get("text", "")), str(inner["postbackData"])))
        for key, item in value.items():
            if key not in ("reply", "action"):
                found += _suggestions(item)
    elif isinstance(value, list):
        for item in value:
            found += _suggestions(item)
    return found


def _ttl_seconds(agent_message: Mapping[str, Any]) -> float | None:
    ttl = agent_message.get("ttl")
    try:
        return float(str(ttl).removesuffix("s")) if ttl else None
    except ValueError:
        return None


def _has_one_content(agent_message: Mapping[str, Any]) -> bool:
    content = agent_message.get("contentMessage")
    return isinstance(content, Mapping) and sum(1 for kind in CONTENT_KINDS if content.get(kind)) == 1
