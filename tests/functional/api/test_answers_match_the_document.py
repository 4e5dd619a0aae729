"""Every operation of the API, called through a client that checks each answer against the OpenAPI
document: the product's whole life (templates reviewed, a list imported, a broadcast sent, receipts
back, everything deleted) and its refusals. An answer the document does not describe fails here."""

from __future__ import annotations

import base64
import dataclasses
from collections import Counter
from typing import Any

from chalice.app import Chalice

from chalicelib.aws import client as aws_client
from chalicelib.providers.receipts import ReceiptEvent, webhook_request
from chalicelib.services import credentials as credentials_service
from chalicelib.settings import get_settings
from chalicelib.store import targets as target_store
from chalicelib.store.paging import encode_cursor
from tests.fakes.rbm_server import push, user_message
from tests.functional.api.conftest import ADMIN, Auth, World, template_body
from tests.functional.lists.support import FakeContext
from tests.support.drain import drain
from tests.support.openapi import ValidatingClient, operations

UNSET = "0001-01-01T00:00:00Z"


def upload_and_import(chalice_app: Chalice, owner: str, list_id: str, import_id: str, data: bytes) -> None:
    key = f"imports/{owner}/{list_id}/{import_id}.csv"
    aws_client("s3").put_object(Bucket=get_settings().import_bucket, Key=key, Body=data)
    event = {"Records": [{"eventSource": "aws:s3", "eventName": "ObjectCreated:Put", "s3": {
        "bucket": {"name": get_settings().import_bucket}, "object": {"key": key, "size": len(data)}}}]}
    chalice_app.handler_map["import_uploaded_csv"](event, FakeContext())


def test_every_operation_answers_as_the_document_says_through_a_whole_life(
        api: ValidatingClient, auth: Auth, world: World, chalice_app_module: Chalice) -> None:
    chalice_app = chalice_app_module
    owner, admin, other = auth(world.owner), auth(ADMIN, admin=True), auth(world.other)

    # meta
    assert api.call("GET", "/health")[0] == 200
    assert api.call("GET", "/openapi.json")[0] == 200

    # templates: read, page, the review queue and a human decision, refusals
    status, body = api.call("GET", f"/templates/{world.template_id}", owner)
    assert (status, body["template"]["effective_status"]) == (200, "approved")
    status, first = api.call("GET", "/templates?limit=1", owner)
    assert status == 200 and len(first["templates"]) == 1 and first["next_cursor"]
    status, rest = api.call("GET", f"/templates?limit=100&cursor={first['next_cursor']}", owner)
    assert status == 200 and rest["next_cursor"] == ""
    assert api.call("POST", "/templates", owner, template_body(world.template_name))[0] == 409
    assert api.call("POST", "/templates", owner, {**template_body(), "language": "xx-nope"})[0] == 400
    promo = {**template_body(), "category": "promotional",
             "components": {"type": "text", "text": "Our summer sale is on: 30% off all sandals until Sunday."},
             "suggestions": []}
    status, body = api.call("POST", "/templates", owner, promo)
    assert status == 201
    drain(chalice_app, queues={"review"})
    status, queue = api.call("GET", "/admin/templates", admin)
    assert status == 200 and [row["template_id"] for row in queue["templates"]
                              if row["account_id"] == world.owner] == [body["template_id"]]
    assert api.call("GET", "/admin/templates?status=approved", admin)[0] == 400
    assert api.call("GET", "/admin/templates", owner)[0] == 403
    status, reviewed = api.call("POST", f"/admin/templates/{body['template_id']}/review", admin,
                                {"decision": "rejected", "reason": "no opt-out"})
    assert (status, reviewed["template"]["effective_status"]) == (200, "rejected")
    assert api.call("POST", f"/admin/templates/{'0' * 32}/review", admin, {"decision": "approved"})[0] == 404

    # lists, members, an import from a CSV file
    status, body = api.call("GET", f"/lists/{world.list_id}", owner)
    assert (status, body["list"]["member_count"]) == (200, 2)
    assert api.call("GET", "/lists", owner)[0] == 200
    status, page = api.call("GET", f"/lists/{world.list_id}/members?limit=1", owner)
    assert status == 200 and page["next_cursor"]
    assert api.call("GET", f"/lists/{world.list_id}/members?cursor={page['next_cursor']}", owner)[0] == 200
    status, body = api.call("POST", f"/lists/{world.list_id}/members", owner,
                            {"members": [{"phone": "+14155550125"}, {"phone": "not a phone"}]})
    assert (status, body["added"], body["rejected"]) == (201, 1, 1)
    assert api.call("DELETE", f"/lists/{world.list_id}/members/%2B14155550125", owner)[0] == 200
    assert api.call("DELETE", f"/lists/{world.list_id}/members/%2B14155550125", owner)[0] == 404
    status, body = api.call("GET", f"/lists/{world.list_id}/imports/{world.import_id}", owner)
    assert (status, body["status"], body["started_at"]) == (200, "pending", UNSET)
    upload_and_import(chalice_app, world.owner, world.list_id, world.import_id,
                      b"phone,var_1\r\n+14155550130,Cy\r\nbad,x\r\n+14155550131,Di\r\n")
    status, body = api.call("GET", f"/lists/{world.list_id}/imports/{world.import_id}", owner)
    assert (status, body["status"], body["added"], body["rejected"]) == (200, "completed", 2, 1)
    assert body["rejected_rows"] == [{"row": 3, "phone": "bad", "reason": "not a phone number"}]

    # money and credentials
    assert api.call("GET", "/credentials", owner)[1]["webhook_client_token"] == "****"
    assert api.call("GET", "/credentials", other)[1] == {"success": True, "provider": "", "configured": False}
    assert api.call("GET", "/balance", owner)[1]["balance"] == 10_000
    status, body = api.call("POST", f"/admin/accounts/{world.owner}/credit", admin,
                            {"amount": 5, "reference": world.reference})
    assert (status, body["balance"]) == (200, 10_000)  # a reference already used is not applied twice
    assert api.call("PUT", f"/admin/accounts/{world.owner}/brands", admin, {"brands": ["sbi"]})[0] == 200
    assert api.call("PUT", f"/admin/accounts/{world.owner}/brands", admin, {"brands": ["nope"]})[0] == 400
    assert api.call("GET", f"/admin/accounts/{world.owner}/brands", admin)[1]["verified_brands"] == ["sbi"]
    rate = f"/admin/accounts/{world.owner}/send-rate"
    assert api.call("PUT", rate, admin, {"send_rate_per_second": 50})[0] == 200
    assert api.call("PUT", rate, admin, {"send_rate_per_second": 0})[0] == 400
    status, body = api.call("GET", rate, admin)
    assert (status, body["send_rate_per_second"], body["custom"]) == (200, 50, True)
    assert api.call("PUT", rate, admin, {"send_rate_per_second": None})[1]["custom"] is False

    # a broadcast from draft to completed, receipts through the webhook, and its refusals
    assert api.call("POST", "/broadcasts", owner, {"template_id": reviewed["template"]["template_id"],
                                                   "list_id": world.list_id})[0] == 403
    assert api.call("POST", "/broadcasts", owner, {"template_id": world.template_id, "list_id": "nope"})[0] == 404
    assert api.call("GET", "/broadcasts", owner)[0] == 200
    assert api.call("GET", f"/broadcasts/{world.broadcast_id}", owner)[1]["broadcast"]["status"] == "draft"
    assert api.call("GET", f"/broadcasts/{world.broadcast_id}/targets?state=bogus", owner)[0] == 400
    assert api.call("POST", f"/broadcasts/{world.broadcast_id}/start", owner)[1]["status"] == "running"
    assert api.call("POST", f"/broadcasts/{world.broadcast_id}/start", owner)[0] == 409
    drain(chalice_app)
    status, body = api.call("GET", f"/broadcasts/{world.broadcast_id}", owner)
    assert (status, body["broadcast"]["status"], body["broadcast"]["sent_count"]) == (200, "completed", 2)
    status, body = api.call("GET", f"/broadcasts/{world.broadcast_id}/targets?state=sent&size=1", owner)
    assert status == 200 and len(body["targets"]) == 1 and body["next_cursor"]
    sent = body["targets"][0]
    assert api.call("POST", f"/broadcasts/{world.broadcast_id}/cancel", owner)[0] == 409
    assert Counter(entry["kind"] for entry in api.call("GET", "/ledger", owner)[1]["entries"]) == {
        "credit": 1, "debit": 1}

    token = credentials_service.load_credentials(world.owner)
    assert token is not None
    handshake = api.request("POST", "/webhooks/rbm", {"Content-Type": "application/json"},
                            {"clientToken": token.webhook_client_token, "secret": "s3cr3t"})
    assert (handshake.status, handshake.raw) == (200, b"s3cr3t")
    event = ReceiptEvent(agent_id=token.agent_id, phone=sent["recipient_phone"], message_id=sent["rm_message_id"],
                         event_type="DELIVERED", send_time=_now())
    raw, headers = webhook_request(event, token.webhook_client_token)
    answer = api.request("POST", "/webhooks/rbm", headers, raw=raw)
    assert (answer.status, answer.body) == (200, {"success": True, "accepted": True})
    unsigned = {k: v for k, v in headers.items() if k != "X-Goog-Signature"}
    assert api.request("POST", "/webhooks/rbm", unsigned, raw=raw).status == 401
    drain(chalice_app)
    status, body = api.call("GET", f"/broadcasts/{world.broadcast_id}", owner)
    assert body["broadcast"]["delivered_count"] == 1
    # a tap on a suggestion and a stop reply (RBM's UserMessage), counted on the broadcast
    for message in (user_message(token.agent_id, sent["recipient_phone"], postback_data="track", label="Track"),
                    user_message(token.agent_id, sent["recipient_phone"], text="STOP")):
        raw, headers = push(message, token.webhook_client_token)
        assert api.request("POST", "/webhooks/rbm", headers, raw=raw).body == {"success": True, "accepted": True}
    drain(chalice_app)
    shown = api.call("GET", f"/broadcasts/{world.broadcast_id}", owner)[1]["broadcast"]
    assert (shown["clicked_count"], shown["replied_count"], shown["clicks"]) == (
        1, 1, [{"postback_data": "track", "text": "Track", "count": 1}])

    # the opt-out list
    status, body = api.call("POST", "/optouts", owner, {"phones": ["+14155550140", "+14155550141"]})
    assert (status, body["added"]) == (200, 2)
    assert api.call("POST", "/optouts", owner, {"phones": ["nope"]})[0] == 400
    status, page = api.call("GET", "/optouts?limit=1", owner)
    assert status == 200 and page["next_cursor"]
    status, page = api.call("GET", f"/optouts?cursor={page['next_cursor']}", owner)
    assert status == 200 and {row["source"] for row in page["optouts"]} <= {"api", "inbound"}
    stopper = "%2B" + sent["recipient_phone"].removeprefix("+")  # the stop reply's: the broadcasts below reach it
    assert api.call("DELETE", f"/optouts/{stopper}", owner)[0] == 200
    assert api.call("DELETE", f"/optouts/{stopper}", owner)[0] == 404

    status, body = api.call("POST", "/broadcasts", owner, {"template_id": world.template_id, "list_id": world.list_id,
                                                           "name": "later", "scheduled_at": "2099-01-01T00:00:00Z"})
    assert status == 400  # more than a year ahead
    status, body = api.call("POST", "/broadcasts", owner, {"template_id": world.template_id, "list_id": world.list_id})
    assert api.call("POST", f"/broadcasts/{body['broadcast_id']}/cancel", owner)[1]["status"] == "cancelled"

    # campaign controls: pause, resume
    status, body = api.call("POST", "/broadcasts", owner, {"template_id": world.template_id, "list_id": world.list_id})
    controlled = body["broadcast_id"]
    assert api.call("POST", f"/broadcasts/{controlled}/start", owner)[0] == 200
    assert api.call("POST", f"/broadcasts/{controlled}/pause", owner)[1]["status"] == "paused"
    assert api.call("POST", f"/broadcasts/{controlled}/pause", owner)[0] == 409
    assert api.call("POST", f"/broadcasts/{controlled}/resume", owner)[1]["status"] == "running"
    drain(chalice_app)
    assert api.call("GET", f"/broadcasts/{controlled}", owner)[1]["broadcast"]["status"] == "completed"
    # retry: GIVEN one of its targets failed for a transient reason (written as the sender would)
    done = target_store.chunk_targets(controlled, target_store.ChunkBounds("+", "+9", 0))[0]
    target_store.put_targets_as_they_come(controlled, [
        dataclasses.replace(done, state="failed", failure_reason="provider_unavailable")])
    status, body = api.call("POST", f"/broadcasts/{controlled}/retry", owner)
    assert status == 201 and api.call("GET", f"/broadcasts/{body['broadcast_id']}", owner)[1]["broadcast"][
        "retry_of"] == controlled
    assert api.call("POST", f"/broadcasts/{body['broadcast_id']}/retry", owner)[0] == 409
    # the account's default send window, and a broadcast with a window of its own
    assert api.call("GET", "/settings", owner)[1]["send_window"] is None
    window = {"start": "09:00", "end": "20:00"}
    assert api.call("PUT", "/settings", owner, {"send_window": window})[1]["send_window"] == window
    assert api.call("PUT", "/settings", owner, {"send_window": {"start": "25:00", "end": "01:00"}})[0] == 400
    assert api.call("PUT", "/settings", owner, {"send_window": None})[1]["send_window"] is None
    status, body = api.call("POST", "/broadcasts", owner, {"template_id": world.template_id, "list_id": world.list_id,
                                                           "send_window": {"start": "22:00", "end": "06:00"}})
    assert status == 201
    assert api.call("GET", f"/broadcasts/{body['broadcast_id']}", owner)[1]["broadcast"]["send_window"] == {
        "start": "22:00", "end": "06:00"}
    assert api.call("POST", f"/broadcasts/{body['broadcast_id']}/cancel", owner)[0] == 200
    # the test send of a template
    test_body = {"phone": "+919876543210", "variables": {"1": "Ann"}}
    status, body = api.call("POST", f"/templates/{world.template_id}/test", owner, test_body)
    assert (status, body["state"]) == (200, "sent")
    assert api.call("POST", f"/templates/{reviewed['template']['template_id']}/test", owner, test_body)[0] == 403
    assert api.call("POST", f"/templates/{world.template_id}/test", owner, {"phone": "nope"})[0] == 400

    # deletions
    assert api.call("DELETE", f"/templates/{world.pending_template_id}", owner)[0] == 200
    assert api.call("GET", f"/templates/{world.pending_template_id}", owner)[0] == 404
    assert api.call("DELETE", f"/lists/{world.list_id}", owner)[0] == 200
    assert api.call("GET", f"/lists/{world.list_id}", owner)[0] == 404
    assert api.call("DELETE", "/credentials", owner)[1] == {"success": True, "configured": False}
    assert api.call("DELETE", "/credentials", owner)[0] == 404

    # every documented operation was seen succeeding
    succeeded = {(method, path) for method, path, status in api.seen if 200 <= status < 300}
    missing = sorted(f"{op.method} {op.path}" for op in operations() if (op.method, op.path) not in succeeded)
    assert missing == []


def _now() -> Any:
    from chalicelib.clock import utcnow

    return utcnow()


def test_a_forged_cursor_of_the_right_listing_is_a_400_on_every_listing(
        api: ValidatingClient, auth: Auth, world: World) -> None:
    owner, admin = auth(world.owner), auth(ADMIN, admin=True)
    listings = [
        ("/templates", {"account_id": {"S": world.owner}}, owner),
        ("/admin/templates", {"review_queue": {"S": "needs_admin"}}, admin),
        ("/lists", {"account_id": {"S": world.owner}}, owner),
        (f"/lists/{world.list_id}/members", {"list_id": {"S": world.list_id}}, owner),
        ("/ledger", {"account_id": {"S": world.owner}}, owner),
        ("/broadcasts", {"account_id": {"S": world.owner}}, owner),
        ("/optouts", {"account_id": {"S": world.owner}}, owner),
        (f"/broadcasts/{world.broadcast_id}/targets", {"broadcast_id": {"S": world.broadcast_id}}, owner),
    ]
    forgeries = [
        {"x": {"S": "y"}},  # an attribute the key does not have
        {"list_id": {"N": "12"}},  # a number where the key is a string
        {"phone": {"S": ""}},  # an empty key value
        {"seq": {"S": "x" * 2000}},  # a key value over DynamoDB's size limit
    ]
    for path, pinned, headers in listings:
        for forged in forgeries:
            cursor = encode_cursor({**pinned, **forged})
            answer = api.request("GET", f"{path}?cursor={cursor}", headers)
            assert (answer.status, answer.body["field"]) == (400, "cursor"), (path, forged, answer.body)
        garbage = base64.urlsafe_b64encode(b'{"account_id": {"S": "\\ud800"}}').decode()
        assert api.request("GET", f"{path}?cursor={garbage}", headers).status == 400
