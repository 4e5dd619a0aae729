"""What the contact-list tests share: calling the API, a fake Lambda context, and running the
import worker's handlers the way Lambda would."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from chalice.app import Chalice
from chalice.test import Client

from chalicelib.aws import client as aws_client
from chalicelib.settings import get_settings

Auth = Callable[..., dict[str, str]]


class FakeContext:
    """A Lambda context whose remaining time is whatever the test says."""

    def __init__(self, remaining_ms: int = 900_000) -> None:
        self.remaining_ms = remaining_ms
        self.function_name = "test"
        self.memory_limit_in_mb = 512
        self.invoked_function_arn = "arn:aws:lambda:us-east-1:123456789012:function:test"
        self.aws_request_id = "test-request"

    def get_remaining_time_in_millis(self) -> int:
        return self.remaining_ms


def call(client: Client, method: str, path: str, headers: dict[str, str], body: Any = None) -> tuple[int, Any]:
    raw = json.dumps(body).encode() if body is not None else b""
    response = getattr(client.http, method.lower())(f"/api/v1/rcs{path}", headers=headers, body=raw)
    return response.status_code, json.loads(response.body) if response.body else None


def new_list(client: Client, auth: Auth, account: str = "acme", name: str = "May launch") -> str:
    status, body = call(client, "POST", "/lists", auth(account), {"name": name})
    assert status == 201, body
    return str(body["list"]["list_id"])


def get_list(client: Client, auth: Auth, list_id: str, account: str = "acme") -> dict[str, Any]:
    status, body = call(client, "GET", f"/lists/{list_id}", auth(account))
    assert status == 200, body
    return body["list"]  # type: ignore[no-any-return]


def imports_queue_url() -> str:
    return str(aws_client("sqs").get_queue_url(QueueName=get_settings().queue_name("imports"))["QueueUrl"])


def take_import_messages() -> list[dict[str, Any]]:
    """Receive (and delete) every message on the imports queue."""
    sqs = aws_client("sqs")
    url = imports_queue_url()
    taken: list[dict[str, Any]] = []
    while True:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])
        if not messages:
            return taken
        for message in messages:
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            taken.append(message)


def sqs_event(messages: list[dict[str, Any]]) -> dict[str, Any]:
    return {"Records": [{
        "messageId": message.get("MessageId", f"m-{index}"), "receiptHandle": "r", "body": message["Body"],
        "attributes": {}, "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
        "eventSourceARN": f"arn:aws:sqs:us-east-1:123456789012:{get_settings().queue_name('imports')}",
        "awsRegion": "us-east-1",
    } for index, message in enumerate(messages)]}


def deliver(app: Chalice, messages: list[dict[str, Any]], context: FakeContext | None = None) -> Any:
    return app.handler_map["continue_import"](sqs_event(messages), context or FakeContext())


def drain_imports(app: Chalice, context: FakeContext | None = None, limit: int = 1000) -> int:
    """Run the imports worker on every message until the queue stays empty; how many it ran."""
    handled = 0
    while handled < limit:
        messages = take_import_messages()
        if not messages:
            return handled
        for message in messages:
            response = deliver(app, [message], context)
            assert response == {"batchItemFailures": []}, response
            handled += 1
    raise AssertionError("the imports queue never emptied")
