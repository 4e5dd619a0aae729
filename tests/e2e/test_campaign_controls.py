"""`make run`'s stack over HTTP: pause and resume, retry and the test send (issue 15) work with every
background part as it runs locally."""

from __future__ import annotations

import time
from collections import Counter
from typing import Any

import pytest
import requests

from tests.e2e.conftest import Stack, wait_for
from tests.e2e.test_local_stack import _ready_account, _targets

pytestmark = pytest.mark.stack


def test_pause_holds_a_running_broadcast_and_resume_finishes_it_each_target_once(stack: Stack) -> None:
    call, template_id, list_id = _ready_account(stack, "e2e-pause", members=200, latency_ms=100, delivery_rate=0.0)
    broadcast_id = call("POST", "/broadcasts", {"template_id": template_id, "list_id": list_id}).json()[
        "broadcast_id"]
    call("POST", f"/broadcasts/{broadcast_id}/start")
    wait_for(lambda: call("GET", f"/broadcasts/{broadcast_id}").json()["broadcast"]["sent_count"] > 0, timeout=30)
    assert call("POST", f"/broadcasts/{broadcast_id}/pause").json() == {"success": True, "status": "paused"}
    time.sleep(1)  # in-flight passes settle
    paused = call("GET", f"/broadcasts/{broadcast_id}").json()["broadcast"]
    time.sleep(2)
    assert call("GET", f"/broadcasts/{broadcast_id}").json()["broadcast"]["sent_count"] == paused["sent_count"]
    assert paused["status"] == "paused" and paused["sent_count"] < 200
    assert call("POST", f"/broadcasts/{broadcast_id}/resume").json() == {"success": True, "status": "running"}

    def completed() -> Any:
        row = call("GET", f"/broadcasts/{broadcast_id}").json()["broadcast"]
        return row if row["status"] == "completed" else None

    final = wait_for(completed, timeout=90, every=1.0)
    targets = _targets(call, broadcast_id)
    assert final["sent_count"] == 200 and Counter(t["state"] for t in targets) == {"sent": 200}
    assert len({t["rm_message_id"] for t in targets}) == 200
    assert call("GET", "/balance").json()["balance"] == 1_000_000 - 200 * 20


def test_a_test_send_goes_now_and_is_charged_once_per_key(stack: Stack) -> None:
    call, template_id, _ = _ready_account(stack, "e2e-test-send", members=1)
    headers = {"Authorization": f"Bearer {stack.token('e2e-test-send')}", "Idempotency-Key": "e2e-1"}
    body = {"phone": "+919876543210", "variables": {"1": "Asha"}}
    first = requests.post(f"{stack.base}/templates/{template_id}/test", json=body, headers=headers, timeout=30)
    again = requests.post(f"{stack.base}/templates/{template_id}/test", json=body, headers=headers, timeout=30)
    assert first.status_code == 200 and first.json()["state"] == "sent", first.text
    assert again.json() == first.json()
    assert call("GET", "/balance").json()["balance"] == 1_000_000 - 20
