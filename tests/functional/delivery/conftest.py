"""Delivery intelligence (issue 14): the real RBM adapter against the fake RBM of tests/fakes/."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chalicelib.providers.rbm import RbmProvider, RetryPolicy
from tests.fakes.rbm_server import FakeRbmServer, make_service_account
from tests.support.providers import UseProvider

AGENT = "sim-acme"  # the agent of account acme's credentials: the webhook finds the account by it


@pytest.fixture
def rbm(use_provider: UseProvider) -> Iterator[FakeRbmServer]:
    """Every account's provider is the real RBM adapter talking to a fake RBM."""
    key = make_service_account()
    with FakeRbmServer(key, agent_id=AGENT) as server:
        provider = RbmProvider(agent_id=AGENT, service_account_info={**key.info, "token_uri": server.token_uri},
                               endpoint=server.url, sleep=lambda seconds: None,
                               retry=RetryPolicy(max_attempts=2, initial_wait=0.0, max_wait=0.0, jitter=0.0))
        use_provider(lambda credentials: provider)
        yield server
        provider.close()
