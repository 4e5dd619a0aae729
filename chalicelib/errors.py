"""The domain's errors. Services raise them; the API maps each kind to its status and code."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every error a client may be told about."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InvalidInput(DomainError):
    """The request names a field whose value is not acceptable."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message if field in message else f"{field}: {message}")
        self.field = field


class Unauthenticated(DomainError):
    """No usable credentials were presented."""


class Forbidden(DomainError):
    """The caller is known but may not do this."""


class NotFound(DomainError):
    """Nothing by that id exists for the caller."""


class Conflict(DomainError):
    """The request clashes with the current state."""


class PayloadTooLarge(DomainError):
    """The request body exceeds what the API accepts."""


class RateLimited(DomainError):
    """The caller is over its rate limit; it may try again in `retry_after_seconds`."""

    def __init__(self, message: str, *, retry_after_seconds: int = 1) -> None:
        super().__init__(message)
        self.retry_after_seconds = max(1, retry_after_seconds)
