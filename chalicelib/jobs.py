"""The messages of the work queues (`chalicelib.messaging.QUEUE_SPECS`), one frozen type per kind. A
service puts a job with `messaging.send(<queue>, job)` and the queue's worker reads it back with
`parse(<queue>, body)`, so each field is named once. On the queue a job is a JSON object of its
fields and its `kind` (but for a queue's only kind); the receipts queue carries `services.receipts.Receipt` and
`services.inbound.UserMessage`, which are written and read through their own types."""

from __future__ import annotations

import json
from dataclasses import MISSING, asdict, dataclass, fields
from typing import Any, ClassVar


class MalformedJob(ValueError):
    """A message that is not a job of its queue (not JSON, an unknown kind, a field missing or of the
    wrong type)."""


@dataclass(frozen=True)
class Job:
    queue: ClassVar[str]
    kind: ClassVar[str]

    def body(self) -> dict[str, Any]:
        """The fields and the kind; a queue's only kind goes unnamed (as review jobs always were)."""
        if DEFAULT_KINDS.get(self.queue) == self.kind:
            return asdict(self)
        return {"kind": self.kind, **asdict(self)}


@dataclass(frozen=True)
class Review(Job):
    """Review a template (services/templates.py)."""

    queue = "review"
    kind = "review"
    template_id: str


@dataclass(frozen=True)
class BroadcastJob(Job):
    account_id: str
    broadcast_id: str


@dataclass(frozen=True)
class Dispatch(BroadcastJob):
    """Cut a running broadcast's targets into chunks and queue them (services/runner.py)."""

    queue = "dispatch"
    kind = "dispatch"


@dataclass(frozen=True)
class Snapshot(BroadcastJob):
    """Copy the list's members into the broadcast's targets, from where the last step stopped."""

    queue = "dispatch"
    kind = "snapshot"


@dataclass(frozen=True)
class Reach(BroadcastJob):
    """Check a draft's reach (services/reach.py); `tries` counts the waits for its snapshot."""

    queue = "dispatch"
    kind = "reach"
    tries: int = 0


@dataclass(frozen=True)
class Revoke(BroadcastJob):
    """Revoke a cancelled broadcast's undelivered messages after target `after` (services/revoke.py)."""

    queue = "dispatch"
    kind = "revoke"
    after: str = ""
    tries: int = 0


@dataclass(frozen=True)
class SendChunk(BroadcastJob):
    """Send the targets from `first` to `last` (`size` of them) in pass (`epoch`, `wave`) of the run."""

    queue = "send"
    kind = "send"
    first: str
    last: str
    size: int = 0
    epoch: int = 0
    wave: int = 0


@dataclass(frozen=True)
class Fallback(BroadcastJob):
    """Send the SMS fallback of these targets (services/fallback.py)."""

    queue = "send"
    kind = "fallback"
    phones: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportJob(Job):
    list_id: str
    import_id: str


@dataclass(frozen=True)
class ImportStep(ImportJob):
    """Continue a sequential import from byte `offset` (services/imports.py)."""

    queue = "imports"
    kind = "import"
    offset: int


@dataclass(frozen=True)
class ImportRange(ImportJob):
    """Continue range `range` of a ranged import from byte `offset`."""

    queue = "imports"
    kind = "import_range"
    range: int
    offset: int


@dataclass(frozen=True)
class ImportSplit(ImportJob):
    """Go on splitting a ranged import into ranges (from its recorded offset; `offset` is informative)."""

    queue = "imports"
    kind = "import_split"
    offset: int = 0


@dataclass(frozen=True)
class PurgeList(Job):
    """Delete the members of a deleted list (services/lists.py)."""

    queue = "imports"
    kind = "purge_list"
    account_id: str
    list_id: str


KINDS: dict[tuple[str, str], type[Job]] = {
    (kind.queue, kind.kind): kind
    for kind in (Review, Dispatch, Snapshot, Reach, Revoke, SendChunk, Fallback, ImportStep, ImportRange,
                 ImportSplit, PurgeList)
}
# A queue with one kind of job does not name it: a review names only its template.
DEFAULT_KINDS = {"review": "review"}


def parse(queue: str, text: str) -> Job:
    """The job a message of `queue` carries; MalformedJob when it carries none."""
    try:
        data = json.loads(text)
    except ValueError as error:
        raise MalformedJob(f"a {queue} message is not JSON") from error
    if not isinstance(data, dict):
        raise MalformedJob(f"a {queue} message is not a JSON object")
    kind = data.get("kind", DEFAULT_KINDS.get(queue))
    job_type = KINDS.get((queue, kind)) if isinstance(kind, str) else None
    if job_type is None:
        raise MalformedJob(f"a {queue} message of no known kind: {str(kind)[:40]}")
    values: dict[str, Any] = {}
    for field in fields(job_type):
        if field.name not in data:
            if field.default is MISSING:
                raise MalformedJob(f"a {job_type.kind} job without {field.name}")
            continue
        value = _typed(job_type.kind, field.name, str(field.type), data[field.name])
        if value == "" and field.default is MISSING:
            raise MalformedJob(f"a {job_type.kind} job with an empty {field.name}")
        values[field.name] = value
    return job_type(**values)


def _typed(kind: str, name: str, declared: str, value: object) -> object:
    if declared == "str" and isinstance(value, str):
        return value
    if declared == "int" and isinstance(value, int) and not isinstance(value, bool):
        return value
    if declared == "tuple[str, ...]" and isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise MalformedJob(f"a {kind} job whose {name} is not a {declared}")
