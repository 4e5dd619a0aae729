"""User messages from RBM's webhook: text replies and suggestion taps (docs/spec/campaigns.md,
"Inbound messages and clicks").

RBM posts them to the receipts webhook, signed the same way; `accept` takes one the webhook has
verified (chalicelib/services/receipts.py) and queues it on the receipts queue, and the receipts
worker hands a batch of them to `apply`:

1. A text that is a stop keyword (chalicelib/services/data/stop_keywords.yaml) puts its sender on
   the account's opt-out list (source `inbound`), unless that very message was handled before.
   This comes before the counting, so a run that dies in between opts out on the next delivery.
2. RBM's UserMessage names no agent message it answers, so a message is attributed to the
   account's broadcast that sent to the number last, at most ATTRIBUTION_WINDOW before the
   message was written (a small allowance for clock skew after it). None: nothing is counted.
3. The batch's messages are counted per broadcast, one transaction each
   (chalicelib/store/inbound.py): `replied_count` for texts, `clicked_count` and the suggestion's
   taps for suggestion responses. A message seen before (RBM's messageId) changes nothing.

Counters count messages: a recipient who taps twice counts two clicks.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any, Literal

from chalicelib import messaging
from chalicelib.clock import format_time, parse_time, utcnow
from chalicelib.logs import logger
from chalicelib.services import optouts
from chalicelib.store import inbound as store
from chalicelib.store.inbound import Click, Counted
from chalicelib.store.transact import Contended

JOB_TYPE = "user_message"
ATTRIBUTION_WINDOW = timedelta(days=7)
CLOCK_SKEW = timedelta(minutes=5)
MAX_TEXT = 3072
MAX_POSTBACK = 2048
MAX_LABEL = 200


@dataclass(frozen=True)
class UserMessage:
    account_id: str
    phone: str
    message_id: str
    at: str
    kind: Literal["reply", "click"]
    text: str = ""  # the reply's text, or the tapped suggestion's label
    postback_data: str = ""
    type: str = JOB_TYPE


@dataclass
class InboundOutcome:
    counted: int = 0
    repeated: int = 0
    unattributed: int = 0
    opted_out: int = 0
    retry: list[UserMessage] = field(default_factory=list)


def is_user_message(event: dict[str, Any]) -> bool:
    """A UserMessage (not an event: user events and server events carry an `eventType`)."""
    return "eventType" not in event and ("text" in event or "suggestionResponse" in event
                                         or "userFile" in event or "location" in event)


def accept(account_id: str, event: dict[str, Any]) -> UserMessage | None:
    """Queue a verified user message of `account_id`; None for what is not counted (a file, a
    location, or a message without its ids)."""
    phone, message_id = event.get("senderPhoneNumber"), event.get("messageId")
    if not isinstance(phone, str) or not phone or not isinstance(message_id, str) or not message_id:
        return None
    try:
        at = format_time(parse_time(str(event.get("sendTime") or "")))
    except ValueError:
        at = format_time(utcnow())
    response = event.get("suggestionResponse")
    if isinstance(response, dict):
        message = UserMessage(account_id=account_id, phone=phone[:32], message_id=message_id[:256], at=at,
                              kind="click", text=str(response.get("text") or "")[:MAX_LABEL],
                              postback_data=str(response.get("postbackData") or "")[:MAX_POSTBACK])
    elif isinstance(event.get("text"), str):
        message = UserMessage(account_id=account_id, phone=phone[:32], message_id=message_id[:256], at=at,
                              kind="reply", text=str(event["text"])[:MAX_TEXT])
    else:
        return None
    messaging.send("receipts", asdict(message))
    return message


def from_job(fields: dict[str, Any]) -> UserMessage:
    """The message a receipts-queue job carries (TypeError or ValueError when malformed)."""
    message = UserMessage(**fields)
    if message.type != JOB_TYPE or message.kind not in ("reply", "click"):
        raise ValueError("not a user message job")
    return message


def apply(messages: list[UserMessage]) -> InboundOutcome:
    outcome = InboundOutcome()
    by_account: dict[str, dict[str, UserMessage]] = {}
    for message in messages:
        by_account.setdefault(message.account_id, {})[message.message_id] = message
    for account_id, unique in by_account.items():
        try:
            _apply_account(account_id, list(unique.values()), outcome)
        except Contended:
            logger.warning("user messages met conflicting writes on every attempt; they go back to the queue",
                           extra={"account_id": account_id})
            outcome.retry.extend(message for message in messages if message.account_id == account_id)
    return outcome


def _apply_account(account_id: str, messages: list[UserMessage], outcome: InboundOutcome) -> None:
    stops = [message for message in messages if message.kind == "reply" and optouts.is_stop(message.text)]
    if stops:
        fresh = store.not_counted(account_id, [message.message_id for message in stops])
        outcome.opted_out += optouts.add_numbers(
            account_id, [message.phone for message in stops if message.message_id in fresh], "inbound")
    per_broadcast: dict[str, list[UserMessage]] = {}
    answered: dict[tuple[str, str], str | None] = {}
    unattributed: list[UserMessage] = []
    for message in messages:
        broadcast_id = _attribute(message, answered)
        if broadcast_id is None:
            unattributed.append(message)
        else:
            per_broadcast.setdefault(broadcast_id, []).append(message)
    for broadcast_id, group in per_broadcast.items():
        counted = store.count_once(account_id, broadcast_id, [
            Counted(message_id=m.message_id, kind=m.kind, postback_data=m.postback_data, text=m.text) for m in group])
        outcome.counted += counted
        outcome.repeated += len(group) - counted
    outcome.unattributed += len(unattributed)
    store.remember(account_id, [message.message_id for message in unattributed if message in stops])


def _attribute(message: UserMessage, answered: dict[tuple[str, str], str | None]) -> str | None:
    """The broadcast `message` answers (see the module's doc), looked up once per number and time."""
    at = parse_time(message.at)
    key = (message.phone, message.at)
    if key not in answered:
        answered[key] = store.latest_broadcast(message.account_id, message.phone,
                                               since=format_time(at - ATTRIBUTION_WINDOW),
                                               until=format_time(at + CLOCK_SKEW))
    return answered[key]


def clicks(broadcast_id: str) -> list[Click]:
    """The broadcast's tapped suggestions, most tapped first."""
    return sorted(store.clicks(broadcast_id), key=lambda click: (-click.count, click.postback_data))


def on_dead_letter(fields: dict[str, Any]) -> None:
    logger.warning("a user message failed every delivery and is dropped",
                   extra={"message_id": str(fields.get("message_id", ""))[:128],
                          "kind": str(fields.get("kind", ""))[:16]})
