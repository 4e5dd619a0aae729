"""The import worker: the S3 upload of a CSV starts an import; each message on the "imports"
queue continues one (from a byte offset) or purges the members of a deleted list."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, S3Event, SQSEvent

from chalicelib.lazy import lazy_module
from chalicelib.messaging import QUEUE_SPECS
from chalicelib.settings import get_settings
from chalicelib.workers.sqs_batch import partial_response

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

    from chalicelib.services import imports as import_service
else:
    import_service = lazy_module("chalicelib.services.imports")

imports = Blueprint(__name__)
IMPORTS_QUEUE = "imports"


def _remaining(context: Any) -> Callable[[], int]:
    """The invocation's remaining time; an invocation without a context gets 15 minutes."""
    if context is None or not hasattr(context, "get_remaining_time_in_millis"):
        return lambda: 900_000
    return lambda: int(context.get_remaining_time_in_millis())


@imports.on_s3_event(bucket=get_settings().import_bucket, events=["s3:ObjectCreated:*"], prefix="imports/")
def import_uploaded_csv(event: S3Event) -> None:
    import_service.on_object_created(event.bucket, event.key, _remaining(event.context))


@imports.on_sqs_message(queue=get_settings().queue_name(IMPORTS_QUEUE),
                        batch_size=QUEUE_SPECS[IMPORTS_QUEUE].batch_size)
def continue_import(event: SQSEvent) -> dict[str, Any]:
    remaining = _remaining(event.context)

    def handle(record: SQSRecord) -> None:
        body: Any = json.loads(record.body)
        if not isinstance(body, dict):
            raise ValueError("an imports message is a JSON object")
        import_service.on_message(body, remaining)

    return partial_response(event, handle)
