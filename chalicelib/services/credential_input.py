"""The body of `PUT /credentials`: pydantic models of each provider's credentials, so a 400 names the
exact field (`service_account.private_key`), and the simulator's settings with their defaults."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.serialization import load_pem_private_key
from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator, model_validator

from chalicelib import errors

PROVIDERS = ("rbm", "simulator")
DEFAULT_RBM_ENDPOINT = "https://rcsbusinessmessaging.googleapis.com"
SIMULATOR_AGENT_PREFIX = "sim-"
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

Rate = Annotated[float, Field(ge=0.0, le=1.0, strict=True, allow_inf_nan=False)]


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
