"""The receipts webhook is public: what it reads is bounded before anything parses it. A body or
an event (`message.data`) too large or nested too deep is a 400 naming it, never a 500."""

from __future__ import annotations

import base64
import json

import pytest

from chalicelib.settings import get_settings
from tests.support.openapi import ValidatingClient

JSON = {"Content-Type": "application/json"}


def deep(depth: int) -> bytes:
    return b'{"a":' * depth + b"1" + b"}" * depth


def pushed(data: bytes) -> bytes:
    """RBM's push envelope around an event of `data` (signed badly: the limits come first)."""
    return json.dumps({"message": {"data": base64.b64encode(data).decode(), "messageId": "1"},
                       "subscription": "projects/x/subscriptions/y"}).encode()


@pytest.mark.parametrize(("raw", "field"), [
    pytest.param(b'{"message": ' + deep(2_000) + b"}", "body", id="body 2000 deep"),
    pytest.param(pushed(deep(900)), "message.data", id="event 900 deep"),
    pytest.param(pushed(b"[" * 3_000 + b"]" * 3_000), "message.data", id="event of 3000 nested arrays"),
    pytest.param(json.dumps({"message": {"data": "x" * 70_000}}).encode(), "body", id="body of 70 kB"),
])
def test_a_webhook_call_too_deep_or_too_large_is_a_400_naming_what(api: ValidatingClient, raw: bytes,
                                                                    field: str) -> None:
    answer = api.request("POST", "/webhooks/rbm", {**JSON, "X-Goog-Signature": "c2ln"}, raw=raw)
    assert (answer.status, answer.body["error"], answer.body["field"]) == (400, "validation_error", field)


def test_a_shallow_small_but_unsigned_event_is_still_a_401(api: ValidatingClient) -> None:
    event = json.dumps({"agentId": "a", "eventType": "DELIVERED", "messageId": "m"}).encode()
    answer = api.request("POST", "/webhooks/rbm", {**JSON, "X-Goog-Signature": "c2ln"}, raw=pushed(event))
    assert (answer.status, answer.body["error"]) == (401, "unauthorized")


def test_the_limits_are_settings_of_a_few_kilobytes_and_levels() -> None:
    settings = get_settings()
    assert settings.webhook_max_body_bytes <= 1_048_576 and settings.webhook_max_depth <= 64
