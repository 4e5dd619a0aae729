"""The broadcast runner's handlers: the dispatch queue (snapshot, dispatch, reach and revoke jobs), the send queue
(one chunk per message, or one SMS fallback job) and the scheduler's minute tick."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, CloudWatchEvent, SQSEvent

from chalicelib import errors, jobs
from chalicelib.lazy import lazy_module
from chalicelib.logs import logger
from chalicelib.messaging import QUEUE_SPECS
from chalicelib.settings import get_settings
from chalicelib.workers.sqs_batch import partial_response, time_left

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

    from chalicelib.services import fallback, paced_send, reach, revoke, runner, sender
else:
    fallback = lazy_module("chalicelib.services.fallback")
    paced_send = lazy_module("chalicelib.services.paced_send")
    reach = lazy_module("chalicelib.services.reach")
    revoke = lazy_module("chalicelib.services.revoke")
    runner = lazy_module("chalicelib.services.runner")
    sender = lazy_module("chalicelib.services.sender")

bp = Blueprint(__name__)


def parse_job(queue: str, record: SQSRecord) -> jobs.BroadcastJob | None:
    """The broadcast job a record carries; a malformed one is logged and dropped (None)."""
    try:
        job = jobs.parse(queue, record.body)
    except jobs.MalformedJob as error:
        job = None
        logger.error("dropping a malformed runner job", extra={"message_id": record.message_id, "error": str(error)})
    return job if isinstance(job, jobs.BroadcastJob) else None


@bp.on_sqs_message(queue=get_settings().queue_name("dispatch"), batch_size=QUEUE_SPECS["dispatch"].batch_size)
def run_dispatch_jobs(event: SQSEvent) -> dict[str, Any]:
    remaining = time_left(event.context)

    def handle(record: SQSRecord) -> None:
        job = parse_job("dispatch", record)
        if job is None:
            return
        try:
            if isinstance(job, jobs.Revoke):
                revoke.continue_revoking(job.account_id, job.broadcast_id, after=job.after, tries=job.tries,
                                         time_left=remaining)
            elif isinstance(job, jobs.Reach):
                reach.continue_check(job.account_id, job.broadcast_id, tries=job.tries, time_left=remaining)
            elif isinstance(job, jobs.Snapshot):
                runner.snapshot(job.account_id, job.broadcast_id, time_left=remaining)
            else:
                runner.dispatch(job.account_id, job.broadcast_id, time_left=remaining)
        except errors.NotFound:
            logger.info("runner job for a broadcast that no longer exists", extra={"job": job.body()})

    return partial_response(event, handle)


@bp.on_sqs_message(queue=get_settings().queue_name("send"), batch_size=QUEUE_SPECS["send"].batch_size)
def send_chunks(event: SQSEvent) -> dict[str, Any]:
    max_receives = QUEUE_SPECS["send"].max_receive_count
    remaining = time_left(event.context)

    def handle(record: SQSRecord) -> None:
        job = parse_job("send", record)
        if job is None:
            return
        receives = int(record.attributes.approximate_receive_count or 1)
        try:
            if isinstance(job, jobs.Fallback):
                fallback.run(job.account_id, job.broadcast_id, list(job.phones), time_left=remaining)
            elif isinstance(job, jobs.SendChunk):
                paced_send.send_chunk(sender.SendJob.of(job, final_attempt=receives >= max_receives,
                                                        time_left=remaining))
        except errors.NotFound:
            logger.info("send job for a broadcast that no longer exists", extra={"job": job.body()})

    return partial_response(event, handle)


@bp.schedule("rate(1 minute)", name="fire_scheduled_broadcasts")
def fire_scheduled_broadcasts(event: CloudWatchEvent) -> None:
    fired = runner.fire_due_schedules()
    if fired:
        logger.info("scheduled broadcasts started", extra={"count": fired})
