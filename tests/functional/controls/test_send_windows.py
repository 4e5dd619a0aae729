"""Send windows (docs/spec/campaigns.md, `send_window`): targets outside their window, in the
recipient's local time, wait without holding a Lambda (their chunk comes back on a delayed SQS
message) and go when the window opens. The clock is set by the test; the delayed messages are held
by the test and handed to the queue when it lets time pass."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from typing import Any

import pytest
from chalice.test import Client

from chalicelib import messaging
from chalicelib.services import quiet_hours
from tests.functional.controls.conftest import CREDIT, PRICE, Sends
from tests.support.drain import drain
from tests.support.money import assert_ledger_reconciles
from tests.support.providers import UseProvider
from tests.support.world import Auth, approved_template, balance, broadcast, call, contact_list, credit, simulator


class Clock:
    """The runner's clock, and the send jobs it queued for later (SQS DelaySeconds)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.now = datetime(2026, 6, 1, tzinfo=UTC)
        self.delayed: list[tuple[messaging.Message, int]] = []
        real_send = messaging.send

        def send(key: str, body: messaging.Message, *, delay_seconds: int = 0) -> None:
            if key == "send" and delay_seconds:
                self.delayed.append((body, delay_seconds))
            else:
                real_send(key, body, delay_seconds=delay_seconds)

        monkeypatch.setattr(quiet_hours, "now", lambda: self.now)
        monkeypatch.setattr(messaging, "send", send)

    def set(self, text: str) -> None:
        self.now = datetime.fromisoformat(text.replace("Z", "+00:00"))

    def release(self) -> list[int]:
        """Time passes: the held jobs reach the queue. Their delays are returned."""
        held, self.delayed = self.delayed, []
        for body, _ in held:
            messaging.send("send", body)
        return [delay for _, delay in held]


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


def phones(prefix: str, count: int) -> list[dict[str, Any]]:
    return [{"phone": f"{prefix}{n}", "variables": {"1": f"Ann {n}"}} for n in range(count)]


INDIA = phones("+91987654320", 6)  # Asia/Kolkata, UTC+5:30, no DST
GERMANY = phones("+491511234567", 3)  # Europe/Berlin (and Zurich): DST on 29 March 2026
USA = phones("+1415555000", 5)  # 29 zones from New York (UTC-4 in June) to Honolulu (UTC-10)


def start(client: Client, auth: Auth, roster: list[dict[str, Any]], *, window: dict[str, str] | None = None,
          category: str = "transactional") -> str:
    simulator(client, auth)
    credit(client, auth, amount=CREDIT)
    body: dict[str, Any] = {"template_id": approved_template(client, auth, category=category),
                            "list_id": contact_list(client, auth, members=roster)}
    if window is not None:
        body["send_window"] = window
    status, answer = call(client, "POST", "/broadcasts", auth(), body)
    assert status == 201, answer
    broadcast_id = str(answer["broadcast_id"])
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[0] == 200
    return broadcast_id


def assert_all_waiting(client: Client, auth: Auth, broadcast_id: str, total: int, opening: str) -> None:
    row = broadcast(client, auth, broadcast_id)
    assert (row["status"], row["sent_count"], row["queued_count"]) == ("running", 0, total), row
    assert row["next_window_at"] == opening
    assert balance(client, auth) == CREDIT  # nothing is reserved for targets that wait


def assert_all_sent_once(client: Client, auth: Auth, broadcast_id: str, sends: Sends, total: int,
                         price: int = PRICE) -> None:
    row = broadcast(client, auth, broadcast_id)
    assert (row["status"], row["sent_count"], row["queued_count"]) == ("completed", total, 0), row
    assert row["next_window_at"] == "0001-01-01T00:00:00Z"
    assert len(sends.messages) == total and all(len(ids) == 1 for ids in sends.per_phone().values())
    assert_ledger_reconciles(client, auth, price=price, sent=total)


def test_a_window_across_midnight_holds_targets_until_it_opens_in_their_local_time(
        client: Client, auth: Auth, chalice_app: Any, clock: Clock, sends: Sends) -> None:
    # GIVEN 17:30 in India and a window from 22:00 to 06:00
    clock.set("2026-06-01T12:00:00Z")
    broadcast_id = start(client, auth, INDIA, window={"start": "22:00", "end": "06:00"})
    drain(chalice_app)
    # THEN nothing is sent; the broadcast shows them all waiting and when their window opens
    assert sends.messages == []
    assert_all_waiting(client, auth, broadcast_id, 6, "2026-06-01T16:30:00Z")
    assert clock.delayed and all(0 < delay <= 600 for _, delay in clock.delayed)
    # WHEN 15 minutes pass, still before 22:00: the chunk waits again
    clock.set("2026-06-01T12:15:00Z")
    clock.release()
    drain(chalice_app)
    assert sends.messages == [] and len(clock.delayed) == 1
    # WHEN it is 01:30 the next morning in India (inside the window, past midnight)
    clock.set("2026-06-01T20:00:00Z")
    clock.release()
    drain(chalice_app)
    # THEN every target went once
    assert_all_sent_once(client, auth, broadcast_id, sends, 6)
    assert clock.delayed == []


def test_a_window_keeps_to_local_time_across_a_dst_change(
        client: Client, auth: Auth, chalice_app: Any, clock: Clock, sends: Sends) -> None:
    # GIVEN Saturday 18:00 in Berlin (CET, UTC+1); the clocks go forward to CEST that night
    clock.set("2026-03-28T17:00:00Z")
    broadcast_id = start(client, auth, GERMANY, window={"start": "09:00", "end": "17:00"})
    drain(chalice_app)
    # THEN the window opens at 09:00 CEST, 07:00 UTC (not 08:00 UTC, as on the day before)
    assert_all_waiting(client, auth, broadcast_id, 3, "2026-03-29T07:00:00Z")
    # WHEN it is 07:30 UTC (09:30 local) on Sunday
    clock.set("2026-03-29T07:30:00Z")
    clock.release()
    drain(chalice_app)
    assert_all_sent_once(client, auth, broadcast_id, sends, 3)


def test_a_country_with_several_zones_is_sent_to_only_when_the_window_is_open_in_all_of_them(
        client: Client, auth: Auth, chalice_app: Any, clock: Clock, sends: Sends) -> None:
    # GIVEN 10:00 in New York, 04:00 in Honolulu, and a window from 09:00 to 17:00
    clock.set("2026-06-15T14:00:00Z")
    broadcast_id = start(client, auth, USA, window={"start": "09:00", "end": "17:00"})
    drain(chalice_app)
    # THEN they wait for 09:00 in Honolulu, the last zone to open (19:00 UTC, 15:00 in New York)
    assert_all_waiting(client, auth, broadcast_id, 5, "2026-06-15T19:00:00Z")
    # WHEN it is 18:59 UTC: Adak (UTC-9) is open, Honolulu not yet: still waiting
    clock.set("2026-06-15T18:59:00Z")
    clock.release()
    drain(chalice_app)
    assert sends.messages == []
    # WHEN it is 19:30 UTC: open from New York (15:30) to Honolulu (09:30)
    clock.set("2026-06-15T19:30:00Z")
    clock.release()
    drain(chalice_app)
    assert_all_sent_once(client, auth, broadcast_id, sends, 5)


def test_india_promotional_traffic_keeps_to_10_to_21_ist_and_a_window_opening_while_paused_waits_for_resume(
        client: Client, auth: Auth, chalice_app: Any, clock: Clock, sends: Sends) -> None:
    # GIVEN 07:30 in India, a promotional template and no window of the broadcast's own
    clock.set("2026-06-01T02:00:00Z")
    broadcast_id = start(client, auth, INDIA, category="promotional")
    drain(chalice_app)
    assert_all_waiting(client, auth, broadcast_id, 6, "2026-06-01T04:30:00Z")  # 10:00 IST
    # WHEN it is paused, and its window opens while it is paused
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/pause", auth())[1]["status"] == "paused"
    clock.set("2026-06-01T05:00:00Z")
    clock.release()
    drain(chalice_app)
    # THEN nothing is sent while paused, nothing is charged
    row = broadcast(client, auth, broadcast_id)
    assert (row["status"], row["queued_count"], sends.messages) == ("paused", 6, [])
    assert balance(client, auth) == CREDIT
    # WHEN it is resumed: every target goes once
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/resume", auth())[0] == 200
    drain(chalice_app)
    assert_all_sent_once(client, auth, broadcast_id, sends, 6, price=35)  # a promotional message


def test_a_window_never_open_everywhere_in_a_country_fails_its_targets_without_charging(
        client: Client, auth: Auth, chalice_app: Any, clock: Clock, sends: Sends) -> None:
    clock.set("2026-06-15T14:00:00Z")
    broadcast_id = start(client, auth, USA, window={"start": "09:00", "end": "10:00"})
    drain(chalice_app)
    row = broadcast(client, auth, broadcast_id)
    assert (row["status"], row["failed_count"]) == ("completed", 5)
    reasons = Counter(t["failure_reason"] for t in _targets(client, auth, broadcast_id))
    assert reasons == {"outside_send_window": 5}
    assert sends.messages == [] and balance(client, auth) == CREDIT


def _targets(client: Client, auth: Auth, broadcast_id: str) -> list[dict[str, Any]]:
    return list(call(client, "GET", f"/broadcasts/{broadcast_id}/targets?size=100", auth())[1]["targets"])


def test_the_account_default_window_applies_to_new_broadcasts_and_bad_windows_are_400s_naming_the_field(
        client: Client, auth: Auth, clock: Clock) -> None:
    assert call(client, "GET", "/settings", auth())[1] == {"success": True, "send_window": None}
    window = {"start": "09:30", "end": "20:00"}
    assert call(client, "PUT", "/settings", auth(), {"send_window": window})[1] == {
        "success": True, "send_window": window}
    simulator(client, auth)
    body = {"template_id": approved_template(client, auth), "list_id": contact_list(client, auth, members=INDIA)}
    status, answer = call(client, "POST", "/broadcasts", auth(), body)
    assert broadcast(client, auth, answer["broadcast_id"])["send_window"] == window
    own = {"start": "08:00", "end": "09:00"}
    status, answer = call(client, "POST", "/broadcasts", auth(), {**body, "send_window": own})
    assert broadcast(client, auth, answer["broadcast_id"])["send_window"] == own
    for bad, field in [({"start": "24:00", "end": "09:00"}, "send_window.start"),
                       ({"start": "09:00", "end": "9:00"}, "send_window.end"),
                       ({"start": "09:00", "end": "09:00"}, "send_window.end"),
                       ({"start": "09:00"}, "send_window")]:
        status, answer = call(client, "POST", "/broadcasts", auth(), {**body, "send_window": bad})
        assert (status, answer["error"]) == (400, "validation_error") and field in answer["message"], answer
        status, answer = call(client, "PUT", "/settings", auth(), {"send_window": bad})
        assert status == 400 and field in answer["message"], answer
    assert call(client, "PUT", "/settings", auth(), {"send_window": None})[1]["send_window"] is None


def test_targets_that_come_due_during_a_redelivery_wait_for_the_next_wave_instead_of_failing_for_money(
        client: Client, auth: Auth, chalice_app: Any, clock: Clock, sends: Sends,
        use_provider: UseProvider) -> None:
    """One chunk of Indian (open) and German (closed) numbers; a transient error sends the chunk back,
    and by its redelivery Germany's window has opened: more targets are due than the pass reserved."""
    from chalicelib.providers.port import SendResult
    from chalicelib.services import runner

    clock.set("2026-06-01T05:00:00Z")  # 10:30 in India, 07:00 in Berlin
    real = runner.provider_for
    throttled: list[str] = []

    class ThrottleOnce:
        def __init__(self, inner: Any) -> None:
            self.inner = inner

        def send(self, message: Any) -> Any:
            if message.phone == INDIA[0]["phone"] and not throttled:
                throttled.append(message.phone)
                clock.set("2026-06-01T07:30:00Z")  # by the redelivery, Berlin is at 09:30
                return SendResult.retry(message.message_id, "rate_limited")
            return self.inner.send(message)

    use_provider(lambda credentials: ThrottleOnce(real(credentials)))
    broadcast_id = start(client, auth, [*INDIA, *GERMANY], window={"start": "09:00", "end": "17:00"})
    drain(chalice_app)
    assert throttled and broadcast(client, auth, broadcast_id)["queued_count"] == 3  # paid for by the next wave
    clock.release()
    drain(chalice_app)
    row = broadcast(client, auth, broadcast_id)
    assert (row["status"], row["sent_count"], row["failed_count"]) == ("completed", 9, 0), row
    assert_ledger_reconciles(client, auth, price=PRICE, sent=9)
