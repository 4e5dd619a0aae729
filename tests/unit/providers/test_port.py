from __future__ import annotations

import uuid

import pytest

from chalicelib.providers import OutboundMessage, message_id_for


def test_message_id_is_the_same_uuid_for_the_same_broadcast_and_phone() -> None:
    first = message_id_for("b-1", "+919876543210")

    assert first == message_id_for("b-1", "+919876543210")
    assert uuid.UUID(first).version == 5


def test_message_id_differs_per_phone_and_per_broadcast() -> None:
    ids = {message_id_for(b, p) for b in ("b-1", "b-2") for p in ("+919876543210", "+919876543211")}

    assert len(ids) == 4


def test_message_id_does_not_confuse_where_broadcast_ends_and_phone_begins() -> None:
    assert message_id_for("b-1", "+12") != message_id_for("b-1+1", "2")


def test_message_id_is_stable_across_releases() -> None:
    # A changed namespace would resend every message of a chunk redelivered across a deploy.
    assert message_id_for("b-1", "+919876543210") == "7015a89a-cc40-5bc0-8c99-877db4f99715"


def test_an_outbound_message_needs_a_uuid_message_id() -> None:
    with pytest.raises(ValueError, match="UUID"):
        OutboundMessage("rm_123", "+919876543210", {"contentMessage": {"text": "x"}})
