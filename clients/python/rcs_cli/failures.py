"""Why a command stops: the API refused (its error envelope), the API could not be reached, or the
command was used wrongly. `rcs` prints the message and exits with the code."""

from __future__ import annotations

import json
from typing import Any


class Failure(Exception):
    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UsageFailure(Failure):
    exit_code = 2


class ApiFailure(Failure):
    """A 4xx or 5xx answer, with the envelope's `error`, `message` and `field` when it has them."""

    def __init__(self, status: int, error: str, message: str, field: str | None = None) -> None:
        super().__init__(f"{message} (field: {field})" if field and field not in message else message)
        self.status, self.error, self.field = status, error, field

    @classmethod
    def from_body(cls, status: int, content: bytes) -> ApiFailure:
        try:
            body: Any = json.loads(content)
        except ValueError:
            body = None
        if isinstance(body, dict) and isinstance(body.get("message"), str):
            field = body.get("field")
            return cls(status, str(body.get("error", "")), body["message"], field if isinstance(field, str) else None)
        text = content.decode("utf-8", errors="replace").strip()[:200]
        return cls(status, "", f"the API answered HTTP {status}" + (f": {text}" if text else ""))


class Unfinished(Failure):
    """The API did its part, and the outcome is a failure (an import failed, a broadcast failed)."""
