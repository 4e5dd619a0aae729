"""The simulator's receipts reach our webhook as RBM would post them, signed, in order."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from chalicelib.providers import OutboundMessage, message_id_for, provider_for
from chalicelib.providers.receipts import (
    SIGNATURE_HEADER,
    WEBHOOK_PATH,
    DelayedPoster,
    WebhookReceiptEmitter,
    shared_poster,
    sign,
)
from chalicelib.providers.simulator import SimulatorProvider, SimulatorSettings
from tests.fakes.webhook_sink import Received, WebhookSink

TOKEN = "client-token-123"
PHONE = "+919876543210"


@pytest.fixture
def sink() -> Iterator[WebhookSink]:
    with WebhookSink() as server:
        yield server


@pytest.fixture
def poster() -> Iterator[DelayedPoster]:
    poster = DelayedPoster(backoff=0.05)
    yield poster
    poster.close()


def event_of(received: Received) -> dict[str, Any]:
    data = base64.b64decode(json.loads(received.body)["message"]["data"])
    assert received.headers[SIGNATURE_HEADER] == sign(data, TOKEN), "signature does not verify"
    event: dict[str, Any] = json.loads(data)
    return event


def outbound() -> OutboundMessage:
    return OutboundMessage(message_id_for("b-r", PHONE), PHONE, {"contentMessage": {"text": "hi"}})


def test_delivered_then_read_are_posted_signed_to_the_webhook_after_their_delays(
    sink: WebhookSink, poster: DelayedPoster
) -> None:
    emitter = WebhookReceiptEmitter(sink.url + WEBHOOK_PATH, TOKEN, poster)
    settings = SimulatorSettings(latency_ms=0, delivery_rate=1, read_rate=1, delivery_delay_ms=300, read_delay_ms=100)
    message = outbound()

    assert SimulatorProvider(settings, agent_id="acme_agent", emitter=emitter).send(message).outcome == "sent"
    assert sink.received == []  # nothing before its delay

    assert poster.drain(timeout=5)
    events = [event_of(r) for r in sink.received]
    assert [(e["eventType"], e["messageId"], e["senderPhoneNumber"]) for e in events] == [
        ("DELIVERED", message.message_id, PHONE),
        ("READ", message.message_id, PHONE),
    ]
    assert {r.path for r in sink.received} == {WEBHOOK_PATH}


def test_a_post_the_webhook_refuses_is_tried_again(sink: WebhookSink, poster: DelayedPoster) -> None:
    sink.fail_next(500, 503)
    emitter = WebhookReceiptEmitter(sink.url + WEBHOOK_PATH, TOKEN, poster)
    settings = SimulatorSettings(latency_ms=0, delivery_rate=1, read_rate=0, delivery_delay_ms=0)

    SimulatorProvider(settings, emitter=emitter).send(outbound())

    assert poster.drain(timeout=5)
    assert [event_of(r)["eventType"] for r in sink.received] == ["DELIVERED"]
    assert (poster.delivered, poster.abandoned) == (1, 0)


@dataclass(frozen=True)
class Credentials:
    provider: str = "simulator"
    agent_id: str = "acme_agent"
    endpoint: str = ""
    service_account: dict[str, Any] | None = None
    simulator: dict[str, float] = field(
        default_factory=lambda: {"latency_ms": 0, "delivery_delay_ms": 0, "read_delay_ms": 0, "read_rate": 1}
    )
    webhook_client_token: str = TOKEN


def test_the_factorys_simulator_posts_to_the_public_api_url(sink: WebhookSink,
                                                            settings_env: Callable[..., None]) -> None:
    settings_env(RCS_PUBLIC_API_URL=sink.url)
    provider_for(Credentials()).send(outbound())

    assert shared_poster().drain(timeout=5)
    deadline = time.monotonic() + 2
    while len(sink.received) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    assert sorted(event_of(r)["eventType"] for r in sink.received) == ["DELIVERED", "READ"]
