"""A template's optional SMS fallback (docs/spec/campaigns.md): `sms_fallback: {"text"}`, with only
the template's own placeholders and at most 1,600 characters; the template row shows it with its
`sms_segments` (GSM-7 or UCS-2, as carriers count). Answers are checked against the OpenAPI document."""

from __future__ import annotations

import json
import os
from typing import Any

import pytest
from chalice.test import Client

from tests.support.drain import drain
from tests.support.openapi import check_response
from tests.support.world import Auth

BASE = "/api/v1/rcs"


TEXT = "Hello {{1}}, order {{2}} has shipped."


def post(client: Client, auth: Auth, sms: Any, *, text: str = TEXT) -> tuple[int, Any]:
    body = {"name": f"sms_{os.urandom(4).hex()}", "category": "transactional", "language": "en_US",
            "components": {"type": "text", "text": text}, "sms_fallback": sms}
    response = client.http.post(f"{BASE}/templates", headers=auth(), body=json.dumps(body).encode())
    check_response("POST", f"{BASE}/templates", response.status_code, response.headers, response.body)
    return response.status_code, json.loads(response.body)


def row(client: Client, auth: Auth, template_id: str) -> dict[str, Any]:
    url = f"{BASE}/templates/{template_id}"
    response = client.http.get(url, headers=auth())
    check_response("GET", url, response.status_code, response.headers, response.body)
    assert response.status_code == 200
    return json.loads(response.body)["template"]  # type: ignore[no-any-return]


@pytest.mark.parametrize(("sms", "segments"), [
    ("Order {{2}} shipped, {{1}}.", 1),
    ("x" * 160, 1),
    ("x" * 161, 2),
    ("€" * 80, 1),  # an extension character takes two septets
    ("€" * 81, 2),
    ("Your code: {{1}} 😀", 1),  # an emoji makes it UCS-2
    ("😀" * 36, 2),  # two UTF-16 units each: 72 > 70
    ("x" * 1600, 11),
])
def test_the_row_shows_the_sms_text_and_its_segments(client: Client, auth: Auth, sms: str, segments: int) -> None:
    status, body = post(client, auth, {"text": sms})
    assert status == 201, body
    shown = row(client, auth, body["template_id"])
    assert (shown["sms_fallback"], shown["sms_segments"]) == ({"text": sms}, segments)


@pytest.mark.parametrize("sms", [None, {"text": ""}])
def test_without_an_sms_text_the_row_shows_none(client: Client, auth: Auth, sms: Any) -> None:
    status, body = post(client, auth, sms)
    assert status == 201, body
    shown = row(client, auth, body["template_id"])
    assert (shown["sms_fallback"], shown["sms_segments"]) == (None, None)


@pytest.mark.parametrize(("sms", "text"), [
    ({"text": "Your order {{3}} has shipped"}, "Hello {{1}}, order {{2}} has shipped."),
    ({"text": "Hi {{1}}"}, "Hello, your order has shipped."),
    ({"text": "x" * 1601}, "Hello {{1}}, order {{2}} has shipped."),
    ({"text": "   "}, "Hello {{1}}, order {{2}} has shipped."),
    ({"text": "bad {{1} brace"}, "Hello {{1}}, order {{2}} has shipped."),
    ({"text": "bell \x07"}, "Hello {{1}}, order {{2}} has shipped."),
    ({"text": 5}, "Hello {{1}}, order {{2}} has shipped."),
])
def test_a_bad_sms_text_is_a_400_naming_sms_fallback_text(client: Client, auth: Auth, sms: Any, text: str) -> None:
    status, body = post(client, auth, sms, text=text)
    assert status == 400, body
    assert body["error"] == "validation_error" and "sms_fallback.text" in body["message"], body


@pytest.mark.parametrize("sms", ["Hi", ["Hi"], {"text": "Hi", "type": "sms"}, {}])
def test_sms_fallback_is_an_object_with_only_a_text(client: Client, auth: Auth, sms: Any) -> None:
    status, body = post(client, auth, sms)
    assert status == 400, body
    assert "sms_fallback" in body["message"], body


def test_the_sms_text_is_reviewed_like_the_rest_of_the_template(
        client: Client, auth: Auth, chalice_app: Any) -> None:
    # GIVEN a harmless RCS text whose SMS fallback asks for a card number behind a threat
    clean = "Hello {{1}}, order {{2}} has shipped."
    status, body = post(client, auth, {"text": clean.replace("shipped", "shipped again")})
    assert status == 201, body
    harmless = body["template_id"]
    status, body = post(client, auth, {"text": "URGENT {{1}}: your bank account is blocked. Reply with your card "
                                               "number and PIN to unblock: http://bit.ly/x1"})
    assert status == 201, body
    phishing = body["template_id"]
    # WHEN the automatic review runs
    drain(chalice_app, queues={"review"})
    # THEN the phishing SMS is rejected, its findings naming sms_fallback.text; the other approved
    assert row(client, auth, harmless)["ai_review_status"] == "approved"
    shown = row(client, auth, phishing)
    assert shown["ai_review_status"] == "rejected", shown
    assert {f["field"] for f in shown["ai_review_findings"] if f["severity"] == "block"} == {"sms_fallback.text"}
