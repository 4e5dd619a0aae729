"""Every setting of the product, read once from the environment into one typed object.

The environment is read here, in a few lines, rather than through pydantic-settings: that package
costs about 100 ms of import (its CLI, dotenv and cloud sources), paid by every Lambda's cold start
(bench/cold_start.py), for what is here a flat set of scalar fields."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Any

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, model_validator

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


class Settings(BaseModel):
    """Environment variables are the field names upper-cased with the `RCS_` prefix,
    except the few AWS already names (`AWS_REGION`). Names are matched case-insensitively;
    arguments given to the constructor win over the environment, which wins over the defaults."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    stage: str = "dev"
    region: str = Field(
        default="us-east-1", validation_alias=AliasChoices("AWS_REGION", "AWS_DEFAULT_REGION")
    )
    resource_prefix: str = ""

    jwt_secret: SecretStr = SecretStr("")
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
    jwks_cache_seconds: float = Field(default=300.0, gt=0)  # the fetched key set is trusted this long
    jwks_refetch_cooldown_seconds: float = Field(default=30.0, ge=0)  # at most one refetch per unknown kid burst

    currency: str = "INR"
    price_transactional: int = 20
    price_promotional: int = 35
    price_otp: int = 15
    # An SMS fallback (docs/delivery.md) is priced per segment (GSM-7 160/153, UCS-2 70/67 characters).
    price_sms_segment: int = 12
    sms_rate_per_second: float = Field(default=20.0, gt=0)  # Amazon SNS's default SMS throughput
    # A revoked target gets its SMS this long after the revocation, if no DELIVERED came meanwhile.
    fallback_revoked_delay_seconds: int = Field(default=60, ge=0, le=900)

    provider_default: str = "simulator"
    rbm_webhook_client_token: SecretStr = SecretStr("")
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
    api_rate_per_second: float = Field(default=20.0, ge=0)
    api_burst: int = Field(default=40, ge=1)
    # Test sends (POST /templates/{id}/test): per account, on top of the API's own limit.
    test_sends_per_minute: float = Field(default=6.0, ge=0)
    test_send_burst: int = Field(default=3, ge=1)
    # The default send window of India's promotional traffic (docs/campaign-controls.md).
    india_promotional_window: str = "10:00-21:00"
    max_open_drafts: int = Field(default=25, ge=1)
    max_draft_targets: int = Field(default=2_000_000, ge=1)
    max_list_members: int = Field(default=1_000_000, ge=1)
    max_templates: int = Field(default=500, ge=1)
    draft_ttl_days: int = Field(default=30, ge=1)
    import_max_record_bytes: int = Field(default=65_536, ge=64)
    import_max_field_bytes: int = Field(default=8_192, ge=16)
    # Transactions of members an import step keeps in flight while it reads on (docs/operations.md).
    import_writers: int = Field(default=8, ge=1, le=16)
    # An upload larger than import_range_bytes is split into byte ranges read by parallel steps,
    # at most import_ranges of them, each at least import_range_bytes long (docs/operations.md).
    import_ranges: int = Field(default=8, ge=1, le=64)
    import_range_bytes: int = Field(default=1024 * 1024, ge=64)
    webhook_max_body_bytes: int = Field(default=65_536, ge=1_024)
    webhook_max_depth: int = Field(default=16, ge=2)
    log_level: str = "INFO"

    @model_validator(mode="before")
    @classmethod
    def _from_environment(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        environment = {name.lower(): value for name, value in os.environ.items()}
        found: dict[str, Any] = {}
        for name, field in cls.model_fields.items():
            alias = field.validation_alias
            choices = ([str(choice) for choice in alias.choices] if isinstance(alias, AliasChoices)
                       else [str(alias)] if isinstance(alias, str) else [])
            for env_name in choices or [ENV_PREFIX + name]:
                if env_name.lower() in environment:
                    found[choices[0] if choices else name] = environment[env_name.lower()]
                    break
        return {**found, **data}

    @model_validator(mode="after")
    def _identity_provider_is_pinned(self) -> Settings:
        if self.jwks_url and not (self.jwt_issuer and self.jwt_audience):
            raise ValueError("RCS_JWKS_URL needs RCS_JWT_ISSUER and RCS_JWT_AUDIENCE: without them any token "
                             "the identity provider signs, for any application, would be accepted")
        if not self.jwt_admin_claim or not self.jwt_admin_value:
            raise ValueError("RCS_JWT_ADMIN_CLAIM and RCS_JWT_ADMIN_VALUE must not be empty")
        return self

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
