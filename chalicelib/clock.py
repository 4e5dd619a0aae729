"""Time as the API writes it (RFC 3339 UTC with a `Z`, to the second), and the time a handler has left."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

UNSET = "0001-01-01T00:00:00Z"

# Seconds left before the invocation's deadline (workers/sqs_batch.py reads them from the Lambda context).
TimeLeft = Callable[[], float]


def no_deadline() -> float:
    return float("inf")


def utcnow() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def format_time(moment: datetime | None) -> str:
    if moment is None:
        return UNSET
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(text: str) -> datetime:
    """Parse an RFC 3339 timestamp; a naive one is refused, an offset is converted to UTC."""
    moment = datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00"))
    if moment.tzinfo is None:
        raise ValueError("timestamp needs a time zone (use Z for UTC)")
    return moment.astimezone(UTC)
