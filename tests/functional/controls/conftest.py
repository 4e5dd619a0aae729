"""Fixtures of the campaign controls' tests (pause and resume, retry, test send, send windows): a
world of 10 members in chunks of 4, one send at a time, and a record of every message sent."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from chalice.test import Client

from chalicelib.providers.port import MessageProvider, OutboundMessage, SendResult
from chalicelib.services import runner
from tests.support.providers import UseProvider
from tests.support.world import Auth, approved_template, call, contact_list, credit, members, simulator

PRICE = 20
CREDIT = 1_000


@pytest.fixture
def one_at_a_time(small_chunks: None, settings_env: Callable[..., None]) -> None:
    """Chunks of 4 and one send in flight at a time, so a test knows which send starts next."""
    settings_env(RCS_SEND_CONCURRENCY="1")


@pytest.fixture
def world(client: Client, auth: Auth, one_at_a_time: None) -> dict[str, str]:
    """GIVEN simulator credentials, a balance of 1,000, an approved template (20 a message) and a
    list of 10 members (3 chunks: 4, 4, 2)."""
    simulator(client, auth)
    credit(client, auth, amount=CREDIT)
    return {"template_id": approved_template(client, auth), "list_id": contact_list(client, auth, members=members(10))}


def started(client: Client, auth: Auth, world: dict[str, str], **extra: object) -> str:
    status, body = call(client, "POST", "/broadcasts", auth(), {**world, **extra})
    assert status == 201, body
    broadcast_id = str(body["broadcast_id"])
    status, body = call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())
    assert status == 200, body
    return broadcast_id


class Sends:
    """Every message a provider was asked to send, and a hook run before each send."""

    def __init__(self) -> None:
        self.messages: list[OutboundMessage] = []
        self.lock = threading.Lock()
        self.before: list[object] = []

    def per_phone(self) -> dict[str, set[str]]:
        ids: dict[str, set[str]] = {}
        for message in self.messages:
            ids.setdefault(message.phone, set()).add(message.message_id)
        return ids


@pytest.fixture
def sends(use_provider: UseProvider) -> Sends:
    record = Sends()
    real = runner.provider_for

    class Recording:
        def __init__(self, inner: MessageProvider) -> None:
            self.inner = inner

        def send(self, message: OutboundMessage) -> SendResult:
            with record.lock:
                record.messages.append(message)
                count = len(record.messages)
            for hook in list(record.before):
                hook(count)  # type: ignore[operator]
            return self.inner.send(message)

    use_provider(lambda credentials: Recording(real(credentials)))
    return record
