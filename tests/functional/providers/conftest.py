from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from chalicelib.providers.rbm import RbmProvider, RetryPolicy
from tests.fakes.rbm_server import FakeRbmServer, ServiceAccountKey, make_service_account

# Retries without waiting: tests record the waits instead of sleeping them.
FAST = RetryPolicy(max_attempts=3, initial_wait=0.5, max_wait=4.0, jitter=0.0, max_elapsed=30.0, max_retry_after=5.0)


@pytest.fixture(scope="session")
def service_account_key() -> ServiceAccountKey:
    return make_service_account()


@pytest.fixture
def rbm_server(service_account_key: ServiceAccountKey) -> Iterator[FakeRbmServer]:
    with FakeRbmServer(service_account_key, agent_id="acme_agent") as server:
        yield server


@pytest.fixture
def sleeps() -> list[float]:
    return []


@pytest.fixture
def make_rbm(
    rbm_server: FakeRbmServer, service_account_key: ServiceAccountKey, sleeps: list[float]
) -> Iterator[Callable[..., RbmProvider]]:
    """An RbmProvider whose key's token_uri and endpoint are the fake server."""
    made: list[RbmProvider] = []

    def make(**overrides: Any) -> RbmProvider:
        options: dict[str, Any] = {
            "agent_id": "acme_agent",
            "service_account_info": {**service_account_key.info, "token_uri": rbm_server.token_uri},
            "endpoint": rbm_server.url,
            "retry": FAST,
            "sleep": sleeps.append,
            "timeout": (1.0, 2.0),
        }
        options.update(overrides)
        provider = RbmProvider(**options)
        made.append(provider)
        return provider

    yield make
    for provider in made:
        provider.close()
