"""How every worker reads its invocation: the time it has left (in seconds, the unit of
`chalicelib.clock.TimeLeft`), and SQS batches answered with Powertools' partial batch response, so a
failed record alone comes back (the others are deleted), with a new processor per invocation (it keeps
per-batch state, and the local pump calls a handler from several threads at once)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

from chalice.app import SQSEvent

from chalicelib.clock import TimeLeft, no_deadline
from chalicelib.lazy import lazy_module

if TYPE_CHECKING:
    from aws_lambda_powertools.utilities import batch
    from aws_lambda_powertools.utilities.data_classes.sqs_event import SQSRecord
else:
    batch = lazy_module("aws_lambda_powertools.utilities.batch")


def time_left(context: Any) -> TimeLeft:
    """The seconds the invocation has left; an invocation without a Lambda context has no deadline."""
    if context is None or not hasattr(context, "get_remaining_time_in_millis"):
        return no_deadline
    return lambda: float(context.get_remaining_time_in_millis()) / 1000


def partial_response(event: SQSEvent, handle: Callable[[SQSRecord], None]) -> dict[str, Any]:
    """Run `handle` on each record; `{"batchItemFailures": [...]}` names the records that raised."""
    return dict(batch.process_partial_response(event=event.to_dict(), record_handler=handle,
                                               processor=batch.BatchProcessor(event_type=batch.EventType.SQS),
                                               context=cast(Any, event.context)))
