"""Expiry and revoke (docs/spec/campaigns.md): `ttl_seconds` goes to RBM as the message's `ttl`
(otp: ten minutes by default); RBM's TTL server events expire a target or leave it awaiting
delivery; cancel revokes every sent but undelivered message; a DELIVERED that arrives later wins,
and no other late event moves a target back. Money: revoked and expired messages stay charged (RBM
accepted them), so the ledger reconciles with the targets RBM accepted."""

from __future__ import annotations

import random
from collections import Counter
from typing import Any

import pytest
from chalice.app import Chalice
from chalice.test import Client

from chalicelib.services import revoke
from tests.fakes.rbm_server import FakeRbmServer, Reply, push
from tests.support.drain import drain
from tests.support.money import assert_ledger_reconciles
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
PRICE = 20  # a transactional message
ACCEPTED = ("sent", "delivered", "read", "expired", "revoked")


def token() -> str:
    from chalicelib.services.credentials import load_credentials

    found = load_credentials("acme")
    assert found is not None
    return found.webhook_client_token


def post_events(client: Client, events: list[dict[str, Any]]) -> None:
    secret = token()
    for event in events:
        body, headers = push(event, secret)
        assert client.http.post(WEBHOOK, headers=headers, body=body).status_code == 200


def create(client: Client, auth: Auth, *, count: int, category: str = "transactional",
           **fields: Any) -> tuple[int, Any]:
    simulator(client, auth)
    credit(client, auth, amount=10_000)
    text = "Your login code is {{1}}." if category == "otp" else "Hello {{1}}, your order has shipped."
    template_id = approved_template(client, auth, category=category, text=text)
    list_id = contact_list(client, auth, members=members(count))
    return call(client, "POST", "/broadcasts", auth(), {"template_id": template_id, "list_id": list_id, **fields})


def run(client: Client, auth: Auth, chalice_app: Chalice, **fields: Any) -> str:
    status, body = create(client, auth, count=fields.pop("count", 4), **fields)
    assert status == 201, body
    assert call(client, "POST", f"/broadcasts/{body['broadcast_id']}/start", auth())[0] == 200
    drain(chalice_app, timeout=60)
    return str(body["broadcast_id"])


def by_phone(client: Client, auth: Auth, broadcast_id: str) -> dict[str, dict[str, Any]]:
    return {t["recipient_phone"]: t for t in all_targets(client, auth, broadcast_id)}


def assert_counters_match(client: Client, auth: Auth, broadcast_id: str) -> Counter[str]:
    final = broadcast(client, auth, broadcast_id)
    states = Counter(t["state"] for t in all_targets(client, auth, broadcast_id))
    assert final["delivered_count"] == states["delivered"] + states["read"]
    assert final["read_count"] == states["read"]
    assert final["sent_count"] == sum(states[s] for s in ACCEPTED)
    assert_ledger_reconciles(client, auth, price=PRICE, sent=final["sent_count"])
    return states


@pytest.mark.parametrize(("category", "asked", "ttl"), [
    ("otp", None, "600s"), ("otp", 120, "120s"), ("transactional", 3600, "3600s"), ("transactional", None, None),
])
def test_ttl_seconds_goes_to_rbm_as_the_messages_ttl_with_ten_minutes_for_an_otp(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, category: str, asked: int | None,
        ttl: str | None) -> None:
    fields = {"ttl_seconds": asked} if asked is not None else {}
    broadcast_id = run(client, auth, chalice_app, count=2, category=category, **fields)
    assert broadcast(client, auth, broadcast_id)["ttl_seconds"] == (asked or (600 if category == "otp" else None))
    assert not rbm.problems()
    assert [d.body.get("ttl") for d in rbm.deliveries.values()] == [ttl, ttl]


@pytest.mark.parametrize("value", [59, 1_296_001, "600", True, 1.5])
def test_a_ttl_outside_a_minute_to_fifteen_days_is_a_400_naming_the_field(
        client: Client, auth: Auth, value: Any) -> None:
    status, body = create(client, auth, count=1, ttl_seconds=value)
    assert status == 400, body
    assert "ttl_seconds" in str(body)


def test_ttl_events_expire_or_leave_awaiting_and_a_late_delivered_wins_under_a_shuffled_duplicated_storm(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer) -> None:
    # GIVEN a completed broadcast of 4 messages RBM accepted with a ttl
    broadcast_id = run(client, auth, chalice_app, count=4, ttl_seconds=300)
    ids = {d.phone: message_id for message_id, d in rbm.deliveries.items()}
    a, b, c, d = sorted(ids)
    # WHEN the ttl passes: a is revoked, b's revocation fails; c was delivered before its ttl
    # (its late TTL event must not move it back); each event arrives twice, shuffled
    events = [rbm.expire(ids[a], revoked=True), rbm.expire(ids[b], revoked=False),
              rbm.user_event(ids[c], "DELIVERED")]
    events.append(rbm.expire(ids[c], revoked=True))
    storm = events * 2
    random.Random(14).shuffle(storm)
    post_events(client, storm)
    drain(chalice_app)
    # THEN a expired (reason `expired`), b still awaits delivery, c delivered, d untouched
    rows = by_phone(client, auth, broadcast_id)
    assert {p: (rows[p]["state"], rows[p]["failure_reason"]) for p in (a, b, c, d)} == {
        a: ("expired", "expired"), b: ("sent", ""), c: ("delivered", ""), d: ("sent", "")}
    # WHEN b's DELIVERED follows its failed revocation, and a's DELIVERED arrives late after all
    post_events(client, [rbm.user_event(ids[b], "DELIVERED"), rbm.user_event(ids[a], "DELIVERED")] * 2)
    drain(chalice_app)
    # THEN both are delivered, the counters match the targets and the money reconciles
    rows = by_phone(client, auth, broadcast_id)
    assert {p: rows[p]["state"] for p in (a, b)} == {a: "delivered", b: "delivered"}
    assert rows[a]["failure_reason"] == ""
    assert assert_counters_match(client, auth, broadcast_id) == {"delivered": 3, "sent": 1}


def test_expired_targets_are_listed_by_state(client: Client, auth: Auth, chalice_app: Chalice,
                                             rbm: FakeRbmServer) -> None:
    broadcast_id = run(client, auth, chalice_app, count=2, ttl_seconds=300)
    first = sorted(rbm.deliveries, key=lambda m: rbm.deliveries[m].phone)[0]
    post_events(client, [rbm.expire(first, revoked=True)])
    drain(chalice_app)
    rows = all_targets(client, auth, broadcast_id, state="expired")
    assert [r["rm_message_id"] for r in rows] == [first]


def paused_after_first_chunk(client: Client, auth: Auth, chalice_app: Chalice, *, count: int) -> str:
    """A broadcast paused once its first chunk of 4 was sent (the rest still queued)."""
    status, body = create(client, auth, count=count)
    assert status == 201, body
    broadcast_id = str(body["broadcast_id"])
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[0] == 200
    drain(chalice_app, queues={"dispatch"})
    drain(chalice_app, queues={"send"}, until=lambda: broadcast(client, auth, broadcast_id)["sent_count"] >= 4,
          timeout=60)
    status, body = call(client, "POST", f"/broadcasts/{broadcast_id}/pause", auth())
    assert status == 200, (body, broadcast(client, auth, broadcast_id))
    return broadcast_id


def test_cancel_revokes_the_undelivered_and_only_a_late_delivered_moves_a_revoked_target(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, small_chunks: None) -> None:
    # GIVEN a broadcast with 4 messages accepted: one already delivered (its receipt applied), one
    # RBM is delivering (its revocation answers 404 and its DELIVERED follows), two undelivered
    broadcast_id = paused_after_first_chunk(client, auth, chalice_app, count=10)
    ids = {d.phone: message_id for message_id, d in rbm.deliveries.items()}
    assert len(ids) == 4
    delivered, delivering, *undelivered = sorted(ids)
    post_events(client, [rbm.user_event(ids[delivered], "DELIVERED")])
    drain(chalice_app)
    rbm.mark_delivered(ids[delivering])
    # WHEN the broadcast is cancelled
    status, body = call(client, "POST", f"/broadcasts/{broadcast_id}/cancel", auth())
    assert status == 200, body
    drain(chalice_app)
    # THEN every message not known as delivered was asked back; RBM revoked the undelivered ones
    asked = Counter(c.message_id for c in rbm.revoke_calls)
    assert set(asked) == {ids[p] for p in (delivering, *undelivered)}, rbm.revoke_calls
    assert rbm.revoked_ids == {ids[p] for p in undelivered}, rbm.revoke_calls
    rows = by_phone(client, auth, broadcast_id)
    assert {p: rows[p]["state"] for p in ids} == {delivered: "delivered", delivering: "revoked",
                                                   **{p: "revoked" for p in undelivered}}
    assert broadcast(client, auth, broadcast_id)["status"] == "cancelled"
    # WHEN late events arrive: the delivering one's DELIVERED; a TTL event for a revoked one
    post_events(client, [rbm.user_event(ids[delivering], "DELIVERED"),
                         rbm.expire(ids[undelivered[0]], revoked=True)] * 2)
    drain(chalice_app)
    # THEN the DELIVERED wins; the TTL event moves nothing back
    rows = by_phone(client, auth, broadcast_id)
    assert {p: rows[p]["state"] for p in ids} == {delivered: "delivered", delivering: "delivered",
                                                   **{p: "revoked" for p in undelivered}}
    states = assert_counters_match(client, auth, broadcast_id)
    assert states["revoked"] == 2 and states["delivered"] == 2


class Killed(Exception):
    """The process died here."""


def test_the_revoke_step_killed_halfway_then_delivered_again_revokes_every_message_once(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, small_chunks: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a paused broadcast with 4 undelivered messages, cancelled
    broadcast_id = paused_after_first_chunk(client, auth, chalice_app, count=8)
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/cancel", auth())[0] == 200
    # WHEN the revoke step dies after its targets were marked and two revocations were sent
    real = revoke._revoke_all
    deaths = [1]

    def dying(provider: Any, targets: Any) -> Any:
        if deaths:
            deaths.pop()
            real(provider, targets[:2])
            raise Killed
        return real(provider, targets)

    monkeypatch.setattr(revoke, "_revoke_all", dying)
    drain(chalice_app, until=lambda: rbm.revoked_ids == set(rbm.deliveries), timeout=90)
    drain(chalice_app, timeout=90)
    # THEN the redelivered step asked again: every message was revoked by RBM, exactly once
    accepted = set(rbm.deliveries)
    assert not deaths
    assert rbm.revoked_ids == accepted, rbm.revoke_calls
    assert Counter(c.message_id for c in rbm.revoke_calls if c.status == 200) == {m: 1 for m in accepted}
    revoked = all_targets(client, auth, broadcast_id, state="revoked")
    assert {r["rm_message_id"] for r in revoked} == accepted
    assert_counters_match(client, auth, broadcast_id)


def test_a_revocation_rbm_cannot_take_now_is_tried_again(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, small_chunks: None) -> None:
    broadcast_id = paused_after_first_chunk(client, auth, chalice_app, count=8)
    first = sorted(d.phone for d in rbm.deliveries.values())[0]
    rbm.script(first, Reply(503), Reply(503))  # two answers of 503: the adapter's two tries of one call
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/cancel", auth())[0] == 200
    # (the page goes back to the queue with a delay: wait for the outcome, not for one idle moment)
    drain(chalice_app, until=lambda: rbm.revoked_ids == set(rbm.deliveries), timeout=90)
    drain(chalice_app, timeout=90)
    assert rbm.revoked_ids == set(rbm.deliveries), rbm.revoke_calls
    assert [c.status for c in rbm.revoke_calls if c.phone == first] == [503, 503, 200]
