"""CSV imports of contact lists: one item per import, its progress, and the conditional updates
that make every step of the import count once.

Keys: imports (list_id, import_id). `progress_index` (progress_bucket, progress_at) holds only
running imports, by the time of their last recorded step: the reconciler's query.

Progress (`offset`, the byte where the next record starts,
and the counts) only moves with a condition on the offset the step started from, so of two runs
of the same step (a redelivered event, a duplicated continuation) exactly one records its work.

A ranged import (a large upload, read by several steps at once) keeps the same rule per range:
`split_offset` is where the splitter scans on (launching a range moves it, under a condition on
its old value), and `parts` maps each range's number to its own `start`, `end`, `offset`, `row`
(data rows before `offset`), `chained`, `done` and sample of rejected rows; a range's progress
moves `parts.<n>.offset` under a condition on its old value and adds its counts to the import's
in the same update, so the import's counts stay exact whichever ranges run twice.

One module for one table: every write after the create is one of these conditional updates.
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pynamodb.attributes import JSONAttribute, MapAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import DoesNotExist, UpdateError
from pynamodb.expressions.operand import Path
from pynamodb.indexes import GlobalSecondaryIndex, KeysOnlyProjection
from pynamodb.models import Model

from chalicelib.clock import format_time, utcnow
from chalicelib.store.base import record_of, table_meta

PENDING, RUNNING, COMPLETED, FAILED = "pending", "running", "completed", "failed"
TERMINAL = (COMPLETED, FAILED)
REJECTED_SAMPLE = 20


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
    # A ranged import only (see the module's doc).
    split_offset = NumberAttribute(null=True)
    split_rows = NumberAttribute(null=True)
    ranges = NumberAttribute(null=True)
    ranges_done = NumberAttribute(null=True)
    parts: MapAttribute[str, Any] = MapAttribute(null=True)


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
    split_offset: int | None = None  # None: the import is read by one step at a time
    split_rows: int = 0
    parts: list[RangeState] = field(default_factory=list)

    @property
    def ranged(self) -> bool:
        return self.split_offset is not None

    @property
    def split_done(self) -> bool:
        return self.split_offset is not None and self.split_offset >= self.size


@dataclass(frozen=True)
class RangeState:
    """One byte range of a ranged import: `[start, end)`, read up to `offset`, `row` data rows of
    the file before `offset`."""

    index: int
    start: int
    end: int
    offset: int
    row: int
    chained: int | None
    done: bool
    rejected_rows: list[dict[str, Any]]


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


def _range(index: str, raw: dict[str, Any]) -> RangeState:
    chained = raw.get("chained")
    return RangeState(index=int(index), start=int(raw["start"]), end=int(raw["end"]), offset=int(raw["offset"]),
                      row=int(raw["row"]), chained=int(chained) if chained is not None else None,
                      done=bool(raw.get("done")), rejected_rows=json.loads(str(raw.get("rejected") or "[]")))


def _record(item: ImportModel) -> ImportRecord:
    raw_parts = item.parts.as_dict() if item.parts is not None else {}
    parts = sorted((_range(index, raw) for index, raw in raw_parts.items()), key=lambda part: part.index)
    split_offset = int(item.split_offset) if item.split_offset is not None else None
    offset, rejected_rows = int(item.offset or 0), list(item.rejected_rows or [])
    if split_offset is not None:  # the bytes read: the header, then what each range has read
        offset = (parts[0].start if parts else split_offset) + sum(part.offset - part.start for part in parts)
        rejected_rows = sorted((row for part in parts for row in part.rejected_rows),
                               key=lambda row: int(row["row"]))[:REJECTED_SAMPLE]
    return record_of(item, ImportRecord, offset=offset, rejected_rows=rejected_rows, split_offset=split_offset,
                     parts=parts)


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


def claim(list_id: str, import_id: str, size: int, etag: str, *, ranged: bool = False) -> bool:
    """pending → running, with the uploaded object's size and ETag (`ranged`: to be split into byte
    ranges, scanned from 0); False if not pending."""
    actions: list[Any] = [
        ImportModel.status.set(RUNNING), ImportModel.started_at.set(format_time(utcnow())),
        ImportModel.size.set(size), ImportModel.etag.set(etag), ImportModel.offset.set(0),
        ImportModel.progress_bucket.set(RUNNING), ImportModel.progress_at.set(format_time(utcnow())),
    ]
    if ranged:
        actions += [ImportModel.split_offset.set(0), ImportModel.split_rows.set(0), ImportModel.ranges.set(0),
                    ImportModel.ranges_done.set(0), Path("parts").set({"M": {}})]
    return _conditional(ImportModel(list_id, import_id), actions, (ImportModel.status == PENDING))


def commit(list_id: str, import_id: str, started_at_offset: int, progress: StepProgress) -> bool:
    """Record a step's progress if the import is still running at `started_at_offset`; False
    when another run of this step recorded first (this run's work is then not counted)."""
    actions: list[Any] = [
        ImportModel.offset.set(progress.offset),
        *_counted(progress),
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


def _counted(progress: StepProgress) -> list[Any]:
    """A step's counts added to the import's."""
    return [ImportModel.steps.add(1), ImportModel.rows_read.add(progress.rows_read),
            ImportModel.added.add(progress.added), ImportModel.updated.add(progress.updated),
            ImportModel.rejected.add(progress.rejected), ImportModel.opted_out.add(progress.opted_out)]


def _n(value: int) -> dict[str, str]:
    return {"N": str(value)}


def _part(index: int, name: str) -> Path:
    return Path(["parts", str(index), name])


def launch_range(list_id: str, import_id: str, index: int, split_from: int, start: int, end: int, row: int,
                 rows_after: int, columns: dict[str, Any] | None) -> bool:
    """Add range `index` = `[start, end)` (`row` data rows before `start`, `rows_after` before
    `end`) and move the split on to `end`, if the split is still at `split_from`; with `columns`,
    the header's. False when another run of the splitter got there first."""
    actions: list[Any] = [
        Path(["parts", str(index)]).set({"M": {"start": _n(start), "end": _n(end), "offset": _n(start),
                                              "row": _n(row), "done": {"BOOL": False}}}),
        ImportModel.split_offset.set(end), ImportModel.split_rows.set(rows_after), ImportModel.ranges.add(1),
        ImportModel.progress_at.set(format_time(utcnow())),
    ]
    if columns is not None:
        actions.append(ImportModel.columns.set(columns))
    return _conditional(ImportModel(list_id, import_id), actions,
                        (ImportModel.split_offset == split_from) & (ImportModel.status == RUNNING))


def end_split(list_id: str, import_id: str, split_from: int, size: int, columns: dict[str, Any] | None) -> bool:
    """The split reached the end of the file with no range left to launch (a file of a header)."""
    actions: list[Any] = [ImportModel.split_offset.set(size), ImportModel.progress_at.set(format_time(utcnow()))]
    if columns is not None:
        actions.append(ImportModel.columns.set(columns))
    return _conditional(ImportModel(list_id, import_id), actions,
                        (ImportModel.split_offset == split_from) & (ImportModel.status == RUNNING))


def commit_range(list_id: str, import_id: str, index: int, started_at_offset: int, progress: StepProgress,
                 row: int) -> bool:
    """`commit` for one range: its offset moves from `started_at_offset` (`row` data rows before the
    new one), the import's counts grow; with `progress.done` the range counts as done."""
    actions: list[Any] = [
        _part(index, "offset").set(_n(progress.offset)),
        _part(index, "row").set(_n(row)),
        _part(index, "rejected").set({"S": json.dumps(progress.rejected_rows)}),
        *_counted(progress),
        ImportModel.progress_at.set(format_time(utcnow())),
    ]
    if progress.done:
        actions += [_part(index, "done").set({"BOOL": True}), ImportModel.ranges_done.add(1)]
    return _conditional(ImportModel(list_id, import_id), actions,
                        (_part(index, "offset") == _n(started_at_offset)) & (ImportModel.status == RUNNING))


def mark_range_chained(list_id: str, import_id: str, index: int, offset: int) -> bool:
    """Note that the continuation of range `index` from `offset` is on the queue."""
    return _conditional(ImportModel(list_id, import_id), [_part(index, "chained").set(_n(offset))],
                        (_part(index, "offset") == _n(offset)) & (ImportModel.status == RUNNING))


def finish_ranged(list_id: str, import_id: str) -> bool:
    """running → completed once the split reached the end of the file and every range is done."""
    return _conditional(ImportModel(list_id, import_id), [
        ImportModel.status.set(COMPLETED), ImportModel.completed_at.set(format_time(utcnow())),
        ImportModel.progress_bucket.remove(),
    ], (ImportModel.status == RUNNING) & (ImportModel.split_offset >= ImportModel.size)
        & (ImportModel.ranges_done == ImportModel.ranges))


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
