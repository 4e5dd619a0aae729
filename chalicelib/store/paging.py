"""Opaque cursors over DynamoDB's LastEvaluatedKey, checked so a cursor cannot leave its query."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from chalicelib.errors import InvalidInput

T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    items: list[T]
    next_cursor: str


def encode_cursor(last_evaluated_key: dict[str, Any] | None) -> str:
    if not last_evaluated_key:
        return ""
    raw = json.dumps(last_evaluated_key, separators=(",", ":"), sort_keys=True).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(
    cursor: str | None, *, pinned: dict[str, str], field: str = "cursor"
) -> dict[str, Any] | None:
    """Decode a cursor made by `encode_cursor`; `pinned` string keys must match the query's own."""
    if not cursor:
        return None
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        key = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (ValueError, binascii.Error, UnicodeError):
        raise InvalidInput(field, f"{field} is not a cursor this API issued") from None
    if not isinstance(key, dict):
        raise InvalidInput(field, f"{field} is not a cursor this API issued")
    for name, value in pinned.items():
        if key.get(name) != {"S": value}:
            raise InvalidInput(field, f"{field} does not belong to this listing")
    for value in key.values():
        if not (isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("S", "N")):
            raise InvalidInput(field, f"{field} is not a cursor this API issued")
    return key
