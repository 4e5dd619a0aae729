"""Provider credentials of an account: validated, kept in Secrets Manager (one secret per
account), referenced from the account's item, and shown only masked.

The secret holds the provider's secrets (the service-account key, the webhook client token) and
the simulator's settings; the account item holds the provider, the agent id (indexed, for the
receipts webhook), the endpoint and the secret's id and version. A load reads the item and the
version it names, so a reader never mixes two PUTs; what a version holds, and the provider built from
it, is kept in memory (a version never changes): the one cache of the provider path."""

from __future__ import annotations

import hashlib
import re
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from chalicelib import errors
from chalicelib.clock import format_time, utcnow
from chalicelib.providers.port import MessageProvider, ProviderConfigError
from chalicelib.store import accounts, agent_claims
from chalicelib.store import secrets as secret_store
from chalicelib.store.accounts import CredentialsRef

PROVIDERS = ("rbm", "simulator")
DEFAULT_RBM_ENDPOINT = "https://rcsbusinessmessaging.googleapis.com"
SIMULATOR_AGENT_PREFIX = "sim-"
MASK = "****"
TOKEN_URIS = ("https://oauth2.googleapis.com/token", "https://accounts.google.com/o/oauth2/token")
SIMULATOR_DEFAULTS: dict[str, float] = {
    "latency_ms": 50.0,
    "failure_rate": 0.0,
    "not_capable_rate": 0.0,
    "delivery_rate": 1.0,
    "read_rate": 0.6,
    "delivery_delay_ms": 1000.0,
    "read_delay_ms": 3000.0,
    "throttle_rate": 0.0,
    "reply_rate": 0.0,
    "click_rate": 0.0,
    "stop_rate": 0.0,
    "reply_delay_ms": 2000.0,
}
_RBM_HOST = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*-)?rcsbusinessmessaging\.googleapis\.com$")
_AGENT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$")
# As the OpenAPI document says it: a local part of printable ASCII but `@` (a service account's is
# `name@project.iam.gserviceaccount.com`). No `\s`: Python, ECMA and the fuzzer's generator each
# count different characters as whitespace.
_EMAIL = re.compile(r"^[!-?A-~]{1,64}@[A-Za-z0-9.-]{1,189}\.[A-Za-z]{2,}$")
_TOKEN = re.compile(r"^[\x21-\x7e]{32,256}$")  # at least 32: it is the HMAC key of every receipt
_MAX_EXTRA_FIELDS = 16
_CACHE_LIMIT = 256

Rate = Annotated[float, Field(ge=0.0, le=1.0, strict=True, allow_inf_nan=False)]


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


class ServiceAccountKey(BaseModel):
    """The Google service-account JSON key, as downloaded from the Cloud console."""

    model_config = ConfigDict(extra="allow", str_max_length=8192)

    type: Literal["service_account"]
    client_email: str
    private_key: SecretStr
    token_uri: str
    private_key_id: str | None = Field(default=None, max_length=256)
    project_id: str | None = Field(default=None, max_length=256)
    client_id: str | None = Field(default=None, max_length=256)

    @field_validator("client_email")
    @classmethod
    def _email(cls, value: str) -> str:
        if not _EMAIL.fullmatch(value):
            raise ValueError("must be the service account's email address")
        return value

    @field_validator("token_uri")
    @classmethod
    def _token_uri(cls, value: str) -> str:
        if value not in TOKEN_URIS:
            raise ValueError(f"must be Google's token endpoint ({TOKEN_URIS[0]})")
        return value

    @field_validator("private_key")
    @classmethod
    def _private_key(cls, value: SecretStr) -> SecretStr:
        pem = value.get_secret_value()
        if "-----BEGIN PRIVATE KEY-----" not in pem and "-----BEGIN RSA PRIVATE KEY-----" not in pem:
            raise ValueError("must be a PEM private key (-----BEGIN PRIVATE KEY-----)")
        try:
            key = load_pem_private_key(pem.encode(), password=None)
        except (ValueError, TypeError):
            raise ValueError("is not a readable, unencrypted PEM private key") from None
        if not isinstance(key, RSAPrivateKey):
            raise ValueError("must be an RSA private key")
        return value

    @model_validator(mode="after")
    def _extras(self) -> ServiceAccountKey:
        extra = self.model_extra or {}
        if len(extra) > _MAX_EXTRA_FIELDS:
            raise ValueError("has too many fields for a service-account key")
        for name, value in extra.items():
            if not isinstance(value, str) or len(value) > 2048:
                raise ValueError(f"field {name!r} must be a string of at most 2048 characters")
        return self

    def revealed(self) -> dict[str, Any]:
        value = self.model_dump(exclude_none=True)
        value["private_key"] = self.private_key.get_secret_value()
        return value


class RbmCredentialsInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provider: Literal["rbm"]
    agent_id: str
    service_account: ServiceAccountKey
    endpoint: str | None = None
    webhook_client_token: SecretStr

    @field_validator("agent_id")
    @classmethod
    def _agent(cls, value: str) -> str:
        if not _AGENT_ID.match(value):
            raise ValueError("must be 1 to 128 letters, digits, '_', '.' or '-'")
        if value.startswith(SIMULATOR_AGENT_PREFIX):
            raise ValueError(f"must not start with {SIMULATOR_AGENT_PREFIX!r} (reserved for the simulator)")
        return value

    @field_validator("endpoint")
    @classmethod
    def _endpoint(cls, value: str | None) -> str | None:
        if value is None:
            return None
        return normalise_endpoint(value)

    @field_validator("webhook_client_token")
    @classmethod
    def _token(cls, value: SecretStr) -> SecretStr:
        if not _TOKEN.match(value.get_secret_value()):
            raise ValueError("must be 32 to 256 printable ASCII characters without spaces")
        return value


class SimulatorCredentialsInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    provider: Literal["simulator"]
    latency_ms: int = Field(default=int(SIMULATOR_DEFAULTS["latency_ms"]), ge=0, le=10_000, strict=True)
    failure_rate: Rate = SIMULATOR_DEFAULTS["failure_rate"]
    not_capable_rate: Rate = SIMULATOR_DEFAULTS["not_capable_rate"]
    delivery_rate: Rate = SIMULATOR_DEFAULTS["delivery_rate"]
    read_rate: Rate = SIMULATOR_DEFAULTS["read_rate"]
    delivery_delay_ms: int = Field(default=int(SIMULATOR_DEFAULTS["delivery_delay_ms"]), ge=0, le=600_000,
                                   strict=True)
    read_delay_ms: int = Field(default=int(SIMULATOR_DEFAULTS["read_delay_ms"]), ge=0, le=600_000, strict=True)
    throttle_rate: Rate = SIMULATOR_DEFAULTS["throttle_rate"]
    reply_rate: Rate = SIMULATOR_DEFAULTS["reply_rate"]
    click_rate: Rate = SIMULATOR_DEFAULTS["click_rate"]
    stop_rate: Rate = SIMULATOR_DEFAULTS["stop_rate"]
    reply_delay_ms: int = Field(default=int(SIMULATOR_DEFAULTS["reply_delay_ms"]), ge=0, le=600_000, strict=True)

    def settings(self) -> dict[str, float]:
        return {name: float(getattr(self, name)) for name in SIMULATOR_DEFAULTS}


CredentialsInput = RbmCredentialsInput | SimulatorCredentialsInput


def normalise_endpoint(value: str) -> str:
    """`https://<region->rcsbusinessmessaging.googleapis.com` (no path, port or user)."""
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        raise ValueError("must be an https URL of an rcsbusinessmessaging.googleapis.com host") from None
    host = (parts.hostname or "").lower()
    if (parts.scheme != "https" or not _RBM_HOST.match(host) or parts.username or parts.password
            or port not in (None, 443) or parts.path not in ("", "/") or parts.query or parts.fragment):
        raise ValueError("must be an https URL of an rcsbusinessmessaging.googleapis.com host")
    return f"https://{host}"


def parse_input(body: Any) -> CredentialsInput:
    """The body of `PUT /credentials`, validated for its provider (pydantic errors name the field)."""
    if not isinstance(body, dict):
        raise errors.InvalidInput("body", "body must be a JSON object")
    provider = body.get("provider")
    if provider == "rbm":
        return RbmCredentialsInput.model_validate(body)
    if provider == "simulator":
        return SimulatorCredentialsInput.model_validate(body)
    if provider is None:
        raise errors.InvalidInput("provider", "provider is required")
    raise errors.InvalidInput("provider", f"provider must be one of {', '.join(PROVIDERS)}")


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

