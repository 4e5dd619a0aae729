"""`make run`'s stack: the simulator's replies, taps and STOPs reach the webhook over HTTP, count
on the broadcast, and the next broadcast skips the numbers that said STOP."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import Stack, wait_for

pytestmark = pytest.mark.stack

PHONES = [f"+1415557{n:04d}" for n in range(20)]


def test_simulated_replies_taps_and_stops_count_and_the_next_broadcast_skips_the_stops(stack: Stack) -> None:
    # GIVEN a simulator where every number replies (about half of them STOP) and taps a suggestion
    call = stack.client("e2e-replies")
    admin = stack.client("ops", admin=True)
    assert call("PUT", "/credentials", {
        "provider": "simulator", "latency_ms": 5, "delivery_rate": 1.0, "read_rate": 0.0, "delivery_delay_ms": 200,
        "reply_rate": 1.0, "stop_rate": 0.5, "click_rate": 1.0, "reply_delay_ms": 200,
    }).status_code == 200
    assert admin("POST", "/admin/accounts/e2e-replies/credit", {"amount": 100_000, "reference": "e2e-replies"}
                 ).status_code == 200
    template_id = call("POST", "/templates", {
        "name": "shipped", "category": "transactional", "language": "en_US",
        "components": {"type": "text", "text": "Hello {{1}}, your order ships tomorrow."},
        "suggestions": [{"type": "reply", "text": "Track it", "postback_data": "track"}],
    }).json()["template_id"]
    assert admin("POST", f"/admin/templates/{template_id}/review", {"decision": "approved", "reason": "fine"}
                 ).status_code == 200
    list_id = call("POST", "/lists", {"name": "customers"}).json()["list_id"]
    assert call("POST", f"/lists/{list_id}/members", {
        "members": [{"phone": p, "variables": {"1": "Ann"}} for p in PHONES]}).status_code == 201

    def run() -> str:
        broadcast_id = str(call("POST", "/broadcasts", {"template_id": template_id, "list_id": list_id}
                                ).json()["broadcast_id"])
        assert call("POST", f"/broadcasts/{broadcast_id}/start").status_code == 200
        return broadcast_id

    # WHEN a broadcast runs and the simulated people answer
    first = run()

    def answered() -> Any:
        shown = call("GET", f"/broadcasts/{first}").json()["broadcast"]
        return shown if (shown["replied_count"], shown["clicked_count"]) == (20, 20) else None

    shown = wait_for(answered, timeout=60, every=0.5)
    # THEN every reply and tap counted once, and the STOP senders are on the opt-out list
    assert shown["clicks"] == [{"postback_data": "track", "text": "Track it", "count": 20}]
    stops = {row["phone"] for row in call("GET", "/optouts").json()["optouts"]}
    assert 0 < len(stops) < 20 and stops <= set(PHONES)
    assert {row["source"] for row in call("GET", "/optouts").json()["optouts"]} == {"inbound"}
    # AND the next broadcast to the same list skips them, uncharged
    second = run()

    def completed() -> Any:
        shown = call("GET", f"/broadcasts/{second}").json()["broadcast"]
        return shown if shown["status"] == "completed" else None

    final = wait_for(completed, timeout=60)
    assert (final["sent_count"], final["suppressed_count"]) == (20 - len(stops), len(stops))
    suppressed = call("GET", f"/broadcasts/{second}/targets?state=suppressed&size=100").json()["targets"]
    assert {t["recipient_phone"] for t in suppressed} == stops
