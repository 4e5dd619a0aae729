"""API Gateway's own answers (unknown path, throttling, oversize body, its own failures) in the
app's error envelope `{"success": false, "error": "<code>", "message": "..."}`, so a client
cannot tell them from the app's. They go into the API's OpenAPI body
(`x-amazon-apigateway-gateway-responses`), so a change redeploys the stage with it."""

from __future__ import annotations

import json
from typing import Any

GATEWAY_RESPONSES_KEY = "x-amazon-apigateway-gateway-responses"
# API Gateway's text for the error, already a quoted JSON string.
GATEWAY_MESSAGE = "$context.error.messageString"

# response type -> (status to answer with, or None to keep the gateway's; code; message or None
# for the gateway's own). Codes are those of docs/spec/extensions.md.
RESPONSES: dict[str, tuple[str | None, str, str | None]] = {
    "MISSING_AUTHENTICATION_TOKEN": ("404", "not_found", "no such path"),
    "RESOURCE_NOT_FOUND": ("404", "not_found", "no such path"),
    "UNAUTHORIZED": ("401", "unauthorized", None),
    "ACCESS_DENIED": ("403", "forbidden", None),
    "INVALID_API_KEY": ("403", "forbidden", None),
    "INVALID_SIGNATURE": ("403", "forbidden", None),
    "EXPIRED_TOKEN": ("403", "forbidden", None),
    "WAF_FILTERED": ("403", "forbidden", None),
    "BAD_REQUEST_BODY": ("400", "validation_error", None),
    "BAD_REQUEST_PARAMETERS": ("400", "validation_error", None),
    "UNSUPPORTED_MEDIA_TYPE": ("415", "validation_error", "Content-Type must be application/json"),
    "REQUEST_TOO_LARGE": ("413", "payload_too_large", None),
    "THROTTLED": ("429", "rate_limited", None),
    "QUOTA_EXCEEDED": ("429", "rate_limited", None),
    "DEFAULT_4XX": (None, "validation_error", None),
    "DEFAULT_5XX": (None, "internal_error", "An internal error occurred."),
}


def envelope_template(code: str, message: str | None) -> str:
    text = json.dumps(message) if message is not None else GATEWAY_MESSAGE
    return f'{{"success":false,"error":{json.dumps(code)},"message":{text}}}'


def gateway_responses() -> dict[str, Any]:
    responses: dict[str, Any] = {}
    for response_type, (status, code, message) in RESPONSES.items():
        response: dict[str, Any] = {
            "responseParameters": {"gatewayresponse.header.Content-Type": "'application/json'"},
            "responseTemplates": {"application/json": envelope_template(code, message)},
        }
        if status is not None:
            response["statusCode"] = status
        responses[response_type] = response
    return responses
