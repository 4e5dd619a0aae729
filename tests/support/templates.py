"""Helpers for the template tests: submit through the API, and run the review worker on what the
API put on the "review" queue, in Lambda's SQS event shape."""

from __future__ import annotations

import itertools
import json
import uuid
from collections.abc import Callable
from typing import Any

from chalice.test import Client

from chalicelib.aws import client as aws_client
from chalicelib.messaging import queue_url
from infra.local.pump import sqs_event

Auth = Callable[..., dict[str, str]]
API = "/api/v1/rcs"
_names = itertools.count(1)

ORDER_SHIPPED: dict[str, Any] = {
    "name": "order_shipped",
    "category": "transactional",
    "language": "en_US",
    "components": {"type": "text", "text": "Your order #{{1}} has shipped. Track at {{2}}."},
    "suggestions": [{"type": "url", "text": "Track order", "url": "{{3}}"}],
}
PROHIBITED: dict[str, Any] = {
    "name": "parcel_fee", "category": "transactional", "language": "en_US",
    "components": {"type": "text", "text": "USPS: your parcel is held. Pay the 1.99 USD redelivery fee today at "
                                           "https://usps.com-redelivery.info."},
}
NO_OPT_OUT: dict[str, Any] = {
    "name": "summer_sale", "category": "promotional", "language": "en_US",
    "components": {"type": "text", "text": "Our summer sale is on: 30% off all sandals until Sunday."},
}


def payload(response: Any) -> Any:
    return json.loads(response.body)


def request(client: Client, method: str, path: str, headers: dict[str, str], body: Any = None) -> Any:
    raw = json.dumps(body).encode() if body is not None else b""
    return getattr(client.http, method.lower())(f"{API}{path}", headers=headers, body=raw)


def submit(client: Client, auth: Auth, body: dict[str, Any] | None = None, account: str = "acme",
           **changes: Any) -> str:
    """Create a template (a fresh name unless one is given) and return its id."""
    template = {**(body or ORDER_SHIPPED), "name": f"template_{next(_names)}", **changes}
    response = request(client, "POST", "/templates", auth(account), template)
    assert response.status_code == 201, response.body
    return str(payload(response)["template_id"])


def get(client: Client, auth: Auth, template_id: str, account: str = "acme") -> dict[str, Any]:
    response = request(client, "GET", f"/templates/{template_id}", auth(account))
    assert response.status_code == 200, response.body
    return payload(response)["template"]  # type: ignore[no-any-return]


def review_messages(max_messages: int = 10) -> list[dict[str, Any]]:
    """Take what is waiting on the review queue (moto), as SQS returns it."""
    messages: list[dict[str, Any]] = []
    while len(messages) < max_messages:
        batch = aws_client("sqs").receive_message(
            QueueUrl=queue_url("review"), MaxNumberOfMessages=min(10, max_messages - len(messages)),
            WaitTimeSeconds=0, AttributeNames=["All"]).get("Messages", [])
        if not batch:
            break
        messages.extend(batch)
    return messages


def event_of(bodies: list[Any]) -> dict[str, Any]:
    """A Lambda SQS event carrying `bodies` (JSON-encoded unless already a string), unique ids."""
    messages = [{"MessageId": str(uuid.uuid4()), "ReceiptHandle": uuid.uuid4().hex,
                 "Body": body if isinstance(body, str) else json.dumps(body), "Attributes": {}}
                for body in bodies]
    return sqs_event(messages, "arn:aws:sqs:us-east-1:123456789012:rcs-test-review", "us-east-1")


def run_review_worker(client: Client) -> dict[str, Any]:
    """Deliver everything on the review queue to the review worker, as Lambda would (which never
    invokes it with no records)."""
    messages = review_messages()
    if not messages:
        return {"batchItemFailures": []}
    event = sqs_event(messages, "arn:aws:sqs:us-east-1:123456789012:rcs-test-review", "us-east-1")
    return invoke_worker(client, event)


def invoke_worker(client: Client, event: dict[str, Any]) -> dict[str, Any]:
    response = client.lambda_.invoke("review_templates", event)
    return response.payload  # type: ignore[no-any-return]
