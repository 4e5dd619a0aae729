"""Receipts in RBM's webhook format: Pub/Sub envelope, base64 event, HMAC-SHA512 signature."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from datetime import UTC, datetime, timedelta, timezone

from chalicelib.providers.receipts import SIGNATURE_HEADER, ReceiptEvent, receipt_event_id, sign, webhook_request

EVENT = ReceiptEvent(
    agent_id="acme_agent",
    phone="+919876543210",
    message_id="7015a89a-cc40-5bc0-8c99-877db4f99715",
    event_type="DELIVERED",
    send_time=datetime(2026, 5, 28, 8, 0, 2, 500000, tzinfo=UTC),
)


def test_the_body_carries_the_event_json_base64_in_a_pubsub_envelope() -> None:
    body, headers = webhook_request(EVENT, "client-token")

    envelope = json.loads(body)
    event = json.loads(base64.b64decode(envelope["message"]["data"]))
    assert event == {
        "agentId": "acme_agent",
        "senderPhoneNumber": "+919876543210",
        "eventType": "DELIVERED",
        "eventId": EVENT.event_id,
        "messageId": "7015a89a-cc40-5bc0-8c99-877db4f99715",
        "sendTime": "2026-05-28T08:00:02.500Z",
    }
    assert envelope["message"]["messageId"] and envelope["message"]["publishTime"] == "2026-05-28T08:00:02.500Z"
    assert envelope["subscription"].startswith("projects/")
    assert headers["Content-Type"] == "application/json"


def test_the_signature_is_base64_hmac_sha512_of_the_decoded_data_with_the_client_token() -> None:
    body, headers = webhook_request(EVENT, "client-token")

    data = base64.b64decode(json.loads(body)["message"]["data"])
    expected = base64.b64encode(hmac.new(b"client-token", data, hashlib.sha512).digest()).decode()
    assert headers[SIGNATURE_HEADER] == expected
    assert headers[SIGNATURE_HEADER] != sign(data, "another-token")


def test_an_event_has_one_id_whatever_the_time_it_is_sent() -> None:
    an_hour_later = EVENT.send_time + timedelta(hours=1)
    later = ReceiptEvent(EVENT.agent_id, EVENT.phone, EVENT.message_id, "DELIVERED", an_hour_later)

    assert later.event_id == EVENT.event_id == receipt_event_id(EVENT.message_id, "DELIVERED")
    assert receipt_event_id(EVENT.message_id, "READ") != EVENT.event_id


def test_times_in_other_zones_are_written_in_utc() -> None:
    ist = timezone(timedelta(hours=5, minutes=30))
    event = ReceiptEvent("a", "+919876543210", EVENT.message_id, "READ", datetime(2026, 5, 28, 13, 30, tzinfo=ist))

    assert event.payload()["sendTime"] == "2026-05-28T08:00:00.000Z"
