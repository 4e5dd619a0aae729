"""SMS fallback (docs/spec/campaigns.md, `fallback: "sms"`): targets RCS cannot deliver (unreachable
by the reach check, RBM's 404, expired by their TTL, revoked on cancel) get the template's SMS text
with their variables through Amazon SNS (moto records it), Transactional for otp and transactional
templates, Promotional for promotional ones. They end `fallback_sent` with their RCS
failure_reason kept. Money: RCS messages RBM accepted stay charged; SMS are charged per segment;
the unreachable pay for their SMS only. The fallback job sends each SMS once and charges once."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from botocore.client import BaseClient
from chalice.app import Chalice
from chalice.test import Client

from chalicelib import messaging
from chalicelib.services import fallback, sms_segments
from chalicelib.settings import get_settings
from tests.fakes.rbm_server import FakeRbmServer, push
from tests.support.drain import drain
from tests.support.money import ledger
from tests.support.sms import Outbox
from tests.support.world import (
    Auth,
    all_targets,
    balance,
    broadcast,
    call,
    contact_list,
    credit,
    members,
    simulator,
)

WEBHOOK = "/api/v1/rcs/webhooks/rbm"
SMS_TEXT = "Hi {{1}}, your order has shipped. Track it in the app."
ROSTER = members(8)
UNREACHABLE = [ROSTER[1]["phone"], ROSTER[4]["phone"], ROSTER[6]["phone"]]
PRICES = {"transactional": 20, "promotional": 35, "otp": 15}


@pytest.fixture
def outbox(client: Client) -> Outbox:
    return Outbox()


@pytest.fixture
def revoked_fallback_at_once(settings_env: Callable[..., None]) -> None:
    """A revoked target's fallback job is queued without the production delay."""
    settings_env(RCS_FALLBACK_REVOKED_DELAY_SECONDS="0")


def sms_template(client: Client, auth: Auth, *, category: str = "transactional",
                 text: str = "Hello {{1}}, your order has shipped.", sms: str | None = SMS_TEXT) -> str:
    body: dict[str, Any] = {"name": f"fallback_{os.urandom(4).hex()}", "category": category, "language": "en_US",
                            "components": {"type": "text", "text": text}}
    if sms is not None:
        body["sms_fallback"] = {"text": sms}
    status, answer = call(client, "POST", "/templates", auth(), body)
    assert status == 201, answer
    template_id = str(answer["template_id"])
    status, answer = call(client, "POST", f"/admin/templates/{template_id}/review", auth("ops", admin=True),
                          {"decision": "approved", "reason": "checked by a person"})
    assert status == 200, answer
    return template_id


def draft(client: Client, auth: Auth, *, roster: list[dict[str, Any]] = ROSTER, category: str = "transactional",
          text: str = "Hello {{1}}, your order has shipped.", **fields: Any) -> str:
    simulator(client, auth)
    credit(client, auth, amount=10_000)
    template_id = sms_template(client, auth, category=category, text=text)
    list_id = contact_list(client, auth, members=roster)
    status, body = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id, "list_id": list_id,
                                                               "fallback": "sms", **fields})
    assert status == 201, body
    return str(body["broadcast_id"])


def start(client: Client, auth: Auth, chalice_app: Chalice, broadcast_id: str) -> None:
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[0] == 200
    drain(chalice_app, timeout=90)


def segments_of(name: str) -> int:
    return sms_segments.count(SMS_TEXT.replace("{{1}}", name)).count


def variable_of(phone: str, roster: list[dict[str, Any]] = ROSTER) -> str:
    return next(str(m["variables"]["1"]) for m in roster if m["phone"] == phone)


def by_phone(client: Client, auth: Auth, broadcast_id: str) -> dict[str, dict[str, Any]]:
    return {t["recipient_phone"]: t for t in all_targets(client, auth, broadcast_id)}


def assert_money(client: Client, auth: Auth, *, rcs: int, rcs_price: int, sms_phones: list[str],
                 roster: list[dict[str, Any]] = ROSTER) -> None:
    """The ledger reconciles with the target states: the RCS part (`rcs` messages RBM accepted) and
    the SMS part (the segments of each fallback_sent target's text), nothing more."""
    entries = ledger(client, auth)
    net = -sum(e["amount"] for e in entries if e["kind"] in ("debit", "refund"))
    sms_entries = [e for e in entries if e["reference"].startswith("sms:")]
    sms_net = -sum(e["amount"] for e in sms_entries)
    price = get_settings().price_sms_segment
    assert sms_net == price * sum(segments_of(variable_of(p, roster)) for p in sms_phones), sms_entries
    assert net - sms_net == rcs_price * rcs, entries
    credits = sum(e["amount"] for e in entries if e["kind"] == "credit")
    assert balance(client, auth) == credits - net


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


# ---------------------------------------------------------------- unreachable and RBM 404


def test_unreachable_numbers_get_the_sms_with_their_variables_and_pay_only_its_segments(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, outbox: Outbox) -> None:
    # GIVEN RBM that cannot reach three of eight numbers, and a broadcast with reach check and SMS fallback
    rbm.not_capable(*UNREACHABLE)
    broadcast_id = draft(client, auth)
    assert broadcast(client, auth, broadcast_id)["fallback"] == "sms"
    # WHEN it runs
    start(client, auth, chalice_app, broadcast_id)
    # THEN the unreachable were never sent over RCS, and each got one SMS with its own variables
    assert all(not rbm.calls_for(phone) for phone in UNREACHABLE)
    assert sorted((s.phone, s.text, s.sms_type) for s in outbox.messages) == sorted(
        (p, SMS_TEXT.replace("{{1}}", variable_of(p)), "Transactional") for p in UNREACHABLE)
    # AND they end fallback_sent with their RCS failure_reason kept; the others were sent over RCS
    rows = by_phone(client, auth, broadcast_id)
    assert {p: (rows[p]["state"], rows[p]["failure_reason"]) for p in UNREACHABLE} == {
        p: ("fallback_sent", "not_rcs_capable") for p in UNREACHABLE}
    assert Counter(t["state"] for t in rows.values()) == {"sent": 5, "fallback_sent": 3}
    final = broadcast(client, auth, broadcast_id)
    assert (final["status"], final["sent_count"], final["failed_count"], final["fallback_count"]) == (
        "completed", 5, 3, 3)
    assert all_targets(client, auth, broadcast_id, state="fallback_sent") == [rows[p] for p in sorted(UNREACHABLE)]
    # AND money: five RCS messages, and the SMS segments of the three, nothing for RCS to the three
    assert_money(client, auth, rcs=5, rcs_price=PRICES["transactional"], sms_phones=UNREACHABLE)


def test_rbm_404_without_the_reach_check_falls_back_to_a_promotional_sms(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, outbox: Outbox) -> None:
    # GIVEN the real RBM adapter against the fake RBM, which answers 404 for three numbers
    rbm.not_capable(*UNREACHABLE)
    broadcast_id = draft(client, auth, category="promotional", check_reach=False,
                         text="Hello {{1}}, our sale starts today. Reply STOP to opt out.")
    start(client, auth, chalice_app, broadcast_id)
    # THEN RBM's 404 failed them not_rcs_capable, and each got its SMS as Promotional traffic
    assert [c.status for p in UNREACHABLE for c in rbm.calls_for(p)] == [404, 404, 404]
    assert sorted((s.phone, s.sms_type) for s in outbox.messages) == [(p, "Promotional") for p in sorted(UNREACHABLE)]
    rows = by_phone(client, auth, broadcast_id)
    assert {rows[p]["state"] for p in UNREACHABLE} == {"fallback_sent"}
    assert {rows[p]["failure_reason"] for p in UNREACHABLE} == {"not_rcs_capable"}
    assert broadcast(client, auth, broadcast_id)["fallback_count"] == 3
    assert_money(client, auth, rcs=5, rcs_price=PRICES["promotional"], sms_phones=UNREACHABLE)


def test_without_fallback_nothing_goes_by_sms(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, outbox: Outbox) -> None:
    rbm.not_capable(*UNREACHABLE)
    broadcast_id = draft(client, auth, fallback="none")
    start(client, auth, chalice_app, broadcast_id)
    assert outbox.messages == []
    rows = by_phone(client, auth, broadcast_id)
    assert {rows[p]["state"] for p in UNREACHABLE} == {"failed"}
    assert broadcast(client, auth, broadcast_id)["fallback_count"] == 0


# ---------------------------------------------------------------- expiry and revoke


def test_a_ttl_expiry_falls_back_and_a_failed_revocation_does_not(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, outbox: Outbox) -> None:
    # GIVEN an otp broadcast of 4 messages RBM accepted (ten minutes' ttl)
    roster = members(4)
    broadcast_id = draft(client, auth, roster=roster, category="otp", text="Your login code is {{1}}.")
    start(client, auth, chalice_app, broadcast_id)
    ids = {d.phone: message_id for message_id, d in rbm.deliveries.items()}
    a, b, c, _ = sorted(ids)
    # WHEN a's ttl passes and RBM revokes it, b's revocation fails, c is delivered; each event twice
    post_events(client, [rbm.expire(ids[a], revoked=True), rbm.expire(ids[b], revoked=False),
                         rbm.user_event(ids[c], "DELIVERED")] * 2)
    drain(chalice_app)
    # THEN only a gets its SMS (once, Transactional for an otp), and ends fallback_sent / expired
    assert [(s.phone, s.sms_type) for s in outbox.messages] == [(a, "Transactional")]
    assert outbox.messages[0].text == SMS_TEXT.replace("{{1}}", variable_of(a, roster))
    rows = by_phone(client, auth, broadcast_id)
    assert {p: (rows[p]["state"], rows[p]["failure_reason"]) for p in (a, b, c)} == {
        a: ("fallback_sent", "expired"), b: ("sent", ""), c: ("delivered", "")}
    # WHEN a's DELIVERED arrives after its SMS went
    post_events(client, [rbm.user_event(ids[a], "DELIVERED")])
    drain(chalice_app)
    # THEN it stays fallback_sent (the SMS went; the record says so), and the money reconciles:
    # four RCS messages RBM accepted, one SMS
    assert by_phone(client, auth, broadcast_id)[a]["state"] == "fallback_sent"
    final = broadcast(client, auth, broadcast_id)
    assert (final["sent_count"], final["delivered_count"], final["fallback_count"]) == (4, 1, 1)
    assert_money(client, auth, rcs=4, rcs_price=PRICES["otp"], sms_phones=[a], roster=roster)


def paused_after_first_chunk(client: Client, auth: Auth, chalice_app: Chalice, *, roster: list[dict[str, Any]]) -> str:
    broadcast_id = draft(client, auth, roster=roster)
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[0] == 200
    drain(chalice_app, queues={"dispatch"})
    drain(chalice_app, queues={"send"}, until=lambda: broadcast(client, auth, broadcast_id)["sent_count"] >= 4,
          timeout=60)
    status, body = call(client, "POST", f"/broadcasts/{broadcast_id}/pause", auth())
    assert status == 200, body
    return broadcast_id


def test_cancel_revokes_then_falls_back_but_a_delivered_that_lands_first_gets_no_sms(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, outbox: Outbox, small_chunks: None,
        revoked_fallback_at_once: None) -> None:
    # GIVEN a paused broadcast with 4 messages accepted: one delivered, one RBM is delivering (its
    # revocation answers 404 and its DELIVERED follows), two undelivered
    roster = members(10)
    broadcast_id = paused_after_first_chunk(client, auth, chalice_app, roster=roster)
    ids = {d.phone: message_id for message_id, d in rbm.deliveries.items()}
    delivered, delivering, *undelivered = sorted(ids)
    post_events(client, [rbm.user_event(ids[delivered], "DELIVERED")])
    drain(chalice_app, queues={"receipts"})
    rbm.mark_delivered(ids[delivering])
    # WHEN it is cancelled: the revoke step runs (its fallback jobs wait on the send queue)
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/cancel", auth())[0] == 200
    drain(chalice_app, queues={"dispatch"})
    rows = by_phone(client, auth, broadcast_id)
    assert {rows[p]["state"] for p in (delivering, *undelivered)} == {"revoked"}
    assert outbox.messages == []
    # AND the delivering one's DELIVERED lands before the fallback job runs
    post_events(client, [rbm.user_event(ids[delivering], "DELIVERED")])
    drain(chalice_app, queues={"receipts"})
    drain(chalice_app)
    # THEN the two revoked ones got their SMS; the delivered ones none; the never-sent ones none
    assert sorted(s.phone for s in outbox.messages) == sorted(undelivered)
    rows = by_phone(client, auth, broadcast_id)
    assert {p: (rows[p]["state"], rows[p]["failure_reason"]) for p in ids} == {
        delivered: ("delivered", ""), delivering: ("delivered", ""),
        **{p: ("fallback_sent", "") for p in undelivered}}
    assert {t["state"] for p, t in rows.items() if p not in ids} == {"queued"}  # never sent: owed nothing
    final = broadcast(client, auth, broadcast_id)
    assert (final["status"], final["sent_count"], final["fallback_count"]) == ("cancelled", 4, 2)
    assert_money(client, auth, rcs=4, rcs_price=PRICES["transactional"], sms_phones=undelivered, roster=roster)


# ---------------------------------------------------------------- once, under redelivery and death


class Killed(Exception):
    """The process died here."""


def test_a_duplicated_fallback_job_sends_one_sms_and_charges_once(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, outbox: Outbox) -> None:
    # GIVEN a broadcast whose unreachable numbers got their SMS
    rbm.not_capable(*UNREACHABLE)
    broadcast_id = draft(client, auth)
    start(client, auth, chalice_app, broadcast_id)
    before = (len(outbox.messages), ledger(client, auth))
    # WHEN SQS delivers its fallback job again, twice, and one job naming every number
    job = fallback.job("acme", broadcast_id, UNREACHABLE)
    messaging.send_batch("send", [job, job, fallback.job("acme", broadcast_id, [m["phone"] for m in ROSTER])])
    drain(chalice_app)
    # THEN nothing more was sent or charged
    assert (len(outbox.messages), ledger(client, auth)) == before
    assert Counter(s.phone for s in outbox.messages) == {p: 1 for p in UNREACHABLE}
    assert broadcast(client, auth, broadcast_id)["fallback_count"] == 3


@pytest.fixture
def claims_of_two(settings_env: Callable[..., None]) -> None:
    """The fallback step claims two targets at a time (send_concurrency)."""
    settings_env(RCS_SEND_CONCURRENCY="2")


def test_a_fallback_step_killed_between_its_claims_then_delivered_again_sends_each_sms_once(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, outbox: Outbox, claims_of_two: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN five unreachable numbers, claimed two at a time, and a step that dies after its first claim settled
    roster = members(7)
    unreachable = [m["phone"] for m in roster[:5]]
    rbm.not_capable(*unreachable)
    real = fallback._send_claim
    calls = []

    def dying(*args: Any, **kwargs: Any) -> None:
        calls.append(1)
        if len(calls) == 2:
            raise Killed
        real(*args, **kwargs)

    monkeypatch.setattr(fallback, "_send_claim", dying)
    broadcast_id = draft(client, auth, roster=roster)
    # WHEN it runs and SQS delivers the fallback job again
    start(client, auth, chalice_app, broadcast_id)
    # THEN every unreachable number got one SMS, and was charged once
    assert len(calls) > 3
    assert Counter(s.phone for s in outbox.messages) == {p: 1 for p in unreachable}
    assert {t["state"] for t in all_targets(client, auth, broadcast_id) if t["recipient_phone"] in unreachable} == {
        "fallback_sent"}
    assert broadcast(client, auth, broadcast_id)["fallback_count"] == 5
    assert_money(client, auth, rcs=2, rcs_price=PRICES["transactional"], sms_phones=unreachable, roster=roster)


def test_a_fallback_step_killed_after_its_claim_before_reserving_leaves_nothing_behind(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, outbox: Outbox,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a step that dies right after claiming its targets (claims held for an instant)
    rbm.not_capable(*UNREACHABLE)
    monkeypatch.setattr(fallback, "CLAIM_SECONDS", 0.5)
    real = fallback.claims.claim
    deaths = [1]

    def dying(*args: Any, **kwargs: Any) -> None:
        real(*args, **kwargs)
        if deaths:
            deaths.pop()
            raise Killed

    monkeypatch.setattr(fallback.claims, "claim", dying)
    broadcast_id = draft(client, auth)
    start(client, auth, chalice_app, broadcast_id)
    # THEN the next delivery took the dead claim over (it had sent nothing): each got its SMS once
    assert not deaths
    assert Counter(s.phone for s in outbox.messages) == {p: 1 for p in UNREACHABLE}
    assert broadcast(client, auth, broadcast_id)["fallback_count"] == 3
    assert_money(client, auth, rcs=5, rcs_price=PRICES["transactional"], sms_phones=UNREACHABLE)


def test_a_fallback_step_killed_while_sending_never_sends_an_sms_twice_and_refunds_the_claim(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, outbox: Outbox,
        monkeypatch: pytest.MonkeyPatch, settings_env: Callable[..., None]) -> None:
    # GIVEN a step that dies after SNS took the first SMS of its claim
    rbm.not_capable(*UNREACHABLE)
    monkeypatch.setattr(fallback, "CLAIM_SECONDS", 0.5)
    settings_env(RCS_SEND_CONCURRENCY="1")
    from chalicelib.providers import sms

    real = sms.SnsSmsSender()
    deaths = [1]

    class Dying:
        def send(self, phone: str, text: str, sms_type: sms.SmsType) -> sms.SmsResult:
            result = real.send(phone, text, sms_type)
            if deaths:
                deaths.pop()
                raise Killed
            return result

    monkeypatch.setattr(sms, "_sender", Dying())
    broadcast_id = draft(client, auth)
    start(client, auth, chalice_app, broadcast_id)
    # THEN the SMS that may have gone is not sent again: its target ends fallback_failed, refunded
    # whole; the claim's other targets (claims of one here) got theirs once
    assert not deaths
    sent_first = outbox.messages[0].phone
    assert Counter(s.phone for s in outbox.messages) == {p: 1 for p in UNREACHABLE}
    rows = by_phone(client, auth, broadcast_id)
    assert rows[sent_first]["state"] == "fallback_failed"
    assert rows[sent_first]["failure_reason"] == "not_rcs_capable"
    assert {rows[p]["state"] for p in UNREACHABLE if p != sent_first} == {"fallback_sent"}
    assert broadcast(client, auth, broadcast_id)["fallback_count"] == 2
    assert_money(client, auth, rcs=5, rcs_price=PRICES["transactional"],
                 sms_phones=[p for p in UNREACHABLE if p != sent_first])


def test_a_fallback_job_costs_a_few_requests_per_claim_not_per_target(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, outbox: Outbox,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a broadcast of 20 numbers RBM cannot reach, its fallback jobs held back
    roster = members(20)
    rbm.not_capable(*(m["phone"] for m in roster))
    held: list[list[str]] = []
    monkeypatch.setattr(fallback, "enqueue", lambda broadcast, phones, delay_seconds=0: held.append(sorted(phones)))
    broadcast_id = draft(client, auth, roster=roster)
    start(client, auth, chalice_app, broadcast_id)
    phones = sorted(p for job in held for p in job)
    assert phones == sorted(m["phone"] for m in roster) and outbox.messages == []
    # WHEN one job of the 20 runs (claims of send_concurrency = 16: two claims), every AWS request counted
    counted: Counter[tuple[str, str]] = Counter()
    real = BaseClient._make_api_call

    def counting(self: BaseClient, operation: str, params: dict[str, Any]) -> Any:
        counted[(self.meta.service_model.service_name, operation)] += 1
        return real(self, operation, params)

    monkeypatch.setattr(BaseClient, "_make_api_call", counting)
    outcome = fallback.run("acme", broadcast_id, phones)
    # THEN 20 SMS, and per claim one transaction to claim, one to reserve (the balance is read only
    # when it does not cover the claim), one to settle (nothing to refund); one read of the broadcast
    # and one of its targets
    assert (outcome.sent, outcome.failed) == (20, 0)
    assert counted[("sns", "Publish")] == 20
    assert {op: n for (service, op), n in counted.items() if service == "dynamodb"} == {
        "GetItem": 1, "BatchGetItem": 1, "TransactWriteItems": 3 * 2}
    assert broadcast(client, auth, broadcast_id)["fallback_count"] == 20


def test_with_the_simulator_the_numbers_it_cannot_reach_get_the_sms(
        client: Client, auth: Auth, chalice_app: Chalice, outbox: Outbox) -> None:
    # GIVEN the simulator (as `make run` uses it), which cannot reach some numbers (its reach check)
    # and answers some sends not_rcs_capable (its 404)
    roster = members(12)
    broadcast_id = draft(client, auth, roster=roster)
    simulator(client, auth, not_capable_rate=0.3)
    start(client, auth, chalice_app, broadcast_id)
    # THEN exactly the numbers RCS could not reach got their SMS, once each
    rows = by_phone(client, auth, broadcast_id)
    fell_back = sorted(p for p, t in rows.items() if t["state"] == "fallback_sent")
    assert 0 < len(fell_back) < len(roster)
    assert {rows[p]["failure_reason"] for p in fell_back} == {"not_rcs_capable"}
    assert sorted(s.phone for s in outbox.messages) == fell_back
    assert {t["state"] for p, t in rows.items() if p not in fell_back} == {"sent"}
    assert_money(client, auth, rcs=len(roster) - len(fell_back), rcs_price=PRICES["transactional"],
                 sms_phones=fell_back, roster=roster)


def test_a_fallback_job_failing_every_delivery_ends_its_targets_fallback_failed_uncharged(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, outbox: Outbox,
        monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a fallback step that dies on every delivery, the last one included
    from infra.local import pump

    monkeypatch.setattr(pump, "RETRY_DELAY_SECONDS", 0)
    rbm.not_capable(*UNREACHABLE)
    deaths = []

    def dying(*args: Any, **kwargs: Any) -> None:
        deaths.append(1)
        raise Killed

    monkeypatch.setattr(fallback, "run", dying)
    broadcast_id = draft(client, auth)
    # WHEN it runs and its job goes to the dead-letter queue
    start(client, auth, chalice_app, broadcast_id)
    # THEN its targets end fallback_failed (RCS reason kept), no SMS went, nothing was charged for SMS
    assert len(deaths) == 5
    rows = by_phone(client, auth, broadcast_id)
    assert {p: (rows[p]["state"], rows[p]["failure_reason"]) for p in UNREACHABLE} == {
        p: ("fallback_failed", "not_rcs_capable") for p in UNREACHABLE}
    assert outbox.messages == []
    assert broadcast(client, auth, broadcast_id)["fallback_count"] == 0
    assert_money(client, auth, rcs=5, rcs_price=PRICES["transactional"], sms_phones=[])


# ---------------------------------------------------------------- validation


def test_fallback_sms_needs_a_template_with_an_sms_text(client: Client, auth: Auth) -> None:
    simulator(client, auth)
    template_id = sms_template(client, auth, sms=None)
    list_id = contact_list(client, auth, members=ROSTER[:1])
    status, body = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id, "list_id": list_id,
                                                               "fallback": "sms"})
    assert status == 400, body
    assert body["error"] == "validation_error" and "fallback" in body["message"], body


@pytest.mark.parametrize("value", ["SMS", "email", True, None])
def test_fallback_is_none_or_sms(client: Client, auth: Auth, value: Any) -> None:
    simulator(client, auth)
    template_id = sms_template(client, auth)
    list_id = contact_list(client, auth, members=ROSTER[:1])
    status, body = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id, "list_id": list_id,
                                                               "fallback": value})
    assert status == 400 and "fallback" in str(body), body
