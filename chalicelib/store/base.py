"""What every table shares: its name and region from settings, billing, the reset hook, ids, and the
mapping of a model item to its area's record."""

from __future__ import annotations

import functools
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import MISSING, dataclass, fields
from typing import Any, TypeVar

from pynamodb.attributes import MapAttribute
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


R = TypeVar("R")
_EMPTY: dict[str, Any] = {"int": 0, "float": 0.0, "bool": False, "str": ""}


@dataclass(frozen=True)
class _Field:
    name: str
    base: str
    optional: bool
    default: Any
    factory: Callable[[], Any] | None


@functools.cache
def _fields_of(record_type: type) -> tuple[_Field, ...]:
    """Each field of a record type with its annotation read once (they are strings under `annotations`)."""
    table = []
    for spec in fields(record_type):
        kind = str(spec.type).replace(" ", "")
        factory = None if spec.default_factory is MISSING else spec.default_factory
        table.append(_Field(spec.name, kind.removesuffix("|None"), kind.endswith("|None"), spec.default, factory))
    return tuple(table)


def record_of(item: Model, record_type: type[R], **given: Any) -> R:
    """The area's record (a frozen dataclass) of a model item: each field not `given` is read from the
    item's attribute of the same name. A missing value takes the field's default (else the type's empty
    value, or None where the type allows it); numbers come back as `int` or `float` as the field says
    (DynamoDB hands back Decimals and floats), maps as plain dicts."""
    values: dict[str, Any] = {}
    for spec in _fields_of(record_type):  # type: ignore[arg-type]
        if spec.name in given:
            continue
        value = getattr(item, spec.name, None)
        if isinstance(value, MapAttribute):
            value = value.as_dict()
        if value is None:
            if spec.default is not MISSING:
                value = spec.default
            elif spec.factory is not None:
                value = spec.factory()
            elif not spec.optional:
                value = _EMPTY.get(spec.base)
        elif spec.base == "int":
            value = int(value)
        elif spec.base == "float":
            value = float(value)
        elif spec.base == "bool":
            value = bool(value)
        values[spec.name] = value
    return record_type(**values, **given)
