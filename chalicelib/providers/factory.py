"""`provider_for(credentials)`: the provider an account's credentials describe.

Providers are cached per process by a fingerprint of the credentials (bounded, least recently
used first out), so a warm Lambda reuses the RBM OAuth token and connection pool across chunks
and a change of credentials gives a new provider. Nothing here runs at import time.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections import OrderedDict
from collections.abc import Mapping
from typing import Any, Protocol

from chalicelib.logs import logger
from chalicelib.providers.port import MessageProvider, ProviderConfigError
from chalicelib.providers.rbm import RbmProvider, is_trusted_endpoint, is_trusted_token_uri
from chalicelib.providers.receipts import WEBHOOK_PATH, WebhookReceiptEmitter
from chalicelib.providers.simulator import SimulatorProvider, SimulatorSettings
from chalicelib.settings import get_settings

CACHE_SIZE = 64


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


_cache: OrderedDict[str, MessageProvider] = OrderedDict()
_lock = threading.Lock()


def provider_for(credentials: ProviderCredentialsLike, *, allow_any_endpoint: bool = False) -> MessageProvider:
    """The provider for `credentials`; raises `ProviderConfigError` if they cannot work.

    RBM sends only to Google's RBM hosts (global or regional) and fetches tokens only from
    Google's token endpoint, since both URLs come from what an account uploaded;
    `allow_any_endpoint` lifts that for tests and local fakes."""
    key = _fingerprint(credentials, allow_any_endpoint)
    with _lock:
        found = _cache.get(key)
        if found is not None:
            _cache.move_to_end(key)
            return found
    provider = _build(credentials, allow_any_endpoint)
    with _lock:
        provider = _cache.setdefault(key, provider)
        _cache.move_to_end(key)
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return provider


def reset_providers() -> None:
    """Forget cached providers (tests)."""
    with _lock:
        _cache.clear()


def _build(credentials: ProviderCredentialsLike, allow_any_endpoint: bool) -> MessageProvider:
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


def _fingerprint(credentials: ProviderCredentialsLike, allow_any_endpoint: bool) -> str:
    material = json.dumps(
        [
            credentials.provider,
            credentials.agent_id,
            credentials.endpoint,
            credentials.service_account,
            credentials.simulator,
            credentials.webhook_client_token,
            allow_any_endpoint,
            get_settings().public_api_url,
        ],
        sort_keys=True,
        default=str,
    )
    return hashlib.sha256(material.encode()).hexdigest()
