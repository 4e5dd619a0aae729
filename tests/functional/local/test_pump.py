"""The local pump drives the app's own event handlers the way Lambda's event sources do."""

from __future__ import annotations

import json
import threading
import time
from typing import Any

from chalice.app import Chalice, SQSEvent

from chalicelib.aws import client
from chalicelib.settings import get_settings
from infra.local.pump import LocalEventSources, QueuePoller


def queue_url(key: str) -> str:
    return str(client("sqs").get_queue_url(QueueName=get_settings().queue_name(key))["QueueUrl"])


def counts(url: str) -> tuple[int, int]:
    attributes = client("sqs").get_queue_attributes(
        QueueUrl=url, AttributeNames=["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]
    )["Attributes"]
    return int(attributes["ApproximateNumberOfMessages"]), int(attributes["ApproximateNumberOfMessagesNotVisible"])


def test_records_reported_as_failed_stay_on_the_queue_and_the_rest_are_deleted(aws: None) -> None:
    url = queue_url("review")
    for n in range(3):
        client("sqs").send_message(QueueUrl=url, MessageBody=json.dumps({"n": n}))
    seen: list[int] = []

    def deliver(messages: list[dict[str, Any]], arn: str) -> set[str]:
        seen.extend(json.loads(m["Body"])["n"] for m in messages)
        return {m["MessageId"] for m in messages if json.loads(m["Body"])["n"] == 1}

    poller = QueuePoller("test", get_settings().queue_name("review"), 10, deliver, threading.Event(), wait_seconds=0)
    poller.poll_once(client("sqs"), url, "arn")

    assert sorted(seen) == [0, 1, 2]
    assert sum(counts(url)) == 1


def test_a_handler_that_raises_leaves_the_whole_batch_on_the_queue(aws: None) -> None:
    url = queue_url("review")
    client("sqs").send_message(QueueUrl=url, MessageBody="{}")

    def deliver(messages: list[dict[str, Any]], arn: str) -> set[str]:
        raise RuntimeError("crash")

    QueuePoller("test", get_settings().queue_name("review"), 10, deliver, threading.Event(),
                wait_seconds=0).poll_once(client("sqs"), url, "arn")
    assert sum(counts(url)) == 1


def test_the_event_sources_call_the_apps_sqs_and_schedule_handlers_and_stop_cleanly(aws: None) -> None:
    app = Chalice(app_name="pump-probe")
    received: list[dict[str, Any]] = []
    ticks: list[str] = []

    @app.on_sqs_message(queue=get_settings().queue_name("review"), batch_size=5)
    def on_review(event: SQSEvent) -> dict[str, Any]:
        received.extend(json.loads(record.body) for record in event)
        return {"batchItemFailures": []}

    @app.schedule("rate(1 minute)")
    def every_minute(event: Any) -> None:
        ticks.append(event.time)

    sources = LocalEventSources(app, region="us-east-1", s3_events_queue=get_settings().queue_name("review"),
                                tick_seconds=0.1, threads_per_queue=1)
    sources.start()
    try:
        client("sqs").send_message(QueueUrl=queue_url("review"), MessageBody=json.dumps({"hello": "world"}))
        deadline = time.monotonic() + 10
        while (not received or not ticks) and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        sources.close()

    assert received == [{"hello": "world"}]
    assert ticks
    assert not any(thread.is_alive() for thread in sources.threads)
