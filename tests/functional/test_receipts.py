"""Delivery and read receipts: RBM's signed webhook, and counters that stay true."""

from __future__ import annotations

import base64
import json
import random
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.providers.receipts import ReceiptEvent, webhook_request
from chalicelib.services.credentials import load_credentials
from tests.support.drain import drain
from tests.support.world import (
    Auth,
    all_targets,
    approved_template,
    broadcast,
    call,
    contact_list,
    credit,
    members,
    simulator,
)

WEBHOOK = "/api/v1/rcs/webhooks/rbm"


@pytest.fixture
def sent(client: Client, auth: Auth, chalice_app: Any) -> dict[str, Any]:
    """GIVEN a completed broadcast of 10 sent messages (the simulator posts no receipts of its own)."""
    simulator(client, auth)
    credit(client, auth, amount=10_000)
    template_id = approved_template(client, auth)
    list_id = contact_list(client, auth, members=members(10))
    broadcast_id = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id, "list_id": list_id})[1][
        "broadcast_id"]
    call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())
    drain(chalice_app)
    found = load_credentials("acme")
    assert found is not None
    return {"broadcast_id": broadcast_id, "agent_id": found.agent_id, "token": found.webhook_client_token,
            "targets": all_targets(client, auth, broadcast_id)}


def event(world: dict[str, Any], target: dict[str, Any], kind: str, *, event_id: str = "") -> ReceiptEvent:
    return ReceiptEvent(agent_id=world["agent_id"], phone=target["recipient_phone"],
                        message_id=target["rm_message_id"], event_type=kind,  # type: ignore[arg-type]
                        send_time=datetime(2026, 11, 22, 10, 0, 5, tzinfo=UTC), event_id=event_id)


def post(client: Client, body: bytes, headers: dict[str, str]) -> Any:
    return client.http.post(WEBHOOK, headers=headers, body=body)


def deliver(client: Client, world: dict[str, Any], target: dict[str, Any], kind: str) -> Any:
    body, headers = webhook_request(event(world, target, kind), world["token"])
    return post(client, body, headers)


def counts(client: Client, auth: Auth, world: dict[str, Any]) -> tuple[dict[str, Any], Counter[str]]:
    final = broadcast(client, auth, world["broadcast_id"])
    states = Counter(t["state"] for t in all_targets(client, auth, world["broadcast_id"]))
    return final, states


def test_a_signed_delivery_moves_the_target_and_the_counter(client: Client, auth: Auth, chalice_app: Any,
                                                            sent: dict[str, Any]) -> None:
    target = sent["targets"][0]
    response = deliver(client, sent, target, "DELIVERED")
    assert response.status_code == 200
    drain(chalice_app)

    final, states = counts(client, auth, sent)
    row = next(t for t in all_targets(client, auth, sent["broadcast_id"])
               if t["recipient_phone"] == target["recipient_phone"])
    assert (final["delivered_count"], final["read_count"]) == (1, 0)
    assert row["state"] == "delivered" and row["delivered_at"] == "2026-11-22T10:00:05Z"
    assert states["delivered"] == 1


@pytest.mark.parametrize("tamper", ["wrong token", "altered body", "missing header", "garbage header"])
def test_an_unsigned_or_badly_signed_event_is_refused_and_changes_nothing(
        client: Client, auth: Auth, chalice_app: Any, sent: dict[str, Any], tamper: str) -> None:
    target = sent["targets"][0]
    token = "someone-elses-token" if tamper == "wrong token" else sent["token"]
    body, headers = webhook_request(event(sent, target, "READ"), token)
    if tamper == "altered body":
        envelope = json.loads(body)
        data = json.loads(base64.b64decode(envelope["message"]["data"]))
        data["senderPhoneNumber"] = "+14155550000"
        envelope["message"]["data"] = base64.b64encode(json.dumps(data).encode()).decode()
        body = json.dumps(envelope).encode()
    if tamper == "missing header":
        headers.pop("X-Goog-Signature")
    if tamper == "garbage header":
        headers["X-Goog-Signature"] = "%%%not-base64%%%"

    response = post(client, body, headers)
    drain(chalice_app)

    assert response.status_code == 401
    assert json.loads(response.body)["error"] == "unauthorized"
    final, states = counts(client, auth, sent)
    assert (final["delivered_count"], final["read_count"], states["sent"]) == (0, 0, 10)


def test_the_set_up_handshake_echoes_the_secret_for_a_configured_client_token(client: Client,
                                                                               sent: dict[str, Any]) -> None:
    ok = post(client, json.dumps({"clientToken": sent["token"], "secret": "s3cr3t-123"}).encode(),
              {"Content-Type": "application/json"})
    refused = post(client, json.dumps({"clientToken": "not-ours", "secret": "s3cr3t-123"}).encode(),
                   {"Content-Type": "application/json"})
    assert ok.status_code == 200 and ok.body == b"s3cr3t-123"
    assert refused.status_code == 401


def test_a_read_before_its_delivery_counts_both_and_the_late_delivery_changes_nothing(
        client: Client, auth: Auth, chalice_app: Any, sent: dict[str, Any]) -> None:
    target = sent["targets"][3]
    deliver(client, sent, target, "READ")
    drain(chalice_app)

    def check() -> None:
        final, states = counts(client, auth, sent)
        row = next(t for t in all_targets(client, auth, sent["broadcast_id"]) if t["state"] == "read")
        assert (final["delivered_count"], final["read_count"]) == (1, 1)
        assert states["read"] == 1 and row["recipient_phone"] == target["recipient_phone"]
        assert row["delivered_at"] == row["read_at"] == "2026-11-22T10:00:05Z"
        assert final["status"] == "completed"

    check()
    # The late DELIVERED alone in its batch (no READ beside it to hide a move backwards), then the
    # duplicate READ alone in another: each changes nothing.
    for late in ("DELIVERED", "READ"):
        deliver(client, sent, target, late)
        drain(chalice_app)
        check()


def test_an_event_for_an_unknown_message_is_dropped_not_retried_forever(client: Client, auth: Auth,
                                                                        chalice_app: Any,
                                                                        sent: dict[str, Any]) -> None:
    stranger = {"recipient_phone": "+14155550000", "rm_message_id": "6f1c9b8e-8d47-4bb0-9d0e-1d4c1b9e2f00"}
    assert deliver(client, sent, stranger, "DELIVERED").status_code == 200
    drain(chalice_app, timeout=60)
    final, _ = counts(client, auth, sent)
    assert final["delivered_count"] == 0


def test_counters_are_exact_after_a_storm_of_shuffled_duplicated_events(client: Client, auth: Auth,
                                                                        chalice_app: Any,
                                                                        sent: dict[str, Any]) -> None:
    rng = random.Random(7)
    storm: list[tuple[dict[str, Any], str]] = []
    for index, target in enumerate(sent["targets"]):
        if index < 8:
            storm += [(target, "DELIVERED")] * rng.randint(1, 3)
        if index % 2 == 0:
            storm += [(target, "READ")] * rng.randint(1, 3)
    rng.shuffle(storm)
    for target, kind in storm:
        assert deliver(client, sent, target, kind).status_code == 200
    drain(chalice_app)

    final, states = counts(client, auth, sent)
    assert final["read_count"] == states["read"] == 5
    assert final["delivered_count"] == states["delivered"] + states["read"] == 9
    assert states["sent"] == 1


def test_counters_stay_exact_when_workers_apply_overlapping_batches_at_once(client: Client, auth: Auth,
                                                                           sent: dict[str, Any]) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from chalicelib.services import receipts
    from infra.local import moto_dynamodb

    every = [receipts.Receipt(account_id="acme", message_id=t["rm_message_id"], phone=t["recipient_phone"],
                              kind=kind, at="2026-11-22T10:00:05Z", event_id=f"{t['rm_message_id']}-{kind}")
             for t in sent["targets"] for kind in ("DELIVERED", "READ")]
    rng = random.Random(11)
    batches = []
    for _ in range(4):
        copy = every[:]
        rng.shuffle(copy)
        batches += [copy[i:i + 10] for i in range(0, len(copy), 10)]
    moto_dynamodb.install()
    try:
        with ThreadPoolExecutor(max_workers=4) as pool:
            outcomes = list(pool.map(receipts.apply, batches))
    finally:
        moto_dynamodb.uninstall()

    final, states = counts(client, auth, sent)
    assert sum(o.applied for o in outcomes) >= 10
    assert not any(o.not_yet_sent for o in outcomes)
    assert states["read"] == 10
    assert (final["delivered_count"], final["read_count"]) == (10, 10)
