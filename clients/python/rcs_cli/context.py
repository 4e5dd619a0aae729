"""What every command receives from `rcs`'s own options: the settings, read when first needed."""

from __future__ import annotations

from dataclasses import dataclass, field

import typer
from rcs_client import AuthenticatedClient

from rcs_cli import api
from rcs_cli.settings import Settings, resolve


@dataclass
class Session:
    api_url: str | None
    token: str | None
    poll_seconds: float = 1.0
    _client: AuthenticatedClient | None = field(default=None, init=False)

    @property
    def settings(self) -> Settings:
        return resolve(self.api_url, self.token)

    @property
    def client(self) -> AuthenticatedClient:
        if self._client is None:
            self._client = api.client(self.settings)
        return self._client


def session(ctx: typer.Context) -> Session:
    value = ctx.find_root().obj
    assert isinstance(value, Session)
    return value
