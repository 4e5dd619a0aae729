"""User messages (docs/spec/campaigns.md, "Inbound messages and clicks"): replies and suggestion
taps posted to the receipts webhook as RBM pushes them, verified like receipts, attributed to the
account's latest broadcast to the number within 7 days, and counted once however often and in
whatever order the webhook receives them."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from chalice.app import Chalice
from chalice.test import Client

from tests.functional.audience.support import account, agent_and_token, post, reply, run_broadcast, tap
from tests.support.drain import drain
from tests.support.world import Auth, all_targets, broadcast

PHONES = [f"+1415555{n:04d}" for n in range(300, 310)]


def rfc3339(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def sent_at(client: Client, auth: Auth, broadcast_id: str) -> datetime:
    return max(datetime.fromisoformat(t["sent_at"].replace("Z", "+00:00"))
               for t in all_targets(client, auth, broadcast_id))


def test_replies_and_taps_are_counted_once_under_a_duplicated_shuffled_storm(
        client: Client, auth: Auth, chalice_app: Chalice) -> None:
    # GIVEN a completed broadcast to ten numbers, its message with two suggestions
    broadcast_id = run_broadcast(client, auth, chalice_app, account(client, auth), PHONES)
    # AND 24 distinct user messages: 8 replies, 10 taps on "track", 6 on "agent" (some numbers twice)
    messages = ([reply(PHONES[n % 10], f"answer {n}") for n in range(8)]
                + [tap(PHONES[n % 10], "track", "Track order") for n in range(10)]
                + [tap(PHONES[n % 10], "agent", "Talk to us") for n in range(6)])
    # WHEN the webhook receives each of them three times, shuffled, in three deliveries with a drain between
    storm = [message for message in messages for _ in range(3)]
    random.Random(14).shuffle(storm)
    for third in (storm[:24], storm[24:48], storm[48:]):
        for message in third:
            answer = post(client, message)
            assert (answer.status_code, json.loads(answer.body)) == (200, {"success": True, "accepted": True})
        drain(chalice_app)
    # THEN every message counted exactly once, and per suggestion
    shown = broadcast(client, auth, broadcast_id)
    assert (shown["replied_count"], shown["clicked_count"]) == (8, 16)
    assert shown["clicks"] == [{"postback_data": "track", "text": "Track order", "count": 10},
                               {"postback_data": "agent", "text": "Talk to us", "count": 6}]
    assert sum(click["count"] for click in shown["clicks"]) == shown["clicked_count"]
    # AND the whole storm once more, after it was all counted (Google retries for up to 7 days), changes nothing
    for message in storm:
        post(client, message)
    drain(chalice_app)
    assert broadcast(client, auth, broadcast_id) == shown
    # AND the list view carries the counters, not the clicks (GET /broadcasts/{id} does)
    assert "clicks" not in broadcast_view_in_list(client, auth, broadcast_id)
    assert broadcast_view_in_list(client, auth, broadcast_id)["clicked_count"] == 16


def broadcast_view_in_list(client: Client, auth: Auth, broadcast_id: str) -> dict[str, Any]:
    from tests.support.world import call

    rows = call(client, "GET", "/broadcasts", auth())[1]["broadcasts"]
    return next(row for row in rows if row["broadcast_id"] == broadcast_id)  # type: ignore[no-any-return]


def test_a_worker_batch_of_taps_updates_the_broadcast_once(client: Client, auth: Auth, chalice_app: Chalice) -> None:
    """GIVEN ten taps waiting on the queue WHEN one worker batch takes them THEN the broadcast's
    counters are written in one transaction (one TransactWriteItems), not once per tap."""
    from chalicelib.store.inbound import InboundEventModel

    broadcast_id = run_broadcast(client, auth, chalice_app, account(client, auth), PHONES)
    for phone in PHONES:
        post(client, tap(phone, "track", "Track order"))
    transactions: list[int] = []
    events = InboundEventModel._get_connection().connection.client.meta.events
    handler = events.register("before-parameter-build.dynamodb.TransactWriteItems",
                              lambda params, **_: transactions.append(len(params["TransactItems"])))
    try:
        drain(chalice_app, queues={"receipts"})
    finally:
        events.unregister("before-parameter-build.dynamodb.TransactWriteItems", handler)
    assert transactions == [12]  # ten events, the broadcast, one suggestion
    assert broadcast(client, auth, broadcast_id)["clicked_count"] == 10


def test_a_message_counts_on_the_latest_broadcast_within_seven_days_and_not_older(
        client: Client, auth: Auth, chalice_app: Chalice) -> None:
    # GIVEN two broadcasts of acme to the same number, the second after the first
    template = account(client, auth)
    phone = PHONES[0]
    older = run_broadcast(client, auth, chalice_app, template, [phone])
    latest = run_broadcast(client, auth, chalice_app, template, [phone])
    when = sent_at(client, auth, latest)
    # WHEN the number replies now, six days later, eight days later, and an hour before it was ever sent to
    for moment, text in ((when + timedelta(seconds=1), "now"), (when + timedelta(days=6, hours=23), "six days"),
                         (when + timedelta(days=8), "eight days"), (when - timedelta(hours=1), "before")):
        assert post(client, reply(phone, text, send_time=rfc3339(moment))).status_code == 200
        assert post(client, tap(phone, "track", "Track order", send_time=rfc3339(moment))).status_code == 200
    drain(chalice_app)
    # THEN the two within seven days count on the latest broadcast, the others on none
    assert {name: (broadcast(client, auth, b)["replied_count"], broadcast(client, auth, b)["clicked_count"])
            for name, b in (("older", older), ("latest", latest))} == {"older": (0, 0), "latest": (2, 2)}


def test_a_message_from_a_number_this_account_did_not_send_to_counts_nowhere(
        client: Client, auth: Auth, chalice_app: Chalice) -> None:
    # GIVEN acme sent to PHONES[0]; globex sent to PHONES[1] only
    acme = run_broadcast(client, auth, chalice_app, account(client, auth, "acme"), [PHONES[0]], "acme")
    globex = run_broadcast(client, auth, chalice_app, account(client, auth, "globex"), [PHONES[1]], "globex")
    # WHEN PHONES[1] writes to acme's agent, and PHONES[0] to globex's
    assert post(client, reply(PHONES[1], "hello", "acme"), "acme").status_code == 200
    assert post(client, tap(PHONES[0], "track", "Track order", "globex"), "globex").status_code == 200
    drain(chalice_app)
    # THEN neither account's broadcast counts anything
    for name, broadcast_id in (("acme", acme), ("globex", globex)):
        shown = broadcast(client, auth, broadcast_id, name)
        assert (shown["replied_count"], shown["clicked_count"], shown["clicks"]) == (0, 0, [])


@pytest.mark.parametrize("tamper", ["wrong token", "other account's token", "altered body", "missing header"])
def test_a_badly_signed_user_message_is_refused_as_receipts_are_and_counts_nothing(
        client: Client, auth: Auth, chalice_app: Chalice, tamper: str) -> None:
    import base64

    from tests.fakes.rbm_server import push

    broadcast_id = run_broadcast(client, auth, chalice_app, account(client, auth), PHONES[:2])
    account(client, auth, "globex")
    message = tap(PHONES[0], "track", "Track order")
    token = {"wrong token": "x" * 40, "other account's token": agent_and_token("globex")[1]}.get(
        tamper, agent_and_token()[1])
    body, headers = push(message, token)
    if tamper == "altered body":
        envelope = json.loads(body)
        data = json.loads(base64.b64decode(envelope["message"]["data"]))
        data["suggestionResponse"]["postbackData"] = "agent"
        envelope["message"]["data"] = base64.b64encode(json.dumps(data).encode()).decode()
        body = json.dumps(envelope).encode()
    if tamper == "missing header":
        headers.pop("X-Goog-Signature")
    answer = client.http.post("/api/v1/rcs/webhooks/rbm", headers=headers, body=body)
    drain(chalice_app)
    assert answer.status_code == 401 and json.loads(answer.body)["error"] == "unauthorized"
    shown = broadcast(client, auth, broadcast_id)
    assert (shown["clicked_count"], shown["replied_count"], shown["clicks"]) == (0, 0, [])


def test_files_and_locations_are_acknowledged_and_not_counted(
        client: Client, auth: Auth, chalice_app: Chalice) -> None:
    broadcast_id = run_broadcast(client, auth, chalice_app, account(client, auth), PHONES[:1])
    agent = agent_and_token()[0]
    for content in ({"location": {"latitude": 1.0, "longitude": 2.0}},
                    {"userFile": {"payload": {"mimeType": "image/png", "fileSizeBytes": 1, "fileUri": "x"}}}):
        event = {"senderPhoneNumber": PHONES[0], "messageId": f"m-{len(content)}-{next(iter(content))}",
                 "sendTime": rfc3339(datetime.now(UTC)), "agentId": agent, **content}
        answer = post(client, event)
        assert (answer.status_code, json.loads(answer.body)["accepted"]) == (200, False)
    drain(chalice_app)
    assert Counter({k: broadcast(client, auth, broadcast_id)[k] for k in ("replied_count", "clicked_count")}) == \
        Counter({"replied_count": 0, "clicked_count": 0})


def test_workers_counting_overlapping_batches_at_once_count_each_message_once(
        client: Client, auth: Auth, chalice_app: Chalice) -> None:
    """GIVEN 30 user messages of one broadcast WHEN six workers apply overlapping, shuffled batches
    of them at the same moment THEN each message counts once (the losers' transactions are cancelled
    on the events already counted and sent again without them)."""
    from concurrent.futures import ThreadPoolExecutor

    from chalicelib.services import inbound
    from chalicelib.services.inbound import UserMessage

    broadcast_id = run_broadcast(client, auth, chalice_app, account(client, auth), PHONES)
    at = rfc3339(sent_at(client, auth, broadcast_id) + timedelta(minutes=1))[:19] + "Z"
    messages = [UserMessage(account_id="acme", phone=PHONES[n % 10], message_id=f"m{n}", at=at,
                            kind="click" if n % 3 else "reply", text=f"label {n % 2}" if n % 3 else "hi",
                            postback_data=f"p{n % 2}" if n % 3 else "") for n in range(30)]
    rng = random.Random(7)
    batches = [rng.sample(messages, 10) for _ in range(12)] + [messages[i:i + 10] for i in range(0, 30, 10)]
    with ThreadPoolExecutor(max_workers=6) as pool:
        outcomes = list(pool.map(inbound.apply, batches))
    assert sum(outcome.counted for outcome in outcomes) == 30
    assert not any(outcome.retry for outcome in outcomes)
    shown = broadcast(client, auth, broadcast_id)
    assert (shown["replied_count"], shown["clicked_count"]) == (10, 20)
    assert {c["postback_data"]: c["count"] for c in shown["clicks"]} == {"p0": 10, "p1": 10}
