"""RBM's webhook: the set-up handshake and signed delivery/read events (no JWT: the signature is
the authentication). Anyone can call it, so what it reads is bounded first: the body and the
event inside it (`message.data`, base64 JSON) must be small and shallow (settings
`webhook_max_body_bytes`, `webhook_max_depth`; RBM's events are a few hundred bytes, 3 deep)."""

from __future__ import annotations

import base64
import binascii
from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, Response

from chalicelib import errors
from chalicelib.api import json_limits
from chalicelib.api.routing import ApiRequest, api_route
from chalicelib.lazy import lazy_module
from chalicelib.settings import get_settings

if TYPE_CHECKING:
    from chalicelib.services import receipts
else:
    receipts = lazy_module("chalicelib.services.receipts")

bp = Blueprint(__name__)


@api_route(bp, "/webhooks/rbm", methods=["POST"], access="public")
def rbm_webhook(request: ApiRequest) -> dict[str, Any] | Response:
    settings = get_settings()
    limits = {"max_bytes": settings.webhook_max_body_bytes, "max_depth": settings.webhook_max_depth}
    json_limits.check(request.raw_body, field="body", **limits)
    body = request.json()
    if not isinstance(body, dict):
        raise errors.Unauthenticated("not an RBM webhook call")
    if "clientToken" in body and "secret" in body and "message" not in body:
        if not isinstance(body["clientToken"], str) or not receipts.handshake(body["clientToken"]):
            raise errors.Unauthenticated("unknown client token")
        return Response(body=str(body["secret"]), status_code=200, headers={"Content-Type": "text/plain"})
    message = body.get("message")
    data = message.get("data") if isinstance(message, dict) else None
    if isinstance(data, str):
        try:
            decoded = base64.b64decode(data, validate=True)
        except (ValueError, binascii.Error):
            decoded = b""  # not base64: the signature check refuses it
        json_limits.check(decoded, field="message.data", **limits)
    receipt = receipts.accept_event(body, request.header("X-Goog-Signature"))
    return {"accepted": receipt is not None}
