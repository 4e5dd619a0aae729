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

    from chalicelib.services import receipts
else:
    data_classes = lazy_module("aws_lambda_powertools.utilities.data_classes")
    receipts = lazy_module("chalicelib.services.receipts")

bp = Blueprint(__name__)


@bp.on_sqs_message(queue=get_settings().queue_name("receipts"), batch_size=10)
def apply_receipts(event: SQSEvent) -> dict[str, Any]:
    """Failed items are reported per message (partial batch response): events for messages not yet
    marked sent come back later; unknown ones are dropped on their last delivery (the target may
    not be written yet); one for another account's message is dropped at once."""
    data = data_classes.SQSEvent(event.to_dict())
    batch: list[tuple[str, int, receipts.Receipt]] = []
    for record in data.records:
        try:
            fields = json.loads(record.body)
            batch.append((record.message_id, int(record.attributes.approximate_receive_count or 1),
                          receipts.Receipt(**fields)))
        except (ValueError, TypeError):
            logger.error("dropping a malformed receipt job", extra={"message_id": record.message_id})
    outcome = receipts.apply([receipt for _, _, receipt in batch])
    retry = {id(r) for r in outcome.not_yet_sent}
    unknown = {id(r) for r in outcome.unknown}
    for receipt in outcome.foreign:
        logger.warning("dropping a receipt for another account's message",
                       extra={"account_id": receipt.account_id, "event_id": receipt.event_id})
    last = QUEUE_SPECS["receipts"].max_receive_count
    failures = []
    for message_id, receives, receipt in batch:
        if id(receipt) in retry or (id(receipt) in unknown and receives < last):
            failures.append({"itemIdentifier": message_id})
        elif id(receipt) in unknown:
            logger.warning("dropping a receipt for an unknown message",
                           extra={"message_id": receipt.message_id, "event_id": receipt.event_id})
    return {"batchItemFailures": failures}
