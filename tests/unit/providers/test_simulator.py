"""The simulated provider: RBM-like outcomes that are a pure function of the message id."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta

import pytest

from chalicelib.providers import (
    NOT_RCS_CAPABLE,
    PROVIDER_REJECTED,
    RATE_LIMITED,
    OutboundMessage,
    ProviderConfigError,
    message_id_for,
)
from chalicelib.providers.receipts import ReceiptEvent
from chalicelib.providers.simulator import SimulatorProvider, SimulatorSettings

BODY = {"contentMessage": {"text": "hello"}}
NOW = datetime(2026, 5, 28, 8, 0, tzinfo=UTC)


def message(i: int = 0, body: dict[str, object] | None = None) -> OutboundMessage:
    phone = f"+9198765{i:05d}"
    return OutboundMessage(message_id_for("b-sim", phone), phone, body or BODY)


class RecordingEmitter:
    def __init__(self) -> None:
        self.scheduled: list[tuple[ReceiptEvent, float]] = []

    def schedule(self, event: ReceiptEvent, delay_seconds: float) -> None:
        self.scheduled.append((event, delay_seconds))


def simulator(emitter: RecordingEmitter | None = None, **settings: float) -> SimulatorProvider:
    return SimulatorProvider(
        SimulatorSettings(**{"latency_ms": 0, **settings}), agent_id="sim_agent", emitter=emitter,
        sleep=lambda _: None, clock=lambda: NOW,
    )


def test_a_sent_message_keeps_the_callers_message_id() -> None:
    outbound = message()

    result = simulator().send(outbound)

    assert (result.outcome, result.message_id) == ("sent", outbound.message_id)


def test_the_same_message_gets_the_same_outcome_every_time_from_any_instance() -> None:
    messages = [message(i) for i in range(200)]
    first = [simulator(not_capable_rate=0.3, failure_rate=0.3).send(m) for m in messages]

    again = [simulator(not_capable_rate=0.3, failure_rate=0.3).send(m) for m in messages]

    assert [(r.outcome, r.failure_reason) for r in first] == [(r.outcome, r.failure_reason) for r in again]
    assert len({r.outcome for r in first}) == 2  # not all the same: the draw depends on the id


def test_the_failure_mix_follows_the_configured_rates() -> None:
    provider = simulator(not_capable_rate=0.10, failure_rate=0.20)

    counts = Counter(provider.send(message(i)).failure_reason for i in range(5000))

    assert counts[NOT_RCS_CAPABLE] / 5000 == pytest.approx(0.10, abs=0.02)
    assert counts[PROVIDER_REJECTED] / 5000 == pytest.approx(0.20, abs=0.02)
    assert counts[""] / 5000 == pytest.approx(0.70, abs=0.02)


@pytest.mark.parametrize(
    ("settings", "expected"),
    [({}, ("sent", "")), ({"not_capable_rate": 1.0}, ("failed", NOT_RCS_CAPABLE)),
     ({"failure_rate": 1.0}, ("failed", PROVIDER_REJECTED))],
    ids=["defaults", "no-rcs", "all-rejected"],
)
def test_rates_of_zero_and_one_are_exact(settings: dict[str, float], expected: tuple[str, str]) -> None:
    provider = simulator(None, **settings)

    assert {(r.outcome, r.failure_reason) for r in map(provider.send, map(message, range(100)))} == {expected}


def test_latency_is_spent_on_every_send() -> None:
    slept: list[float] = []
    provider = SimulatorProvider(SimulatorSettings(latency_ms=120), sleep=slept.append)

    provider.send(message())

    assert slept == [0.12]


def test_throttling_hands_the_message_back_for_a_retry() -> None:
    provider = SimulatorProvider(SimulatorSettings(latency_ms=0, throttle_rate=0.5), rng=random.Random(7),
                                 sleep=lambda _: None)

    outcomes = Counter(provider.send(message()).outcome for _ in range(400))

    assert outcomes["retry"] / 400 == pytest.approx(0.5, abs=0.1)
    always = SimulatorProvider(SimulatorSettings(latency_ms=0, throttle_rate=1.0), sleep=lambda _: None)
    retried = always.send(message())
    assert (retried.failure_reason, retried.retry_after) == (RATE_LIMITED, 1.0)


def test_a_message_rbm_would_refuse_is_rejected() -> None:
    result = simulator().send(message(body={"contentMessage": {"text": "a", "contentInfo": {"fileUrl": "x"}}}))

    assert (result.outcome, result.failure_reason) == ("failed", PROVIDER_REJECTED)


def test_a_sent_message_is_delivered_then_read_after_the_configured_delays() -> None:
    emitter = RecordingEmitter()
    outbound = message()

    simulator(emitter, delivery_rate=1.0, read_rate=1.0, delivery_delay_ms=500, read_delay_ms=2000).send(outbound)

    [(delivered, delivered_after), (read, read_after)] = emitter.scheduled
    assert (delivered.event_type, delivered_after) == ("DELIVERED", 0.5)
    assert (read.event_type, read_after) == ("READ", 2.5)
    assert (delivered.message_id, delivered.phone) == (outbound.message_id, outbound.phone)
    assert delivered.agent_id == "sim_agent"
    assert delivered.send_time == NOW + timedelta(seconds=0.5)
    assert delivered.event_id != read.event_id


def test_receipts_follow_the_rates_and_are_the_same_for_a_resend() -> None:
    emitter = RecordingEmitter()
    provider = simulator(emitter, delivery_rate=0.5, read_rate=0.5)
    messages = [message(i) for i in range(2000)]

    for outbound in messages:
        provider.send(outbound)
    first = [(e.message_id, e.event_type, e.event_id) for e, _ in emitter.scheduled]
    emitter.scheduled.clear()
    for outbound in messages:
        provider.send(outbound)

    kinds = Counter(kind for _, kind, _ in first)
    assert kinds["DELIVERED"] / 2000 == pytest.approx(0.5, abs=0.04)
    assert kinds["READ"] / 2000 == pytest.approx(0.25, abs=0.04)  # read_rate is a share of the delivered
    assert [(e.message_id, e.event_type, e.event_id) for e, _ in emitter.scheduled] == first


def test_a_failed_message_sends_no_receipts() -> None:
    emitter = RecordingEmitter()

    simulator(emitter, not_capable_rate=1.0).send(message())

    assert emitter.scheduled == []


def test_settings_come_from_the_credentials_fields_ignoring_unknown_ones() -> None:
    settings = SimulatorSettings.from_mapping({"latency_ms": "20", "failure_rate": 0.1, "colour": "blue",
                                               "read_rate": None})

    assert (settings.latency_ms, settings.failure_rate, settings.read_rate) == (20.0, 0.1, 0.6)


@pytest.mark.parametrize("bad", [{"failure_rate": 1.5}, {"read_rate": -0.1}, {"latency_ms": "fast"},
                                 {"not_capable_rate": float("nan")}])
def test_settings_out_of_range_are_a_config_error(bad: dict[str, object]) -> None:
    with pytest.raises(ProviderConfigError):
        SimulatorSettings.from_mapping(bad)


def test_the_reach_check_answers_from_not_capable_rate_per_number_the_same_every_time() -> None:
    phones = [f"+1415555{n:04d}" for n in range(2000)]
    provider = simulator(not_capable_rate=0.25)
    reachable = provider.reachable_users(phones)
    again = simulator(not_capable_rate=0.25).reachable_users(list(reversed(phones)))
    assert reachable is not None and reachable == again
    assert 0.70 < len(reachable) / len(phones) < 0.80
    assert simulator().reachable_users(phones) == frozenset(phones)
    assert simulator(not_capable_rate=1.0).reachable_users(phones) == frozenset()


def test_an_undelivered_message_with_a_ttl_expires_with_rbm_server_event_and_revoke_follows_delivery() -> None:
    # GIVEN a simulator that delivers nothing, and a message with a ten-minute ttl
    emitter = RecordingEmitter()
    quiet = simulator(emitter, delivery_rate=0.0)
    body = {"contentMessage": {"text": "code 1234"}, "ttl": "600s"}
    sent = quiet.send(OutboundMessage(message_id_for("b-ttl", "+14155550100"), "+14155550100", body))
    assert sent.outcome == "sent"
    # THEN RBM's TTL_EXPIRATION_REVOKED follows when the ttl passes, naming the phone as RBM does
    [(event, delay)] = emitter.scheduled
    assert (event.event_type, delay) == ("TTL_EXPIRATION_REVOKED", 600.0)
    payload = event.payload()
    assert payload["phoneNumber"] == "+14155550100" and "senderPhoneNumber" not in payload
    # AND a message it will not deliver can be revoked; one it delivers cannot (RBM's 404)
    assert quiet.revoke("+14155550100", sent.message_id).outcome == "revoked"
    assert simulator(delivery_rate=1.0).revoke("+14155550100", sent.message_id).outcome == "not_revoked"
