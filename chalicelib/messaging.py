"""The work queues (one definition for the app, the local stack and the infrastructure) and
how messages are put on them: always in batches of up to ten per SendMessageBatch request."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from chalicelib.aws import client
from chalicelib.jobs import Job
from chalicelib.settings import Settings, get_settings

SQS_BATCH_LIMIT = 10


@dataclass(frozen=True)
class QueueSpec:
    key: str
    function_timeout_seconds: int
    max_receive_count: int = 5
    batch_size: int = 10

    @property
    def visibility_timeout_seconds(self) -> int:
        return 6 * self.function_timeout_seconds

    @property
    def dead_letter_visibility_timeout_seconds(self) -> int:
        """The dead-letter queue's own consumer (chalicelib/workers/dead_letters.py) gets
        DEAD_LETTER_FUNCTION_TIMEOUT_SECONDS; its queue six times that."""
        return 6 * DEAD_LETTER_FUNCTION_TIMEOUT_SECONDS


DEAD_LETTER_FUNCTION_TIMEOUT_SECONDS = 120


QUEUE_SPECS: dict[str, QueueSpec] = {
    spec.key: spec
    for spec in (
        QueueSpec("review", function_timeout_seconds=60),
        QueueSpec("dispatch", function_timeout_seconds=900, batch_size=1),
        QueueSpec("send", function_timeout_seconds=120, batch_size=1),
        QueueSpec("imports", function_timeout_seconds=900, batch_size=1),
        QueueSpec("receipts", function_timeout_seconds=60),
    )
}


def maximum_concurrency(declared: int | None, settings: Settings | None = None) -> int:
    """How many deliveries of a queue run at once: its handler's declared `maximum_concurrency`, else
    RCS_SQS_MAX_CONCURRENCY (the event source mapping's ScalingConfig in the cloud, the pump locally)."""
    return declared or (settings or get_settings()).sqs_max_concurrency


@cache
def queue_url(key: str) -> str:
    name = get_settings().queue_name(key)
    return str(client("sqs").get_queue_url(QueueName=name)["QueueUrl"])


def reset_queue_urls() -> None:
    queue_url.cache_clear()


# A job of chalicelib/jobs.py, or the fields of a receipts-queue message (services/receipts.py, inbound.py).
Message = Job | Mapping[str, Any]


def _body(key: str, message: Message) -> dict[str, Any]:
    if isinstance(message, Job):
        if message.queue != key:
            raise ValueError(f"a {message.kind} job belongs on the {message.queue} queue, not {key}")
        return message.body()
    return dict(message)


def send(key: str, message: Message, *, delay_seconds: int = 0) -> None:
    body = json.dumps(_body(key, message))
    client("sqs").send_message(QueueUrl=queue_url(key), MessageBody=body, DelaySeconds=delay_seconds)


def send_batch(key: str, messages: Iterable[Message]) -> int:
    """Put every message on queue `key`, ten per request; entries SQS refuses are sent again."""
    sent = 0
    batch: list[dict[str, Any]] = []
    for message in messages:
        batch.append(_body(key, message))
        if len(batch) == SQS_BATCH_LIMIT:
            sent += _send_entries(key, batch)
            batch = []
    if batch:
        sent += _send_entries(key, batch)
    return sent


def _send_entries(key: str, bodies: Sequence[dict[str, Any]], attempts: int = 5) -> int:
    pending = {str(index): json.dumps(body) for index, body in enumerate(bodies)}
    for _ in range(attempts):
        response = client("sqs").send_message_batch(
            QueueUrl=queue_url(key),
            Entries=[{"Id": index, "MessageBody": text} for index, text in pending.items()],
        )
        failed = {entry["Id"] for entry in response.get("Failed", [])}
        pending = {index: text for index, text in pending.items() if index in failed}
        if not pending:
            return len(bodies)
    raise RuntimeError(f"SQS refused {len(pending)} messages for queue {key}")
