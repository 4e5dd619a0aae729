"""Broadcasts end to end through the API and the app's own workers over moto's queues."""

from __future__ import annotations

import time
from datetime import timedelta
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.clock import UNSET, format_time, utcnow
from chalicelib.settings import get_settings
from tests.support.drain import drain
from tests.support.world import (
    Auth,
    all_targets,
    approved_template,
    balance,
    broadcast,
    call,
    contact_list,
    credit,
    members,
    simulator,
)

PRICE = 20  # transactional, the default of settings.price_transactional


@pytest.fixture(autouse=True)
def four_targets_a_chunk(small_chunks: None) -> None:
    """Chunks of 4 targets, so 10 members make 3 chunks."""


@pytest.fixture
def ready(client: Client, auth: Auth) -> dict[str, str]:
    """GIVEN an account with simulator credentials, money, an approved template and a list of 10."""
    simulator(client, auth)
    credit(client, auth, amount=10_000)
    return {
        "template_id": approved_template(client, auth),
        "list_id": contact_list(client, auth, members=members(10)),
    }


def create(client: Client, auth: Auth, ready: dict[str, str], **extra: Any) -> dict[str, Any]:
    status, body = call(client, "POST", "/broadcasts", auth(), {"name": "May launch", **ready, **extra})
    assert status == 201, body
    return body  # type: ignore[no-any-return]


def test_create_snapshots_every_member_as_a_queued_target(client: Client, auth: Auth, ready: dict[str, str],
                                                          chalice_app: Any) -> None:
    body = create(client, auth, ready)

    assert body["success"] is True
    assert body["status"] == "draft"
    assert body["total_count"] == 10
    assert body["template_name"].startswith("template_")
    assert body["list_name"].startswith("list ")
    targets = all_targets(client, auth, body["broadcast_id"])
    assert sorted(t["recipient_phone"] for t in targets) == sorted(m["phone"] for m in members(10))
    assert {t["state"] for t in targets} == {"queued"}
    assert targets[0]["sent_at"] == UNSET and targets[0]["rm_message_id"] == ""


def test_later_edits_of_the_list_do_not_change_the_broadcast(client: Client, auth: Auth,
                                                             ready: dict[str, str]) -> None:
    body = create(client, auth, ready)
    call(client, "POST", f"/lists/{ready['list_id']}/members", auth(), {"members": members(5, start=100)})

    assert len(all_targets(client, auth, body["broadcast_id"])) == 10


def test_a_started_broadcast_sends_to_everyone_and_completes(client: Client, auth: Auth, ready: dict[str, str],
                                                             chalice_app: Any) -> None:
    body = create(client, auth, ready)
    before = balance(client, auth)

    status, started = call(client, "POST", f"/broadcasts/{body['broadcast_id']}/start", auth())
    assert (status, started) == (200, {"success": True, "status": "running"})
    drain(chalice_app)

    final = broadcast(client, auth, body["broadcast_id"])
    assert final["status"] == "completed"
    assert (final["sent_count"], final["failed_count"], final["total_count"]) == (10, 0, 10)
    assert final["started_at"] != UNSET and final["completed_at"] != UNSET
    targets = all_targets(client, auth, body["broadcast_id"])
    assert {t["state"] for t in targets} == {"sent"}
    assert len({t["rm_message_id"] for t in targets}) == 10
    assert balance(client, auth) == before - 10 * PRICE


def test_create_refuses_a_template_that_is_not_approved(client: Client, auth: Auth, ready: dict[str, str]) -> None:
    status, body = call(client, "POST", "/templates", auth(), {
        "name": "still_pending", "category": "transactional", "language": "en_US",
        "components": {"type": "text", "text": "Your code is ready, {{1}}."}})
    assert status in (200, 201)

    status, answer = call(client, "POST", "/broadcasts", auth(), {**ready, "template_id": body["template_id"]})
    assert status == 403 and answer["error"] == "forbidden"


@pytest.mark.parametrize(("field", "says"), [("template_id", "template"), ("list_id", "list")])
def test_create_answers_404_for_an_unknown_or_foreign_template_or_list(client: Client, auth: Auth,
                                                                       ready: dict[str, str], field: str,
                                                                       says: str) -> None:
    # GIVEN globex, another account with an approved template and a list of its own
    foreign = {"template_id": approved_template(client, auth, "globex"),
               "list_id": contact_list(client, auth, "globex", members=members(2))}
    # WHEN acme names an unknown id, or globex's, in `field` and its own id in the other field
    for value in ("nope", foreign[field], "\x0b", f" {ready[field]} "):  # ids are looked up as sent, untrimmed
        status, answer = call(client, "POST", "/broadcasts", auth(), {**ready, field: value})
        # THEN the answer is 404 about that field's resource, and no broadcast was made
        assert (status, answer["error"]) == (404, "not_found"), answer
        assert says in answer["message"], answer
    assert call(client, "GET", "/broadcasts", auth())[1]["broadcasts"] == []


@pytest.mark.parametrize("value", ["tomorrow", "2026-13-01T00:00:00Z", "2026-05-28T08:00:00", 42])
def test_create_refuses_a_bad_scheduled_at_naming_the_field(client: Client, auth: Auth, ready: dict[str, str],
                                                            value: Any) -> None:
    status, answer = call(client, "POST", "/broadcasts", auth(), {**ready, "scheduled_at": value})
    assert status == 400
    assert answer["error"] == "validation_error" and "scheduled_at" in answer["message"]


def test_start_twice_and_cancel_after_the_end_are_conflicts(client: Client, auth: Auth, ready: dict[str, str],
                                                            chalice_app: Any) -> None:
    broadcast_id = create(client, auth, ready)["broadcast_id"]
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[0] == 200
    status, answer = call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())
    assert status == 409 and answer["error"] == "conflict"
    drain(chalice_app)
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/cancel", auth())[0] == 409


def test_a_cancelled_broadcast_stops_and_its_unsent_targets_stay_queued(client: Client, auth: Auth,
                                                                        ready: dict[str, str],
                                                                        chalice_app: Any) -> None:
    broadcast_id = create(client, auth, ready)["broadcast_id"]
    call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())
    drain(chalice_app, queues={"dispatch"})
    drain(chalice_app, queues={"send"}, until=lambda: broadcast(client, auth, broadcast_id)["sent_count"] > 0)

    status, answer = call(client, "POST", f"/broadcasts/{broadcast_id}/cancel", auth())
    assert (status, answer) == (200, {"success": True, "status": "cancelled"})
    drain(chalice_app)

    final = broadcast(client, auth, broadcast_id)
    states = [t["state"] for t in all_targets(client, auth, broadcast_id)]
    assert final["status"] == "cancelled"
    assert 0 < final["sent_count"] < 10
    # the sent messages were not delivered (the simulator delivers none here): cancel revoked them
    assert states.count("revoked") == final["sent_count"]
    assert states.count("queued") == 10 - final["sent_count"]


def test_a_scheduled_broadcast_waits_for_its_time_and_then_fires_from_the_scheduler(
        client: Client, auth: Auth, ready: dict[str, str], chalice_app: Any) -> None:
    at = utcnow() + timedelta(seconds=2)
    broadcast_id = create(client, auth, ready, scheduled_at=format_time(at))["broadcast_id"]
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[1]["status"] == "scheduled"
    event = client.events.generate_cw_event(source="aws.events", detail_type="Scheduled Event", detail={},
                                            resources=[])

    def tick() -> None:
        client.lambda_.invoke("fire_scheduled_broadcasts", event)

    tick()
    assert broadcast(client, auth, broadcast_id)["status"] == "scheduled"

    time.sleep(max(0.0, (at - utcnow()).total_seconds()) + 1.1)
    tick()
    assert broadcast(client, auth, broadcast_id)["status"] == "running"
    drain(chalice_app)
    assert broadcast(client, auth, broadcast_id)["status"] == "completed"


def test_a_schedule_in_the_past_runs_at_start(client: Client, auth: Auth, ready: dict[str, str],
                                              chalice_app: Any) -> None:
    broadcast_id = create(client, auth, ready, scheduled_at="2020-01-01T00:00:00Z")["broadcast_id"]
    before = balance(client, auth)
    # WHEN it is started (no scheduler tick in between)
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[1]["status"] == "running"
    drain(chalice_app)
    # THEN it ran at once: every member sent once, counted and charged
    final = broadcast(client, auth, broadcast_id)
    targets = all_targets(client, auth, broadcast_id)
    assert final["status"] == "completed"
    assert (final["sent_count"], final["failed_count"], final["total_count"]) == (10, 0, 10)
    assert {t["state"] for t in targets} == {"sent"} and len({t["rm_message_id"] for t in targets}) == 10
    assert balance(client, auth) == before - 10 * PRICE


def test_without_credentials_the_broadcast_fails_with_no_credentials(client: Client, auth: Auth,
                                                                     ready: dict[str, str], chalice_app: Any) -> None:
    broadcast_id = create(client, auth, ready)["broadcast_id"]
    assert call(client, "DELETE", "/credentials", auth())[0] == 200
    call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())
    drain(chalice_app)
    final = broadcast(client, auth, broadcast_id)
    assert (final["status"], final["failure_reason"]) == ("failed", "no_credentials")


def test_without_money_for_the_first_message_the_broadcast_fails(client: Client, auth: Auth,
                                                                  chalice_app: Any) -> None:
    simulator(client, auth, "poor")
    template_id = approved_template(client, auth, "poor")
    list_id = contact_list(client, auth, "poor", members=members(3))
    _status, body = call(client, "POST", "/broadcasts", auth("poor"), {"template_id": template_id, "list_id": list_id})
    call(client, "POST", f"/broadcasts/{body['broadcast_id']}/start", auth("poor"))
    drain(chalice_app)
    final = broadcast(client, auth, body["broadcast_id"], "poor")
    assert (final["status"], final["failure_reason"]) == ("failed", "insufficient_balance")
    assert balance(client, auth, "poor") == 0


def test_a_template_deleted_before_pick_up_fails_the_broadcast(client: Client, auth: Auth, ready: dict[str, str],
                                                               chalice_app: Any) -> None:
    broadcast_id = create(client, auth, ready)["broadcast_id"]
    assert call(client, "DELETE", f"/templates/{ready['template_id']}", auth())[0] == 200
    call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())
    drain(chalice_app)
    final = broadcast(client, auth, broadcast_id)
    assert (final["status"], final["failure_reason"]) == ("failed", "template_missing")


def test_a_template_deleted_after_pick_up_does_not_break_the_broadcast(client: Client, auth: Auth,
                                                                       ready: dict[str, str],
                                                                       chalice_app: Any) -> None:
    broadcast_id = create(client, auth, ready)["broadcast_id"]
    call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())
    drain(chalice_app, queues={"dispatch"})
    call(client, "DELETE", f"/templates/{ready['template_id']}", auth())
    drain(chalice_app)
    assert broadcast(client, auth, broadcast_id)["status"] == "completed"


def test_money_for_only_some_messages_fails_the_rest_with_insufficient_balance(client: Client, auth: Auth,
                                                                               chalice_app: Any) -> None:
    simulator(client, auth, "thrifty")
    credit(client, auth, "thrifty", amount=6 * PRICE)
    template_id = approved_template(client, auth, "thrifty")
    list_id = contact_list(client, auth, "thrifty", members=members(10))
    body = call(client, "POST", "/broadcasts", auth("thrifty"), {"template_id": template_id, "list_id": list_id})[1]
    call(client, "POST", f"/broadcasts/{body['broadcast_id']}/start", auth("thrifty"))
    drain(chalice_app)

    final = broadcast(client, auth, body["broadcast_id"], "thrifty")
    failed = all_targets(client, auth, body["broadcast_id"], "thrifty", state="failed")
    assert (final["status"], final["sent_count"], final["failed_count"]) == ("completed", 6, 4)
    assert {t["failure_reason"] for t in failed} == {"insufficient_balance"}
    assert balance(client, auth, "thrifty") == 0


def test_a_member_without_a_needed_variable_fails_alone_and_is_refunded(client: Client, auth: Auth,
                                                                        ready: dict[str, str],
                                                                        chalice_app: Any) -> None:
    list_id = contact_list(client, auth, members=[*members(3), {"phone": "+14155559999", "variables": {}}])
    before = balance(client, auth)
    broadcast_id = create(client, auth, {**ready, "list_id": list_id})["broadcast_id"]
    call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())
    drain(chalice_app)

    failed = all_targets(client, auth, broadcast_id, state="failed")
    assert [(t["recipient_phone"], t["failure_reason"]) for t in failed] == [("+14155559999", "missing_variable")]
    assert broadcast(client, auth, broadcast_id)["sent_count"] == 3
    assert balance(client, auth) == before - 3 * PRICE


def test_targets_page_with_size_and_cursor_and_filter_by_state(client: Client, auth: Auth, ready: dict[str, str],
                                                               chalice_app: Any) -> None:
    broadcast_id = create(client, auth, ready)["broadcast_id"]
    status, first = call(client, "GET", f"/broadcasts/{broadcast_id}/targets?size=4", auth())
    assert status == 200 and len(first["targets"]) == 4 and first["next_cursor"]
    status, second = call(client, "GET", f"/broadcasts/{broadcast_id}/targets?size=4&cursor={first['next_cursor']}",
                          auth())
    assert not {t["recipient_phone"] for t in first["targets"]} & {t["recipient_phone"] for t in second["targets"]}
    assert call(client, "GET", f"/broadcasts/{broadcast_id}/targets?size=1001", auth())[0] == 400
    assert call(client, "GET", f"/broadcasts/{broadcast_id}/targets?state=lost", auth())[0] == 400
    assert len(all_targets(client, auth, broadcast_id, state="queued")) == 10
    assert all_targets(client, auth, broadcast_id, state="sent") == []


def test_another_accounts_broadcast_is_not_found(client: Client, auth: Auth, ready: dict[str, str]) -> None:
    broadcast_id = create(client, auth, ready)["broadcast_id"]
    for method, path in [("GET", ""), ("POST", "/start"), ("POST", "/cancel"), ("GET", "/targets")]:
        assert call(client, method, f"/broadcasts/{broadcast_id}{path}", auth("globex"))[0] == 404


def test_list_is_newest_first_and_pages(client: Client, auth: Auth, ready: dict[str, str]) -> None:
    ids = [create(client, auth, ready)["broadcast_id"] for _ in range(3)]
    _status, page = call(client, "GET", "/broadcasts?limit=2", auth())
    assert [b["broadcast_id"] for b in page["broadcasts"]] == ids[::-1][:2]
    _status, rest = call(client, "GET", f"/broadcasts?limit=2&cursor={page['next_cursor']}", auth())
    assert [b["broadcast_id"] for b in rest["broadcasts"]] == ids[:1]
    assert rest["next_cursor"] == ""
    assert get_settings().send_chunk_size == 4
