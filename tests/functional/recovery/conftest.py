"""Fixtures of the recovery tests: a broadcast world of 10 members in 3 chunks, a pump that hands a
failed message back at once (so a message reaches its dead-letter queue in five quick deliveries),
and helpers to look at the dead-letter queues."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.aws import client as aws_client
from chalicelib.clock import utcnow
from chalicelib.services import reconciler
from chalicelib.settings import get_settings
from infra.local import pump
from tests.support.world import Auth, approved_template, call, contact_list, credit, simulator

PRICE = 20
CREDIT = 1_000
# Chunks of 4 (small_chunks): [0000-0003] [0004-0007] [0008-0009]; 0005 lacks its variable, so the
# second chunk owes a refund of one message whatever happens to it.
ROSTER = [{"phone": f"+1415555{n:04d}", "variables": {} if n == 5 else {"1": f"Ann {n}"}} for n in range(10)]
SECOND_CHUNK = "+14155550004"


class Killed(Exception):
    """The process died here."""


@pytest.fixture
def quick_redelivery(monkeypatch: pytest.MonkeyPatch) -> None:
    """A message whose delivery failed is visible again at once (not after 2 s)."""
    monkeypatch.setattr(pump, "RETRY_DELAY_SECONDS", 0)


@pytest.fixture
def world(client: Client, auth: Auth, small_chunks: None) -> dict[str, str]:
    """GIVEN simulator credentials, a balance of 1,000, an approved template (20 a message) and the
    roster above as a list."""
    simulator(client, auth)
    credit(client, auth, amount=CREDIT)
    return {"template_id": approved_template(client, auth), "list_id": contact_list(client, auth, members=ROSTER)}


def started(client: Client, auth: Auth, world: dict[str, str]) -> str:
    status, body = call(client, "POST", "/broadcasts", auth(), world)
    assert status == 201, body
    broadcast_id = str(body["broadcast_id"])
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[0] == 200
    return broadcast_id


def reconcile_long_after() -> dict[str, int]:
    """Run the reconciler as if everything had been silent past `give_up_after_seconds`: what it did."""
    moment = utcnow() + timedelta(seconds=get_settings().give_up_after_seconds + 1)
    return reconciler.reconcile(moment).as_dict()


def dead_letters(key: str) -> int:
    """Messages waiting (visible or in flight) in queue `key`'s dead-letter queue."""
    sqs = aws_client("sqs")
    url = sqs.get_queue_url(QueueName=get_settings().dead_letter_queue_name(key))["QueueUrl"]
    attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=[
        "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"])["Attributes"]
    return sum(int(value) for value in attributes.values())


def always_failing(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str,
                   doomed: Callable[..., bool] = lambda *a, **k: True, *, after: bool = False) -> list[int]:
    """Every call of `owner.name` for which `doomed(args)` holds dies (before the call runs, or
    right after it returns when `after`); returns the count of deaths."""
    real: Callable[..., Any] = getattr(owner, name)
    deaths = [0]

    def step(*args: Any, **kwargs: Any) -> Any:
        if not doomed(*args, **kwargs):
            return real(*args, **kwargs)
        if after:
            real(*args, **kwargs)
        deaths[0] += 1
        raise Killed(f"killed {'after' if after else 'before'} {name}")

    monkeypatch.setattr(owner, name, step)
    return deaths
