"""The sender killed between its steps, a pause before SQS delivers the chunk again, then resume:
whatever step it died after, no target is sent twice or skipped, no money is taken twice, and the
counters equal the target states, both while paused and at the end."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.services import balance as balance_service
from chalicelib.services import broadcasts as broadcast_service
from chalicelib.store import chunks as chunk_store
from chalicelib.store import targets as target_store
from tests.functional.controls.conftest import CREDIT, PRICE, Sends, started
from tests.support.drain import drain
from tests.support.money import assert_ledger_reconciles
from tests.support.world import Auth, all_targets, balance, broadcast, call


class Killed(Exception):
    """The process died here."""


def kill_first_call(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, *, consume: bool = False) -> list[int]:
    """The first call of `owner.name` runs (or, with `consume`, only its targets are drawn: the
    messages go out, nothing is written), then the process dies."""
    real: Callable[..., Any] = getattr(owner, name)
    calls = [0]

    def step(*args: Any, **kwargs: Any) -> Any:
        calls[0] += 1
        if calls[0] != 1:
            return real(*args, **kwargs)
        if consume:
            targets: Iterable[Any] = args[1]
            list(targets)
        else:
            real(*args, **kwargs)
        raise Killed(f"killed after {name}")

    monkeypatch.setattr(owner, name, step)
    return calls


STEPS = [
    pytest.param(balance_service, "reserve", False, id="after reserving"),
    pytest.param(target_store, "put_targets_as_they_come", True, id="after sending, before writing"),
    pytest.param(target_store, "put_targets_as_they_come", False, id="after writing, before settling"),
    pytest.param(chunk_store, "settle_chunk", False, id="after settling, before the refund"),
]


def assert_exact(client: Client, auth: Auth, broadcast_id: str, sends: Sends) -> dict[str, Any]:
    row = broadcast(client, auth, broadcast_id)
    states = Counter(t["state"] for t in all_targets(client, auth, broadcast_id))
    assert (row["sent_count"], row["failed_count"], row["queued_count"]) == (
        states["sent"], states["failed"], states["queued"]), (row, states)
    assert all(len(ids) == 1 for ids in sends.per_phone().values())  # a resend reuses its id
    assert balance(client, auth) == CREDIT - row["sent_count"] * PRICE
    assert_ledger_reconciles(client, auth, price=PRICE, sent=row["sent_count"])
    return row


@pytest.mark.parametrize(("owner", "name", "consume"), STEPS)
def test_a_sender_killed_then_paused_then_resumed_settles_everything_exactly_once(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], sends: Sends,
        monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, consume: bool) -> None:
    # GIVEN a running broadcast of 10 (3 chunks) whose first sender dies after this step
    broadcast_id = started(client, auth, world)
    drain(chalice_app, queues={"dispatch"})
    calls = kill_first_call(monkeypatch, owner, name, consume=consume)
    drain(chalice_app, until=lambda: calls[0] >= 1)
    # WHEN the broadcast is paused before the chunk comes back, and the queues run dry
    status, body = call(client, "POST", f"/broadcasts/{broadcast_id}/pause", auth())
    assert (status, body["status"]) == (200, "paused")
    drain(chalice_app)
    # THEN while paused, the money and the counters say exactly what was sent
    paused = assert_exact(client, auth, broadcast_id, sends)
    assert paused["status"] == "paused"
    # WHEN it is resumed
    assert broadcast_service.resume("acme", broadcast_id) == "running"
    drain(chalice_app)
    # THEN every target was sent once, under one message id, and charged once
    final = assert_exact(client, auth, broadcast_id, sends)
    assert (final["status"], final["sent_count"], final["queued_count"]) == ("completed", 10, 0)
    assert len(sends.per_phone()) == 10
