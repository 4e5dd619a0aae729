"""RBM's webhook: the set-up handshake and signed delivery/read events (no JWT: the signature is
the authentication)."""

from __future__ import annotations

from typing import Any

from chalice.app import Blueprint, Response

from chalicelib import errors
from chalicelib.api.routing import ApiRequest, api_route
from chalicelib.services import receipts

bp = Blueprint(__name__)


@api_route(bp, "/webhooks/rbm", methods=["POST"], access="public")
def rbm_webhook(request: ApiRequest) -> dict[str, Any] | Response:
    body = request.json()
    if not isinstance(body, dict):
        raise errors.Unauthenticated("not an RBM webhook call")
    if "clientToken" in body and "secret" in body and "message" not in body:
        if not isinstance(body["clientToken"], str) or not receipts.handshake(body["clientToken"]):
            raise errors.Unauthenticated("unknown client token")
        return Response(body=str(body["secret"]), status_code=200, headers={"Content-Type": "text/plain"})
    receipt = receipts.accept_event(body, request.header("X-Goog-Signature"))
    return {"accepted": receipt is not None}
