"""One send rate per account, shared by every sender (docs/pacing.md): the DynamoDB bucket in moto,
the senders on an injected clock (no wall-clock timing in any assertion)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from typing import Any

import pytest
from chalice.test import Client

from chalicelib import jobs
from chalicelib.providers.port import RATE_LIMITED, MessageProvider, OutboundMessage, SendResult
from chalicelib.services import account_pacing, account_settings, paced_send, runner, sender
from chalicelib.store import send_rates
from tests.support.caches import reset_caches
from tests.support.drain import drain
from tests.support.providers import UseProvider
from tests.support.world import (
    Auth,
    all_targets,
    approved_template,
    broadcast,
    call,
    contact_list,
    credit,
    members,
    simulator,
)

START = 1_800_000_000.0  # epoch seconds of the fake clock


class FakeClock:
    """Epoch seconds that move only when someone sleeps (shared by every sender of a test)."""

    def __init__(self) -> None:
        self.now = START
        self.lock = threading.Lock()

    def time(self) -> float:
        with self.lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self.lock:
            self.now += max(0.0, seconds)


class VirtualTime:
    """Time for `threads` threads that moves only when every one of them sleeps (or has finished): then
    to the earliest wake-up. Threads run as they would in real time, without taking any."""

    def __init__(self, threads: int) -> None:
        self.now = START
        self.active = threads
        self.wakes: list[float] = []
        self.changed = threading.Condition()

    def time(self) -> float:
        with self.changed:
            return self.now

    def sleep(self, seconds: float) -> None:
        with self.changed:
            wake = self.now + max(0.0, seconds)
            self.wakes.append(wake)
            self.active -= 1
            self._advance()
            while self.now < wake:
                self.changed.wait()
            self.wakes.remove(wake)
            self.active += 1

    def done(self) -> None:
        with self.changed:
            self.active -= 1
            self._advance()

    def _advance(self) -> None:
        if self.active == 0 and self.wakes:
            self.now = max(self.now, min(self.wakes))
            self.changed.notify_all()


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(account_pacing, "wall_clock", fake.time)
    monkeypatch.setattr(account_pacing, "wall_sleep", fake.sleep)
    return fake


@pytest.fixture
def aws_calls(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """Every AWS request made, as (operation, parameters)."""
    from botocore.client import BaseClient

    seen: list[tuple[str, dict[str, Any]]] = []
    real = BaseClient._make_api_call

    def record(self: Any, operation: str, params: Any) -> Any:
        seen.append((operation, dict(params)))
        return real(self, operation, params)

    monkeypatch.setattr(BaseClient, "_make_api_call", record)
    return seen


def most_in_one_second(times: list[float]) -> int:
    ordered = sorted(times)
    most, first = 0, 0
    for last, moment in enumerate(ordered):
        while ordered[first] <= moment - 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


def test_two_senders_of_one_account_together_never_exceed_its_rate(aws: None) -> None:
    # GIVEN two senders of one account limited to 100 messages a second, each with 300 messages,
    # running at once (on virtual time)
    time = VirtualTime(threads=2)
    senders = [account_pacing.AccountPacer("acme", limit=100, demand=300, clock=time.time, sleep=time.sleep)
               for _ in range(2)]
    sent: list[float] = []

    def send_all(pacer: account_pacing.AccountPacer) -> None:
        try:
            while pacer.acquire():
                sent.append(time.time())
        finally:
            time.done()

    # WHEN both send as fast as they are let
    threads = [threading.Thread(target=send_all, args=(pacer,)) for pacer in senders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    # THEN all 600 went, in six seconds, and no second held more than the rate allows
    assert len(sent) == 600
    assert max(sent) - min(sent) >= 5.9
    assert most_in_one_second(sent) <= 100
    # AND neither wasted a token, and each took its leases with one request per LEASE_SECONDS of rate
    assert sum(pacer.dropped for pacer in senders) == 0
    assert sum(pacer.requests for pacer in senders) <= 600 / (100 * account_pacing.LEASE_SECONDS) + 4


def test_a_lease_is_one_conditional_update_for_many_sends(
        aws: None, clock: FakeClock, aws_calls: list[tuple[str, dict[str, Any]]]) -> None:
    # GIVEN a sender of an account limited to 200 a second, with 500 messages
    pacer = account_pacing.AccountPacer("acme", limit=200, demand=500)
    # WHEN it sends its first lease's worth (LEASE_SECONDS of the rate)
    for _ in range(round(200 * account_pacing.LEASE_SECONDS)):
        assert pacer.acquire()
    # THEN that cost one DynamoDB request: a conditional UpdateItem, and no read
    assert [operation for operation, _ in aws_calls] == ["UpdateItem"]
    assert "ConditionExpression" in aws_calls[0][1]
    # AND a whole chunk costs one request per LEASE_SECONDS of the rate at most
    for _ in range(450):
        assert pacer.acquire()
    assert len(aws_calls) <= 500 / (200 * account_pacing.LEASE_SECONDS) + 1


def test_a_429_halves_the_accounts_rate_and_it_grows_back_additively(aws: None, clock: FakeClock) -> None:
    # GIVEN an account limited to 100 a second whose sender meets a 429
    pacer = account_pacing.AccountPacer("acme", limit=100, demand=1000)
    assert pacer.acquire()
    pacer.observe(SendResult.retry("5b0f4c1e-8f6a-4d2b-9c7e-3a1d2e4f6b80", RATE_LIMITED, status=429))
    state = send_rates.get_state("acme")
    # THEN the shared rate is halved, and grows back by 5 % of the limit a second up to the limit
    assert state.rate == pytest.approx(50)
    at = clock.time() * 1000
    assert account_pacing.effective_rate(state, 100, at) == pytest.approx(50)
    assert account_pacing.effective_rate(state, 100, at + 4000) == pytest.approx(70)
    assert account_pacing.effective_rate(state, 100, at + 10_000) == pytest.approx(100)
    assert account_pacing.effective_rate(state, 100, at + 60_000) == pytest.approx(100)
    # AND a burst of 429s seen by several senders halves it once, not once each
    other = account_pacing.AccountPacer("acme", limit=100, demand=50)
    pacer.observe(SendResult.retry("5b0f4c1e-8f6a-4d2b-9c7e-3a1d2e4f6b80", RATE_LIMITED, status=429))
    other.observe(SendResult.retry("5b0f4c1e-8f6a-4d2b-9c7e-3a1d2e4f6b80", RATE_LIMITED, status=429))
    assert send_rates.get_state("acme").rate_at == state.rate_at
    # AND other transient answers leave the rate alone
    other.observe(SendResult.retry("5b0f4c1e-8f6a-4d2b-9c7e-3a1d2e4f6b80", "provider_unavailable", status=503))
    assert send_rates.get_state("acme").rate == state.rate
    # AND every sender of the account now paces at the lowered rate: 50 sends take about a second
    begun = clock.time()
    for _ in range(50):
        assert other.acquire()
    assert clock.time() - begun >= 0.9


def test_retry_after_holds_every_sender_of_the_account(aws: None, clock: FakeClock) -> None:
    # GIVEN two senders of one account; one meets a 429 asking to retry after 3 seconds
    a = account_pacing.AccountPacer("acme", limit=100, demand=100)
    b = account_pacing.AccountPacer("acme", limit=100, demand=100)
    assert a.acquire()
    asked_at = clock.time()
    a.observe(SendResult.retry("5b0f4c1e-8f6a-4d2b-9c7e-3a1d2e4f6b80", RATE_LIMITED, retry_after=3.0, status=429))
    # WHEN either sends next
    assert b.acquire()
    b_at = clock.time()
    assert a.acquire()
    # THEN neither sends before the 3 seconds are over (the first one's lease was dropped too)
    assert b_at >= asked_at + 3.0 - 0.001  # slot times are kept to the microsecond
    assert clock.time() >= asked_at + 3.0 - 0.001


def test_a_sender_with_a_deferral_gives_its_work_up_when_the_account_is_booked_ahead(
        aws: None, clock: FakeClock) -> None:
    # GIVEN an account paused for 30 s by a Retry-After
    send_rates.pause_until("acme", until_ms=(clock.time() + 30) * 1000)
    deferral = account_pacing.Deferral()
    # WHEN a deferrable sender asks for a send
    with account_pacing.deferring(deferral):
        pacer = account_pacing.AccountPacer.for_account("acme", demand=10)
    # THEN it sends nothing, waits for nothing, and says when to come back
    assert pacer.acquire() is False
    assert clock.time() == START
    assert deferral.seconds == pytest.approx(30 - account_pacing.HORIZON_SECONDS)
    assert 30 - account_pacing.HORIZON_SECONDS <= account_pacing.deferral_delay(deferral) <= 30 + deferral.spread


def test_the_accounts_own_limit_is_used_else_the_setting(aws: None, settings_env: Callable[..., None]) -> None:
    settings_env(RCS_SEND_RATE_PER_SECOND="250")
    account_settings.set_send_rate("acme", 40)
    assert account_pacing.AccountPacer.for_account("acme", demand=1).limit == 40
    assert account_pacing.AccountPacer.for_account("other", demand=1).limit == 250
    account_settings.set_send_rate("acme", None)
    reset_caches()  # the pacer keeps an account's limit for a while
    assert account_pacing.AccountPacer.for_account("acme", demand=1).limit == 250


def test_an_admin_sets_an_accounts_send_rate(client: Client, auth: Auth) -> None:
    status, body = call(client, "GET", "/admin/accounts/acme/send-rate", auth("ops", admin=True))
    assert status == 200
    assert (body["send_rate_per_second"], body["custom"]) == (300, False)
    status, body = call(client, "PUT", "/admin/accounts/acme/send-rate", auth("ops", admin=True),
                        {"send_rate_per_second": 80})
    assert (status, body["send_rate_per_second"], body["custom"]) == (200, 80, True)
    assert account_settings.send_rate("acme") == 80
    status, body = call(client, "PUT", "/admin/accounts/acme/send-rate", auth("ops", admin=True),
                        {"send_rate_per_second": None})
    assert (status, body["send_rate_per_second"], body["custom"]) == (200, 300, False)
    status, body = call(client, "PUT", "/admin/accounts/acme/send-rate", auth("ops", admin=True),
                        {"send_rate_per_second": 0})
    assert status == 400
    assert "send_rate_per_second" in body["message"]
    status, _ = call(client, "PUT", "/admin/accounts/acme/send-rate", auth(), {"send_rate_per_second": 9000})
    assert status == 403


class Killed(Exception):
    """The sender's process died here."""


@pytest.fixture
def one_thread(settings_env: Callable[..., None], small_chunks: None) -> None:
    """Senders of one thread each (their sends follow the fake clock in order), chunks of 4 targets."""
    settings_env(RCS_SEND_CONCURRENCY="1")


def test_a_sender_killed_mid_lease_and_redelivered_keeps_the_rate_and_sends_each_message_once(
        client: Client, auth: Auth, chalice_app: Any, use_provider: UseProvider,
        clock: FakeClock, one_thread: None) -> None:
    # GIVEN a broadcast of 12 members (3 chunks) of an account limited to 4 messages a second
    simulator(client, auth, latency_ms=0)
    credit(client, auth, amount=10_000)
    account_settings.set_send_rate("acme", 4)
    template_id = approved_template(client, auth)
    list_id = contact_list(client, auth, members=members(12))
    broadcast_id = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id, "list_id": list_id})[1][
        "broadcast_id"]
    call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())
    drain(chalice_app, queues={"dispatch"})
    calls: Counter[str] = Counter()
    ids: dict[str, set[str]] = {}
    sent_at: list[float] = []
    real = runner.provider_for
    sends = [0]

    class Recording:
        def __init__(self, inner: MessageProvider) -> None:
            self.inner = inner

        def send(self, message: OutboundMessage) -> SendResult:
            sends[0] += 1
            if sends[0] == 6:
                raise Killed("the sender died in the middle of its lease")
            sent_at.append(clock.time())
            calls[message.phone] += 1
            ids.setdefault(message.phone, set()).add(message.message_id)
            return self.inner.send(message)

    use_provider(lambda credentials: Recording(real(credentials)))
    # WHEN the second chunk's sender dies after its first send, and its job comes back
    drain(chalice_app, timeout=120)

    # THEN every target was sent; a message sent again (only those of the chunk that died) went under
    # the same id, which the provider ignores; and the account never went faster than its rate
    final = broadcast(client, auth, broadcast_id)
    assert final["status"] == "completed"
    assert final["sent_count"] == 12
    assert {t["state"] for t in all_targets(client, auth, broadcast_id)} == {"sent"}
    assert len(ids) == 12
    assert all(len(message_ids) == 1 for message_ids in ids.values())
    assert sum(calls.values()) <= 12 + 4
    assert most_in_one_second(sent_at) <= 4 * (1 + account_pacing.LATE_SECONDS)
    assert max(sent_at) - min(sent_at) >= (12 - 4 * (1 + account_pacing.LATE_SECONDS)) / 4


def test_a_deferred_chunk_comes_back_as_a_new_message_and_is_sent(
        client: Client, auth: Auth, chalice_app: Any, clock: FakeClock, one_thread: None) -> None:
    # GIVEN a running broadcast of 4 members whose account is paused for 20 s (a Retry-After)
    simulator(client, auth, latency_ms=0)
    credit(client, auth, amount=10_000)
    template_id = approved_template(client, auth)
    list_id = contact_list(client, auth, members=members(4))
    broadcast_id = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id, "list_id": list_id})[1][
        "broadcast_id"]
    call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())
    drain(chalice_app, queues={"dispatch"})
    send_rates.pause_until("acme", until_ms=(clock.time() + 20) * 1000)
    from chalicelib.aws import client as aws_client
    from chalicelib.messaging import queue_url

    sqs = aws_client("sqs")
    message = sqs.receive_message(QueueUrl=queue_url("send"), MaxNumberOfMessages=1)["Messages"][0]
    sqs.delete_message(QueueUrl=queue_url("send"), ReceiptHandle=message["ReceiptHandle"])
    job = jobs.parse("send", message["Body"])
    assert isinstance(job, jobs.SendChunk)

    # WHEN its chunk's sender runs
    paced_send.send_chunk(sender.SendJob.of(job, final_attempt=False))
    # THEN nothing was sent and the job is back on the queue, delayed, as a new message
    assert broadcast(client, auth, broadcast_id)["sent_count"] == 0
    attributes = sqs.get_queue_attributes(QueueUrl=queue_url("send"),
                                          AttributeNames=["ApproximateNumberOfMessagesDelayed"])["Attributes"]
    assert int(attributes["ApproximateNumberOfMessagesDelayed"]) == 1
    copy = sqs.receive_message(QueueUrl=queue_url("send"), MaxNumberOfMessages=1, WaitTimeSeconds=0)
    assert not copy.get("Messages")
    # AND once the pause is over the copy (the same job) sends the chunk
    clock.sleep(25)
    paced_send.send_chunk(sender.SendJob.of(job, final_attempt=False))
    assert broadcast(client, auth, broadcast_id)["sent_count"] == 4
