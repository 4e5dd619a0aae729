"""HTTP middleware: a request id in every log line, and Chalice's own errors in our envelope."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chalice.app import Request, Response

from chalicelib.api.envelope import error_response, internal_error
from chalicelib.logs import logger


def _envelope_for_chalice_error(response: Response) -> Response:
    """Chalice answers a wrong method, a wrong Content-Type or its own failures with
    `{"Code", "Message"}`; rewrite those into the envelope, keeping the status."""
    status = response.status_code
    allow = str(response.headers.get("Allow") or "")
    if status == 405:
        message = f"method not allowed here; allowed: {allow}" if allow else "method not allowed"
        return error_response(405, "not_found", message, headers={"Allow": allow} if allow else None)
    if status == 415:
        return error_response(415, "validation_error", "Content-Type must be application/json",
                              field="Content-Type")
    if status >= 500:
        return internal_error()
    return error_response(400, "validation_error", str(response.body.get("Message", "bad request")))


def http_middleware(event: Request, get_response: Callable[[Request], Response]) -> Response:
    context: dict[str, Any] = event.context or {}
    logger.append_keys(request_id=context.get("requestId", ""), path=context.get("resourcePath", ""))
    try:
        response = get_response(event)
    except Exception:
        logger.exception("unhandled error outside a view")
        return internal_error()
    finally:
        logger.remove_keys(["request_id", "path"])
    body = response.body
    if isinstance(body, dict) and "Code" in body and "success" not in body:
        return _envelope_for_chalice_error(response)
    return response
