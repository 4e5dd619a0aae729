"""The per-account rate limit of the API (docs/spec/campaigns.md, "Per-account limits").

Why a DynamoDB token bucket rather than API Gateway usage plans: usage plans meter API keys, not
the account inside a bearer token, so they would need a key per account handed out and rotated
beside the token, and their limits are documented as best effort; a bucket item per account,
spent with a conditional write (chalicelib/store/rate_limits.py), is exact across every Lambda
instance, reads the account the routing decorator has just verified, answers in our envelope with
`Retry-After`, and costs one DynamoDB request per API call (two while a burst is being spent).
"""

from __future__ import annotations

import time

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib import errors
from chalicelib.logs import logger
from chalicelib.settings import get_settings
from chalicelib.store import rate_limits


def check(account_id: str) -> None:
    """Spend one request of `account_id`'s budget; RateLimited (with the seconds to wait) when it is
    spent. A setting of 0 requests per second turns the limit off. When DynamoDB cannot answer the
    request is let through: the limit protects the service, it must not become its outage."""
    settings = get_settings()
    if settings.api_rate_per_second <= 0:
        return
    interval_ms = 1000.0 / settings.api_rate_per_second
    try:
        decision = rate_limits.take(account_id, now_ms=time.time() * 1000, interval_ms=interval_ms,
                                    burst_ms=interval_ms * (settings.api_burst - 1))
    except (BotoCoreError, ClientError) as error:
        logger.warning("rate limit not checked: DynamoDB did not answer", extra={"error": type(error).__name__})
        return
    if not decision.allowed:
        raise errors.RateLimited(f"too many requests: retry in {decision.retry_after_seconds} s",
                                 retry_after_seconds=decision.retry_after_seconds)


TEST_SEND_SUFFIX = "#test-send"


def check_test_send(account_id: str) -> None:
    """Spend one test send of `account_id`'s budget (`test_sends_per_minute`, bursts of
    `test_send_burst`); RateLimited when it is spent. 0 per minute turns the limit off."""
    settings = get_settings()
    if settings.test_sends_per_minute <= 0:
        return
    interval_ms = 60_000.0 / settings.test_sends_per_minute
    try:
        decision = rate_limits.take(account_id + TEST_SEND_SUFFIX, now_ms=time.time() * 1000,
                                    interval_ms=interval_ms, burst_ms=interval_ms * (settings.test_send_burst - 1))
    except (BotoCoreError, ClientError) as error:
        logger.warning("test send limit not checked: DynamoDB did not answer", extra={"error": type(error).__name__})
        return
    if not decision.allowed:
        raise errors.RateLimited(f"too many test sends: retry in {decision.retry_after_seconds} s",
                                 retry_after_seconds=decision.retry_after_seconds)
