"""Every setting of the product, read once from the environment into one typed object.

The environment is read here, in a few lines, rather than through pydantic or pydantic-settings:
pydantic's import and the schema of a model of this many fields cost about 80 ms, paid by every
Lambda's cold start (bench/cold_start.py), and a worker needs pydantic for nothing else at import.
The fields are flat scalars (str, int, float, bool, a secret), each with its default and, where it
has them, its bounds; a value the environment or a caller gives that does not fit is refused with
`SettingsError` (a ValueError) naming the field."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

ENV_PREFIX = "RCS_"

TABLES = (
    "accounts",
    "ledger",
    "templates",
    "lists",
    "members",
    "imports",
    "broadcasts",
    "targets",
    "chunks",
    "idempotency",
    "rate_limits",
    "optouts",
    "inbound",
)
QUEUES = ("review", "dispatch", "send", "imports", "receipts")


class SettingsError(ValueError):
    """A setting that does not fit its field."""


class Secret:
    """A secret setting: its value only through `get_secret_value()`, never in a repr or a log."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def get_secret_value(self) -> str:
        return self._value

    def __repr__(self) -> str:
        return "Secret('**********')" if self._value else "Secret('')"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secret) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)


class _Field:
    """A field's default, bounds and environment names (besides `RCS_<name>`)."""

    def __init__(self, default: Any, *, ge: float | None = None, gt: float | None = None, le: float | None = None,
                 env: tuple[str, ...] = ()) -> None:
        self.default, self.ge, self.gt, self.le, self.env = default, ge, gt, le, env


def setting(default: Any, *, ge: float | None = None, gt: float | None = None, le: float | None = None,
            env: tuple[str, ...] = ()) -> Any:
    return _Field(default, ge=ge, gt=gt, le=le, env=env)


_TRUE = frozenset({"1", "true", "t", "yes", "y", "on"})
_FALSE = frozenset({"0", "false", "f", "no", "n", "off"})


def _convert(name: str, kind: str, value: Any) -> Any:
    try:
        if kind == "str":
            if not isinstance(value, str):
                raise TypeError("a string")
            return value
        if kind == "Secret":
            return value if isinstance(value, Secret) else Secret(str(value))
        if kind == "bool":
            if isinstance(value, bool):
                return value
            text = str(value).strip().lower()
            if text in _TRUE or text in _FALSE:
                return text in _TRUE
            raise ValueError("true or false")
        if isinstance(value, bool):
            raise TypeError("a number")
        if kind == "int":
            number = value if isinstance(value, int) else int(str(value).strip())
            return number
        if kind == "float":
            return float(value)
    except (TypeError, ValueError) as error:
        raise SettingsError(f"{name}: {value!r} is not a valid {kind} ({error})") from None
    raise SettingsError(f"{name}: unsupported type {kind}")


def _within(name: str, value: Any, spec: _Field) -> Any:
    if ((spec.ge is not None and value < spec.ge) or (spec.gt is not None and value <= spec.gt)
            or (spec.le is not None and value > spec.le)):
        bounds = ", ".join(f"{word} {limit}" for word, limit in (("at least", spec.ge), ("more than", spec.gt),
                                                                  ("at most", spec.le)) if limit is not None)
        raise SettingsError(f"{name}: {value!r} must be {bounds}")
    return value


class Settings:
    """Environment variables are the field names upper-cased with the `RCS_` prefix,
    except the few AWS already names (`AWS_REGION`). Names are matched case-insensitively;
    arguments given to the constructor win over the environment, which wins over the defaults."""

    stage: str = "dev"
    region: str = setting("us-east-1", env=("AWS_REGION", "AWS_DEFAULT_REGION"))
    resource_prefix: str = ""

    jwt_secret: Secret = Secret("")
    jwks_url: str = ""
    jwt_audience: str = ""
    jwt_issuer: str = ""
    jwt_leeway_seconds: int = 0
    # Who is an admin: the claim `jwt_admin_claim` equals, or (a list) contains, `jwt_admin_value`.
    # The default is Cognito's group claim: users cannot put themselves in a group, while a custom
    # attribute (a `role` claim) may be writable by the user. `make token ADMIN=1` emits this claim.
    jwt_admin_claim: str = "cognito:groups"
    jwt_admin_value: str = "admin"
    # The web console's Cognito sign-in (hosted UI, authorization code + PKCE): the user pool domain
    # (https://<prefix>.auth.<region>.amazoncognito.com) and the app client; both empty on the local
    # stack, whose console signs in with a dev token instead (chalicelib/services/console.py).
    console_cognito_domain: str = ""
    console_client_id: str = ""
    jwks_cache_seconds: float = setting(300.0, gt=0)  # the fetched key set is trusted this long
    jwks_refetch_cooldown_seconds: float = setting(30.0, ge=0)  # at most one refetch per unknown kid burst

    currency: str = "INR"
    price_transactional: int = 20
    price_promotional: int = 35
    price_otp: int = 15
    # An SMS fallback (docs/delivery.md) is priced per segment (GSM-7 160/153, UCS-2 70/67 characters).
    price_sms_segment: int = 12
    sms_rate_per_second: float = setting(20.0, gt=0)  # Amazon SNS's default SMS throughput
    # A revoked target gets its SMS this long after the revocation, if no DELIVERED came meanwhile.
    fallback_revoked_delay_seconds: int = setting(60, ge=0, le=900)

    provider_default: str = "simulator"
    rbm_webhook_client_token: Secret = Secret("")
    public_api_url: str = "http://127.0.0.1:8000"
    send_rate_per_second: int = 300
    send_concurrency: int = 16
    send_chunk_size: int = 500
    sqs_max_concurrency: int = 10

    llm_review_enabled: bool = False
    bedrock_model_id: str = "anthropic.claude-3-haiku-20240307-v1:0"
    bedrock_timeout_seconds: float = 10.0

    # The reconciler (chalicelib/services/reconciler.py): how often it runs, how long an item may
    # make no progress before its missing job is queued again, and before it is ended for good.
    reconcile_every_minutes: int = 5
    stall_after_seconds: int = 900
    give_up_after_seconds: int = 6 * 3600
    # How long the dispatcher waits for a snapshot that makes no progress before failing the broadcast.
    snapshot_wait_seconds: int = 1800

    max_body_bytes: int = 1_048_576

    # Per-account limits (docs/spec/campaigns.md "Per-account limits"); 0 turns the rate limit off.
    api_rate_per_second: float = setting(20.0, ge=0)
    api_burst: int = setting(40, ge=1)
    # Test sends (POST /templates/{id}/test): per account, on top of the API's own limit.
    test_sends_per_minute: float = setting(6.0, ge=0)
    test_send_burst: int = setting(3, ge=1)
    # The default send window of India's promotional traffic (docs/campaign-controls.md).
    india_promotional_window: str = "10:00-21:00"
    max_open_drafts: int = setting(25, ge=1)
    max_draft_targets: int = setting(2_000_000, ge=1)
    max_list_members: int = setting(1_000_000, ge=1)
    max_templates: int = setting(500, ge=1)
    draft_ttl_days: int = setting(30, ge=1)
    import_max_record_bytes: int = setting(65_536, ge=64)
    import_max_field_bytes: int = setting(8_192, ge=16)
    # Transactions of members an import step keeps in flight while it reads on (docs/operations.md).
    import_writers: int = setting(8, ge=1, le=16)
    # An upload larger than import_range_bytes is split into byte ranges read by parallel steps,
    # at most import_ranges of them, each at least import_range_bytes long (docs/operations.md).
    import_ranges: int = setting(8, ge=1, le=64)
    import_range_bytes: int = setting(1024 * 1024, ge=64)
    webhook_max_body_bytes: int = setting(65_536, ge=1_024)
    webhook_max_depth: int = setting(16, ge=2)
    log_level: str = "INFO"

    def __init__(self, **given: Any) -> None:
        """Arguments win over the environment (`RCS_<NAME>` in any case, or the field's own names),
        which wins over the defaults; unknown arguments are ignored."""
        environment = {name.lower(): value for name, value in os.environ.items()}
        for name, kind, spec in _field_specs():
            if name in given:
                value = given[name]
            else:
                names = spec.env or (ENV_PREFIX + name,)
                value = next((environment[env.lower()] for env in names if env.lower() in environment),
                             spec.default)
            object.__setattr__(self, name, _within(name, _convert(name, kind, value), spec))
        if self.jwks_url and not (self.jwt_issuer and self.jwt_audience):
            raise SettingsError("RCS_JWKS_URL needs RCS_JWT_ISSUER and RCS_JWT_AUDIENCE: without them any token "
                                "the identity provider signs, for any application, would be accepted")
        if not self.jwt_admin_claim or not self.jwt_admin_value:
            raise SettingsError("RCS_JWT_ADMIN_CLAIM and RCS_JWT_ADMIN_VALUE must not be empty")

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("settings are read-only")

    def __repr__(self) -> str:
        return "Settings(" + ", ".join(f"{name}={getattr(self, name)!r}" for name, _, _ in _field_specs()) + ")"

    @property
    def prefix(self) -> str:
        return self.resource_prefix or f"rcs-{self.stage}"

    def table_name(self, key: str) -> str:
        if key not in TABLES:
            raise KeyError(key)
        return f"{self.prefix}-{key}"

    def queue_name(self, key: str) -> str:
        if key not in QUEUES:
            raise KeyError(key)
        return f"{self.prefix}-{key}"

    def dead_letter_queue_name(self, key: str) -> str:
        return f"{self.queue_name(key)}-dlq"

    @property
    def import_bucket(self) -> str:
        return f"{self.prefix}-imports"

    def price_of(self, category: str) -> int:
        prices = {
            "transactional": self.price_transactional,
            "promotional": self.price_promotional,
            "otp": self.price_otp,
        }
        return prices[category]


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def reset_settings() -> None:
    """Forget the cached settings so the next read sees the current environment (tests)."""
    get_settings.cache_clear()


@lru_cache(maxsize=1)
def _field_specs() -> tuple[tuple[str, str, _Field], ...]:
    specs = []
    for name, kind in Settings.__annotations__.items():
        declared = Settings.__dict__.get(name)
        specs.append((name, str(kind), declared if isinstance(declared, _Field) else _Field(declared)))
    return tuple(specs)


def default_of(name: str) -> Any:
    """A field's default (as declared, before the environment)."""
    return next(spec.default for field, _, spec in _field_specs() if field == name)
