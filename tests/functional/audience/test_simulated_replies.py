"""The simulator's replies and taps (credentials `reply_rate`, `stop_rate`, `click_rate`) reach the
webhook signed as RBM signs them and are counted like real ones; its stop replies opt out."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.app import Chalice
from chalice.test import Client

from chalicelib.providers import factory
from chalicelib.providers.receipts import UserMessageEvent, WebhookEvent, webhook_request
from tests.functional.audience.support import SUGGESTIONS, WEBHOOK
from tests.support.caches import reset_caches
from tests.support.drain import drain
from tests.support.world import Auth, approved_template, broadcast, call, contact_list, credit, simulator

PHONES = [f"+1415555{n:04d}" for n in range(600, 640)]


class Captured:
    """Stands for the simulator's webhook poster: keeps what it would post (the test posts it)."""

    posts: list[tuple[WebhookEvent, str]] = []

    def __init__(self, url: str, client_token: str) -> None:
        self.client_token = client_token

    def schedule(self, event: WebhookEvent, delay_seconds: float) -> None:
        Captured.posts.append((event, self.client_token))


@pytest.fixture
def captured(monkeypatch: pytest.MonkeyPatch) -> list[tuple[WebhookEvent, str]]:
    Captured.posts = []
    monkeypatch.setattr(factory, "WebhookReceiptEmitter", Captured)
    reset_caches()
    yield Captured.posts
    reset_caches()


def test_simulated_replies_and_taps_are_counted_and_a_simulated_stop_opts_out(
        client: Client, auth: Auth, chalice_app: Chalice, captured: list[tuple[WebhookEvent, str]]) -> None:
    # GIVEN a simulator where some numbers reply (half of them STOP) and some tap a suggestion
    simulator(client, auth, delivery_rate=1.0, reply_rate=0.4, stop_rate=0.5, click_rate=0.3)
    credit(client, auth, amount=100_000)
    template_id = approved_template(client, auth, suggestions=SUGGESTIONS)
    list_id = contact_list(client, auth, members=[{"phone": p, "variables": {"1": "Ann"}} for p in PHONES])
    broadcast_id = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id,
                                                               "list_id": list_id})[1]["broadcast_id"]
    call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())
    drain(chalice_app)
    # WHEN what it would post reaches the webhook (every post twice, as Pub/Sub may)
    messages = [(event, token) for event, token in captured if isinstance(event, UserMessageEvent)]
    for event, token in messages + messages:
        body, headers = webhook_request(event, token)
        assert client.http.post(WEBHOOK, headers=headers, body=body).status_code == 200
    drain(chalice_app)
    # THEN each reply and tap counted once, and the STOP senders are on the opt-out list
    replies = [e for e, _ in messages if e.postback_data is None]
    taps = [e for e, _ in messages if e.postback_data is not None]
    stops = sorted(e.phone for e in replies if e.text == "STOP")
    assert replies and taps and stops  # the rates are high enough for 40 numbers
    shown: dict[str, Any] = broadcast(client, auth, broadcast_id)
    assert (shown["replied_count"], shown["clicked_count"]) == (len(replies), len(taps))
    assert {c["postback_data"]: c["count"] for c in shown["clicks"]} == {
        p: sum(1 for e in taps if e.postback_data == p) for p in {e.postback_data for e in taps}}
    assert sorted(o["phone"] for o in call(client, "GET", "/optouts", auth())[1]["optouts"]) == stops
