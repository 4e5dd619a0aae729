"""CSV imports of contact lists: one item per import, its progress, and the conditional updates
that make every step of the import count once.

Keys: imports (list_id, import_id). `progress_index` (progress_bucket, progress_at) holds only
running imports, by the time of their last recorded step: the reconciler's query.

Progress (`offset`, the byte where the next record starts,
and the counts) only moves with a condition on the offset the step started from, so of two runs
of the same step (a redelivered event, a duplicated continuation) exactly one records its work.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import DoesNotExist, UpdateError
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.clock import format_time, utcnow
from chalicelib.store.base import table_meta

PENDING, RUNNING, COMPLETED, FAILED = "pending", "running", "completed", "failed"
TERMINAL = (COMPLETED, FAILED)


def new_import_id() -> str:
    return f"i{int(time.time() * 1000):012x}{os.urandom(8).hex()}"


class ProgressIndex(GlobalSecondaryIndex["ImportModel"]):
    class Meta:
        index_name = "progress_index"
        projection = KeysOnlyProjection()

    progress_bucket = UnicodeAttribute(hash_key=True)
    progress_at = UnicodeAttribute(range_key=True)


class ImportModel(Model):
    Meta = table_meta("imports")

    list_id = UnicodeAttribute(hash_key=True)
    import_id = UnicodeAttribute(range_key=True)
    account_id = UnicodeAttribute()
    object_key = UnicodeAttribute()
    default_region = UnicodeAttribute(null=True)
    status = UnicodeAttribute(default=PENDING)
    failure_reason = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    started_at = UnicodeAttribute(null=True)
    completed_at = UnicodeAttribute(null=True)
    size = NumberAttribute(null=True)
    etag = UnicodeAttribute(null=True)
    offset = NumberAttribute(default=0)
    chained_offset = NumberAttribute(null=True)
    steps = NumberAttribute(default=0)
    rows_read = NumberAttribute(default=0)
    added = NumberAttribute(default=0)
    updated = NumberAttribute(default=0)
    rejected = NumberAttribute(default=0)
    opted_out = NumberAttribute(default=0)  # rows of the `opt_out` column: on the account's opt-out list
    rejected_rows = JSONAttribute(null=True)
    columns = JSONAttribute(null=True)
    progress_bucket = UnicodeAttribute(null=True)
    progress_at = UnicodeAttribute(null=True)
    progress_index = ProgressIndex()


@dataclass(frozen=True)
class ImportRecord:
    list_id: str
    import_id: str
    account_id: str
    object_key: str
    default_region: str | None
    status: str
    failure_reason: str
    created_at: str
    started_at: str
    completed_at: str
    size: int
    etag: str
    offset: int
    chained_offset: int | None
    steps: int
    rows_read: int
    added: int
    updated: int
    rejected: int
    rejected_rows: list[dict[str, Any]]
    columns: dict[str, Any] | None
    progress_at: str = ""
    opted_out: int = 0


@dataclass
class StepProgress:
    """What one step (or checkpoint) adds to the import: the new offset, the counts to add, and
    the sample of rejected rows as it is to be stored (the earlier ones plus this step's)."""

    offset: int
    rows_read: int = 0
    added: int = 0
    updated: int = 0
    rejected: int = 0
    rejected_rows: list[dict[str, Any]] = field(default_factory=list)
    columns: dict[str, Any] | None = None
    done: bool = False
    opted_out: int = 0


def _record(item: ImportModel) -> ImportRecord:
    return ImportRecord(
        list_id=item.list_id, import_id=item.import_id, account_id=item.account_id, object_key=item.object_key,
        default_region=item.default_region, status=item.status, failure_reason=item.failure_reason or "",
        created_at=item.created_at, started_at=item.started_at or "", completed_at=item.completed_at or "",
        size=int(item.size or 0), etag=item.etag or "", offset=int(item.offset or 0),
        chained_offset=int(item.chained_offset) if item.chained_offset is not None else None,
        steps=int(item.steps or 0), rows_read=int(item.rows_read or 0), added=int(item.added or 0),
        updated=int(item.updated or 0), rejected=int(item.rejected or 0),
        rejected_rows=list(item.rejected_rows or []), columns=item.columns, progress_at=item.progress_at or "",
        opted_out=int(item.opted_out or 0),
    )


def create_import(account_id: str, list_id: str, object_key_for: Any, default_region: str | None) -> ImportRecord:
    import_id = new_import_id()
    item = ImportModel(list_id, import_id, account_id=account_id, object_key=object_key_for(import_id),
                       default_region=default_region, status=PENDING, created_at=format_time(utcnow()))
    item.save(condition=ImportModel.import_id.does_not_exist())
    return _record(item)


def find_import(list_id: str, import_id: str) -> ImportRecord | None:
    try:
        return _record(ImportModel.get(list_id, import_id, consistent_read=True))
    except DoesNotExist:
        return None


def _conditional(item: ImportModel, actions: list[Any], condition: Any) -> bool:
    try:
        item.update(actions=actions, condition=condition)
        return True
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise


def claim(list_id: str, import_id: str, size: int, etag: str) -> bool:
    """pending → running, with the uploaded object's size and ETag; False if not pending."""
    return _conditional(ImportModel(list_id, import_id), [
        ImportModel.status.set(RUNNING), ImportModel.started_at.set(format_time(utcnow())),
        ImportModel.size.set(size), ImportModel.etag.set(etag), ImportModel.offset.set(0),
        ImportModel.progress_bucket.set(RUNNING), ImportModel.progress_at.set(format_time(utcnow())),
    ], (ImportModel.status == PENDING))


def commit(list_id: str, import_id: str, started_at_offset: int, progress: StepProgress) -> bool:
    """Record a step's progress if the import is still running at `started_at_offset`; False
    when another run of this step recorded first (this run's work is then not counted)."""
    actions: list[Any] = [
        ImportModel.offset.set(progress.offset),
        ImportModel.steps.add(1),
        ImportModel.rows_read.add(progress.rows_read),
        ImportModel.added.add(progress.added),
        ImportModel.updated.add(progress.updated),
        ImportModel.rejected.add(progress.rejected),
        ImportModel.opted_out.add(progress.opted_out),
        ImportModel.rejected_rows.set(progress.rejected_rows),
        ImportModel.progress_at.set(format_time(utcnow())),
    ]
    if progress.columns is not None:
        actions.append(ImportModel.columns.set(progress.columns))
    if progress.done:
        actions += [ImportModel.status.set(COMPLETED), ImportModel.completed_at.set(format_time(utcnow())),
                    ImportModel.progress_bucket.remove()]
    return _conditional(ImportModel(list_id, import_id), actions,
                        (ImportModel.offset == started_at_offset) & (ImportModel.status == RUNNING))


def mark_chained(list_id: str, import_id: str, offset: int) -> bool:
    """Note that the continuation from `offset` is on the queue (if the import is still there)."""
    return _conditional(ImportModel(list_id, import_id), [ImportModel.chained_offset.set(offset)],
                        (ImportModel.offset == offset) & (ImportModel.status == RUNNING))


def fail(list_id: str, import_id: str, reason: str) -> bool:
    """Stop the import for good with `reason`, unless it already finished."""
    return _conditional(ImportModel(list_id, import_id), [
        ImportModel.status.set(FAILED), ImportModel.failure_reason.set(reason),
        ImportModel.completed_at.set(format_time(utcnow())), ImportModel.progress_bucket.remove(),
    ], ImportModel.status.is_in(PENDING, RUNNING))


def stalled_imports(before: str) -> Iterator[tuple[str, str]]:
    """(list_id, import_id) of every running import whose last recorded step is older than `before`."""
    for item in ImportModel.progress_index.query(RUNNING, ImportModel.progress_at < before):
        yield item.list_id, item.import_id


def delete_imports_of_list(list_id: str) -> None:
    for item in ImportModel.query(list_id, attributes_to_get=["list_id", "import_id"]):
        item.delete()
