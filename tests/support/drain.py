"""Run the app's own queue handlers over moto's queues until they are empty, as Lambda would."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

from chalice.app import Chalice, SQSEventConfig

from chalicelib.aws import client
from infra.local.pump import LocalEventSources, QueuePoller


def drain(app: Chalice, *, until: Callable[[], bool] | None = None, timeout: float = 60.0,
          queues: set[str] | None = None) -> int:
    """Deliver messages of every SQS event source of `app` (or only the `queues` keys' names) to its
    handler until `until()` holds (or, without `until`, the queues are empty). Returns deliveries."""
    sources = LocalEventSources(app, region="us-east-1", s3_events_queue="", tick_seconds=3600)
    pollers: list[tuple[QueuePoller, str]] = []
    sqs = client("sqs")
    for config in app.event_sources:
        if isinstance(config, SQSEventConfig) and config.queue:
            if queues is not None and not any(config.queue.endswith(f"-{key}") for key in queues):
                continue
            deliver = sources._sqs_deliverer(config)
            url = sqs.get_queue_url(QueueName=config.queue)["QueueUrl"]
            pollers.append((QueuePoller(config.name, config.queue, config.batch_size, deliver, threading.Event(),
                                        wait_seconds=0), url))
    deadline = time.monotonic() + timeout
    delivered = 0
    idle_rounds = 0
    while time.monotonic() < deadline:
        if until is not None and until():
            return delivered
        got = sum(poller.poll_once(sqs, url, "arn:aws:sqs:us-east-1:123456789012:" + poller.queue_name)
                  for poller, url in pollers)
        delivered += got
        if got == 0:
            idle_rounds += 1
            if until is None and idle_rounds >= 3 and not _pending(sqs, [url for _, url in pollers]):
                return delivered
            time.sleep(0.2)
        else:
            idle_rounds = 0
    raise AssertionError(f"queues did not settle within {timeout}s")


def _pending(sqs: Any, urls: list[str]) -> bool:
    names = ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible",
             "ApproximateNumberOfMessagesDelayed"]
    for url in urls:
        attributes = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=names)["Attributes"]
        if any(int(attributes.get(name, 0)) for name in names):
            return True
    return False
