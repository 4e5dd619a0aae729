"""What every table shares: its name and region from settings, billing, and the reset hook."""

from __future__ import annotations

import os
import time
import uuid
from typing import Any

from pynamodb.constants import PAY_PER_REQUEST_BILLING_MODE
from pynamodb.models import Model

from chalicelib.settings import get_settings


def table_meta(key: str) -> Any:
    """A PynamoDB `Meta` for the table `key`, named for the current stage."""
    settings = get_settings()

    class Meta:
        table_name = settings.table_name(key)
        region = settings.region
        billing_mode = PAY_PER_REQUEST_BILLING_MODE

    return Meta


def reset_connection(model: type[Model]) -> None:
    """Drop a model's cached connection, so the next call builds a client (moto starts per test)."""
    model._connection = None


def random_id() -> str:
    """Opaque and unique, in no order: 32 hex digits (a uuid4's)."""
    return uuid.uuid4().hex


def time_ordered_id(prefix: str) -> str:
    """Opaque, unique, and sorting by creation time (milliseconds, then randomness)."""
    return f"{prefix}{int(time.time() * 1000):012x}{os.urandom(8).hex()}"
