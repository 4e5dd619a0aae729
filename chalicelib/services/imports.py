"""CSV imports into a contact list, for lists too big for `POST …/members`.

1. `start_import` creates the import (`pending`) and a presigned S3 PUT URL for
   `imports/{account}/{list}/{import_id}.csv`.
2. The upload fires S3 `ObjectCreated`: `on_object_created` claims the import (`running`, with the
   object's size and ETag) and runs the first step.
3. A step streams the object from its byte offset (a ranged GET, read in chunks: never the whole
   file in memory; S3 is `chalicelib/store/uploads.py`'s alone), writes members 25 at a time (one
   transaction each, with the list's counter; `RCS_IMPORT_WRITERS` of them in flight while it reads
   on, the later row of a phone still winning), and records its progress every few seconds and at
   its end with a conditional update keyed on the offset it resumed from. When the invocation's
   remaining time runs low it stops at a record boundary and puts a continuation (`{"kind":
   "import", …, "offset"}`) on the "imports" queue; `on_message` runs the next step from there.
4. An upload larger than `RCS_IMPORT_RANGE_BYTES` is claimed as a ranged import: the first step
   is the splitter, which reads the file from the start with the very parser the steps use
   (`records`, writing nothing: about 10 MB/s) and cuts it into at most `RCS_IMPORT_RANGES` byte
   ranges at record ends, never inside a record, so a quoted line break cannot start a range,
   whatever the file holds (a boundary is where a sequential reading would resume). It reads the
   header once (stored with the first range), counts the rows before each cut (so rejected rows keep
   their row number in the file) and queues each range (`{"kind": "import_range", …, "range",
   "offset"}`) as soon as it is cut, so the ranges run in parallel invocations while it reads on; short
   of time it continues from the queue (`"import_split"`). A range step is the step above bounded
   to its range (ranged GETs `[offset, end)`), with its own recorded offset (`parts.<n>.offset`)
   under the same conditional rule; the import completes when the split reached the end of the
   file and every range is done (whichever step sees it last). The same phone in two ranges is one
   member (created under a condition, counted in the same transaction): added by one row,
   updated by the other. Within a range the later row of a phone wins; across ranges the row
   written last wins, which need not be the later one in the file (rows of one phone in two
   ranges are rare; send them in one range's reach, or in order in separate files, when it matters).

Every step is safe to run twice. A second run of the same step (a redelivered S3 event or SQS
message) writes the same members again, which changes nothing, and its progress update fails the
offset condition, so nothing is counted twice. A run that died before recording its progress is
repeated from the last recorded offset; the members it had already added carry
`added_by = <import_id>@<row offset>`, so the repetition still counts them as added. A message
whose offset is behind the recorded one is stale and dropped, unless the continuation from the
recorded offset was never queued (the step died between recording and queueing): then it is
queued now. A step records an offset only when every batch before it is written (the commit
waits for the batches in flight), so a step that dies with batches in flight is repeated from
before them (tests/functional/faults/test_import_writers.py). A ranged import follows the same
rules per range, and its splitter launches each range under a condition on the split's offset (two
splitters at once: the second's launch fails and it stops; a range launched but never queued is
queued by the next splitter run or the reconciler; tests/functional/lists/test_import_ranges.py).

One module for the import's flow and its step (`_Step`): a step queues its own continuation, launches
and finishes ranges, and the flow runs steps, so the two call each other; the parts that stand alone
are elsewhere (the CSV reader in `csv_rows.py`, a row's parsing in `import_rows.py`, S3 in the store).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from chalicelib import errors, jobs, messaging
from chalicelib.clock import TimeLeft, format_time, utcnow
from chalicelib.logs import logger
from chalicelib.services import lists, optouts
from chalicelib.services.csv_rows import OutOfTime, Record, records
from chalicelib.services.import_rows import HeaderError, opts_out, parse_header, parse_row
from chalicelib.services.phones import Rejected
from chalicelib.settings import get_settings
from chalicelib.store import imports as store
from chalicelib.store import uploads
from chalicelib.store.imports import PENDING, REJECTED_SAMPLE, RUNNING, RangeState, StepProgress
from chalicelib.store.imports import ImportRecord as ImportRecord  # the area's record
from chalicelib.store.lists import ListFull, ListGone

UPLOAD_URL_SECONDS = 3600
MAX_IMPORT_BYTES = 1024 * 1024 * 1024
STEP_MARGIN_SECONDS = 20.0
CHECKPOINT_SECONDS = 2.0
TIME_CHECK_EVERY_ROWS = 100
OPT_OUT_BATCH = 100
_KEY = re.compile(r"^imports/(?P<account>[^/]+)/(?P<list>[^/]+)/(?P<import>[^/]+)\.csv$")


@dataclass(frozen=True)
class StartedImport:
    record: ImportRecord
    upload_url: str
    expires_at: str


def object_key(account_id: str, list_id: str, import_id: str) -> str:
    return f"imports/{account_id}/{list_id}/{import_id}.csv"


def start_import(account_id: str, list_id: str, default_region: str | None = None) -> StartedImport:
    lists.get_list(account_id, list_id)
    region = lists.region_or_invalid(default_region)
    record = store.create_import(account_id, list_id, lambda import_id: object_key(account_id, list_id, import_id),
                                 region)
    url = uploads.upload_url(record.object_key, UPLOAD_URL_SECONDS)
    expires_at = format_time(utcnow() + timedelta(seconds=UPLOAD_URL_SECONDS))
    return StartedImport(record, url, expires_at)


def get_import(account_id: str, list_id: str, import_id: str) -> ImportRecord:
    lists.get_list(account_id, list_id)
    record = store.find_import(list_id, import_id) if import_id else None
    if record is None or record.account_id != account_id:
        raise errors.NotFound("no such import")
    return record


# --- the event handlers -------------------------------------------------------------------------


def on_object_created(bucket: str, key: str, time_left: TimeLeft) -> None:
    """An object landed in the import bucket: claim its import and run the first step."""
    match = _KEY.match(key)
    if bucket != get_settings().import_bucket or match is None:
        logger.warning("an object that is no import", extra={"bucket": bucket, "key": key[:200]})
        return
    record = store.find_import(match["list"], match["import"])
    if record is None or record.account_id != match["account"] or record.object_key != key:
        logger.warning("an upload for no known import", extra={"key": key[:200]})
        return
    if record.status == PENDING:
        head = uploads.head(key)  # an S3 error other than a missing object raises: S3 invokes the handler again
        if head is None:
            logger.warning("the uploaded file is gone already", extra={"import_id": record.import_id})
            return
        size = head.size
        if size == 0 or size > MAX_IMPORT_BYTES:
            if store.claim(record.list_id, record.import_id, size, head.etag):
                store.fail(record.list_id, record.import_id,
                           "the file is empty" if size == 0 else f"the file is larger than {MAX_IMPORT_BYTES} bytes")
            return
        settings = get_settings()
        ranged = settings.import_ranges > 1 and size > settings.import_range_bytes
        store.claim(record.list_id, record.import_id, size, head.etag, ranged=ranged)
        record = store.find_import(record.list_id, record.import_id) or record
    if record.ranged:
        _advance_split(record, time_left)
    else:
        _advance(record, 0, time_left)


def on_message(job: jobs.Job, time_left: TimeLeft) -> None:
    """A job of the imports queue: the continuation of an import, or the purge of a list."""
    if isinstance(job, jobs.PurgeList):
        if not lists.purge_deleted_list(job.account_id, job.list_id, time_left):
            messaging.send("imports", job)
        return
    if not isinstance(job, jobs.ImportJob):
        logger.warning("a job of another queue on the imports queue", extra={"kind": job.kind})
        return
    record = store.find_import(job.list_id, job.import_id)
    if record is None:
        return
    if isinstance(job, jobs.ImportStep) and not record.ranged:
        _advance(record, job.offset, time_left)
    elif isinstance(job, jobs.ImportRange) and record.ranged:
        _advance_range(record, job.range, job.offset, time_left)
    elif isinstance(job, jobs.ImportSplit) and record.ranged:
        _advance_split(record, time_left)


def _advance(record: ImportRecord, offset: int, time_left: TimeLeft) -> None:
    if record.status != RUNNING:
        return
    if record.offset == offset:
        run_step(record, time_left)
    elif record.offset > offset and record.chained_offset != record.offset:
        _queue_continuation(record.list_id, record.import_id, record.offset)


def _queue_continuation(list_id: str, import_id: str, offset: int) -> None:
    messaging.send("imports", jobs.ImportStep(list_id, import_id, offset))
    store.mark_chained(list_id, import_id, offset)


def _advance_range(record: ImportRecord, index: int, offset: int, time_left: TimeLeft) -> None:
    part = next((part for part in record.parts if part.index == index), None)
    if record.status != RUNNING or part is None:
        return
    if part.done:
        _finish_ranged(record)
    elif part.offset == offset:
        _RangeStep(record, part, time_left).run_guarded()
    elif part.offset > offset and part.chained != part.offset:
        _queue_range(record, index, part.offset)


def _queue_range(record: ImportRecord, index: int, offset: int) -> None:
    messaging.send("imports", jobs.ImportRange(record.list_id, record.import_id, index, offset))
    store.mark_range_chained(record.list_id, record.import_id, index, offset)


def _finish_ranged(record: ImportRecord) -> None:
    """Complete the import if the split is over and every range is done (any run may ask)."""
    if store.finish_ranged(record.list_id, record.import_id):
        logger.info("ranged import completed", extra={"import_id": record.import_id, "ranges": len(record.parts)})


def range_bytes(size: int) -> int:
    """The length of each range of an upload of `size` bytes (the last one takes the rest)."""
    settings = get_settings()
    return max(settings.import_range_bytes, -(-size // settings.import_ranges))


def _advance_split(record: ImportRecord, time_left: TimeLeft) -> None:
    """Queue the ranges launched but never queued (a splitter that died after launching one), then
    split on from the recorded offset; a second splitter running at once loses its next launch
    to the first and stops."""
    if record.status != RUNNING:
        return
    for part in record.parts:
        if not part.done and part.chained != part.offset:
            _queue_range(record, part.index, part.offset)
    if record.split_done:
        _finish_ranged(record)
        return
    try:
        _split(record, time_left)
    except HeaderError as error:
        store.fail(record.list_id, record.import_id, str(error))
    except uploads.ObjectReplaced:
        store.fail(record.list_id, record.import_id, "the file was replaced during the import")
    except uploads.ObjectGone:
        store.fail(record.list_id, record.import_id, "the file was deleted during the import")


def _split(record: ImportRecord, time_left: TimeLeft) -> None:
    """Read the file from the split's offset with the very parser the steps use (writing nothing),
    and launch a range at the end of the first record that ends `range_bytes` or more after the
    range's start: a range boundary is a record boundary of the sequential reading, quoted line
    breaks included. Stops after a launch when time is short (the rest continues from the queue)."""
    settings = get_settings()
    length = range_bytes(record.size)
    recorded = start = record.split_offset or 0
    columns, new_columns = record.columns, None
    rows = first_row = record.split_rows
    index = len(record.parts)
    body = uploads.read_from(record.object_key, start, record.etag)
    try:
        for item in records(body.chunks() if body is not None else iter(()), start,
                            max_record_bytes=settings.import_max_record_bytes,
                            max_field_bytes=settings.import_max_field_bytes):
            if columns is None:
                if item.fields is None:
                    raise HeaderError(f"the header row cannot be read: {item.error}")
                columns = new_columns = parse_header(item.fields)
                start = item.end
                continue
            rows += 1
            if item.end - start < length or item.end >= record.size:
                continue
            if not _launch(record, index, recorded, start, item.end, first_row, rows, new_columns):
                return
            index, recorded, start, first_row, new_columns = index + 1, item.end, item.end, rows, None
            if time_left() < STEP_MARGIN_SECONDS:
                messaging.send("imports", jobs.ImportSplit(record.list_id, record.import_id, recorded))
                return
    finally:
        if body is not None:
            body.close()
    if columns is None:
        store.fail(record.list_id, record.import_id, "the file has no header row")
        return
    if start < record.size:
        if not _launch(record, index, recorded, start, record.size, first_row, rows, new_columns):
            return
    elif not store.end_split(record.list_id, record.import_id, recorded, record.size, new_columns):
        return
    _finish_ranged(record)


def _launch(record: ImportRecord, index: int, recorded: int, start: int, end: int, first_row: int, rows: int,
            columns: dict[str, Any] | None) -> bool:
    """Record range `index` and queue its first step; False when another splitter recorded first."""
    if not store.launch_range(record.list_id, record.import_id, index, recorded, start, end, first_row, rows,
                              columns):
        logger.info("another run of this import's split recorded first; stopping",
                    extra={"import_id": record.import_id, "offset": recorded})
        return False
    _queue_range(record, index, start)
    return True


# --- one step -----------------------------------------------------------------------------------


class _Step:
    """One run from `record.offset` until the end of the file or of the time."""

    def __init__(self, record: ImportRecord, time_left: TimeLeft, *, offset: int | None = None,
                 end: int | None = None, rows: int | None = None,
                 sample: list[dict[str, Any]] | None = None) -> None:
        self.record = record
        self.time_left = time_left
        self.columns = record.columns
        self.sample = list(record.rejected_rows if sample is None else sample)
        self.rows_at_start = self.rows_total = record.rows_read if rows is None else rows
        self.committed_offset = record.offset if offset is None else offset
        self.end = end
        self.segment = StepProgress(offset=self.committed_offset)
        self.batcher = lists.MemberBatcher(record.account_id, record.list_id,
                                           writers=get_settings().import_writers)
        self.counted_added = 0
        self.counted_updated = 0
        self.last_checkpoint = time.monotonic()
        self.opt_outs: list[str] = []

    def flush_opt_outs(self) -> None:
        """Put the rows' opted-out numbers on the account's list (before their offset is recorded,
        so a step run again writes them again, which adds nothing)."""
        optouts.add_numbers(self.record.account_id, self.opt_outs, "import")
        self.opt_outs = []

    def reject(self, row: int, phone: str, reason: str) -> None:
        self.segment.rejected += 1
        if len(self.sample) < REJECTED_SAMPLE:
            self.sample.append({"row": row, "phone": phone[:64], "reason": reason})

    def take(self, record: Record) -> None:
        """Count one record and hand it to the batcher (or reject it)."""
        if self.columns is None:
            if record.fields is None:
                raise HeaderError(f"the header row cannot be read: {record.error}")
            self.columns = parse_header(record.fields)
            self.segment.columns = self.columns
            self.segment.offset = record.end
            return
        self.rows_total += 1
        self.segment.rows_read += 1
        row = self.rows_total + 1
        if record.fields is None:
            self.reject(row, "", record.error)
        else:
            try:
                phone, variables = parse_row(record.fields, self.columns, self.record.default_region)
                opted_out = opts_out(record.fields, self.columns)
            except Rejected as rejection:
                index = int(self.columns["phone"])
                raw = record.fields[index] if index < len(record.fields) else ""
                self.reject(row, raw, rejection.reason)
            else:
                if opted_out:
                    self.opt_outs.append(phone)
                    self.segment.opted_out += 1
                    if len(self.opt_outs) >= OPT_OUT_BATCH:
                        self.flush_opt_outs()
                else:
                    self.batcher.add(phone, variables, f"{self.record.import_id}@{record.start}")
        self.segment.offset = record.end

    def commit(self, *, done: bool) -> bool:
        """Record the segment since the last commit; False when another run got there first."""
        self.batcher.flush()
        self.flush_opt_outs()
        self.segment.added = self.batcher.added - self.counted_added
        self.segment.updated = self.batcher.updated - self.counted_updated
        self.segment.rejected_rows = self.sample
        self.segment.done = done
        if not self._record_segment():
            logger.info("another run of this import step recorded first; stopping",
                        extra={"import_id": self.record.import_id, "offset": self.committed_offset})
            return False
        self.counted_added, self.counted_updated = self.batcher.added, self.batcher.updated
        self.committed_offset = self.segment.offset
        self.segment = StepProgress(offset=self.committed_offset)
        self.last_checkpoint = time.monotonic()
        return True

    def _record_segment(self) -> bool:
        return store.commit(self.record.list_id, self.record.import_id, self.committed_offset, self.segment)

    def _continue(self) -> None:
        _queue_continuation(self.record.list_id, self.record.import_id, self.committed_offset)

    def run(self) -> None:
        record = self.record
        try:
            body = uploads.read_from(record.object_key, self.committed_offset, record.etag, self.end)
        except uploads.ObjectReplaced:
            store.fail(record.list_id, record.import_id, "the file was replaced during the import")
            return
        except uploads.ObjectGone:
            store.fail(record.list_id, record.import_id, "the file was deleted during the import")
            return
        if body is None:  # the offset is the end of the file
            self.commit(done=True)
            return
        settings = get_settings()
        try:
            self._read(records(body.chunks(), self.committed_offset,
                               max_record_bytes=settings.import_max_record_bytes,
                               max_field_bytes=settings.import_max_field_bytes,
                               out_of_time=self._out_of_time))
        except OutOfTime:  # inside a record: resume where it begins (every record before it is taken)
            if self.commit(done=False):
                self._continue()
        finally:
            body.close()

    def _out_of_time(self) -> bool:
        """Asked at every line, inside a record too: true when time is short and this step has made
        the progress `_read` promises (a batch written, or TIME_CHECK_EVERY_ROWS rows read)."""
        progressed = self.batcher.sent > 0 or self.rows_total - self.rows_at_start >= TIME_CHECK_EVERY_ROWS
        return progressed and self.time_left() < STEP_MARGIN_SECONDS

    def _read(self, stream: Any) -> None:
        """Take records until the end (then commit `completed`) or until the time is short (then
        commit and queue the continuation). The time is looked at after each batch handed to the
        writers (and every TIME_CHECK_EVERY_ROWS rows, for files whose rows are all rejected); the
        commit waits for every batch in flight, so a step always writes at least one batch, however
        little time it was given, and records only what is written."""
        sent_seen = 0
        rows_this_step = 0
        for item in stream:
            self.take(item)
            rows_this_step += 1
            if self.batcher.sent == sent_seen and rows_this_step % TIME_CHECK_EVERY_ROWS:
                continue
            sent_seen = self.batcher.sent
            if self.time_left() < STEP_MARGIN_SECONDS:
                if self.commit(done=False):
                    self._continue()
                return
            if time.monotonic() - self.last_checkpoint >= CHECKPOINT_SECONDS:
                if not self.commit(done=False):
                    return
                sent_seen = self.batcher.sent
        if self.columns is None:
            store.fail(self.record.list_id, self.record.import_id, "the file has no header row")
            return
        self.commit(done=True)


    def run_guarded(self) -> None:
        """`run`, the import failed for good on a bad header, a deleted list or a full one."""
        record = self.record
        try:
            self.run()
        except HeaderError as error:
            store.fail(record.list_id, record.import_id, str(error))
        except ListGone:
            store.fail(record.list_id, record.import_id, "the list was deleted")
        except ListFull:
            store.fail(record.list_id, record.import_id, lists.list_full_message())
        finally:
            self.batcher.close()


class _RangeStep(_Step):
    """One run of a range of a ranged import, from the range's recorded offset until its end or
    the end of the time. The header is the import's, read by the splitter."""

    def __init__(self, record: ImportRecord, part: RangeState, time_left: TimeLeft) -> None:
        super().__init__(record, time_left, offset=part.offset, end=part.end, rows=part.row,
                         sample=part.rejected_rows)
        self.part = part

    def _record_segment(self) -> bool:
        if self.segment.done:
            self.segment.offset = self.part.end  # blank lines after the last record belong to the range
        return store.commit_range(self.record.list_id, self.record.import_id, self.part.index, self.committed_offset,
                                  self.segment, self.rows_total)

    def _continue(self) -> None:
        _queue_range(self.record, self.part.index, self.committed_offset)

    def commit(self, *, done: bool) -> bool:
        committed = super().commit(done=done)
        if committed and done:
            _finish_ranged(self.record)
        return committed


def run_step(record: ImportRecord, time_left: TimeLeft) -> None:
    """Import from the recorded offset until the end of the file, or until the remaining time
    is short (then continue through the queue). Safe to run twice (see the module's doc)."""
    _Step(record, time_left).run_guarded()


# --- when steps stop: the dead-letter queue and the reconciler -----------------------------------

DEAD_LETTER_REASON = "internal_error: the import failed on every attempt"
STALLED_REASON = "internal_error: the import stopped making progress"


def on_dead_letter(job: jobs.Job) -> None:
    """A job of the imports queue failed every delivery: its import ends `failed` with the reason; a
    list purge is left to an operator (logged at error level: redrive it)."""
    if isinstance(job, jobs.ImportJob):
        if store.fail(job.list_id, job.import_id, DEAD_LETTER_REASON):
            logger.error("import failed: its step failed on every attempt", extra={"job": job.body()})
    elif isinstance(job, jobs.PurgeList):
        logger.error("a list purge failed on every attempt; redrive the imports dead-letter queue",
                     extra={"job": job.body()})


def retry_stalled(before: str, give_up_before: str, *,
                  keep_going: Callable[[], bool] = lambda: True) -> tuple[int, int]:
    """Running imports with no step recorded since `before`: queue their continuation again from the
    recorded offset (a second copy records nothing, see the module's doc), or, when nothing was
    recorded since `give_up_before`, end them `failed`. (requeued, failed)."""
    requeued = failed = 0
    for list_id, import_id in store.stalled_imports(before):
        keep_going()
        record = store.find_import(list_id, import_id)
        if record is None or record.status != RUNNING:
            continue
        if (record.progress_at or record.started_at) < give_up_before:
            failed += int(store.fail(list_id, import_id, STALLED_REASON))
        elif record.ranged:
            if not record.split_done:
                messaging.send("imports", jobs.ImportSplit(list_id, import_id, record.split_offset or 0))
            for part in record.parts:
                if not part.done:
                    messaging.send("imports", jobs.ImportRange(list_id, import_id, part.index, part.offset))
            if record.split_done and all(part.done for part in record.parts):
                _finish_ranged(record)
            requeued += 1
        else:
            messaging.send("imports", jobs.ImportStep(list_id, import_id, record.offset))
            requeued += 1
    return requeued, failed
