"""`provider_for(credentials)`: a new provider as an account's credentials describe it.

The factory builds; it keeps nothing. An account's provider is kept, per process and per version of
its credentials, in the one cache of the provider path (`services.credentials.account_provider`), so a
warm Lambda reuses the RBM OAuth token and connection pool across chunks. Nothing here runs at import
time.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Protocol

from chalicelib.logs import logger
from chalicelib.providers.port import MessageProvider, ProviderConfigError
from chalicelib.providers.rbm import RbmProvider, is_trusted_endpoint, is_trusted_token_uri
from chalicelib.providers.receipts import WEBHOOK_PATH, WebhookReceiptEmitter
from chalicelib.providers.simulator import SimulatorProvider, SimulatorSettings
from chalicelib.settings import get_settings


class ProviderCredentialsLike(Protocol):
    """What the factory reads of an account's credentials (the credentials feature's
    `ProviderCredentials` has exactly these attributes)."""

    @property
    def provider(self) -> str: ...
    @property
    def agent_id(self) -> str: ...
    @property
    def endpoint(self) -> str | None: ...
    @property
    def service_account(self) -> Mapping[str, Any] | None: ...
    @property
    def simulator(self) -> Mapping[str, Any] | None: ...
    @property
    def webhook_client_token(self) -> str | None: ...


def provider_for(credentials: ProviderCredentialsLike, *, allow_any_endpoint: bool = False) -> MessageProvider:
    """A provider for `credentials`; raises `ProviderConfigError` if they cannot work.

    RBM sends only to Google's RBM hosts (global or regional) and fetches tokens only from
    Google's token endpoint, since both URLs come from what an account uploaded;
    `allow_any_endpoint` lifts that for tests and local fakes."""
    kind = (credentials.provider or "").strip().lower()
    if kind == "rbm":
        key = credentials.service_account
        if not key:
            raise ProviderConfigError("rbm credentials need a service_account key")
        endpoint = (credentials.endpoint or "").strip() or None
        token_uri = str(key.get("token_uri") or "")
        if not allow_any_endpoint:
            if endpoint is not None and not is_trusted_endpoint(endpoint):
                raise ProviderConfigError("endpoint must be an https RBM endpoint of googleapis.com")
            if token_uri and not is_trusted_token_uri(token_uri):
                raise ProviderConfigError("the key's token_uri must be Google's token endpoint")
        return RbmProvider(
            agent_id=credentials.agent_id,
            service_account_info=key,
            endpoint=endpoint,
            pool_size=max(get_settings().send_concurrency * 2, 10),
        )
    if kind == "simulator":
        settings = SimulatorSettings.from_mapping(credentials.simulator)
        token = credentials.webhook_client_token or ""
        emitter = None
        if token:
            url = get_settings().public_api_url.rstrip("/") + WEBHOOK_PATH
            emitter = WebhookReceiptEmitter(url, token)
        else:
            logger.info("simulator without webhook_client_token: no receipts will be posted")
        return SimulatorProvider(settings, agent_id=credentials.agent_id, emitter=emitter)
    raise ProviderConfigError(f"unknown provider {credentials.provider!r}")

