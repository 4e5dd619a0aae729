"""The review worker: each message on the "review" queue names a template to review."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, SQSEvent

from chalicelib.lazy import lazy_module
from chalicelib.messaging import QUEUE_SPECS
from chalicelib.settings import get_settings
from chalicelib.workers.sqs_batch import partial_response

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

    from chalicelib.services import templates
else:
    templates = lazy_module("chalicelib.services.templates")

review = Blueprint(__name__)
REVIEW_QUEUE = "review"  # chalicelib/services/templates.py puts the templates to review on it


def review_record(record: SQSRecord) -> None:
    """Review the template a message names. A malformed message fails (and ends in the dead-letter
    queue); a deleted or already reviewed template is a success that does nothing."""
    body: Any = json.loads(record.body)
    template_id = body.get("template_id") if isinstance(body, dict) else None
    if not isinstance(template_id, str) or not template_id:
        raise ValueError("review message without a template_id")
    templates.review_template(template_id)


@review.on_sqs_message(queue=get_settings().queue_name(REVIEW_QUEUE),
                       batch_size=QUEUE_SPECS[REVIEW_QUEUE].batch_size)
def review_templates(event: SQSEvent) -> dict[str, Any]:
    return partial_response(event, review_record)
