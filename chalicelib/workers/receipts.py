"""The receipts worker: applies a batch of verified RBM events at once (counters per batch)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, SQSEvent

from chalicelib.lazy import lazy_module
from chalicelib.logs import logger
from chalicelib.messaging import QUEUE_SPECS
from chalicelib.settings import get_settings

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities import data_classes

    from chalicelib.services import inbound, receipts
else:
    data_classes = lazy_module("aws_lambda_powertools.utilities.data_classes")
    inbound = lazy_module("chalicelib.services.inbound")
    receipts = lazy_module("chalicelib.services.receipts")

bp = Blueprint(__name__)


@bp.on_sqs_message(queue=get_settings().queue_name("receipts"), batch_size=10)
def apply_receipts(event: SQSEvent) -> dict[str, Any]:
    """Failed items are reported per message (partial batch response): events for messages not yet
    marked sent come back later; unknown ones are dropped on their last delivery (the target may
    not be written yet); one for another account's message is dropped at once. User messages
    (replies, suggestion taps) on the same queue are counted in one go (chalicelib/services/inbound.py)."""
    data = data_classes.SQSEvent(event.to_dict())
    batch: list[tuple[str, int, receipts.Receipt]] = []
    user_messages: list[tuple[str, inbound.UserMessage]] = []
    for record in data.records:
        try:
            fields = json.loads(record.body)
            if isinstance(fields, dict) and fields.get("type") == inbound.JOB_TYPE:
                user_messages.append((record.message_id, inbound.from_job(fields)))
                continue
            batch.append((record.message_id, int(record.attributes.approximate_receive_count or 1),
                          receipts.Receipt(**fields)))
        except (ValueError, TypeError):
            logger.error("dropping a malformed receipt job", extra={"message_id": record.message_id})
    replies = inbound.apply([message for _, message in user_messages]) if user_messages else None
    again = {id(message) for message in replies.retry} if replies else set()
    outcome = receipts.apply([receipt for _, _, receipt in batch])
    retry = {id(r) for r in outcome.not_yet_sent}
    unknown = {id(r) for r in outcome.unknown}
    for receipt in outcome.foreign:
        logger.warning("dropping a receipt for another account's message",
                       extra={"account_id": receipt.account_id, "event_id": receipt.event_id})
    last = QUEUE_SPECS["receipts"].max_receive_count
    failures = [{"itemIdentifier": message_id} for message_id, message in user_messages if id(message) in again]
    for message_id, receives, receipt in batch:
        if id(receipt) in retry or (id(receipt) in unknown and receives < last):
            failures.append({"itemIdentifier": message_id})
        elif id(receipt) in unknown:
            logger.warning("dropping a receipt for an unknown message",
                           extra={"message_id": receipt.message_id, "event_id": receipt.event_id})
    return {"batchItemFailures": failures}
