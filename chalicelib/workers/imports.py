"""The import worker: the S3 upload of a CSV starts an import; each job on the "imports" queue
continues one (from a byte offset) or purges the members of a deleted list."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, S3Event, SQSEvent

from chalicelib import jobs
from chalicelib.lazy import lazy_module
from chalicelib.logs import logger
from chalicelib.messaging import QUEUE_SPECS
from chalicelib.settings import get_settings
from chalicelib.workers.sqs_batch import partial_response, time_left

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

    from chalicelib.services import imports as import_service
else:
    import_service = lazy_module("chalicelib.services.imports")

bp = Blueprint(__name__)
QUEUE = "imports"


@bp.on_s3_event(bucket=get_settings().import_bucket, events=["s3:ObjectCreated:*"], prefix="imports/")
def import_uploaded_csv(event: S3Event) -> None:
    import_service.on_object_created(event.bucket, event.key, time_left(event.context))


@bp.on_sqs_message(queue=get_settings().queue_name(QUEUE), batch_size=QUEUE_SPECS[QUEUE].batch_size)
def continue_import(event: SQSEvent) -> dict[str, Any]:
    remaining = time_left(event.context)

    def handle(record: SQSRecord) -> None:
        try:
            job = jobs.parse(QUEUE, record.body)
        except jobs.MalformedJob as error:
            logger.error("dropping a malformed imports job", extra={"message_id": record.message_id,
                                                                    "error": str(error)})
            return
        import_service.on_message(job, remaining)

    return partial_response(event, handle)
