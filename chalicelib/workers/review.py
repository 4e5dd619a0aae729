"""The review worker: each message on the "review" queue names a template to review."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, SQSEvent

from chalicelib import jobs
from chalicelib.lazy import lazy_module
from chalicelib.messaging import QUEUE_SPECS
from chalicelib.settings import get_settings
from chalicelib.workers.sqs_batch import partial_response

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord

    from chalicelib.services import templates
else:
    templates = lazy_module("chalicelib.services.templates")

bp = Blueprint(__name__)
QUEUE = "review"


def review_record(record: SQSRecord) -> None:
    """Review the template a message names. A malformed message fails (and ends in the dead-letter
    queue); a deleted or already reviewed template is a success that does nothing."""
    job = jobs.parse(QUEUE, record.body)
    if isinstance(job, jobs.Review):
        templates.review_template(job.template_id)


@bp.on_sqs_message(queue=get_settings().queue_name(QUEUE), batch_size=QUEUE_SPECS[QUEUE].batch_size)
def review_templates(event: SQSEvent) -> dict[str, Any]:
    return partial_response(event, review_record)
