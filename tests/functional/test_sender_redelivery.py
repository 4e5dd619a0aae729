"""The sender killed between each pair of its steps, then delivered again (SQS is at least once):
no double send, no double charge, no lost or stuck target, counters equal to the target states."""

from __future__ import annotations

import itertools
import threading
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.providers.port import MessageProvider, OutboundMessage, SendResult
from chalicelib.services import balance as balance_service
from chalicelib.services import runner
from chalicelib.store import chunks as chunk_store
from chalicelib.store import targets as target_store
from tests.support.drain import drain
from tests.support.providers import UseProvider
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

PRICE = 20


class Killed(Exception):
    """The process died here."""


@pytest.fixture(autouse=True)
def four_targets_a_chunk(small_chunks: None) -> None:
    """Chunks of 4 targets, so 10 members make 3 chunks."""


@pytest.fixture
def sends(use_provider: UseProvider) -> list[OutboundMessage]:
    """Every message any provider was asked to send."""
    seen: list[OutboundMessage] = []
    lock = threading.Lock()
    real = runner.provider_for

    class Recording:
        def __init__(self, inner: MessageProvider) -> None:
            self.inner = inner

        def send(self, message: OutboundMessage) -> SendResult:
            with lock:
                seen.append(message)
            return self.inner.send(message)

    use_provider(lambda credentials: Recording(real(credentials)))
    return seen


def kill_once_after(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, *, on_call: int = 1) -> list[int]:
    """Let `owner.name` run, then kill the process right after its `on_call`-th call returns."""
    real: Callable[..., Any] = getattr(owner, name)
    calls = [0]

    def step(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        calls[0] += 1
        if calls[0] == on_call:
            raise Killed(f"killed after {name}")
        return result

    monkeypatch.setattr(owner, name, step)
    return calls


def kill_after_sending_before_writing(monkeypatch: pytest.MonkeyPatch, *, on_call: int) -> None:
    real = target_store.put_targets_as_they_come
    calls = [0]

    def step(broadcast_id: str, targets: Iterable[Any]) -> Any:
        calls[0] += 1
        if calls[0] == on_call:
            list(targets)
            raise Killed("killed after sending, before writing")
        return real(broadcast_id, targets)

    monkeypatch.setattr(target_store, "put_targets_as_they_come", step)


def kill_while_writing(monkeypatch: pytest.MonkeyPatch, *, on_call: int) -> None:
    real = target_store.put_targets_as_they_come
    calls = [0]

    def step(broadcast_id: str, targets: Iterable[Any]) -> Any:
        calls[0] += 1
        if calls[0] == on_call:
            real(broadcast_id, itertools.islice(targets, 2))
            raise Killed("killed half way through writing")
        return real(broadcast_id, targets)

    monkeypatch.setattr(target_store, "put_targets_as_they_come", step)


STEPS = [
    pytest.param(balance_service, "reserve", id="after reserving the chunk's cost"),
    pytest.param(None, "sending", id="after sending, before writing target states"),
    pytest.param(None, "writing", id="half way through writing target states"),
    pytest.param(target_store, "put_targets_as_they_come", id="after writing target states, before settling"),
    pytest.param(chunk_store, "settle_chunk", id="after settling, before the refund"),
    pytest.param(balance_service, "refund", id="after the refund, before the completion check"),
    pytest.param(runner, "complete_if_settled", id="after the completion check"),
]


@pytest.mark.parametrize(("owner", "name"), STEPS)
def test_a_sender_killed_between_steps_and_redelivered_settles_everything_exactly_once(
        client: Client, auth: Auth, chalice_app: Any, monkeypatch: pytest.MonkeyPatch,
        sends: list[OutboundMessage], owner: Any, name: str) -> None:
    # GIVEN a broadcast of 10 members (3 chunks), two of whom lack their variable (refunded failures)
    simulator(client, auth)
    credit(client, auth, amount=1_000)
    template_id = approved_template(client, auth)
    roster = [*members(8), {"phone": "+14155550901", "variables": {}}, {"phone": "+14155550902", "variables": {}}]
    list_id = contact_list(client, auth, members=roster)
    broadcast_id = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id, "list_id": list_id})[1][
        "broadcast_id"]
    call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())
    drain(chalice_app, queues={"dispatch"})
    # WHEN the sender dies after this step on the second chunk, and the chunk is delivered again
    if name == "sending":
        kill_after_sending_before_writing(monkeypatch, on_call=2)
    elif name == "writing":
        kill_while_writing(monkeypatch, on_call=2)
    else:
        kill_once_after(monkeypatch, owner, name, on_call=2)
    drain(chalice_app)

    # THEN every target settled once, money and counters are exact
    final = broadcast(client, auth, broadcast_id)
    targets = all_targets(client, auth, broadcast_id)
    states = Counter(t["state"] for t in targets)
    assert final["status"] == "completed"
    assert states == {"sent": 8, "failed": 2}
    assert (final["sent_count"], final["failed_count"]) == (8, 2)
    ids_per_phone: dict[str, set[str]] = {}
    for message in sends:
        ids_per_phone.setdefault(message.phone, set()).add(message.message_id)
    assert all(len(ids) == 1 for ids in ids_per_phone.values())
    assert len(ids_per_phone) == 8
    assert {t["rm_message_id"] for t in targets if t["state"] == "sent"} == {i for ids in ids_per_phone.values()
                                                                            for i in ids}
    assert balance(client, auth) == 1_000 - 8 * PRICE


def test_transient_provider_errors_go_back_to_the_queue_and_nothing_is_lost(
        client: Client, auth: Auth, chalice_app: Any, sends: list[OutboundMessage]) -> None:
    simulator(client, auth, throttle_rate=0.4)
    credit(client, auth, amount=1_000)
    template_id = approved_template(client, auth)
    list_id = contact_list(client, auth, members=members(10))
    broadcast_id = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id, "list_id": list_id})[1][
        "broadcast_id"]
    call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())
    drain(chalice_app, timeout=120)

    final = broadcast(client, auth, broadcast_id)
    targets = all_targets(client, auth, broadcast_id)
    assert final["status"] == "completed"
    assert final["sent_count"] + final["failed_count"] == 10
    assert final["sent_count"] == sum(t["state"] == "sent" for t in targets)
    assert {t["failure_reason"] for t in targets if t["state"] == "failed"} <= {"provider_unavailable"}
    assert len(sends) > 10
    assert balance(client, auth) == 1_000 - final["sent_count"] * PRICE
