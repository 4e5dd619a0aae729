"""Lazy, cached boto3 clients: nothing is created at import time (cold start, moto)."""

from __future__ import annotations

from functools import cache
from typing import Any

import boto3
from botocore.config import Config

from chalicelib.settings import get_settings

_RETRIES = Config(retries={"max_attempts": 8, "mode": "adaptive"})


@cache
def client(service: str) -> Any:
    return boto3.client(service, region_name=get_settings().region, config=_RETRIES)


def reset_clients() -> None:
    """Drop cached clients so the next call builds new ones (tests start moto per test)."""
    client.cache_clear()
