"""Contact lists and their members: models and the repository functions.

Keys:
- lists: (account_id, list_id). List ids sort by creation time, so a query on the account
  newest-first is the listing. `member_count` is exact: it only ever changes in the same
  transaction as the member writes that change the number of members, by their exact delta.
- members: (list_id, phone E.164). `added_by` names the write that created the member (an API
  call, or an import row `<import_id>@<byte offset>`), so an import step run twice knows which
  members it added itself the first time.

Member writes go in transactions of at most `BATCH` members plus the list's counter: every new
member is put with `attribute_not_exists`, every known one updated with `attribute_exists`, and
when a guess was wrong (another writer got there first, or deleted it) the cancellation says
which, and the batch is retried with the right guesses. So the counter moves once per batch by
exactly the number of members that came into existence.

One module for both tables: the list's counter moves only in the transactions that write its members.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pynamodb.attributes import MapAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import DeleteError, DoesNotExist
from pynamodb.models import Model

from chalicelib.clock import format_time, utcnow
from chalicelib.settings import get_settings
from chalicelib.store.base import record_of, table_meta, time_ordered_id
from chalicelib.store.paging import Page, decode_cursor, encode_cursor, key_shape
from chalicelib.store.transact import Cancelled, Contended, backoff, transact_items

BATCH = 25
MAX_ATTEMPTS = 40


def new_list_id() -> str:
    return time_ordered_id("l")


class ListModel(Model):
    Meta = table_meta("lists")

    account_id = UnicodeAttribute(hash_key=True)
    list_id = UnicodeAttribute(range_key=True)
    name = UnicodeAttribute()
    member_count = NumberAttribute(default=0)
    created_at = UnicodeAttribute()


class MemberModel(Model):
    Meta = table_meta("members")

    list_id = UnicodeAttribute(hash_key=True)
    phone = UnicodeAttribute(range_key=True)
    variables = MapAttribute[str, Any](null=True)
    added_at = UnicodeAttribute(null=True)
    added_by = UnicodeAttribute(null=True)
    updated_at = UnicodeAttribute(null=True)


@dataclass(frozen=True)
class ListRecord:
    account_id: str
    list_id: str
    name: str
    member_count: int
    created_at: str


@dataclass(frozen=True)
class MemberRecord:
    phone: str
    variables: dict[str, str]
    added_at: str


@dataclass(frozen=True)
class MemberWrite:
    """One member to put: `source` is what `added_by` records if this write creates it."""

    phone: str
    variables: dict[str, str]
    source: str


@dataclass(frozen=True)
class WriteResult:
    """Per write (same order): `created` when this write made the member exist; `own` when the
    member already existed because an earlier run of the same `source` created it."""

    created: list[bool]
    own: list[bool]


class ListFull(Exception):
    """The list holds `max_list_members` members: the new ones were not written."""


class ListGone(Exception):
    """The list was deleted while members were being written to it."""


def _list(item: ListModel) -> ListRecord:
    return record_of(item, ListRecord)


def create_list(account_id: str, name: str) -> ListRecord:
    item = ListModel(account_id, new_list_id(), name=name, member_count=0, created_at=format_time(utcnow()))
    item.save(condition=ListModel.list_id.does_not_exist())
    return _list(item)


def find_list(account_id: str, list_id: str) -> ListRecord | None:
    try:
        return _list(ListModel.get(account_id, list_id, consistent_read=True))
    except DoesNotExist:
        return None


def list_lists(account_id: str, limit: int, cursor: str | None) -> Page[ListRecord]:
    start = decode_cursor(cursor, pinned={"account_id": account_id}, shape=key_shape(ListModel))
    items = list(ListModel.query(account_id, scan_index_forward=False, limit=limit + 1, page_size=limit + 1,
                                 last_evaluated_key=start))
    next_cursor = ""
    if len(items) > limit:
        items = items[:limit]
        next_cursor = encode_cursor({"account_id": {"S": account_id}, "list_id": {"S": items[-1].list_id}})
    return Page([_list(item) for item in items], next_cursor)


def delete_list(account_id: str, list_id: str) -> bool:
    try:
        ListModel(account_id, list_id).delete(condition=ListModel.list_id.exists())
        return True
    except DeleteError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise


# --- members ---------------------------------------------------------------------------------


def _member(item: MemberModel) -> MemberRecord:
    variables = item.variables.as_dict() if item.variables is not None else {}
    return record_of(item, MemberRecord, variables={str(k): str(v) for k, v in variables.items()})


def list_members(list_id: str, limit: int, cursor: str | None, *, field: str = "cursor") -> Page[MemberRecord]:
    """Members by phone, `limit` at a time; the cursor resumes after the last one returned."""
    start = decode_cursor(cursor, pinned={"list_id": list_id}, field=field, shape=key_shape(MemberModel))
    items = list(MemberModel.query(list_id, limit=limit + 1, page_size=limit + 1, last_evaluated_key=start))
    next_cursor = ""
    if len(items) > limit:
        items = items[:limit]
        next_cursor = encode_cursor({"list_id": {"S": list_id}, "phone": {"S": items[-1].phone}})
    return Page([_member(item) for item in items], next_cursor)


def count_members(list_id: str) -> int:
    """Count the members by reading them all (tests and audits; the API reads `member_count`)."""
    return int(MemberModel.count(list_id, consistent_read=True))


def _tables() -> tuple[str, str]:
    settings = get_settings()
    return settings.table_name("lists"), settings.table_name("members")


def _list_op(account_id: str, list_id: str, delta: int) -> dict[str, Any]:
    """The list's part of a members transaction: it exists, and (adding) it stays within the cap
    (`max_list_members`); its old state comes back on failure, to tell ListGone from ListFull."""
    lists_table, _ = _tables()
    key = {"account_id": {"S": account_id}, "list_id": {"S": list_id}}
    if delta == 0:
        return {"ConditionCheck": {"TableName": lists_table, "Key": key,
                                   "ConditionExpression": "attribute_exists(list_id)"}}
    update: dict[str, Any] = {"TableName": lists_table, "Key": key, "UpdateExpression": "ADD member_count :d",
                              "ConditionExpression": "attribute_exists(list_id)",
                              "ExpressionAttributeValues": {":d": {"N": str(delta)}}}
    if delta > 0:
        update["ConditionExpression"] += " AND (attribute_not_exists(member_count) OR member_count <= :room)"
        update["ExpressionAttributeValues"][":room"] = {"N": str(get_settings().max_list_members - delta)}
        update["ReturnValuesOnConditionCheckFailure"] = "ALL_OLD"
    return {"Update": update}


def _variables(variables: dict[str, str]) -> dict[str, Any]:
    return {"M": {key: {"S": value} for key, value in variables.items()}}


def put_members(account_id: str, list_id: str, writes: Sequence[MemberWrite]) -> WriteResult:
    """Put `writes` (distinct phones, at most `BATCH`) into the list in one transaction with the
    list's counter; raises ListGone when the list does not exist (any more)."""
    if len(writes) > BATCH:
        raise ValueError(f"at most {BATCH} members per transaction")
    if len({write.phone for write in writes}) != len(writes):
        raise ValueError("phones of one transaction must be distinct")
    if not writes:
        return WriteResult([], [])
    _, members_table = _tables()
    new = [True] * len(writes)
    own = [False] * len(writes)
    now = format_time(utcnow())
    for attempt in range(MAX_ATTEMPTS):
        items: list[dict[str, Any]] = []
        for index, write in enumerate(writes):
            key = {"list_id": {"S": list_id}, "phone": {"S": write.phone}}
            if new[index]:
                items.append({"Put": {
                    "TableName": members_table,
                    "Item": {**key, "variables": _variables(write.variables), "added_at": {"S": now},
                             "added_by": {"S": write.source}},
                    "ConditionExpression": "attribute_not_exists(phone)",
                    "ReturnValuesOnConditionCheckFailure": "ALL_OLD",
                }})
            else:
                items.append({"Update": {
                    "TableName": members_table, "Key": key,
                    "UpdateExpression": "SET #v = :v, updated_at = :t",
                    "ConditionExpression": "attribute_exists(phone)",
                    "ExpressionAttributeNames": {"#v": "variables"},
                    "ExpressionAttributeValues": {":v": _variables(write.variables), ":t": {"S": now}},
                }})
        items.append(_list_op(account_id, list_id, sum(new)))
        try:
            transact_items(MemberModel, items)
            return WriteResult(created=list(new), own=list(own))
        except Cancelled as cancelled:
            if cancelled.failed(len(writes)):
                members_changed = any(cancelled.failed(index) for index in range(len(writes)))
                if sum(new) == 0 or not cancelled.old(len(writes)):
                    raise ListGone(list_id) from None
                if not members_changed:  # the list is there: it is full
                    raise ListFull(list_id) from None
            for index, write in enumerate(writes):
                if not cancelled.failed(index):
                    continue
                if new[index]:
                    old = cancelled.old(index) or {}
                    own[index] = old.get("added_by", {}).get("S") == write.source
                else:
                    own[index] = False
                new[index] = not new[index]
            if attempt >= 1:
                backoff(min(attempt - 1, 5))
    raise Contended("members kept changing under concurrent writers")


def delete_member(account_id: str, list_id: str, phone: str) -> bool:
    """Delete one member and count it out, in one transaction; whether it existed. Raises
    ListGone when the list does not exist."""
    _, members_table = _tables()
    items = [
        {"Delete": {"TableName": members_table, "Key": {"list_id": {"S": list_id}, "phone": {"S": phone}},
                    "ConditionExpression": "attribute_exists(phone)"}},
        _list_op(account_id, list_id, -1),
    ]
    try:
        transact_items(MemberModel, items)
        return True
    except Cancelled as cancelled:
        if cancelled.failed(1):
            raise ListGone(list_id) from None
        return False


def member_keys(list_id: str, limit: int) -> list[str]:
    """Up to `limit` phones of the list (the purge of a deleted list)."""
    return [item.phone for item in MemberModel.query(list_id, limit=limit, page_size=limit,
                                                     attributes_to_get=["list_id", "phone"])]


def delete_member_keys(list_id: str, phones: Sequence[str]) -> None:
    """Delete members without counting (their list is gone), 25 per BatchWriteItem, sending
    unprocessed items again with backoff."""
    client = MemberModel._get_connection().connection.client
    _, members_table = _tables()
    for start in range(0, len(phones), BATCH):
        requests: list[dict[str, Any]] = [
            {"DeleteRequest": {"Key": {"list_id": {"S": list_id}, "phone": {"S": phone}}}}
            for phone in phones[start:start + BATCH]
        ]
        for attempt in range(MAX_ATTEMPTS):
            response = client.batch_write_item(RequestItems={members_table: requests})
            requests = response.get("UnprocessedItems", {}).get(members_table, [])
            if not requests:
                break
            backoff(attempt)
        else:
            raise Contended("DynamoDB kept members unprocessed")


def iter_member_pages(list_id: str, page_size: int, cursor: str | None) -> Iterator[Page[MemberRecord]]:
    while True:
        page = list_members(list_id, page_size, cursor)
        yield page
        if not page.next_cursor:
            return
        cursor = page.next_cursor

