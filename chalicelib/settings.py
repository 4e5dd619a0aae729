"""Every setting of the product, read once from the environment into one typed object."""

from __future__ import annotations

from functools import lru_cache

from pydantic import AliasChoices, Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

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
)
QUEUES = ("review", "dispatch", "send", "imports", "receipts")


class Settings(BaseSettings):
    """Environment variables are the field names upper-cased with the `RCS_` prefix,
    except the few AWS already names (`AWS_REGION`)."""

    model_config = SettingsConfigDict(env_prefix="RCS_", frozen=True, extra="ignore")

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

    currency: str = "INR"
    price_transactional: int = 20
    price_promotional: int = 35
    price_otp: int = 15

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

    max_body_bytes: int = 1_048_576
    log_level: str = "INFO"

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
