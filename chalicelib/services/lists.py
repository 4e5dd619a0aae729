"""Contact lists: the lists of an account, their members (E.164 phones with the variables of the
template placeholders), an exact `member_count`, and the purge of a deleted list's members."""

from __future__ import annotations

import re
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from chalicelib import errors, jobs, messaging
from chalicelib.clock import TimeLeft, parse_time
from chalicelib.logs import logger
from chalicelib.services import limits
from chalicelib.services.phones import Rejected, check_region, check_variables, to_e164
from chalicelib.services.text_rules import NAME_CONTROL
from chalicelib.settings import get_settings
from chalicelib.store import imports as import_store
from chalicelib.store import lists as store
from chalicelib.store.lists import BATCH, ListFull, ListGone, ListRecord, MemberRecord, MemberWrite, WriteResult
from chalicelib.store.paging import Page

MAX_MEMBERS_PER_CALL = limits.MAX_MEMBERS_PER_CALL
MAX_NAME_LENGTH = limits.MAX_LIST_NAME_LENGTH
_E164_SHAPE = re.compile(r"\+[1-9][0-9]{1,14}")
PURGE_PAGE = 500
PURGE_MARGIN_SECONDS = 10.0


@dataclass(frozen=True)
class ContactList:
    list_id: str
    account_id: str
    name: str
    member_count: int
    created_at: datetime


@dataclass(frozen=True)
class Member:
    phone: str
    variables: dict[str, str]


@dataclass(frozen=True)
class Rejection:
    """A row that was not stored: `row` is its index in the request (0-based) or its record
    number in a CSV file (the header is row 1); `phone` as given (cut to 64 characters)."""

    row: int
    phone: str
    reason: str


@dataclass(frozen=True)
class AddResult:
    added: int
    updated: int
    rejected: list[Rejection]


def _contact_list(record: ListRecord) -> ContactList:
    return ContactList(record.list_id, record.account_id, record.name, record.member_count,
                       parse_time(record.created_at))


def check_name(name: Any) -> str:
    if not isinstance(name, str) or not name.strip():
        raise errors.InvalidInput("name", "name must be a non-empty string")
    if NAME_CONTROL.search(name):
        raise errors.InvalidInput("name", "name must not contain control characters")
    clean = str(name).strip()
    if len(clean) > MAX_NAME_LENGTH:
        raise errors.InvalidInput("name", f"name must be at most {MAX_NAME_LENGTH} characters")
    return clean


def region_or_invalid(region: str | None, field: str = "default_region") -> str | None:
    try:
        return check_region(region)
    except Rejected as rejected:
        raise errors.InvalidInput(field, f"{field} {rejected.reason}") from None


def create_list(account_id: str, name: str) -> ContactList:
    return _contact_list(store.create_list(account_id, check_name(name)))


def get_list(account_id: str, list_id: str) -> ContactList:
    """The list with its exact member count; errors.NotFound for another account's or no list."""
    record = store.find_list(account_id, list_id) if list_id else None
    if record is None:
        raise errors.NotFound("no such list")
    return _contact_list(record)


def list_lists(account_id: str, limit: int, cursor: str | None) -> Page[ContactList]:
    page = store.list_lists(account_id, limit, cursor)
    return Page([_contact_list(record) for record in page.items], page.next_cursor)


def delete_list(account_id: str, list_id: str) -> None:
    """Delete the list now; its members are purged in the background (the imports queue)."""
    if not list_id or not store.delete_list(account_id, list_id):
        raise errors.NotFound("no such list")
    try:
        messaging.send("imports", jobs.PurgeList(account_id, list_id))
    except Exception:
        logger.exception("could not queue the purge of a deleted list", extra={"list_id": list_id})


# --- members ---------------------------------------------------------------------------------


class MemberBatcher:
    """Writes members in transactions of `BATCH` distinct phones (with the list's counter) and
    counts what happened with the semantics of writing the rows one by one: the same phone twice
    is one member, the later variables win, the later row counts as an update.

    With `writers` > 0 a full batch is written by one of `writers` threads while the caller reads
    on (the CSV import: parsing overlaps the writes); a batch holding a phone that an earlier batch
    is still writing waits for it, so the later row's variables still win. `flush()` is the
    barrier: when it returns, every row added is written and counted (or its error raised). Each
    transaction is conditional per member (created or not), so the counts and the list's counter
    stay exact whatever order the writes finish in. `close()` waits for the threads."""

    def __init__(self, account_id: str, list_id: str, on_flush: Callable[[], None] | None = None, *,
                 writers: int = 0) -> None:
        self.account_id = account_id
        self.list_id = list_id
        self.added = 0
        self.updated = 0
        self.sent = 0  # batches handed to a write (written or in flight)
        self.flushes = 0  # batches written and counted
        self._pending: dict[str, MemberWrite] = {}
        self._on_flush = on_flush
        self._writers = writers
        self._pool: ThreadPoolExecutor | None = None
        self._in_flight: deque[tuple[Future[WriteResult], frozenset[str]]] = deque()

    @property
    def pending(self) -> int:
        return len(self._pending)

    def add(self, phone: str, variables: dict[str, str], source: str) -> None:
        earlier = self._pending.get(phone)
        if earlier is not None:
            self._pending[phone] = MemberWrite(phone, variables, earlier.source)
            self.updated += 1
            return
        self._pending[phone] = MemberWrite(phone, variables, source)
        if len(self._pending) >= BATCH:
            self._send()

    def _send(self) -> None:
        writes = list(self._pending.values())
        self._pending = {}
        self.sent += 1
        if not self._writers:
            self._count(store.put_members(self.account_id, self.list_id, writes))
            return
        phones = frozenset(write.phone for write in writes)
        while self._in_flight and (len(self._in_flight) >= self._writers
                                   or any(phones & earlier for _, earlier in self._in_flight)):
            self._collect_oldest()
        if self._pool is None:
            self._pool = ThreadPoolExecutor(max_workers=self._writers, thread_name_prefix="members")
        self._in_flight.append((self._pool.submit(store.put_members, self.account_id, self.list_id, writes),
                                phones))

    def _collect_oldest(self) -> None:
        future, _ = self._in_flight.popleft()
        self._count(future.result())  # the writer's exception (ListGone, ListFull, ...) is raised here

    def _count(self, result: WriteResult) -> None:
        self.flushes += 1
        for created, own in zip(result.created, result.own, strict=True):
            if created or own:
                self.added += 1
            else:
                self.updated += 1
        if self._on_flush is not None:
            self._on_flush()

    def flush(self) -> None:
        """Write what is pending and wait for every write in flight; raises ListGone when the list
        was deleted (ListFull when it is full)."""
        if self._pending:
            self._send()
        while self._in_flight:
            self._collect_oldest()

    def close(self) -> None:
        """Wait for the writer threads (a write still running after an error ends first)."""
        if self._pool is not None:
            self._pool.shutdown(wait=True)
            self._pool = None


def add_members(account_id: str, list_id: str, rows: Sequence[dict[str, Any]],
                default_region: str | None = None) -> AddResult:
    """Add or update up to MAX_MEMBERS_PER_CALL members; rows with a phone that is not a valid
    number (or unusable variables) are rejected with their index and reason, never stored."""
    get_list(account_id, list_id)
    if len(rows) > MAX_MEMBERS_PER_CALL:
        raise errors.InvalidInput("members", f"members takes at most {MAX_MEMBERS_PER_CALL} rows per call")
    region = region_or_invalid(default_region)
    rejected: list[Rejection] = []
    batcher = MemberBatcher(account_id, list_id)
    source = f"api:{uuid.uuid4().hex}"
    try:
        for index, row in enumerate(rows):
            raw = row.get("phone")
            try:
                phone = to_e164(raw, region)
                variables = check_variables(row.get("variables"))
            except Rejected as rejection:
                rejected.append(Rejection(index, raw[:64] if isinstance(raw, str) else "", rejection.reason))
                continue
            batcher.add(phone, variables, source)
        batcher.flush()
    except ListGone:
        raise errors.NotFound("no such list") from None
    except ListFull:
        raise errors.Conflict(list_full_message()) from None
    return AddResult(batcher.added, batcher.updated, rejected)


def list_full_message() -> str:
    return (f"the list holds {get_settings().max_list_members} members, the most a list may hold "
            "(max_list_members); members written before the cap was met are kept")


def normalise_phone(raw: str, default_region: str | None = None, field: str = "phone") -> str:
    try:
        return to_e164(raw, region_or_invalid(default_region))
    except Rejected as rejection:
        raise errors.InvalidInput(field, f"{field}: {rejection.reason}") from None


def remove_member(account_id: str, list_id: str, raw_phone: str, default_region: str | None = None) -> None:
    """Remove one member. A number written in E.164 that is no valid phone number names no member (404,
    as an unknown id); text that is no phone number at all is a 400."""
    get_list(account_id, list_id)
    region = region_or_invalid(default_region)
    try:
        phone = normalise_phone(raw_phone, region)
    except errors.InvalidInput:
        if _E164_SHAPE.fullmatch(raw_phone.strip()):
            raise errors.NotFound("no such member in this list (not a valid phone number)") from None
        raise
    try:
        existed = store.delete_member(account_id, list_id, phone)
    except ListGone:
        raise errors.NotFound("no such list") from None
    if not existed:
        raise errors.NotFound("no such member in this list")


def members(account_id: str, list_id: str, limit: int, cursor: str | None) -> Page[MemberRecord]:
    get_list(account_id, list_id)
    return store.list_members(list_id, limit, cursor)


def member_pages(list_id: str, page_size: int = 1000, cursor: str | None = None) -> Iterator[tuple[list[Member], str]]:
    """The list's members by phone, `page_size` at a time, each page with the cursor after it
    ("" after the last page); passing that cursor back resumes after that page. An empty list
    yields nothing. The caller checks the list's account first (`get_list`)."""
    if not 1 <= page_size <= 1000:
        raise ValueError("page_size is 1 to 1000")
    for page in store.iter_member_pages(list_id, page_size, cursor):
        if page.items:
            yield [Member(item.phone, item.variables) for item in page.items], page.next_cursor


def purge_deleted_list(account_id: str, list_id: str, time_left: TimeLeft) -> bool:
    """Delete the members of a deleted list while time allows; True when none is left.
    Nothing is done for a list that exists (a purge message that outlived a re-creation
    cannot happen: list ids are never reused)."""
    if store.find_list(account_id, list_id) is not None:
        return True
    while True:
        phones = store.member_keys(list_id, PURGE_PAGE)
        if phones:
            store.delete_member_keys(list_id, phones)
        if len(phones) < PURGE_PAGE:
            import_store.delete_imports_of_list(list_id)
            return True
        if time_left() < PURGE_MARGIN_SECONDS:
            return False
