"""Provider credentials of an account: validated (`chalicelib/services/credential_input.py`), kept
in Secrets Manager (one secret per account), referenced from the account's item, and shown only
masked.

The secret holds the provider's secrets (the service-account key, the webhook client token) and
the simulator's settings; the account item holds the provider, the agent id (indexed, for the
receipts webhook), the endpoint and the secret's id and version. A load reads the item and the
version it names, so a reader never mixes two PUTs; what a version holds, and the provider built from
it, is kept in memory (a version never changes): the one cache of the provider path."""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chalicelib import errors
from chalicelib.clock import format_time, utcnow
from chalicelib.providers.port import MessageProvider, ProviderConfigError
from chalicelib.services.credential_input import (
    DEFAULT_RBM_ENDPOINT,
    SIMULATOR_AGENT_PREFIX,
    SIMULATOR_DEFAULTS,
    CredentialsInput,
    RbmCredentialsInput,
)
from chalicelib.store import accounts, agent_claims
from chalicelib.store import secrets as secret_store
from chalicelib.store.accounts import CredentialsRef

MASK = "****"
_CACHE_LIMIT = 256


@dataclass(frozen=True)
class ProviderCredentials:
    account_id: str
    provider: str
    agent_id: str
    endpoint: str
    webhook_client_token: str
    service_account: dict[str, Any] | None
    simulator: dict[str, float]  # the simulator's settings ({} for rbm)
    updated_at: str = ""

    def __repr__(self) -> str:  # never print a secret by accident
        return (f"ProviderCredentials(account_id={self.account_id!r}, provider={self.provider!r}, "
                f"agent_id={self.agent_id!r}, endpoint={self.endpoint!r})")


# --- loading -------------------------------------------------------------------------------------

# The one cache of the provider path: per account, the credentials of the version its item names and
# the provider built from them. A load reads the item (one GetItem) and the secret only when the item
# names another version; a sender looks again at most every PROVIDER_TTL_SECONDS.
PROVIDER_TTL_SECONDS = 60.0


@dataclass
class _Loaded:
    ref: CredentialsRef
    credentials: ProviderCredentials
    checked_at: float
    provider: MessageProvider | None = None  # built on first use


_loaded: dict[str, _Loaded] = {}


def _load(account_id: str) -> _Loaded | None:
    ref = accounts.get_credentials_ref(account_id)
    known = _loaded.get(account_id)
    if ref is None:
        _loaded.pop(account_id, None)
        return None
    if known is not None and known.ref == ref:
        known.checked_at = time.monotonic()
        return known
    secret = secret_store.get_secret(ref.secret_id, ref.secret_version or None)
    if secret is None:
        return None
    loaded = _Loaded(ref, _credentials(ref, secret), time.monotonic())
    if ref.secret_version:  # a version never changes; an unversioned read is not kept
        if len(_loaded) >= _CACHE_LIMIT:
            _loaded.clear()
        _loaded[account_id] = loaded
    return loaded


def _credentials(ref: CredentialsRef, secret: dict[str, Any]) -> ProviderCredentials:
    simulator = secret.get("simulator") or {}
    service_account = secret.get("service_account")
    return ProviderCredentials(
        account_id=ref.account_id, provider=ref.provider, agent_id=ref.agent_id, endpoint=ref.endpoint,
        webhook_client_token=str(secret.get("webhook_client_token", "")),
        service_account=dict(service_account) if isinstance(service_account, dict) else None,
        simulator={str(k): float(v) for k, v in simulator.items()} if isinstance(simulator, dict) else {},
        updated_at=ref.updated_at,
    )


def load_credentials(account_id: str) -> ProviderCredentials | None:
    """The account's credentials with their secrets, or None when none are configured."""
    loaded = _load(account_id)
    return loaded.credentials if loaded is not None else None


def account_provider(account_id: str, build: Callable[[ProviderCredentials], MessageProvider]) -> \
        MessageProvider | None:
    """The account's provider, built by `build` once per version of its credentials; None without
    credentials that work. Credentials that are missing or do not work are not remembered: a draft's
    reach check may look before the account sets them, and its start a moment after must find them."""
    known = _loaded.get(account_id)
    if known is None or time.monotonic() - known.checked_at >= PROVIDER_TTL_SECONDS:
        known = _load(account_id)
    if known is None:
        return None
    if known.provider is None:
        try:
            known.provider = build(known.credentials)
        except ProviderConfigError:
            return None
    return known.provider


def reset_cache() -> None:
    """Forget every account's credentials and provider (tests; a PUT or DELETE forgets its account's)."""
    _loaded.clear()


def token_hash(token: str) -> str:
    return hashlib.sha256(b"rcs-webhook-client-token\n" + token.encode()).hexdigest()


def webhook_token_known(client_token: str) -> bool:
    """Whether some account's credentials carry this webhook client token (Google's webhook
    set-up names only the token). Only a hash of the token is indexed."""
    if not client_token or len(client_token) > 256:
        return False
    return accounts.token_hash_known(token_hash(client_token))


def find_credentials_by_agent(agent_id: str) -> ProviderCredentials | None:
    """The credentials whose agent is `agent_id` (through the agent index, never a scan), or None
    when no account, or more than one, names it."""
    if not agent_id:
        return None
    owners = accounts.accounts_of_agent(agent_id)
    if len(owners) != 1:
        return None
    found = load_credentials(owners[0])
    return found if found is not None and found.agent_id == agent_id else None


# --- changing ------------------------------------------------------------------------------------


def put_credentials(account_id: str, data: CredentialsInput) -> ProviderCredentials:
    """Replace the account's credentials with `data`."""
    current = accounts.get_credentials_ref(account_id)
    if isinstance(data, RbmCredentialsInput):
        agent_id = data.agent_id
        # The index answers for agents configured before claims existed; the claim, a conditional
        # write, is what makes two accounts racing for one agent end with exactly one owner.
        others = set(accounts.accounts_of_agent(agent_id)) - {account_id}
        if others or not agent_claims.claim_agent(agent_id, account_id):
            raise errors.Conflict("agent_id is already configured for another account")
        endpoint = data.endpoint or DEFAULT_RBM_ENDPOINT
        secret: dict[str, Any] = {
            "provider": "rbm",
            "webhook_client_token": data.webhook_client_token.get_secret_value(),
            "service_account": data.service_account.revealed(),
        }
    else:
        agent_id = f"{SIMULATOR_AGENT_PREFIX}{account_id}"
        endpoint = ""
        token = ""
        if current is not None and current.provider == "simulator":
            previous = secret_store.get_secret(current.secret_id, current.secret_version or None)
            token = str((previous or {}).get("webhook_client_token", ""))
        secret = {
            "provider": "simulator",
            "webhook_client_token": token or secrets.token_urlsafe(32),
            "simulator": data.settings(),
        }
    secret_id, version = secret_store.put_secret(secret_store.secret_name(account_id), secret,
                                                 known_id=current.secret_id if current else None)
    ref = CredentialsRef(account_id=account_id, provider=data.provider, agent_id=agent_id, endpoint=endpoint,
                         secret_id=secret_id, secret_version=version, updated_at=format_time(utcnow()),
                         webhook_token_hash=token_hash(str(secret["webhook_client_token"])))
    accounts.set_credentials_ref(ref)
    _loaded.pop(account_id, None)
    if current is not None and current.provider == "rbm" and current.agent_id != agent_id:
        agent_claims.release_agent(current.agent_id, account_id)
    return _credentials(ref, secret)


def delete_credentials(account_id: str) -> bool:
    """Remove the reference, then the secret; whether there was anything to remove."""
    for _ in range(3):
        ref = accounts.get_credentials_ref(account_id)
        if ref is None:
            return False
        if accounts.clear_credentials_ref(account_id, ref.secret_id):
            if ref.provider == "rbm":
                agent_claims.release_agent(ref.agent_id, account_id)
            secret_store.delete_secret(ref.secret_id)
            _loaded.pop(account_id, None)
            return True
    raise errors.Conflict("the credentials changed while they were being deleted; try again")


def masked(credentials: ProviderCredentials | None) -> dict[str, Any]:
    """What `GET /credentials` shows: every secret replaced by "****"."""
    if credentials is None:
        return {"provider": "", "configured": False}
    view: dict[str, Any] = {
        "provider": credentials.provider,
        "configured": True,
        "agent_id": credentials.agent_id,
        "endpoint": credentials.endpoint,
        "webhook_client_token": MASK,
        "updated_at": credentials.updated_at,
    }
    if credentials.service_account is not None:
        key = credentials.service_account
        view["service_account"] = {
            "type": key.get("type", ""),
            "project_id": key.get("project_id", ""),
            "client_email": key.get("client_email", ""),
            "private_key_id": MASK,
            "private_key": MASK,
        }
    if credentials.provider == "simulator":
        settings = {**SIMULATOR_DEFAULTS, **credentials.simulator}
        view.update({name: int(settings[name]) if name.endswith("_ms") else settings[name]
                     for name in SIMULATOR_DEFAULTS})
    return view

