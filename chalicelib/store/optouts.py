"""The suppression list: the numbers that opted out of an account's broadcasts.

Keys: optouts (account_id, phone E.164), with the `source` (inbound, api, import) and the time it
was added. Adding is exact: the numbers are read first (BatchGetItem, 100 keys a request), the
missing ones put in transactions of up to 99 with `attribute_not_exists`; a number another writer
added in between fails its condition and is not counted, and the rest are put again. An entry that
exists keeps its first source and time.

Each account's list has a marker item, (account_id, "#list"), changed in the same transaction as
every entry put or deleted: `version` (one more per change) and `entries`. A broadcast notes the
version its snapshot screened against; a send pass that finds the same version has nothing to
look up again, and a list without entries is never looked up (`ListState`). The marker sorts
before every number (E.164 starts with "+"), and the list's pages start after it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from chalicelib.clock import format_time, utcnow
from chalicelib.settings import get_settings
from chalicelib.store.base import record_of, table_meta
from chalicelib.store.paging import Page, decode_cursor, encode_cursor, key_shape
from chalicelib.store.transact import Cancelled, Contended, transact_items

SOURCES = ("inbound", "api", "import")
TRANSACTION_LIMIT = 99  # with the marker's update: DynamoDB's 100 items a transaction
MARKER = "#list"
MAX_ATTEMPTS = 10


class OptOutModel(Model):
    Meta = table_meta("optouts")

    account_id = UnicodeAttribute(hash_key=True)
    phone = UnicodeAttribute(range_key=True)
    source = UnicodeAttribute()
    created_at = UnicodeAttribute()


class ListMarker(Model):
    Meta = table_meta("optouts")

    account_id = UnicodeAttribute(hash_key=True)
    phone = UnicodeAttribute(range_key=True)
    version = NumberAttribute(default=0)
    entries = NumberAttribute(default=0)


@dataclass(frozen=True)
class ListState:
    """The account's list as its marker says: `version` changes with every entry added or deleted."""

    version: int
    entries: int


def list_state(account_id: str) -> ListState:
    """The list's version and size (one GetItem; a list never written to is version 0, empty)."""
    try:
        marker = ListMarker.get(account_id, MARKER, consistent_read=True)
    except ListMarker.DoesNotExist:
        return ListState(0, 0)
    return ListState(int(marker.version), int(marker.entries))


def _marker_update(table: str, account_id: str, change: int) -> dict[str, Any]:
    return {"Update": {
        "TableName": table, "Key": {"account_id": {"S": account_id}, "phone": {"S": MARKER}},
        "UpdateExpression": "ADD version :one, entries :change",
        "ExpressionAttributeValues": {":one": {"N": "1"}, ":change": {"N": str(change)}},
    }}


@dataclass(frozen=True)
class OptOut:
    phone: str
    source: str
    created_at: str


def _optout(item: OptOutModel) -> OptOut:
    return record_of(item, OptOut)


def opted_out(account_id: str, phones: Iterable[str]) -> set[str]:
    """Which of `phones` are on the account's list (BatchGetItem: one request per 100 numbers)."""
    keys = [(account_id, phone) for phone in dict.fromkeys(phones)]
    if not keys:
        return set()
    return {item.phone for item in OptOutModel.batch_get(keys, consistent_read=True,
                                                         attributes_to_get=["account_id", "phone"])}


def add_optouts(account_id: str, phones: Sequence[str], source: str) -> int:
    """Put the numbers not yet on the account's list; how many this call added."""
    if source not in SOURCES:
        raise ValueError(f"unknown opt-out source {source!r}")
    listed = opted_out(account_id, phones)
    missing = [phone for phone in dict.fromkeys(phones) if phone not in listed]
    added = 0
    for start in range(0, len(missing), TRANSACTION_LIMIT):
        added += _put_missing(account_id, missing[start:start + TRANSACTION_LIMIT], source)
    return added


def _put_missing(account_id: str, phones: list[str], source: str) -> int:
    table = get_settings().table_name("optouts")
    now = format_time(utcnow())
    for _ in range(MAX_ATTEMPTS):
        if not phones:
            return 0
        items: list[dict[str, Any]] = [{"Put": {
            "TableName": table,
            "Item": {"account_id": {"S": account_id}, "phone": {"S": phone}, "source": {"S": source},
                     "created_at": {"S": now}},
            "ConditionExpression": "attribute_not_exists(phone)",
        }} for phone in phones]
        items.append(_marker_update(table, account_id, len(phones)))
        try:
            transact_items(OptOutModel, items)
            return len(phones)
        except Cancelled as cancelled:
            phones = [phone for index, phone in enumerate(phones) if not cancelled.failed(index)]
    raise Contended("opt-outs kept changing under concurrent writers")


def delete_optout(account_id: str, phone: str) -> bool:
    """Delete one number from the list; whether it was there."""
    table = get_settings().table_name("optouts")
    try:
        transact_items(OptOutModel, [
            {"Delete": {"TableName": table, "Key": {"account_id": {"S": account_id}, "phone": {"S": phone}},
                        "ConditionExpression": "attribute_exists(phone)"}},
            _marker_update(table, account_id, -1),
        ])
    except Cancelled as cancelled:
        if cancelled.failed(0):
            return False
        raise
    return True


def list_optouts(account_id: str, *, limit: int, cursor: str | None) -> Page[OptOut]:
    start = decode_cursor(cursor, pinned={"account_id": account_id}, shape=key_shape(OptOutModel))
    items = list(OptOutModel.query(account_id, OptOutModel.phone.startswith("+"), limit=limit + 1,
                                   page_size=limit + 1, last_evaluated_key=start))
    next_cursor = ""
    if len(items) > limit:
        items = items[:limit]
        next_cursor = encode_cursor({"account_id": {"S": account_id}, "phone": {"S": items[-1].phone}})
    return Page([_optout(item) for item in items], next_cursor)
