"""Races that only the store's conditions guard: the service reads a status, and the broadcast
moves before its conditional update lands. The update must fail on the store's condition (the
service cannot see the move), and the API answer and the money must say what really happened.
And a receipt one account signs for another account's message is dropped, not retried."""

from __future__ import annotations

import json
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.services import balance as balance_service
from chalicelib.services.credentials import load_credentials
from chalicelib.store import broadcasts as broadcast_store
from tests.functional.recovery.conftest import CREDIT, PRICE, started
from tests.support.drain import drain
from tests.support.money import assert_ledger_reconciles
from tests.support.world import Auth, all_targets, balance, broadcast, call, simulator


def test_a_cancel_that_loses_the_race_to_completion_leaves_the_broadcast_completed(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a running broadcast, and a cancel that read it `running`
    broadcast_id = started(client, auth, world)
    real = broadcast_store.mark_cancelled
    reached: list[bool] = []

    def complete_first(account_id: str, broadcast_id: str) -> Any:
        # WHEN the broadcast completes after the cancel's read, before its update
        drain(chalice_app)
        assert broadcast(client, auth, broadcast_id)["status"] == "completed"
        result = real(account_id, broadcast_id)
        reached.append(result is None)
        return result

    monkeypatch.setattr(broadcast_store, "mark_cancelled", complete_first)
    status, answer = call(client, "POST", f"/broadcasts/{broadcast_id}/cancel", auth())

    # THEN the store's condition refused the update: the cancel is a conflict naming the real state
    assert reached == [True]
    assert (status, answer["error"]) == (409, "conflict")
    assert "completed" in answer["message"]
    final = broadcast(client, auth, broadcast_id)
    assert final["status"] == "completed"
    assert (final["sent_count"], final["failed_count"]) == (9, 1)
    assert balance(client, auth) == CREDIT - 9 * PRICE
    assert_ledger_reconciles(client, auth, price=PRICE, sent=9)


def test_a_start_that_loses_the_race_to_cancel_sends_nothing_and_charges_nothing(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a draft, and a start that read it `draft`
    status, body = call(client, "POST", "/broadcasts", auth(), world)
    assert status == 201
    broadcast_id = body["broadcast_id"]
    real = broadcast_store.mark_running
    reached: list[bool] = []

    def cancel_first(account_id: str, broadcast_id: str, *, from_statuses: Any) -> Any:
        # WHEN the draft is cancelled after the start's read, before its update
        assert broadcast_store.mark_cancelled(account_id, broadcast_id) is not None
        result = real(account_id, broadcast_id, from_statuses=from_statuses)
        reached.append(result is None)
        return result

    monkeypatch.setattr(broadcast_store, "mark_running", cancel_first)
    status, answer = call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())
    drain(chalice_app)

    # THEN the store's condition refused the start: nothing was dispatched, sent or charged
    assert reached == [True]
    assert (status, answer["error"]) == (409, "conflict")
    final = broadcast(client, auth, broadcast_id)
    assert final["status"] == "cancelled"
    assert final["sent_count"] == 0
    assert {t["state"] for t in all_targets(client, auth, broadcast_id)} == {"queued"}
    assert balance(client, auth) == CREDIT
    assert_ledger_reconciles(client, auth, price=PRICE, sent=0)


def test_a_receipt_signed_by_one_account_for_anothers_message_is_dropped_at_once(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str]) -> None:
    # GIVEN acme's completed broadcast, and globex, another account with credentials of its own
    broadcast_id = started(client, auth, world)
    drain(chalice_app)
    target = next(t for t in all_targets(client, auth, broadcast_id) if t["state"] == "sent")
    simulator(client, auth, "globex")
    assert load_credentials("globex") is not None
    # WHEN a receipt verified as globex's names acme's message (first delivery)
    receipt = {"account_id": "globex", "message_id": target["rm_message_id"], "phone": target["recipient_phone"],
               "kind": "DELIVERED", "at": "2026-11-22T10:00:05Z", "event_id": "e-foreign"}
    event = client.events.generate_sqs_event(queue_name="rcs-test-receipts", message_bodies=[json.dumps(receipt)])
    response = client.lambda_.invoke("apply_receipts", event)

    # THEN it is not sent back to the queue, and acme's target does not move
    assert response.payload == {"batchItemFailures": []}
    again = next(t for t in all_targets(client, auth, broadcast_id)
                 if t["recipient_phone"] == target["recipient_phone"])
    assert again["state"] == "sent"
    assert broadcast(client, auth, broadcast_id)["delivered_count"] == 0


def test_a_receipt_for_a_message_not_yet_known_is_still_retried(client: Client, auth: Auth, chalice_app: Any) -> None:
    """The other side of the rule above: an unknown message id may be a target not yet written."""
    receipt = {"account_id": "acme", "message_id": "not-yet-written", "phone": "+14155550001",
               "kind": "DELIVERED", "at": "2026-11-22T10:00:05Z", "event_id": "e-early"}
    event = client.events.generate_sqs_event(queue_name="rcs-test-receipts", message_bodies=[json.dumps(receipt)])
    response = client.lambda_.invoke("apply_receipts", event)
    assert len(response.payload["batchItemFailures"]) == 1


def test_a_chunk_reserved_before_a_cancel_settles_and_refunds_when_it_comes_back(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a running broadcast whose first chunk reserved its cost and died before sending
    broadcast_id = started(client, auth, world)
    drain(chalice_app, queues={"dispatch"})
    real = balance_service.reserve
    died: list[str] = []

    def reserve_then_die_once(account_id: str, key: str, count: int, price: int) -> int:
        reserved = real(account_id, key, count, price)
        if not died:
            died.append(key)
            raise RuntimeError("killed after reserving")
        return reserved

    monkeypatch.setattr(balance_service, "reserve", reserve_then_die_once)
    monkeypatch.setattr("infra.local.pump.RETRY_DELAY_SECONDS", 0)
    drain(chalice_app, queues={"send"}, until=lambda: bool(died))
    # WHEN the broadcast is cancelled, and the chunk comes back
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/cancel", auth())[0] == 200
    drain(chalice_app)
    # THEN nothing more was sent; the reserved chunk settled (its targets failed `cancelled`) and
    # its whole reservation came back; the chunks that never reserved stay queued, uncharged
    final = broadcast(client, auth, broadcast_id)
    targets = all_targets(client, auth, broadcast_id)
    assert final["status"] == "cancelled"
    assert final["sent_count"] == 0
    assert sorted(t["failure_reason"] for t in targets if t["state"] == "failed") == ["cancelled"] * 4
    assert {t["state"] for t in targets} == {"failed", "queued"}
    assert balance(client, auth) == CREDIT
    assert_ledger_reconciles(client, auth, price=PRICE, sent=0)
