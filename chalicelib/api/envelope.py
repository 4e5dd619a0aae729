"""The error envelope of every failed request, and the mapping from domain errors to it."""

from __future__ import annotations

from typing import Any

from chalice.app import Response

from chalicelib import errors

_STATUS: list[tuple[type[errors.DomainError], int, str]] = [
    (errors.InvalidInput, 400, "validation_error"),
    (errors.Unauthenticated, 401, "unauthorized"),
    (errors.Forbidden, 403, "forbidden"),
    (errors.NotFound, 404, "not_found"),
    (errors.Conflict, 409, "conflict"),
    (errors.PayloadTooLarge, 413, "payload_too_large"),
    (errors.RateLimited, 429, "rate_limited"),
]
JSON: dict[str, str | list[str]] = {"Content-Type": "application/json"}


def error_response(status: int, code: str, message: str, *, field: str | None = None,
                   headers: dict[str, str | list[str]] | None = None) -> Response:
    body: dict[str, Any] = {"success": False, "error": code, "message": message}
    if field:
        body["field"] = field
    return Response(body=body, status_code=status, headers={**JSON, **(headers or {})})


def from_domain_error(error: errors.DomainError) -> Response:
    for kind, status, code in _STATUS:
        if isinstance(error, kind):
            field = error.field if isinstance(error, errors.InvalidInput) else None
            headers: dict[str, str | list[str]] = {}
            if isinstance(error, errors.RateLimited):
                headers["Retry-After"] = str(error.retry_after_seconds)
            return error_response(status, code, error.message, field=field, headers=headers)
    return internal_error()


def internal_error() -> Response:
    return error_response(500, "internal_error", "An internal error occurred.")


def success(body: dict[str, Any] | None = None, status: int = 200) -> Response:
    return Response(body={"success": True, **(body or {})}, status_code=status, headers=JSON)
