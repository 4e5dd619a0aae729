"""Pause and resume (docs/spec/campaigns.md, "Broadcast controls"): a pause answers once no new send
can start, sends in flight finish and count, unstarted chunks take no money; resume goes on from where
it stopped, no target sent twice, none skipped; races give one state and a 409."""

from __future__ import annotations

import threading
import time
from collections import Counter
from typing import Any

import pytest
from chalice.test import Client

from chalicelib import messaging
from chalicelib.services import broadcasts as broadcast_service
from chalicelib.services import send_lease
from chalicelib.store import broadcasts as broadcast_store
from tests.functional.controls.conftest import CREDIT, PRICE, Sends, started
from tests.support.drain import drain
from tests.support.money import assert_ledger_reconciles
from tests.support.world import Auth, all_targets, balance, broadcast, call


@pytest.fixture(autouse=True)
def check_on_every_send(monkeypatch: pytest.MonkeyPatch) -> None:
    """The sender renews its lease before every send (in production every 2 s), so a pause shows
    at the very next send and the tests know exactly which sends happen."""
    monkeypatch.setattr(send_lease, "RENEW_SECONDS", 0.0)


def assert_counters_equal_states(client: Client, auth: Auth, broadcast_id: str) -> dict[str, Any]:
    row = broadcast(client, auth, broadcast_id)
    states = Counter(t["state"] for t in all_targets(client, auth, broadcast_id))
    assert row["sent_count"] == states["sent"]
    assert row["failed_count"] == states["failed"]
    assert row["queued_count"] == states["queued"]
    return row


def pause_during_send(sends: Sends, broadcast_id: str, *, on_send: int) -> dict[str, Any]:
    """On the `on_send`-th send, pause the broadcast from another caller and hold that send until
    the broadcast is paused; the pause's answer (and how many sends had started by then) is kept."""
    answer: dict[str, Any] = {}

    def pause() -> None:
        answer["status"] = broadcast_service.pause("acme", broadcast_id)
        answer["sends_when_answered"] = len(sends.messages)

    def hook(count: int) -> None:
        if count != on_send:
            return
        answer["thread"] = threading.Thread(target=pause)
        answer["thread"].start()
        while broadcast_store.get_broadcast("acme", broadcast_id).status != "paused":
            time.sleep(0.01)

    sends.before.append(hook)
    return answer


def test_a_pause_mid_chunk_stops_new_sends_and_resume_sends_every_other_target_exactly_once(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], sends: Sends) -> None:
    # GIVEN a running broadcast of 10 targets in 3 chunks, dispatched
    broadcast_id = started(client, auth, world)
    drain(chalice_app, queues={"dispatch"})
    first_job = _queued_send_jobs()[0]
    answer = pause_during_send(sends, broadcast_id, on_send=2)

    # WHEN it is paused while the first chunk's second message is being sent
    drain(chalice_app)
    answer["thread"].join(timeout=30)

    # THEN the send in flight finished and counts; nothing started after the pause answered
    assert answer["status"] == "paused"
    assert answer["sends_when_answered"] == 2
    assert len(sends.messages) == 2
    paused = assert_counters_equal_states(client, auth, broadcast_id)
    assert (paused["status"], paused["sent_count"], paused["queued_count"]) == ("paused", 2, 8)
    # the chunk in flight refunded what it did not send; the chunks not started took nothing
    assert balance(client, auth) == CREDIT - 2 * PRICE
    assert_ledger_reconciles(client, auth, price=PRICE, sent=2)

    # WHEN it is resumed
    status, body = call(client, "POST", f"/broadcasts/{broadcast_id}/resume", auth())
    assert (status, body) == (200, {"success": True, "status": "running"})
    drain(chalice_app)

    # THEN every target was sent exactly once (one message id each, none skipped)
    final = assert_counters_equal_states(client, auth, broadcast_id)
    assert (final["status"], final["sent_count"], final["failed_count"]) == ("completed", 10, 0)
    assert len(sends.messages) == 10
    assert all(len(ids) == 1 for ids in sends.per_phone().values()) and len(sends.per_phone()) == 10
    assert balance(client, auth) == CREDIT - 10 * PRICE
    assert_ledger_reconciles(client, auth, price=PRICE, sent=10)

    # AND a late copy of the paused chunk's job (SQS delivers at least once) changes nothing
    messaging.send("send", first_job)
    drain(chalice_app)
    assert len(sends.messages) == 10
    assert balance(client, auth) == CREDIT - 10 * PRICE
    assert_counters_equal_states(client, auth, broadcast_id)


def _queued_send_jobs() -> list[dict[str, Any]]:
    """The send jobs waiting on the send queue (read without taking them: they become visible again)."""
    import json

    from chalicelib.aws import client as aws_client

    sqs = aws_client("sqs")
    url = messaging.queue_url("send")
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=0)
    return [json.loads(message["Body"]) for message in got.get("Messages", [])]


def test_pause_and_resume_answer_409_outside_their_states_and_cancel_works_from_paused(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], sends: Sends) -> None:
    status, body = call(client, "POST", "/broadcasts", auth(), world)
    draft = body["broadcast_id"]
    # GIVEN a draft: neither pause nor resume apply
    for action in ("pause", "resume"):
        status, body = call(client, "POST", f"/broadcasts/{draft}/{action}", auth())
        assert (status, body["error"]) == (409, "conflict"), action
        assert "draft" in body["message"]
    # GIVEN a running broadcast, paused before any chunk started
    broadcast_id = started(client, auth, world)
    status, body = call(client, "POST", f"/broadcasts/{broadcast_id}/pause", auth())
    assert (status, body) == (200, {"success": True, "status": "paused"})
    status, body = call(client, "POST", f"/broadcasts/{broadcast_id}/pause", auth())
    assert (status, body["error"]) == (409, "conflict")
    drain(chalice_app)
    assert sends.messages == [] and balance(client, auth) == CREDIT
    # WHEN it is cancelled while paused
    status, body = call(client, "POST", f"/broadcasts/{broadcast_id}/cancel", auth())
    assert (status, body["status"]) == (200, "cancelled")
    status, body = call(client, "POST", f"/broadcasts/{broadcast_id}/resume", auth())
    assert (status, body["error"]) == (409, "conflict")
    drain(chalice_app)
    # THEN nothing was sent or charged
    assert sends.messages == [] and broadcast(client, auth, broadcast_id)["status"] == "cancelled"
    assert_ledger_reconciles(client, auth, price=PRICE, sent=0)
    # and another account's broadcast is not found
    status, body = call(client, "POST", f"/broadcasts/{broadcast_id}/pause", auth("other"))
    assert status == 404


def test_a_pause_that_loses_the_race_to_cancel_is_a_conflict_and_the_broadcast_stays_cancelled(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], sends: Sends,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a running broadcast, and a pause that read it `running`
    broadcast_id = started(client, auth, world)
    real = broadcast_store.mark_paused

    def cancel_first(account_id: str, broadcast_id: str) -> Any:
        # WHEN the broadcast is cancelled after the pause's read, before its update
        assert broadcast_store.mark_cancelled(account_id, broadcast_id) is not None
        return real(account_id, broadcast_id)

    monkeypatch.setattr(broadcast_store, "mark_paused", cancel_first)
    status, body = call(client, "POST", f"/broadcasts/{broadcast_id}/pause", auth())
    drain(chalice_app)

    # THEN the store's condition refused the pause: one state, a 409 naming it
    assert (status, body["error"]) == (409, "conflict") and "cancelled" in body["message"]
    assert broadcast(client, auth, broadcast_id)["status"] == "cancelled"
    assert sends.messages == []
    assert_ledger_reconciles(client, auth, price=PRICE, sent=0)


def test_a_pause_that_loses_the_race_to_completion_is_a_conflict_and_the_broadcast_stays_completed(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], sends: Sends,
        monkeypatch: pytest.MonkeyPatch) -> None:
    broadcast_id = started(client, auth, world)
    real = broadcast_store.mark_paused

    def complete_first(account_id: str, broadcast_id: str) -> Any:
        drain(chalice_app)
        return real(account_id, broadcast_id)

    monkeypatch.setattr(broadcast_store, "mark_paused", complete_first)
    status, body = call(client, "POST", f"/broadcasts/{broadcast_id}/pause", auth())

    assert (status, body["error"]) == (409, "conflict") and "completed" in body["message"]
    final = assert_counters_equal_states(client, auth, broadcast_id)
    assert (final["status"], final["sent_count"]) == ("completed", 10)
    assert_ledger_reconciles(client, auth, price=PRICE, sent=10)


def test_a_pause_that_wins_against_the_last_chunk_leaves_it_for_resume_which_completes_the_broadcast(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], sends: Sends) -> None:
    # GIVEN a running broadcast of 10 targets, sent one at a time
    broadcast_id = started(client, auth, world)
    # WHEN it is paused while the next-to-last message is in flight (in the last chunk to run)
    answer = pause_during_send(sends, broadcast_id, on_send=9)
    drain(chalice_app)
    answer["thread"].join(timeout=30)
    # THEN it is paused, not completed, with the last target still queued
    assert answer["status"] == "paused"
    row = assert_counters_equal_states(client, auth, broadcast_id)
    assert (row["status"], row["sent_count"], row["queued_count"]) == ("paused", 9, 1)
    # and resume completes it, sending only the last target
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/resume", auth())[0] == 200
    drain(chalice_app)
    final = assert_counters_equal_states(client, auth, broadcast_id)
    assert (final["status"], final["sent_count"]) == ("completed", 10)
    assert len(sends.messages) == 10
    assert_ledger_reconciles(client, auth, price=PRICE, sent=10)


def test_a_send_that_outlasts_the_pause_is_counted_once_when_the_resumed_pass_reaches_its_chunk(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], sends: Sends,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN short leases, and a send that will take longer than the lease (RBM can be that slow)
    monkeypatch.setattr(send_lease, "LEASE_SECONDS", 1.0)
    monkeypatch.setattr(send_lease, "KEEP_ALIVE_SECONDS", 0.2)
    monkeypatch.setattr(send_lease, "STOP_MARGIN_SECONDS", 0.3)
    broadcast_id = started(client, auth, world)
    drain(chalice_app, queues={"dispatch"})
    in_flight, finish = threading.Event(), threading.Event()

    def slow_second_send(count: int) -> None:
        if count == 2:
            in_flight.set()
            assert finish.wait(30)

    sends.before.append(slow_second_send)
    first_pass = threading.Thread(target=drain, args=(chalice_app,), kwargs={"queues": {"send"}})
    first_pass.start()
    assert in_flight.wait(30)

    # WHEN the broadcast is paused while that send is in flight, and resumed at once
    assert broadcast_service.pause("acme", broadcast_id) == "paused"
    assert broadcast_service.resume("acme", broadcast_id) == "running"
    drain(chalice_app, queues={"dispatch"})
    # AND the resumed epoch's passes run while the first pass still waits for RBM's answer
    second_pass = threading.Thread(target=drain, args=(chalice_app,), kwargs={"queues": {"send"}})
    second_pass.start()
    time.sleep(2 * send_lease.LEASE_SECONDS)
    in_flight_phone = sends.messages[1].phone
    resent_meanwhile = [m for m in sends.messages[2:] if m.phone == in_flight_phone]
    finish.set()
    first_pass.join(60)
    second_pass.join(60)
    drain(chalice_app)

    # THEN the resumed pass did not send the target in flight again, and every target counts once
    assert resent_meanwhile == []
    per_phone = Counter(message.phone for message in sends.messages)
    assert len(per_phone) == 10 and set(per_phone.values()) == {1}, per_phone
    final = assert_counters_equal_states(client, auth, broadcast_id)
    assert (final["status"], final["sent_count"], final["failed_count"]) == ("completed", 10, 0)
    assert balance(client, auth) == CREDIT - 10 * PRICE
    assert_ledger_reconciles(client, auth, price=PRICE, sent=10)
