"""`make run`'s stack over HTTP: every background part works as it does in the cloud."""

from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.e2e.conftest import Stack, group_alive, start_stack, wait_for

pytestmark = pytest.mark.stack


def test_health_answers_over_http_and_names_the_local_stage(stack: Stack) -> None:
    response = requests.get(f"{stack.base}/health", timeout=10)
    assert response.status_code == 200
    assert response.json() == {"success": True, "stage": "local"}


def test_a_token_from_make_token_is_accepted_and_a_forged_one_is_not(stack: Stack) -> None:
    assert stack.client("e2e-auth")("GET", "/balance").json() == {"success": True, "balance": 0, "currency": "INR"}
    forged = requests.get(f"{stack.base}/balance", headers={"Authorization": "Bearer x.y.z"}, timeout=10)
    assert forged.status_code == 401 and forged.json()["error"] == "unauthorized"


def test_a_template_is_reviewed_through_the_queue_within_five_seconds(stack: Stack) -> None:
    call = stack.client("e2e-templates")
    created = call("POST", "/templates", {
        "name": "order_shipped", "category": "transactional", "language": "en_US",
        "components": {"type": "text", "text": "Hi {{1}}, your order {{2}} has shipped and arrives on Monday."},
    })
    assert created.status_code == 201, created.text
    assert created.json()["ai_review_status"] == "pending"
    started = time.monotonic()

    def verdict() -> Any:
        template = call("GET", f"/templates/{created.json()['template_id']}").json()["template"]
        return template if template["ai_review_status"] != "pending" else None

    template = wait_for(verdict, timeout=10)
    assert time.monotonic() - started < 5
    assert template["ai_review_status"] == "approved"
    assert template["effective_status"] == "approved"
    assert template["reviewed_at"] != "0001-01-01T00:00:00Z"


def test_a_prohibited_template_is_rejected_with_a_reason(stack: Stack) -> None:
    call = stack.client("e2e-templates")
    created = call("POST", "/templates", {
        "name": "kyc_block", "category": "transactional", "language": "en_IN",
        "components": {"type": "text", "text": "Dear {{1}}, your SBI account is blocked. Update KYC today at "
                                               "https://sbi-kyc-update.co to avoid closure."},
    }).json()
    template = wait_for(lambda: (t := call("GET", f"/templates/{created['template_id']}").json()["template"])
                        ["ai_review_status"] != "pending" and t, timeout=10)
    assert template["ai_review_status"] == "rejected"
    assert template["ai_review_reason"]


def test_a_csv_uploaded_to_the_presigned_url_is_imported_in_the_background(stack: Stack) -> None:
    call = stack.client("e2e-lists")
    list_id = call("POST", "/lists", {"name": "imported"}).json()["list_id"]
    started = call("POST", f"/lists/{list_id}/imports", {})
    assert started.status_code in (200, 201), started.text
    body = "\ufeffphone,var_1\n+14155550100,Ann\n\"+1 415 555 0101\",\"Bo, Jr.\"\nnot-a-phone,X\n"
    upload = requests.put(started.json()["upload_url"], data=body.encode(), timeout=30)
    assert upload.status_code == 200

    def finished() -> Any:
        status = call("GET", f"/lists/{list_id}/imports/{started.json()['import_id']}").json()
        return status if status.get("import", status).get("status") in ("completed", "failed") else None

    status = wait_for(finished, timeout=30)
    result = status.get("import", status)
    assert result["status"] == "completed"
    assert call("GET", f"/lists/{list_id}").json()["list"]["member_count"] == 2


def _ready_account(stack: Stack, account: str, *, members: int, latency_ms: int = 20,
                   delivery_rate: float = 1.0, read_rate: float = 0.5,
                   suggestions: list[dict[str, Any]] | None = None, **simulator: float) -> tuple[Any, str, str]:
    call = stack.client(account)
    admin = stack.client("ops", admin=True)
    assert call("PUT", "/credentials", {
        "provider": "simulator", "latency_ms": latency_ms, "delivery_rate": delivery_rate, "read_rate": read_rate,
        "delivery_delay_ms": 300, "read_delay_ms": 300, **simulator,
    }).status_code == 200
    assert admin("POST", f"/admin/accounts/{account}/credit",
                 {"amount": 1_000_000, "reference": f"e2e-{account}"}).status_code == 200
    template_id = call("POST", "/templates", {
        "name": "welcome", "category": "transactional", "language": "en_US",
        "components": {"type": "text", "text": "Hello {{1}}, thanks for your order. It ships tomorrow."},
        **({"suggestions": suggestions} if suggestions else {}),
    }).json()["template_id"]
    assert admin("POST", f"/admin/templates/{template_id}/review",
                 {"decision": "approved", "reason": "fine"}).status_code == 200
    list_id = call("POST", "/lists", {"name": "customers"}).json()["list_id"]
    roster = [{"phone": f"+1415556{n:04d}", "variables": {"1": f"Ann {n}"}} for n in range(members)]
    assert call("POST", f"/lists/{list_id}/members", {"members": roster}).status_code in (200, 201)
    return call, template_id, list_id


def _targets(call: Any, broadcast_id: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    cursor = ""
    while True:
        page = call("GET", f"/broadcasts/{broadcast_id}/targets?size=1000&cursor={cursor}").json()
        rows += page["targets"]
        cursor = page["next_cursor"]
        if not cursor:
            return rows


def test_a_broadcast_runs_to_completion_and_receipts_raise_delivered_and_read_on_their_own(stack: Stack) -> None:
    call, template_id, list_id = _ready_account(stack, "e2e-funnel", members=40)
    created = call("POST", "/broadcasts", {"name": "launch", "template_id": template_id, "list_id": list_id}).json()
    broadcast_id = created["broadcast_id"]
    assert (created["status"], created["total_count"]) == ("draft", 40)
    assert call("POST", f"/broadcasts/{broadcast_id}/start").json()["status"] == "running"

    seen_sent: list[int] = []

    def completed() -> Any:
        broadcast = call("GET", f"/broadcasts/{broadcast_id}").json()["broadcast"]
        seen_sent.append(broadcast["sent_count"])
        return broadcast if broadcast["status"] == "completed" else None

    wait_for(completed, timeout=60)
    assert len(set(seen_sent)) >= 2

    def funnel_settled() -> Any:
        # The broadcast is read between two equal readings of its targets, so no receipt landed
        # in between and its counters must match those states exactly.
        targets = _targets(call, broadcast_id)
        broadcast = call("GET", f"/broadcasts/{broadcast_id}").json()["broadcast"]
        if _targets(call, broadcast_id) != targets:
            return None
        states = Counter(t["state"] for t in targets)
        expected_read = sum(1 for t in targets if t["read_at"] != "0001-01-01T00:00:00Z")
        if states["sent"] == 0 and expected_read > 0:
            return broadcast, states
        return None

    broadcast, states = wait_for(funnel_settled, timeout=60, every=1.0)
    assert broadcast["sent_count"] == 40
    assert broadcast["delivered_count"] == states["delivered"] + states["read"] == 40
    assert broadcast["read_count"] == states["read"]
    assert 0 < broadcast["read_count"] < 40


def test_numbers_rcs_cannot_reach_get_their_sms_fallback_through_moto_sns(stack: Stack) -> None:
    # GIVEN the simulator that can reach none of five numbers, and a template with an SMS text
    call, _, list_id = _ready_account(stack, "e2e-fallback", members=5)
    assert call("PUT", "/credentials", {"provider": "simulator", "latency_ms": 5, "not_capable_rate": 1.0}
                ).status_code == 200
    admin = stack.client("ops", admin=True)
    template_id = call("POST", "/templates", {
        "name": "shipped_sms", "category": "transactional", "language": "en_US",
        "components": {"type": "text", "text": "Hello {{1}}, thanks for your order. It ships tomorrow."},
        "sms_fallback": {"text": "Hi {{1}}, your order ships tomorrow."},
    }).json()["template_id"]
    assert admin("POST", f"/admin/templates/{template_id}/review",
                 {"decision": "approved", "reason": "fine"}).status_code == 200
    # WHEN a broadcast with SMS fallback runs
    created = call("POST", "/broadcasts", {"template_id": template_id, "list_id": list_id, "fallback": "sms"}).json()
    broadcast_id = created["broadcast_id"]
    assert call("POST", f"/broadcasts/{broadcast_id}/start").json()["status"] == "running"

    def fell_back() -> Any:
        broadcast = call("GET", f"/broadcasts/{broadcast_id}").json()["broadcast"]
        return broadcast if broadcast["fallback_count"] == 5 else None

    # THEN every number got its SMS through the stack's SNS (moto), with its own variables
    broadcast = wait_for(fell_back, timeout=60)
    assert (broadcast["status"], broadcast["sent_count"], broadcast["failed_count"]) == ("completed", 0, 5)
    sent = requests.get(f"{stack.moto}/moto-api/data.json", timeout=10).json()["sns"]["SMS"]
    mine = {(s["phone_number"], s["message"]) for s in sent if s["phone_number"].startswith("+1415556")}
    assert mine == {(f"+1415556{n:04d}", f"Hi Ann {n}, your order ships tomorrow.") for n in range(5)}
    assert {t["state"] for t in _targets(call, broadcast_id)} == {"fallback_sent"}


def test_a_forged_receipt_changes_nothing(stack: Stack) -> None:
    forged = requests.post(f"{stack.base}/webhooks/rbm", json={"message": {"data": "eyJ9"}},
                           headers={"X-Goog-Signature": "bm9wZQ=="}, timeout=10)
    assert forged.status_code == 401 and forged.json()["error"] == "unauthorized"


def test_a_scheduled_broadcast_fires_from_the_ticker(stack: Stack) -> None:
    call, template_id, list_id = _ready_account(stack, "e2e-schedule", members=5, delivery_rate=0.0)
    at = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3))
    broadcast_id = call("POST", "/broadcasts", {"template_id": template_id, "list_id": list_id,
                                                "scheduled_at": at}).json()["broadcast_id"]
    assert call("POST", f"/broadcasts/{broadcast_id}/start").json()["status"] == "scheduled"
    broadcast = wait_for(lambda: (b := call("GET", f"/broadcasts/{broadcast_id}").json()["broadcast"])
                         ["status"] == "completed" and b, timeout=40)
    assert broadcast["sent_count"] == 5
    assert broadcast["started_at"] >= at


def test_cancel_stops_a_running_broadcast_mid_way(stack: Stack) -> None:
    call, template_id, list_id = _ready_account(stack, "e2e-cancel", members=200, latency_ms=100, delivery_rate=0.0)
    broadcast_id = call("POST", "/broadcasts", {"template_id": template_id, "list_id": list_id}).json()[
        "broadcast_id"]
    call("POST", f"/broadcasts/{broadcast_id}/start")
    wait_for(lambda: call("GET", f"/broadcasts/{broadcast_id}").json()["broadcast"]["sent_count"] > 0, timeout=30)
    assert call("POST", f"/broadcasts/{broadcast_id}/cancel").json() == {"success": True, "status": "cancelled"}
    time.sleep(3)
    broadcast = call("GET", f"/broadcasts/{broadcast_id}").json()["broadcast"]
    assert broadcast["status"] == "cancelled"
    assert 0 < broadcast["sent_count"] < 200
    # the messages sent were not delivered (delivery_rate 0): the revoke job takes them all back
    def all_revoked() -> bool:
        sent = call("GET", f"/broadcasts/{broadcast_id}").json()["broadcast"]["sent_count"]
        return Counter(t["state"] for t in _targets(call, broadcast_id))["revoked"] == sent

    wait_for(all_revoked, timeout=30)
    broadcast = call("GET", f"/broadcasts/{broadcast_id}").json()["broadcast"]
    states = Counter(t["state"] for t in _targets(call, broadcast_id))
    assert states["revoked"] == broadcast["sent_count"] and states["queued"] == 200 - broadcast["sent_count"]
    assert call("POST", f"/broadcasts/{broadcast_id}/cancel").status_code == 409


def test_stopping_the_stack_leaves_no_process_behind(tmp_path: Path) -> None:
    second = start_stack(tmp_path)
    assert requests.get(f"{second.base}/health", timeout=10).status_code == 200
    second.stop()
    assert second.process.returncode is not None
    deadline = time.monotonic() + 10
    while group_alive(second.process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not group_alive(second.process.pid)
    with pytest.raises(requests.ConnectionError):
        requests.get(f"{second.base}/health", timeout=2)
    assert os.environ.get("RCS_STAGE") == "test"


@pytest.mark.parametrize("method", ["TRACE", "CONNECT", "PROPFIND"])
def test_a_method_no_route_has_answers_405_in_the_envelope_as_the_gateway_would(stack: Stack, method: str) -> None:
    answer = requests.request(method, f"{stack.base}/templates", headers={"Authorization": "Bearer x"}, timeout=10)
    assert answer.status_code == 405
    assert answer.json()["success"] is False and answer.json()["error"] == "not_found"
    assert {"GET", "POST"} <= {part.strip() for part in answer.headers["Allow"].split(",")}
