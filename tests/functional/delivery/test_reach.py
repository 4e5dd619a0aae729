"""The reach check (docs/spec/campaigns.md, `check_reach`): a draft shows its reach before it is
started; unreachable numbers end failed / not_rcs_capable without a send and without a charge; the
background count survives its step dying halfway; `check_reach: false` sends to everyone."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest
from chalice.app import Chalice
from chalice.test import Client

from chalicelib.services import reach
from chalicelib.store import broadcasts as broadcast_store
from chalicelib.store import targets as target_store
from tests.fakes.rbm_server import FakeRbmServer
from tests.support.drain import drain
from tests.support.money import assert_ledger_reconciles, ledger
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

PRICE = 20
ROSTER = members(8)
UNREACHABLE = [ROSTER[1]["phone"], ROSTER[4]["phone"], ROSTER[6]["phone"]]


def draft(client: Client, auth: Auth, **fields: Any) -> str:
    simulator(client, auth)
    credit(client, auth, amount=10_000)
    template_id = approved_template(client, auth)
    list_id = contact_list(client, auth, members=ROSTER)
    status, body = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id, "list_id": list_id,
                                                               **fields})
    assert status == 201, body
    return str(body["broadcast_id"])


def test_a_draft_shows_its_reach_and_unreachable_numbers_are_never_sent_nor_charged(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, small_chunks: None) -> None:
    # GIVEN RBM that cannot reach three of eight numbers
    rbm.not_capable(*UNREACHABLE)
    # WHEN a draft is created: its reach is checked in the background
    broadcast_id = draft(client, auth)
    drain(chalice_app)
    shown = broadcast(client, auth, broadcast_id)
    assert shown["status"] == "draft" and shown["check_reach"] is True
    assert shown["reach"] == {"checked": 8, "reachable": 5}
    # WHEN it is started and runs
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[0] == 200
    drain(chalice_app)
    # THEN the unreachable ones failed not_rcs_capable and RBM never got a message for them
    rows = {t["recipient_phone"]: t for t in all_targets(client, auth, broadcast_id)}
    assert {p: (rows[p]["state"], rows[p]["failure_reason"]) for p in UNREACHABLE} == {
        p: ("failed", "not_rcs_capable") for p in UNREACHABLE}
    assert all(not rbm.calls_for(phone) for phone in UNREACHABLE)
    assert Counter(t["state"] for t in rows.values()) == {"sent": 5, "failed": 3}
    final = broadcast(client, auth, broadcast_id)
    assert (final["status"], final["sent_count"], final["failed_count"]) == ("completed", 5, 3)
    assert final["reach"] == {"checked": 8, "reachable": 5}  # counted once, not again by the sender
    # AND only the five sent were ever reserved: no charge and no refund for the unreachable
    assert_ledger_reconciles(client, auth, price=PRICE, sent=5)
    assert not [e for e in ledger(client, auth) if e["kind"] == "refund"]
    assert -sum(e["amount"] for e in ledger(client, auth) if e["kind"] == "debit") == 5 * PRICE


def test_without_the_reach_check_rbm_404_fails_the_same_numbers_and_refunds_them(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer) -> None:
    rbm.not_capable(*UNREACHABLE)
    broadcast_id = draft(client, auth, check_reach=False)
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[0] == 200
    drain(chalice_app)
    assert not rbm.batch_get_calls
    final = broadcast(client, auth, broadcast_id)
    assert final["reach"] == {"checked": 0, "reachable": 0} and final["check_reach"] is False
    assert [c.status for p in UNREACHABLE for c in rbm.calls_for(p)] == [404, 404, 404]
    failed = all_targets(client, auth, broadcast_id, state="failed")
    assert {t["failure_reason"] for t in failed} == {"not_rcs_capable"} and len(failed) == 3
    assert_ledger_reconciles(client, auth, price=PRICE, sent=5)


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_check_reach_must_be_a_boolean(client: Client, auth: Auth, value: Any) -> None:
    simulator(client, auth)
    template_id = approved_template(client, auth)
    list_id = contact_list(client, auth, members=ROSTER[:1])
    status, body = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id, "list_id": list_id,
                                                               "check_reach": value})
    assert status == 400 and "check_reach" in str(body), body


class Killed(Exception):
    """The process died here."""


def test_the_background_check_killed_after_counting_a_page_counts_every_number_once(
        client: Client, auth: Auth, chalice_app: Chalice, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN pages of 3 numbers and a step that dies right after it counted its second page
    monkeypatch.setattr(reach, "PAGE", 3)
    real = broadcast_store.record_reach_page
    counted = []

    def dying(*args: Any, **kwargs: Any) -> bool:
        result = real(*args, **kwargs)
        counted.append(result)
        if len(counted) == 2:
            raise Killed
        return result

    monkeypatch.setattr(broadcast_store, "record_reach_page", dying)
    # WHEN a draft of 8 numbers is created with the simulator (half its numbers unreachable)
    simulator(client, auth, not_capable_rate=0.5)
    template_id = approved_template(client, auth)
    list_id = contact_list(client, auth, members=ROSTER)
    broadcast_id = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id,
                                                                "list_id": list_id})[1]["broadcast_id"]
    drain(chalice_app, timeout=60)
    # THEN each number was counted once, and the reachable ones are the simulator's answer
    expected = reach.runner.account_provider("acme")
    assert expected is not None and isinstance(expected, reach.ReachProvider)
    reachable = expected.reachable_users([m["phone"] for m in ROSTER])
    assert reachable is not None
    assert broadcast(client, auth, broadcast_id)["reach"] == {"checked": 8, "reachable": len(reachable)}
    assert len(counted) >= 3


def test_the_sender_killed_after_its_reach_check_then_delivered_again_charges_only_the_reachable_once(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN RBM that cannot reach three of eight numbers, and a sender that dies the first time it
    # is about to write its targets (after the reach check, the reservation and the sends)
    rbm.not_capable(*UNREACHABLE)
    real = target_store.put_targets_as_they_come
    deaths = [1]

    def dying(broadcast_id: str, targets: Any) -> Any:
        if deaths:
            deaths.pop()
            list(targets)  # the sends happen, nothing is written
            raise Killed
        return real(broadcast_id, targets)

    monkeypatch.setattr(target_store, "put_targets_as_they_come", dying)
    broadcast_id = draft(client, auth)
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[0] == 200
    # WHEN SQS delivers the chunk again
    drain(chalice_app, timeout=90)
    # THEN the unreachable were never sent, the others were accepted once, and only they were charged
    assert not deaths
    assert all(not rbm.calls_for(phone) for phone in UNREACHABLE)
    assert Counter(c.phone for c in rbm.deliveries.values()) == {
        m["phone"]: 1 for m in ROSTER if m["phone"] not in UNREACHABLE}
    final = broadcast(client, auth, broadcast_id)
    assert (final["status"], final["sent_count"], final["failed_count"]) == ("completed", 5, 3)
    assert_ledger_reconciles(client, auth, price=PRICE, sent=5)
    assert -sum(e["amount"] for e in ledger(client, auth) if e["kind"] == "debit") == 5 * PRICE


def test_a_draft_created_before_its_credentials_gets_its_reach_counted_when_started(
        client: Client, auth: Auth, chalice_app: Chalice) -> None:
    # GIVEN a draft created before the account has credentials: its reach check finds no provider
    credit(client, auth, amount=10_000)
    template_id = approved_template(client, auth)
    list_id = contact_list(client, auth, members=ROSTER)
    broadcast_id = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id,
                                                                "list_id": list_id})[1]["broadcast_id"]
    drain(chalice_app)
    assert broadcast(client, auth, broadcast_id)["reach"] == {"checked": 0, "reachable": 0}
    # WHEN the account sets its credentials and starts it at once
    simulator(client, auth, not_capable_rate=0.5)
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[0] == 200
    drain(chalice_app)
    # THEN it runs (no stale "no credentials"), and its reach is counted once
    final = broadcast(client, auth, broadcast_id)
    assert final["status"] == "completed", final
    provider = reach.runner.account_provider("acme")
    assert isinstance(provider, reach.ReachProvider)
    reachable = provider.reachable_users([m["phone"] for m in ROSTER])
    assert reachable is not None
    assert final["reach"] == {"checked": 8, "reachable": len(reachable)}
    sent = {t["recipient_phone"] for t in all_targets(client, auth, broadcast_id) if t["state"] == "sent"}
    assert sent <= reachable  # the unreachable were never sent
