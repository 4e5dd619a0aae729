"""`use_provider` (a fixture of tests/conftest.py): the sender builds every account's provider with a
test's own factory, the one way tests swap the provider the runner uses."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from chalicelib.providers.port import MessageProvider
from chalicelib.services import runner
from tests.support.caches import reset_caches

ProviderFactory = Callable[[Any], MessageProvider]
UseProvider = Callable[[ProviderFactory], None]


def provider_override(monkeypatch: Any) -> Iterator[UseProvider]:
    """Yields `use(build)`: from then on `build(credentials)` makes each account's provider; the
    providers cached before are forgotten at once and again after the test."""
    def use(build: ProviderFactory) -> None:
        monkeypatch.setattr(runner, "provider_for", build)
        reset_caches()

    yield use
    reset_caches()
