"""The simulator's user messages (reply_rate, stop_rate, click_rate): RBM's UserMessage JSON, who
answers decided by the number alone, which suggestion by the message, after the last receipt."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from chalicelib.providers import OutboundMessage, message_id_for
from chalicelib.providers.receipts import ReceiptEvent, UserMessageEvent, WebhookEvent
from chalicelib.providers.simulator import SimulatorProvider, SimulatorSettings

NOW = datetime(2026, 5, 28, 8, 0, tzinfo=UTC)
CARD = {"contentMessage": {"richCard": {"standaloneCard": {"cardContent": {
    "title": "Order", "suggestions": [{"reply": {"text": "Track", "postbackData": "track"}},
                                      {"action": {"text": "Call", "postbackData": "call",
                                                  "dialAction": {"phoneNumber": "+14155550100"}}}]}}}}}
TEXT = {"contentMessage": {"text": "hello"}}


class Recording:
    def __init__(self) -> None:
        self.scheduled: list[tuple[WebhookEvent, float]] = []

    def schedule(self, event: WebhookEvent, delay_seconds: float) -> None:
        self.scheduled.append((event, delay_seconds))

    def user_messages(self) -> list[tuple[UserMessageEvent, float]]:
        return [(e, d) for e, d in self.scheduled if isinstance(e, UserMessageEvent)]


def send_all(broadcast: str, body: dict[str, Any], count: int = 200, **settings: float) -> Recording:
    emitter = Recording()
    provider = SimulatorProvider(SimulatorSettings(**{"latency_ms": 0, "read_rate": 0.0, **settings}),
                                 agent_id="sim-acme", emitter=emitter, sleep=lambda _: None, clock=lambda: NOW)
    for n in range(count):
        phone = f"+9198765{n:05d}"
        provider.send(OutboundMessage(message_id_for(broadcast, phone), phone, body))
    return emitter


def test_the_same_numbers_reply_to_every_broadcast_and_a_share_of_them_say_stop() -> None:
    first = send_all("b-1", TEXT, reply_rate=0.3, stop_rate=0.5)
    second = send_all("b-2", TEXT, reply_rate=0.3, stop_rate=0.5)
    repliers = {e.phone for e, _ in first.user_messages()}
    assert repliers == {e.phone for e, _ in second.user_messages()}
    assert 40 <= len(repliers) <= 80  # about 30 % of 200
    texts = {e.text for e, _ in first.user_messages()}
    assert texts == {"Thanks!", "STOP"}
    assert {e.message_id for e, _ in first.user_messages()}.isdisjoint({e.message_id for e, _ in
                                                                          second.user_messages()})


def test_a_reply_follows_the_last_receipt_and_is_rbms_user_message() -> None:
    emitter = send_all("b-1", TEXT, count=1, reply_rate=1.0, read_rate=1.0, delivery_delay_ms=1000,
                       read_delay_ms=3000, reply_delay_ms=2000)
    receipts = [d for e, d in emitter.scheduled if isinstance(e, ReceiptEvent)]
    (event, delay), = emitter.user_messages()
    assert delay == max(receipts) + 2.0 == 6.0
    payload = event.payload()
    assert payload == {"senderPhoneNumber": "+919876500000", "messageId": event.message_id,
                       "sendTime": (NOW + timedelta(seconds=6)).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                       "agentId": "sim-acme", "text": "Thanks!"}
    assert "eventType" not in payload and "eventId" not in payload
    # a resend of the same message schedules the same ids: the webhook counts them once
    again = send_all("b-1", TEXT, count=1, reply_rate=1.0, read_rate=1.0)
    assert [e.message_id for e, _ in again.user_messages()] == [event.message_id]


def test_a_tap_is_on_one_of_the_messages_suggestions_cards_included() -> None:
    emitter = send_all("b-1", CARD, click_rate=1.0)
    taps = [e.payload()["suggestionResponse"] for e, _ in emitter.user_messages()]
    assert len(taps) == 200
    assert {(t["postbackData"], t["text"], t["type"]) for t in taps} == {("track", "Track", "REPLY"),
                                                                          ("call", "Call", "ACTION")}
    # a message without suggestions gets no tap
    assert send_all("b-1", TEXT, click_rate=1.0).user_messages() == []


def test_undelivered_messages_get_no_user_messages() -> None:
    assert send_all("b-1", CARD, delivery_rate=0.0, reply_rate=1.0, click_rate=1.0).user_messages() == []
