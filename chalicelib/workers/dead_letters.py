"""The dead-letter consumers: one per work queue, each listening to that queue's dead-letter queue
(`settings.dead_letter_queue_name`). A message lands there after failing every delivery; its
consumer drives the item it names to a terminal, fully accounted state (see the services called)
and counts it (metric `DeadLetters`, dimension `queue`). Every consumer is safe to run twice.

A message this consumer cannot read is logged and dropped; one whose handling raises stays on
the dead-letter queue (the queue's alarm stays on) and comes back after its visibility timeout.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, SQSEvent

from chalicelib import errors, jobs, metrics
from chalicelib.lazy import lazy_module
from chalicelib.logs import logger
from chalicelib.settings import get_settings
from chalicelib.workers.broadcasts import parse_job
from chalicelib.workers.sqs_batch import partial_response

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

    from chalicelib.services import fallback, imports, receipts, runner, sender, templates
else:
    fallback = lazy_module("chalicelib.services.fallback")
    imports = lazy_module("chalicelib.services.imports")
    receipts = lazy_module("chalicelib.services.receipts")
    runner = lazy_module("chalicelib.services.runner")
    sender = lazy_module("chalicelib.services.sender")
    templates = lazy_module("chalicelib.services.templates")

bp = Blueprint(__name__)
BATCH_SIZE = 10


def _job(queue: str, record: SQSRecord) -> jobs.Job | None:
    try:
        return jobs.parse(queue, record.body)
    except jobs.MalformedJob as error:
        logger.error("dropping a malformed dead letter", extra={"queue": queue, "message_id": record.message_id,
                                                                "error": str(error)})
        return None


def _body(record: SQSRecord) -> dict[str, Any] | None:
    try:
        body = json.loads(record.body)
    except ValueError:
        body = None
    return body if isinstance(body, dict) else None


def _consume(queue: str, event: SQSEvent, handle: Callable[[SQSRecord], None]) -> dict[str, Any]:
    def counted(record: SQSRecord) -> None:
        logger.warning("dead letter", extra={"queue": queue, "message_id": record.message_id})
        handle(record)
        metrics.count("DeadLetters", queue=queue)

    return partial_response(event, counted)


def _dead_letter_queue(key: str) -> str:
    return get_settings().dead_letter_queue_name(key)


@bp.on_sqs_message(queue=_dead_letter_queue("send"), batch_size=BATCH_SIZE)
def send_dead_letters(event: SQSEvent) -> dict[str, Any]:
    def handle(record: SQSRecord) -> None:
        job = parse_job("send", record)
        try:
            if isinstance(job, jobs.Fallback):  # its targets still owed an SMS end fallback_failed, uncharged
                fallback.give_up(job.account_id, job.broadcast_id, list(job.phones))
            elif isinstance(job, jobs.SendChunk):
                sender.fail_dead_chunk(sender.SendJob.of(job, final_attempt=True))
        except errors.NotFound:
            logger.info("dead send job of a broadcast that no longer exists", extra={"job": job and job.body()})

    return _consume("send", event, handle)


@bp.on_sqs_message(queue=_dead_letter_queue("dispatch"), batch_size=BATCH_SIZE)
def dispatch_dead_letters(event: SQSEvent) -> dict[str, Any]:
    def handle(record: SQSRecord) -> None:
        job = parse_job("dispatch", record)
        if isinstance(job, jobs.Reach | jobs.Revoke):
            # Neither is needed to finish the broadcast: the sender checks reach itself, and a cancelled
            # broadcast's undelivered messages stay sent (a DELIVERED still moves them).
            logger.warning("a reach or revoke job failed every delivery", extra={"job": job.body()})
        elif job is not None:
            # A snapshot job may belong to a draft (the snapshot starts at creation).
            runner.fail_broadcast(job.account_id, job.broadcast_id, from_statuses=runner.ACTIVE)

    return _consume("dispatch", event, handle)


@bp.on_sqs_message(queue=_dead_letter_queue("review"), batch_size=BATCH_SIZE)
def review_dead_letters(event: SQSEvent) -> dict[str, Any]:
    def handle(record: SQSRecord) -> None:
        job = _job("review", record)
        if isinstance(job, jobs.Review):
            templates.review_unavailable(job.template_id)

    return _consume("review", event, handle)


@bp.on_sqs_message(queue=_dead_letter_queue("imports"), batch_size=BATCH_SIZE)
def imports_dead_letters(event: SQSEvent) -> dict[str, Any]:
    def handle(record: SQSRecord) -> None:
        job = _job("imports", record)
        if job is not None:
            imports.on_dead_letter(job)

    return _consume("imports", event, handle)


@bp.on_sqs_message(queue=_dead_letter_queue("receipts"), batch_size=BATCH_SIZE)
def receipts_dead_letters(event: SQSEvent) -> dict[str, Any]:
    def handle(record: SQSRecord) -> None:
        receipts.on_dead_letter(_body(record) or {})

    return _consume("receipts", event, handle)
