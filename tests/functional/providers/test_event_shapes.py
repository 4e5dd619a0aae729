"""Contract: the events the simulator posts (chalicelib/providers/receipts.py) have the fields of the
fake RBM's events, which follow Google's documented JSON (server events name the recipient
`phoneNumber`, user events `senderPhoneNumber`)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest

from chalicelib.providers.receipts import ReceiptEvent
from tests.fakes.rbm_server import Call, FakeRbmServer


@pytest.mark.parametrize("kind", ["DELIVERED", "READ", "TTL_EXPIRATION_REVOKED", "TTL_EXPIRATION_REVOKE_FAILED"])
def test_the_simulators_events_have_the_fields_google_documents(rbm_server: FakeRbmServer, kind: str) -> None:
    message_id = str(uuid.uuid4())
    rbm_server.deliveries[message_id] = Call("+14155550100", message_id, "acme_agent", {}, "", 200)
    google = (rbm_server.expire(message_id, revoked=kind == "TTL_EXPIRATION_REVOKED") if kind.startswith("TTL")
              else rbm_server.user_event(message_id, kind))
    ours = ReceiptEvent(agent_id="acme_agent", phone="+14155550100", message_id=message_id, event_type=kind,  # type: ignore[arg-type]
                        send_time=datetime(2026, 12, 1, tzinfo=UTC)).payload()
    assert set(ours) == set(google)
    assert ours["eventType"] == google["eventType"]
