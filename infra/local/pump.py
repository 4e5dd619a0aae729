"""The local stand-in for Lambda's event sources: it reads the app's own event-source table and
calls the very handlers the cloud calls. SQS messages are long-polled and handed over in
Lambda's event shape, with partial-batch failures honoured (failed records stay on the queue and
come back; each dead-letter queue is pumped to its consumer too); S3 notifications arrive through
a local queue; schedules fire on a ticker."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import unquote_plus

from chalice.app import Chalice, S3EventConfig, ScheduledEventConfig, SQSEventConfig
from chalice.local import LambdaContext

from chalicelib.aws import client
from chalicelib.logs import logger
from chalicelib.messaging import DEAD_LETTER_FUNCTION_TIMEOUT_SECONDS, QUEUE_SPECS, maximum_concurrency
from chalicelib.settings import get_settings

Handler = Callable[[dict[str, Any], Any], Any]
RETRY_DELAY_SECONDS = 2


def _context(name: str, timeout_seconds: int) -> LambdaContext:
    return LambdaContext(function_name=name, memory_size=512, max_runtime_ms=timeout_seconds * 1000)


def _queue_arn(url: str) -> str:
    attributes = client("sqs").get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    return str(attributes["Attributes"]["QueueArn"])


def sqs_event(messages: list[dict[str, Any]], queue_arn: str, region: str) -> dict[str, Any]:
    return {
        "Records": [
            {
                "messageId": message["MessageId"],
                "receiptHandle": message["ReceiptHandle"],
                "body": message["Body"],
                "attributes": message.get("Attributes", {}),
                "messageAttributes": message.get("MessageAttributes", {}),
                "md5OfBody": message.get("MD5OfBody", ""),
                "eventSource": "aws:sqs",
                "eventSourceARN": queue_arn,
                "awsRegion": region,
            }
            for message in messages
        ]
    }


def failed_message_ids(response: Any) -> set[str]:
    if isinstance(response, dict):
        return {item["itemIdentifier"] for item in response.get("batchItemFailures", [])}
    return set()


_JOB_IDS = ("template_id", "broadcast_id", "import_id", "list_id", "rm_message_id")


def job_lines(queue: str, messages: list[dict[str, Any]], failed: set[str], seconds: float) -> list[str]:
    """A line per job; receipts (a flood of tiny jobs) a line per batch."""
    if queue.removeprefix(get_settings().prefix + "-") == "receipts":
        kinds: dict[str, int] = {}
        for message in messages:
            try:
                event = json.loads(message["Body"])
            except ValueError:
                event = {}
            kind = str(event.get("event") or event.get("kind") or "event") if isinstance(event, dict) else "event"
            kinds[kind] = kinds.get(kind, 0) + 1
        summary = ", ".join(f"{count} {kind}" for kind, count in sorted(kinds.items()))
        state = "ok" if not failed else f"{len(failed)} FAILED (retried)"
        return [f"{time.strftime('%H:%M:%S')} receipts  {summary} {state} ({seconds:.2f} s)"]
    return [job_line(queue, message["Body"], message["MessageId"] not in failed, seconds) for message in messages]


def job_line(queue: str, body: str, ok: bool, seconds: float) -> str:
    """`12:01:02 review    template 1f7a… ok 0.21 s`: what `make run` prints for each job a worker handles."""
    try:
        job = json.loads(body)
    except ValueError:
        job = {}
    job = job if isinstance(job, dict) else {}
    what = str(job.get("kind") or job.get("type") or "")
    for key in _JOB_IDS:
        if job.get(key):
            what = f"{what} {key.removesuffix('_id')} {str(job[key])[:12]}".strip()
            break
    for key in ("chunk", "offset", "wave", "state", "event"):
        if job.get(key) and not isinstance(job[key], dict | list):  # a first pass's `wave 0` says nothing
            what += f" {key} {job[key]}"
    name = queue.removeprefix(get_settings().prefix + "-")
    result = outcome(name, job) if ok else ""
    return (f"{time.strftime('%H:%M:%S')} {name:<9} {what or 'job'} "
            f"{result or ('ok' if ok else 'FAILED (retried)')} ({seconds:.2f} s)")


def outcome(queue: str, job: dict[str, Any]) -> str:
    """Where the item a job concerns stands now: the verdict, the broadcast's progress, the import's."""
    try:
        if queue == "review" and job.get("template_id"):
            from chalicelib.store import templates

            record = templates.find_template(str(job["template_id"]))
            return f"-> {record.ai_review_status}" if record is not None else ""
        if queue in ("dispatch", "send") and job.get("account_id") and job.get("broadcast_id"):
            from chalicelib.store import broadcasts

            b = broadcasts.get_broadcast(str(job["account_id"]), str(job["broadcast_id"]))
            return (f"-> {b.status}, {b.sent_count} sent, {b.failed_count} failed of {b.total_count}")
        if queue == "imports" and job.get("list_id") and job.get("import_id"):
            from chalicelib.store import imports

            found = imports.find_import(str(job["list_id"]), str(job["import_id"]))
            if found is not None:
                return f"-> {found.status}, {found.rows_read} rows read, {found.added} added, {found.rejected} rejected"
    except Exception:  # a line of output is never worth a failed job
        return ""
    return ""


class QueuePoller:
    """Poll one queue and deliver what arrives to `deliver(messages) -> ids that failed`, up to
    `concurrency` batches at once (as Lambda's event source mapping does up to its maximum concurrency)."""

    def __init__(self, name: str, queue_name: str, batch_size: int,
                 deliver: Callable[[list[dict[str, Any]], str], set[str]],
                 stop: threading.Event, wait_seconds: int = 1, concurrency: int = 1) -> None:
        self.name = name
        self.queue_name = queue_name
        self.batch_size = min(batch_size, 10)
        self.deliver = deliver
        self.stop = stop
        self.wait_seconds = wait_seconds
        self.concurrency = max(1, concurrency)

    def run(self) -> None:
        sqs = client("sqs")
        url = sqs.get_queue_url(QueueName=self.queue_name)["QueueUrl"]
        arn = _queue_arn(url)
        free = threading.Semaphore(self.concurrency)

        def handle(messages: list[dict[str, Any]]) -> None:
            try:
                self.handle(sqs, url, arn, messages)
            except Exception:
                logger.exception("local pump: delivery failed", extra={"source": self.name})
            finally:
                free.release()

        with ThreadPoolExecutor(max_workers=self.concurrency, thread_name_prefix=self.name) as pool:
            while not self.stop.is_set():
                if not free.acquire(timeout=0.5):
                    continue
                try:
                    messages = self.receive(sqs, url)
                except Exception:
                    free.release()
                    logger.exception("local pump: receive failed", extra={"source": self.name})
                    self.stop.wait(RETRY_DELAY_SECONDS)
                    continue
                if not messages:
                    free.release()
                    continue
                pool.submit(handle, messages)

    def receive(self, sqs: Any, url: str) -> list[dict[str, Any]]:
        messages: list[dict[str, Any]] = sqs.receive_message(
            QueueUrl=url, MaxNumberOfMessages=self.batch_size,
            WaitTimeSeconds=self.wait_seconds, AttributeNames=["All"],
        ).get("Messages", [])
        return messages

    def poll_once(self, sqs: Any, url: str, arn: str) -> int:
        messages = self.receive(sqs, url)
        if not messages:
            return 0
        return self.handle(sqs, url, arn, messages)

    def handle(self, sqs: Any, url: str, arn: str, messages: list[dict[str, Any]]) -> int:
        try:
            failed = self.deliver(messages, arn)
        except Exception:
            logger.exception("local pump: handler raised; the batch goes back to the queue",
                             extra={"source": self.name})
            failed = {message["MessageId"] for message in messages}
        done = [m for m in messages if m["MessageId"] not in failed]
        for start in range(0, len(done), 10):
            sqs.delete_message_batch(QueueUrl=url, Entries=[
                {"Id": str(i), "ReceiptHandle": m["ReceiptHandle"]}
                for i, m in enumerate(done[start:start + 10])
            ])
        for message in messages:
            if message["MessageId"] in failed:
                sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"],
                                              VisibilityTimeout=RETRY_DELAY_SECONDS)
        return len(messages)


class LocalEventSources:
    """Threads that drive every SQS, S3 and schedule handler of `app` until `stop` is set. Each queue's
    handler runs up to its configured maximum concurrency at once (`threads_per_queue` caps it)."""

    def __init__(self, app: Chalice, *, region: str, s3_events_queue: str,
                 tick_seconds: float, threads_per_queue: int | None = None, job_lines: bool = False) -> None:
        self.app = app
        self.job_lines = job_lines  # one short line per job handled (make run)
        self.region = region
        self.s3_events_queue = s3_events_queue
        self.tick_seconds = tick_seconds
        self.threads_per_queue = threads_per_queue
        self.stop = threading.Event()
        self.threads: list[threading.Thread] = []

    def _handler(self, name: str) -> Handler:
        return self.app.handler_map[name]

    def _sqs_deliverer(self, config: SQSEventConfig) -> Callable[[list[dict[str, Any]], str], set[str]]:
        handler = self._handler(config.name)
        settings = get_settings()
        timeouts = {settings.queue_name(key): spec.function_timeout_seconds for key, spec in QUEUE_SPECS.items()}
        timeouts.update({settings.dead_letter_queue_name(key): DEAD_LETTER_FUNCTION_TIMEOUT_SECONDS
                         for key in QUEUE_SPECS})
        timeout = timeouts.get(config.queue or "", 60)

        def deliver(messages: list[dict[str, Any]], arn: str) -> set[str]:
            started = time.monotonic()
            response = handler(sqs_event(messages, arn, self.region), _context(config.name, timeout))
            failed = failed_message_ids(response)
            if self.job_lines:
                for line in job_lines(config.queue or config.name, messages, failed, time.monotonic() - started):
                    print(line, flush=True)
            return failed

        return deliver

    def _s3_deliverer(self, configs: list[S3EventConfig]) -> Callable[[list[dict[str, Any]], str], set[str]]:
        def deliver(messages: list[dict[str, Any]], arn: str) -> set[str]:
            failed: set[str] = set()
            for message in messages:
                records = json.loads(message["Body"]).get("Records", [])
                for config in configs:
                    mine = [r for r in records if r.get("s3", {}).get("bucket", {}).get("name") == config.bucket]
                    if not mine:
                        continue
                    try:
                        self._handler(config.name)({"Records": mine}, _context(config.name, 900))
                        if self.job_lines:
                            for record in mine:
                                key = unquote_plus(record.get("s3", {}).get("object", {}).get("key", ""))
                                parts = key.removesuffix(".csv").split("/")  # imports/<account>/<list>/<import>
                                job = {"list_id": parts[-2], "import_id": parts[-1]} if len(parts) >= 3 else {}
                                result = outcome("imports", job) or "received"
                                print(f"{time.strftime('%H:%M:%S')} upload    import {parts[-1][:12]} {result}",
                                      flush=True)
                    except Exception:
                        logger.exception("local pump: S3 handler raised", extra={"source": config.name})
                        failed.add(message["MessageId"])
            return failed

        return deliver

    def _tick(self, configs: list[ScheduledEventConfig]) -> None:
        while not self.stop.wait(self.tick_seconds):
            for config in configs:
                event = {
                    "id": str(uuid.uuid4()), "detail-type": "Scheduled Event", "source": "aws.events",
                    "time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "region": self.region,
                    "resources": [], "detail": {}, "version": "0", "account": "123456789012",
                }
                try:
                    self._handler(config.name)(event, _context(config.name, 60))
                except Exception:
                    logger.exception("local ticker: schedule handler raised", extra={"source": config.name})

    def start(self) -> None:
        sources = self.app.event_sources
        pollers: list[QueuePoller] = []
        for config in sources:
            if isinstance(config, SQSEventConfig) and config.queue:
                concurrency = maximum_concurrency(config.maximum_concurrency)
                if self.threads_per_queue is not None:
                    concurrency = min(concurrency, self.threads_per_queue)
                pollers.append(QueuePoller(config.name, config.queue, config.batch_size,
                                           self._sqs_deliverer(config), self.stop, concurrency=concurrency))
        s3_configs = [c for c in sources if isinstance(c, S3EventConfig)]
        if s3_configs:
            pollers.append(QueuePoller("s3-events", self.s3_events_queue, 10,
                                       self._s3_deliverer(s3_configs), self.stop))
        for poller in pollers:
            self.threads.append(threading.Thread(target=poller.run, name=poller.name, daemon=True))
        schedules = [c for c in sources if isinstance(c, ScheduledEventConfig)]
        if schedules:
            self.threads.append(threading.Thread(target=self._tick, args=(schedules,), name="ticker",
                                                 daemon=True))
        for thread in self.threads:
            thread.start()

    def close(self, timeout: float = 10.0) -> None:
        self.stop.set()
        deadline = time.monotonic() + timeout
        for thread in self.threads:
            thread.join(max(0.0, deadline - time.monotonic()))
