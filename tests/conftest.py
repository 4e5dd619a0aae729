"""Shared fixtures. The environment is fixed before any product module is imported, because
settings are read once and PynamoDB reads `Meta` at class definition."""

from __future__ import annotations

import os

for _name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "RCS_RESOURCE_PREFIX"):
    os.environ.pop(_name, None)
os.environ.update(
    {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "RCS_STAGE": "test",
        "RCS_JWT_SECRET": "test-secret-at-least-32-bytes-long-0123456789",
        "POWERTOOLS_LOG_LEVEL": "WARNING",
        # Generous, so that tests sharing an account (the admin `ops`) never meet it; still spent on
        # every authenticated call. tests/functional/api/test_rate_limit.py sets tight ones.
        "RCS_API_RATE_PER_SECOND": "1000",
        "RCS_API_BURST": "5000",
    }
)

from collections.abc import Callable, Iterator  # noqa: E402
from typing import Any  # noqa: E402

import botocore.loaders  # noqa: E402
import botocore.session  # noqa: E402
import pytest  # noqa: E402
from chalice.test import Client  # noqa: E402
from moto import mock_aws  # noqa: E402

from chalicelib.auth.tokens import issue  # noqa: E402
from tests.support.caches import reset_caches  # noqa: E402
from tests.support.providers import UseProvider, provider_override  # noqa: E402
from tests.support.settings import settings_changed  # noqa: E402

# Every PynamoDB model opens its own botocore session, and each new session parses the service
# models' JSON again: seconds per test in `aws` alone. The tests' sessions share one loader (its
# cache holds what was parsed); the product's code is unchanged.
_SHARED_LOADER = botocore.loaders.create_loader()


def _register_shared_data_loader(self: botocore.session.Session) -> None:
    self._components.lazy_register_component("data_loader", lambda: _SHARED_LOADER)


botocore.session.Session._register_data_loader = _register_shared_data_loader  # type: ignore[method-assign]


@pytest.fixture
def aws() -> Iterator[None]:
    """A fresh moto account with every table, queue and bucket of the product created. moto is
    patched as the local stack runs it (infra/local/moto_dynamodb.py: each DynamoDB request atomic),
    because the workers write from several threads."""
    from infra.local import moto_dynamodb

    moto_dynamodb.install()
    with mock_aws():
        reset_caches()
        from infra.local.resources import create_all

        create_all()
        yield
    reset_caches()


@pytest.fixture
def chalice_app() -> Any:
    from app import app

    return app


@pytest.fixture
def client(aws: None, chalice_app: Any) -> Iterator[Client]:
    with Client(chalice_app) as test_client:
        yield test_client


@pytest.fixture
def token() -> Callable[..., str]:
    def make(account: str = "acme", *, admin: bool = False, ttl_seconds: int = 3600) -> str:
        return issue(account, admin=admin, ttl_seconds=ttl_seconds)

    return make


@pytest.fixture
def auth(token: Callable[..., str]) -> Callable[..., dict[str, str]]:
    """Headers of a JSON request by `account` (admin if asked)."""

    def make(account: str = "acme", *, admin: bool = False) -> dict[str, str]:
        return {"Authorization": f"Bearer {token(account, admin=admin)}",
                "Content-Type": "application/json"}

    return make


@pytest.fixture
def settings_env() -> Iterator[Callable[..., None]]:
    """`settings_env(RCS_X="1", ...)`: set settings for one test (tests/support/settings.py)."""
    with settings_changed() as change:
        yield change


@pytest.fixture
def use_provider(monkeypatch: pytest.MonkeyPatch) -> Iterator[UseProvider]:
    """`use_provider(build)`: the sender makes each account's provider with `build(credentials)`."""
    yield from provider_override(monkeypatch)


@pytest.fixture
def small_chunks(settings_env: Callable[..., None]) -> None:
    """The runner sends 4 targets a chunk (RCS_SEND_CHUNK_SIZE), so a small list spans several chunks."""
    settings_env(RCS_SEND_CHUNK_SIZE="4")
