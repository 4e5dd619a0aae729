"""Delivery and read receipts: verify RBM's signed webhook calls, and apply the events to targets
and counters (states only move forward; a duplicate event changes nothing).

Expiry: RBM's server event TTL_EXPIRATION_REVOKED moves a `sent` target to `expired` (reason
`expired`); TTL_EXPIRATION_REVOKE_FAILED changes nothing (the message still awaits delivery, and
its DELIVERED follows if it is delivered). A DELIVERED (or READ) that arrives after a target was
expired or revoked wins: RBM delivered it after all. Nothing else moves a target back."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass, field
from typing import Any, Literal

from chalicelib import errors, messaging
from chalicelib.clock import format_time, parse_time, utcnow
from chalicelib.logs import logger
from chalicelib.services import credentials, inbound
from chalicelib.settings import get_settings
from chalicelib.store import broadcasts as store
from chalicelib.store import targets as target_store
from chalicelib.store.targets import StaleState, Target, TargetChange

Kind = Literal["DELIVERED", "READ", "TTL_EXPIRATION_REVOKED"]
# expired and revoked rank with sent: taken back, yet a later DELIVERED still wins
RANK = {"sent": 1, "expired": 1, "revoked": 1, "delivered": 2, "read": 3}
KIND_RANK: dict[str, int] = {"DELIVERED": 2, "READ": 3}
EXPIRED = "TTL_EXPIRATION_REVOKED"
REVOKE_FAILED = "TTL_EXPIRATION_REVOKE_FAILED"
QUEUED_KINDS = frozenset({*KIND_RANK, EXPIRED})
KIND_STATE = {2: "delivered", 3: "read"}
ATTEMPTS = 5


@dataclass(frozen=True)
class Receipt:
    account_id: str
    message_id: str
    phone: str
    kind: Kind
    at: str
    event_id: str


@dataclass
class ReceiptOutcome:
    applied: int = 0
    ignored: int = 0
    unknown: list[Receipt] = field(default_factory=list)
    foreign: list[Receipt] = field(default_factory=list)
    not_yet_sent: list[Receipt] = field(default_factory=list)


# ---------------------------------------------------------------- the webhook


def _tokens_match(expected: str, given: str) -> bool:
    return bool(expected) and hmac.compare_digest(expected.encode(), given.encode())


def handshake(client_token: str) -> bool:
    """Google's webhook set-up: true when `client_token` is one we configured."""
    platform = get_settings().rbm_webhook_client_token.get_secret_value()
    return _tokens_match(platform, client_token) or credentials.webhook_token_known(client_token)


def accept_event(body: dict[str, Any], signature: str | None) -> Receipt | inbound.UserMessage | None:
    """Verify one pushed event and queue it; Unauthenticated when it is not signed by the agent's
    client token. A user message (a reply, a suggestion tap) goes to chalicelib/services/inbound.py.
    Other events than DELIVERED, READ and TTL expiry are acknowledged and dropped (None)."""
    message = body.get("message")
    encoded = message.get("data") if isinstance(message, dict) else None
    if not isinstance(encoded, str) or not signature:
        raise errors.Unauthenticated("the event is not signed")
    try:
        data = base64.b64decode(encoded, validate=True)
        event = json.loads(data)
        given = base64.b64decode(signature, validate=True)
    except (ValueError, binascii.Error):
        raise errors.Unauthenticated("the event is not signed") from None
    agent_id = event.get("agentId") if isinstance(event, dict) else None
    found = credentials.find_credentials_by_agent(agent_id) if isinstance(agent_id, str) and agent_id else None
    token = found.webhook_client_token if found is not None else ""
    expected = hmac.new(token.encode(), data, hashlib.sha512).digest()
    if not token or not hmac.compare_digest(expected, given):
        raise errors.Unauthenticated("the event signature does not match")
    assert found is not None and isinstance(event, dict)
    if inbound.is_user_message(event):
        return inbound.accept(found.account_id, event)
    kind = event.get("eventType")
    if kind == REVOKE_FAILED:
        logger.info("rbm could not revoke an expired message; it still awaits delivery",
                    extra={"message_id": str(event.get("messageId", ""))[:128]})
    if kind not in QUEUED_KINDS:
        return None
    try:
        at = format_time(parse_time(str(event.get("sendTime") or ""))) if event.get("sendTime") else None
    except ValueError:
        at = None
    receipt = Receipt(account_id=found.account_id, message_id=str(event.get("messageId") or ""),
                      phone=str(event.get("senderPhoneNumber") or event.get("phoneNumber") or ""), kind=kind,
                      at=at or format_time(utcnow()), event_id=str(event.get("eventId") or ""))
    if not receipt.message_id:
        return None
    messaging.send("receipts", receipt.__dict__)
    return receipt


# ---------------------------------------------------------------- applying events


def _advance(target: Target, receipts: list[Receipt]) -> TargetChange | None:
    rank = RANK.get(target.state)
    if rank is None:
        return None
    new_rank = rank
    delivered_at, read_at = target.delivered_at, target.read_at
    for receipt in sorted((r for r in receipts if r.kind in KIND_RANK), key=lambda r: KIND_RANK[r.kind]):
        goal = KIND_RANK[receipt.kind]
        if goal <= new_rank:
            continue
        new_rank = goal
        if goal >= 2 and not delivered_at:
            delivered_at = receipt.at
        if goal == 3:
            read_at = receipt.at
    if new_rank == rank:
        if target.state == "sent" and any(r.kind == EXPIRED for r in receipts):
            return TargetChange(broadcast_id=target.broadcast_id, phone=target.phone, prior="sent", state="expired",
                                delivered_at=None, read_at=None, delivered_delta=0, read_delta=0,
                                failure_reason="expired")
        return None
    return TargetChange(
        broadcast_id=target.broadcast_id, phone=target.phone, prior=target.state, state=KIND_STATE[new_rank],
        delivered_at=delivered_at if delivered_at != target.delivered_at else None,
        read_at=read_at if read_at != target.read_at else None,
        delivered_delta=int(rank < 2 <= new_rank), read_delta=int(rank < 3 <= new_rank),
        failure_reason="" if target.state in ("expired", "revoked") else None,
    )


def apply(receipts: list[Receipt]) -> ReceiptOutcome:
    """Apply a batch of events: per target at most one forward move, counters added per broadcast."""
    outcome = ReceiptOutcome()
    located = target_store.locate_messages(r.message_id for r in receipts)
    by_account: dict[str, dict[tuple[str, str], list[Receipt]]] = {}
    for receipt in receipts:
        where = located.get(receipt.message_id)
        if where is None:
            outcome.unknown.append(receipt)
            continue
        by_account.setdefault(receipt.account_id, {}).setdefault(where, []).append(receipt)
    for account_id, per_target in by_account.items():
        owned = store.owned_broadcasts(account_id, (key[0] for key in per_target))
        foreign = [key for key in per_target if key[0] not in owned]
        for key in foreign:
            # Signed by this account for another account's message: never valid, so not retried.
            outcome.foreign.extend(per_target.pop(key))
        _apply_account(account_id, per_target, outcome)
    return outcome


def _apply_account(account_id: str, per_target: dict[tuple[str, str], list[Receipt]],
                   outcome: ReceiptOutcome) -> None:
    for _ in range(ATTEMPTS):
        current = target_store.target_states(per_target)
        changes: list[TargetChange] = []
        waiting: list[Receipt] = []
        for key, receipts in per_target.items():
            target = current.get(key)
            if target is None:
                continue
            if target.state == "queued":
                waiting.extend(receipts)
                continue
            change = _advance(target, receipts)
            if change is not None:
                changes.append(change)
        try:
            target_store.apply_target_changes(account_id, changes)
        except StaleState:
            continue
        outcome.applied += len(changes)
        outcome.ignored += sum(len(r) for r in per_target.values()) - len(changes) - len(waiting)
        _fall_back(account_id, current, changes, per_target)
        outcome.not_yet_sent.extend(waiting)
        return
    logger.warning("receipts kept meeting concurrent changes; they go back to the queue",
                   extra={"account_id": account_id})
    outcome.not_yet_sent.extend(r for receipts in per_target.values() for r in receipts)


def _fall_back(account_id: str, current: dict[tuple[str, str], Target], changes: list[TargetChange],
               per_target: dict[tuple[str, str], list[Receipt]]) -> None:
    """Queue the SMS fallback of the targets a TTL event expired, now or in an earlier delivery of the
    same event (the fallback job sends each SMS once; a broadcast without fallback queues nothing)."""
    expired = {(c.broadcast_id, c.phone) for c in changes if c.state == "expired"}
    expired |= {key for key, receipts in per_target.items()
                if key in current and current[key].state == "expired" and any(r.kind == EXPIRED for r in receipts)}
    by_broadcast: dict[str, list[str]] = {}
    for broadcast_id, phone in expired:
        by_broadcast.setdefault(broadcast_id, []).append(phone)
    if by_broadcast:
        from chalicelib.services import fallback  # (only a TTL event pays its import)

        for broadcast_id, phones in by_broadcast.items():
            fallback.enqueue_for(account_id, broadcast_id, phones)


def on_dead_letter(fields: dict[str, Any]) -> None:
    """A receipt that failed every delivery: it changes nothing more; it is logged and counted
    (metric `DeadLetters`, queue `receipts`) so an operator sees receipts being lost. A user
    message (same queue) is logged as one."""
    if fields.get("type") == inbound.JOB_TYPE:
        inbound.on_dead_letter(fields)
        return
    logger.warning("a receipt failed every delivery and is dropped",
                   extra={"message_id": str(fields.get("message_id", ""))[:128],
                          "event_id": str(fields.get("event_id", ""))[:128],
                          "kind": str(fields.get("kind", ""))[:16]})
