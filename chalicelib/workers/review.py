"""The review worker: each message on the "review" queue names a template to review."""

from __future__ import annotations

import json
from typing import Any

from aws_lambda_powertools.utilities.batch import BatchProcessor, EventType, process_partial_response
from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
from chalice.app import Blueprint, SQSEvent

from chalicelib.messaging import QUEUE_SPECS
from chalicelib.services import templates
from chalicelib.settings import get_settings

review = Blueprint(__name__)


def review_record(record: SQSRecord) -> None:
    """Review the template a message names. A malformed message fails (and ends in the dead-letter
    queue); a deleted or already reviewed template is a success that does nothing."""
    body: Any = json.loads(record.body)
    template_id = body.get("template_id") if isinstance(body, dict) else None
    if not isinstance(template_id, str) or not template_id:
        raise ValueError("review message without a template_id")
    templates.review_template(template_id)


@review.on_sqs_message(queue=get_settings().queue_name(templates.REVIEW_QUEUE),
                       batch_size=QUEUE_SPECS[templates.REVIEW_QUEUE].batch_size)
def review_templates(event: SQSEvent) -> dict[str, Any]:
    # One processor per invocation: it keeps per-batch state, and the local pump calls this
    # handler from several threads at once.
    processor = BatchProcessor(event_type=EventType.SQS)
    return dict(process_partial_response(event=event.to_dict(), record_handler=review_record,
                                         processor=processor))
