"""Opted-out numbers in a broadcast (docs/spec/campaigns.md, "Opt-outs"): the snapshot marks them
suppressed, the sender looks at the list again just before each send, and a suppressed target is
never sent, never reserved nor charged, and counted once in suppressed_count, even when the sender
dies and its chunk is delivered again."""

from __future__ import annotations

from collections import Counter
from types import ModuleType
from typing import Any
from urllib.parse import quote

import pytest
from chalice.app import Chalice
from chalice.test import Client

from chalicelib.providers.port import OutboundMessage
from chalicelib.services import runner
from chalicelib.store import chunks as chunk_store
from chalicelib.store import targets as target_store
from tests.functional.audience.support import PRICE, account
from tests.support.drain import drain
from tests.support.money import assert_ledger_reconciles, ledger
from tests.support.providers import UseProvider
from tests.support.world import Auth, all_targets, broadcast, call, contact_list

PHONES = [f"+1415555{n:04d}" for n in range(400, 410)]


@pytest.fixture
def sends(use_provider: UseProvider) -> list[OutboundMessage]:
    """Every message handed to the provider."""
    seen: list[OutboundMessage] = []
    real = runner.provider_for

    def recording(credentials: Any) -> Any:
        provider = real(credentials)
        original = provider.send

        def send(message: OutboundMessage) -> Any:
            seen.append(message)
            return original(message)

        provider.send = send  # type: ignore[method-assign]
        return provider

    use_provider(recording)
    return seen


def draft(client: Client, auth: Auth, chalice_app: Chalice) -> str:
    """A draft of ten numbers, its snapshot copied."""
    template_id = account(client, auth)
    list_id = contact_list(client, auth, members=[{"phone": p, "variables": {"1": "Ann"}} for p in PHONES])
    status, body = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id, "list_id": list_id})
    assert status == 201, body
    drain(chalice_app)
    return str(body["broadcast_id"])


def opt_out(client: Client, auth: Auth, *phones: str) -> None:
    assert call(client, "POST", "/optouts", auth(), {"phones": list(phones)})[1]["added"] == len(phones)


def start(client: Client, auth: Auth, chalice_app: Chalice, broadcast_id: str) -> dict[str, Any]:
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[0] == 200
    drain(chalice_app)
    return broadcast(client, auth, broadcast_id)


def test_numbers_opted_out_before_the_snapshot_and_after_it_are_never_sent_nor_charged(
        client: Client, auth: Auth, chalice_app: Chalice, small_chunks: None, sends: list[OutboundMessage]) -> None:
    # GIVEN PHONES[1] opted out before the draft was made
    opt_out(client, auth, PHONES[1])
    broadcast_id = draft(client, auth, chalice_app)
    # THEN the draft already shows it suppressed (it counts once its chunk settles)
    rows = {t["recipient_phone"]: t for t in all_targets(client, auth, broadcast_id)}
    assert (rows[PHONES[1]]["state"], rows[PHONES[1]]["failure_reason"]) == ("suppressed", "opted_out")
    assert Counter(t["state"] for t in rows.values()) == {"queued": 9, "suppressed": 1}
    # WHEN PHONES[6] and PHONES[9] opt out after the snapshot, before the send
    opt_out(client, auth, PHONES[6], PHONES[9])
    final = start(client, auth, chalice_app, broadcast_id)
    # THEN the three are suppressed, never handed to the provider, never reserved nor refunded
    suppressed = all_targets(client, auth, broadcast_id, state="suppressed")
    assert sorted(t["recipient_phone"] for t in suppressed) == [PHONES[1], PHONES[6], PHONES[9]]
    assert {(t["failure_reason"], t["rm_message_id"], t["sent_at"]) for t in suppressed} == {
        ("opted_out", "", "0001-01-01T00:00:00Z")}
    assert sorted(message.phone for message in sends) == sorted(set(PHONES) - {PHONES[1], PHONES[6], PHONES[9]})
    assert (final["status"], final["total_count"], final["sent_count"], final["suppressed_count"],
            final["failed_count"], final["queued_count"]) == ("completed", 10, 7, 3, 0, 0)
    assert_ledger_reconciles(client, auth, price=PRICE, sent=7)
    assert not [entry for entry in ledger(client, auth) if entry["kind"] == "refund"]


def test_a_number_taken_off_the_list_after_the_snapshot_is_sent_after_all(
        client: Client, auth: Auth, chalice_app: Chalice, sends: list[OutboundMessage]) -> None:
    opt_out(client, auth, PHONES[2])
    broadcast_id = draft(client, auth, chalice_app)
    assert call(client, "DELETE", f"/optouts/{quote(PHONES[2])}", auth())[0] == 200
    final = start(client, auth, chalice_app, broadcast_id)
    assert (final["sent_count"], final["suppressed_count"]) == (10, 0)
    assert PHONES[2] in {message.phone for message in sends}
    assert Counter(t["state"] for t in all_targets(client, auth, broadcast_id)) == {"sent": 10}
    assert_ledger_reconciles(client, auth, price=PRICE, sent=10)


class Killed(Exception):
    """The process died here."""


@pytest.mark.parametrize(("store", "step"), [(target_store, "put_targets_as_they_come"),
                                             (chunk_store, "settle_chunk")])
def test_a_sender_killed_after_suppressing_and_redelivered_counts_each_number_once(
        client: Client, auth: Auth, chalice_app: Chalice, small_chunks: None, monkeypatch: pytest.MonkeyPatch,
        sends: list[OutboundMessage], store: ModuleType, step: str) -> None:
    # GIVEN a draft whose snapshot suppressed one number, and one more opted out before the send
    opt_out(client, auth, PHONES[0])
    broadcast_id = draft(client, auth, chalice_app)
    opt_out(client, auth, PHONES[3])
    # WHEN the sender dies right after this step of the first chunk, and the chunk is delivered again
    real = getattr(store, step)
    calls = [0]

    def dying(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        calls[0] += 1
        if calls[0] == 1:
            raise Killed(step)
        return result

    monkeypatch.setattr(store, step, dying)
    final = start(client, auth, chalice_app, broadcast_id)
    # THEN each suppressed number counts once, nothing was sent twice, and the money reconciles
    assert (final["status"], final["sent_count"], final["suppressed_count"], final["queued_count"]) == (
        "completed", 8, 2, 0)
    assert sorted({message.phone for message in sends}) == sorted(set(PHONES) - {PHONES[0], PHONES[3]})
    assert_ledger_reconciles(client, auth, price=PRICE, sent=8)


def test_a_retry_of_a_broadcast_skips_numbers_opted_out_since(
        client: Client, auth: Auth, chalice_app: Chalice, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a completed broadcast where two targets failed for a transient reason
    broadcast_id = draft(client, auth, chalice_app)
    start(client, auth, chalice_app, broadcast_id)
    done = sorted(target_store.iter_all_targets(broadcast_id), key=lambda t: t.phone)
    import dataclasses

    target_store.put_targets_as_they_come(broadcast_id, [
        dataclasses.replace(target, state="failed", failure_reason="provider_unavailable") for target in done[:2]])
    # WHEN one of them opts out, and the broadcast is retried
    opt_out(client, auth, done[0].phone)
    status, body = call(client, "POST", f"/broadcasts/{broadcast_id}/retry", auth())
    assert status == 201, body
    final = start(client, auth, chalice_app, body["broadcast_id"])
    # THEN the retry sends to the other one only
    assert (final["total_count"], final["sent_count"], final["suppressed_count"]) == (2, 1, 1)


def _optout_lookups(run: Any) -> int:
    """How many BatchGetItem requests on the opt-out table `run()` makes."""
    from chalicelib.store.optouts import OptOutModel

    lookups: list[str] = []
    events = OptOutModel._get_connection().connection.client.meta.events

    def count(params: dict[str, Any], **_: object) -> None:
        lookups.extend(name for name in params.get("RequestItems", {}) if name.endswith("optouts"))

    events.register("before-parameter-build.dynamodb.BatchGetItem", count)
    try:
        run()
    finally:
        events.unregister("before-parameter-build.dynamodb.BatchGetItem", count)
    return len(lookups)


def test_a_list_unchanged_since_the_snapshot_is_not_looked_up_again_and_an_empty_one_never(
        client: Client, auth: Auth, chalice_app: Chalice, small_chunks: None, sends: list[OutboundMessage]) -> None:
    # GIVEN an account that never had an opt-out: neither its snapshot nor its sender looks the list up
    lookups = _optout_lookups(lambda: start(client, auth, chalice_app, draft(client, auth, chalice_app)))
    assert lookups == 0 and len(sends) == 10
    # GIVEN a number opted out before the next draft, and no change to the list after its snapshot
    opt_out(client, auth, PHONES[4])
    broadcast_id = ""

    def snapshot() -> None:
        nonlocal broadcast_id
        broadcast_id = draft(client, auth, chalice_app)

    assert _optout_lookups(snapshot) == 1  # the snapshot's one page of ten numbers
    # WHEN it is sent in three chunks
    sends.clear()
    lookups = _optout_lookups(lambda: start(client, auth, chalice_app, broadcast_id))
    # THEN no chunk looked the list up again, and the number is still suppressed, counted once
    final = broadcast(client, auth, broadcast_id)
    assert lookups == 0
    assert (final["status"], final["sent_count"], final["suppressed_count"]) == ("completed", 9, 1)
    assert PHONES[4] not in {message.phone for message in sends}


def test_the_list_version_changes_with_every_entry_added_or_taken_off_and_counts_its_entries(
        client: Client, auth: Auth) -> None:
    from chalicelib.store import optouts as optout_store

    assert optout_store.list_state("acme") == optout_store.ListState(0, 0)
    opt_out(client, auth, PHONES[0], PHONES[1])
    # a number already on the list changes nothing
    assert call(client, "POST", "/optouts", auth(), {"phones": [PHONES[1]]})[1]["added"] == 0
    after_adding = optout_store.list_state("acme")
    assert after_adding.entries == 2
    assert call(client, "DELETE", f"/optouts/{quote(PHONES[0])}", auth())[0] == 200
    assert call(client, "DELETE", f"/optouts/{quote(PHONES[0])}", auth())[0] == 404
    after_removing = optout_store.list_state("acme")
    assert after_removing.entries == 1 and after_removing.version > after_adding.version
    # the marker is no entry of the list
    status, body = call(client, "GET", "/optouts", auth())
    assert status == 200 and [row["phone"] for row in body["optouts"]] == [PHONES[1]]
    assert optout_store.list_state("globex") == optout_store.ListState(0, 0)
