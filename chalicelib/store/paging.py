"""Opaque cursors over DynamoDB's LastEvaluatedKey, checked so a cursor cannot leave its query."""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from decimal import Decimal
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


def key_shape(model: Any, index: Any = None) -> dict[str, str]:
    """The attribute names and DynamoDB types of a LastEvaluatedKey of a query of `model` (through
    `index`): the table's key, plus the index's."""
    attributes = model.get_attributes()
    shape = {name: attributes[name].attr_type for name in (model._hash_keyname, model._range_keyname) if name}
    if index is not None:
        for attribute in index.Meta.attributes.values():
            if attribute.is_hash_key or attribute.is_range_key:
                shape[attribute.attr_name] = attribute.attr_type
    return shape


def _well_typed(value: Any, kind: str) -> bool:
    """A key value DynamoDB takes: a finite number, or a non-empty string of at most 1 KB of UTF-8."""
    if not isinstance(value, str):
        return False
    if kind == "N":
        try:
            return Decimal(value).is_finite()
        except ArithmeticError:
            return False
    try:
        return 0 < len(value.encode("utf-8")) <= 1024
    except UnicodeEncodeError:
        return False


def decode_cursor(
    cursor: str | None, *, pinned: dict[str, str], field: str = "cursor", shape: dict[str, str] | None = None
) -> dict[str, Any] | None:
    """Decode a cursor made by `encode_cursor`; `pinned` string keys must match the query's own, and
    with `shape` (see `key_shape`) it must name exactly the query's key attributes with their types:
    DynamoDB refuses any other ExclusiveStartKey, which would otherwise be a 500."""
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
    if shape is not None and (set(key) != set(shape) or not all(
            shape[name] in value and _well_typed(value[shape[name]], shape[name]) for name, value in key.items())):
        raise InvalidInput(field, f"{field} is not a cursor this API issued")
    return key
