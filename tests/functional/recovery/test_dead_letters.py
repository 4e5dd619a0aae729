"""Every work queue's message failing on every delivery, the last one included: the message reaches
its dead-letter queue, whose consumer drives the item to a terminal, fully accounted state. The
money reconciles: balance = credits - debits + refunds, and debits - refunds = price * sent."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest
from chalice.test import Client

from chalicelib import messaging
from chalicelib.services import balance as balance_service
from chalicelib.services import imports as import_service
from chalicelib.services import runner, sender, templates
from chalicelib.store import chunks as chunk_store
from chalicelib.store import targets as target_store
from tests.functional.recovery.conftest import (
    CREDIT,
    PRICE,
    SECOND_CHUNK,
    always_failing,
    dead_letters,
    reconcile_long_after,
    started,
)
from tests.support.drain import drain
from tests.support.money import assert_ledger_reconciles
from tests.support.world import Auth, all_targets, approved_template, balance, broadcast, call, contact_list

pytestmark = pytest.mark.usefixtures("quick_redelivery")


def _second_chunk_reserve(account_id: str, key: str, *args: Any) -> bool:
    return f":{SECOND_CHUNK}.." in key


def _second_chunk_settle(broadcast: Any, bounds: Any, *args: Any) -> bool:
    return bool(bounds.first_phone == SECOND_CHUNK)


@pytest.mark.parametrize(("owner", "name", "after", "sent", "reasons"), [
    pytest.param(balance_service, "reserve", False, 6, {"internal_error": 4}, id="killed before reserving"),
    pytest.param(balance_service, "reserve", True, 6, {"internal_error": 4},
                 id="killed between reserving and sending"),
    pytest.param(chunk_store, "settle_chunk", True, 9, {"missing_variable": 1},
                 id="killed between settling and the refund"),
])
def test_a_send_job_failing_every_delivery_is_settled_refunded_and_its_broadcast_completes(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], monkeypatch: pytest.MonkeyPatch,
        owner: Any, name: str, after: bool, sent: int, reasons: dict[str, int]) -> None:
    # GIVEN a running broadcast whose second chunk dies at the same step on every delivery, the
    # final one included
    broadcast_id = started(client, auth, world)
    doomed = _second_chunk_reserve if owner is balance_service else _second_chunk_settle
    deaths = always_failing(monkeypatch, owner, name, doomed, after=after)

    # WHEN the queues, the dead-letter queues included, are drained, and the reconciler runs
    drain(chalice_app)
    assert not any(reconcile_long_after().values()), "nothing was left for the reconciler"

    # THEN the chunk went through the dead-letter queue, and everything is terminal and accounted
    assert deaths[0] == 5
    assert dead_letters("send") == 0
    final = broadcast(client, auth, broadcast_id)
    targets = all_targets(client, auth, broadcast_id)
    assert final["status"] == "completed"
    assert Counter(t["state"] for t in targets) == {"sent": sent, "failed": 10 - sent}
    assert Counter(t["failure_reason"] for t in targets if t["state"] == "failed") == reasons
    assert (final["sent_count"], final["failed_count"]) == (sent, 10 - sent)
    assert balance(client, auth) == CREDIT - sent * PRICE
    assert_ledger_reconciles(client, auth, price=PRICE, sent=sent)


def test_a_dead_send_job_handled_twice_settles_and_refunds_once(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the second chunk dead-lettered after reserving
    broadcast_id = started(client, auth, world)
    always_failing(monkeypatch, balance_service, "reserve", _second_chunk_reserve, after=True)
    drain(chalice_app)
    monkeypatch.undo()
    chunk = next(c for c in [target_store.ChunkBounds(SECOND_CHUNK, "+14155550007", 4)])
    # WHEN its dead-letter consumer's work runs again (SQS delivers at least once)
    job = sender.SendJob("acme", broadcast_id, chunk, final_attempt=True)
    again = sender.fail_dead_chunk(job)
    # THEN nothing more is settled or refunded
    assert again is not None and not again.newly_settled
    assert balance(client, auth) == CREDIT - 6 * PRICE
    assert_ledger_reconciles(client, auth, price=PRICE, sent=6)


def test_a_settled_chunk_pays_its_refund_even_when_a_later_chunk_completed_the_broadcast(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The lost refund: the second chunk (owing one refund) dies between settling and refunding;
    the third chunk completes the broadcast before the second is delivered again."""
    monkeypatch.setattr("infra.local.pump.RETRY_DELAY_SECONDS", 2)  # the third chunk runs first
    broadcast_id = started(client, auth, world)
    real = chunk_store.settle_chunk
    seen: list[str] = []

    def settle_then_die_once(broadcast: Any, bounds: Any, outcome: Any) -> bool:
        settled = real(broadcast, bounds, outcome)
        seen.append(bounds.first_phone)
        if bounds.first_phone == SECOND_CHUNK and seen.count(SECOND_CHUNK) == 1:
            raise RuntimeError("killed after settling, before the refund")
        return settled

    monkeypatch.setattr(chunk_store, "settle_chunk", settle_then_die_once)
    drain(chalice_app)

    # the third chunk settled (completing the broadcast) before the second came back, which then
    # found itself settled and only paid its refund
    assert seen == ["+14155550000", SECOND_CHUNK, "+14155550008"]
    assert broadcast(client, auth, broadcast_id)["status"] == "completed"
    assert balance(client, auth) == CREDIT - 9 * PRICE
    assert_ledger_reconciles(client, auth, price=PRICE, sent=9)


def test_a_dispatch_job_failing_every_delivery_fails_its_broadcast_and_charges_nothing(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    broadcast_id = started(client, auth, world)
    deaths = always_failing(monkeypatch, runner, "dispatch")

    drain(chalice_app)
    assert not any(reconcile_long_after().values())

    assert deaths[0] == 5 and dead_letters("dispatch") == 0
    final = broadcast(client, auth, broadcast_id)
    assert (final["status"], final["failure_reason"]) == ("failed", "internal_error")
    assert final["completed_at"]
    assert balance(client, auth) == CREDIT
    assert_ledger_reconciles(client, auth, price=PRICE, sent=0)


def test_a_snapshot_job_failing_every_delivery_fails_its_broadcast(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a draft whose snapshot continues in the background (pages of 4 members) and dies there
    monkeypatch.setattr(runner, "SNAPSHOT_PAGE", 4)
    status, body = call(client, "POST", "/broadcasts", auth(), world)
    assert status == 201, body
    assert broadcast(client, auth, body["broadcast_id"])["snapshot"] == {"status": "running", "copied": 4}
    always_failing(monkeypatch, runner, "continue_snapshot")

    drain(chalice_app)
    assert not any(reconcile_long_after().values())

    final = broadcast(client, auth, body["broadcast_id"])
    assert (final["status"], final["failure_reason"]) == ("failed", "internal_error")
    assert call(client, "POST", f"/broadcasts/{body['broadcast_id']}/start", auth())[0] == 409
    assert_ledger_reconciles(client, auth, price=PRICE, sent=0)


def test_a_review_failing_every_delivery_sends_the_template_to_a_human(
        client: Client, auth: Auth, chalice_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    always_failing(monkeypatch, templates, "review_template")
    status, body = call(client, "POST", "/templates", auth(), {
        "name": "order_update", "category": "transactional", "language": "en_US",
        "components": {"type": "text", "text": "Hello {{1}}, your order has shipped."}})
    assert status == 201, body

    drain(chalice_app)
    assert not any(reconcile_long_after().values())

    status, answer = call(client, "GET", f"/templates/{body['template_id']}", auth())
    template = answer.get("template", answer)
    assert template["effective_status"] == "needs_admin"
    assert template["ai_review_reason"] == "automatic review unavailable"
    status, queue = call(client, "GET", "/admin/templates", auth("ops", admin=True))
    assert body["template_id"] in json.dumps(queue)
    assert dead_letters("review") == 0


def test_an_import_step_failing_every_delivery_fails_the_import_with_its_reason(
        client: Client, auth: Auth, chalice_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.functional.faults.test_import_faults import SHORT, start_upload

    # GIVEN an upload whose first step ran and handed over to the queue, and every later step dies
    list_id, import_id, key = start_upload(client, auth)
    from chalicelib.settings import get_settings

    import_service.on_object_created(get_settings().import_bucket, key, lambda: SHORT / 1000)
    always_failing(monkeypatch, import_service, "run_step")

    drain(chalice_app)
    assert not any(reconcile_long_after().values())

    status, body = call(client, "GET", f"/lists/{list_id}/imports/{import_id}", auth())
    assert status == 200, body
    imported = body.get("import", body)
    assert imported["status"] == "failed"
    assert imported["failure_reason"] == import_service.DEAD_LETTER_REASON
    assert dead_letters("imports") == 0


def test_a_receipt_failing_every_delivery_is_logged_counted_and_dropped(
        client: Client, auth: Auth, chalice_app: Any, capsys: pytest.CaptureFixture[str]) -> None:
    # GIVEN a receipt for a message no target will ever carry... known only as "not yet sent": a
    # target still queued
    simulator_world = {"template_id": approved_template(client, auth),
                       "list_id": contact_list(client, auth, members=[{"phone": "+14155550100",
                                                                      "variables": {"1": "Ann"}}])}
    _status, body = call(client, "POST", "/broadcasts", auth(), simulator_world)
    broadcast_id = body["broadcast_id"]
    target = target_store.TargetModel.get(broadcast_id, "+14155550100")
    target.update(actions=[target_store.TargetModel.rm_message_id.set("m-waiting")])
    messaging.send("receipts", {"account_id": "acme", "message_id": "m-waiting", "phone": "+14155550100",
                                "kind": "DELIVERED", "at": "2026-11-22T10:00:00Z", "event_id": "e-1"})

    drain(chalice_app)

    assert dead_letters("receipts") == 0
    out = capsys.readouterr().out
    assert '"DeadLetters"' in out and '"receipts"' in out
    assert all_targets(client, auth, broadcast_id)[0]["state"] == "queued"


def test_a_reach_job_failing_every_delivery_leaves_its_broadcast_to_run(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a draft whose background reach check dies on every delivery
    from chalicelib.services import reach

    deaths = always_failing(monkeypatch, reach, "continue_check")
    status, body = call(client, "POST", "/broadcasts", auth(), world)
    assert status == 201, body
    broadcast_id = str(body["broadcast_id"])
    drain(chalice_app)
    # THEN its dead letter is consumed and the draft is still a draft, which then runs to the end
    assert deaths[0] == 5 and dead_letters("dispatch") == 0
    assert broadcast(client, auth, broadcast_id)["status"] == "draft"
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[0] == 200
    drain(chalice_app)
    assert broadcast(client, auth, broadcast_id)["status"] == "completed"
