"""The broadcast runner's handlers: the dispatch queue (snapshot, dispatch, reach and revoke jobs), the send queue
(one chunk per message, or one SMS fallback job) and the scheduler's minute tick."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, CloudWatchEvent, SQSEvent

from chalicelib import errors
from chalicelib.lazy import lazy_module
from chalicelib.logs import logger
from chalicelib.messaging import QUEUE_SPECS
from chalicelib.settings import get_settings
from chalicelib.workers.sqs_batch import partial_response

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

    from chalicelib.services import fallback, paced_send, reach, revoke, runner
    from chalicelib.store import broadcasts as store
else:
    fallback = lazy_module("chalicelib.services.fallback")
    paced_send = lazy_module("chalicelib.services.paced_send")
    reach = lazy_module("chalicelib.services.reach")
    revoke = lazy_module("chalicelib.services.revoke")
    runner = lazy_module("chalicelib.services.runner")
    store = lazy_module("chalicelib.store.broadcasts")

bp = Blueprint(__name__)


def _time_left(event: SQSEvent) -> runner.TimeLeft:
    context: Any = event.context
    if context is None or not hasattr(context, "get_remaining_time_in_millis"):
        return lambda: float("inf")
    return lambda: float(context.get_remaining_time_in_millis()) / 1000


def parse_job(record: SQSRecord) -> dict[str, Any] | None:
    try:
        job = json.loads(record.body)
    except ValueError:
        job = None
    if not isinstance(job, dict) or not job.get("account_id") or not job.get("broadcast_id"):
        logger.error("dropping a malformed runner job", extra={"message_id": record.message_id})
        return None
    return job


def send_job_of(job: dict[str, Any], *, final_attempt: bool,
                time_left: runner.TimeLeft = lambda: float("inf")) -> runner.SendJob:
    return runner.SendJob(
        account_id=job["account_id"], broadcast_id=job["broadcast_id"],
        bounds=store.ChunkBounds(job["first"], job["last"], int(job.get("size", 0))),
        final_attempt=final_attempt, time_left=time_left,
        epoch=int(job.get("epoch", 0)), wave=int(job.get("wave", 0)),
    )


@bp.on_sqs_message(queue=get_settings().queue_name("dispatch"), batch_size=1)
def run_dispatch_jobs(event: SQSEvent) -> dict[str, Any]:
    time_left = _time_left(event)

    def handle(record: SQSRecord) -> None:
        job = parse_job(record)
        if job is None:
            return
        try:
            if job.get("kind") == "revoke":
                revoke.continue_revoking(job["account_id"], job["broadcast_id"], after=str(job.get("after", "")),
                                         tries=int(job.get("tries", 0)), time_left=time_left)
            elif job.get("kind") == "reach":
                reach.continue_check(job["account_id"], job["broadcast_id"], tries=int(job.get("tries", 0)),
                                     time_left=time_left)
            elif job.get("kind") == "snapshot":
                broadcast = store.get_broadcast(job["account_id"], job["broadcast_id"])
                runner.continue_snapshot(broadcast, time_left=time_left)
            else:
                runner.dispatch(job["account_id"], job["broadcast_id"], time_left=time_left)
        except errors.NotFound:
            logger.info("runner job for a broadcast that no longer exists", extra={"job": job})

    return partial_response(event, handle)


@bp.on_sqs_message(queue=get_settings().queue_name("send"), batch_size=1)
def send_chunks(event: SQSEvent) -> dict[str, Any]:
    max_receives = QUEUE_SPECS["send"].max_receive_count
    time_left = _time_left(event)

    def handle(record: SQSRecord) -> None:
        job = parse_job(record)
        if job is None:
            return
        receives = int(record.attributes.approximate_receive_count or 1)
        try:
            if job.get("kind") == "fallback":
                fallback.run(job["account_id"], job["broadcast_id"], [str(p) for p in job.get("phones") or []],
                             time_left=time_left)
                return
            paced_send.send_chunk(send_job_of(job, final_attempt=receives >= max_receives, time_left=time_left))
        except errors.NotFound:
            logger.info("send job for a broadcast that no longer exists", extra={"job": job})

    return partial_response(event, handle)


@bp.schedule("rate(1 minute)", name="fire_scheduled_broadcasts")
def fire_scheduled_broadcasts(event: CloudWatchEvent) -> None:
    fired = runner.fire_due_schedules()
    if fired:
        logger.info("scheduled broadcasts started", extra={"count": fired})
