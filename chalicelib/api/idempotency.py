"""`Idempotency-Key` on POST creates: the same key and body within 24 h returns the first
response and creates nothing new; the same key with another body is a conflict."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from aws_lambda_powertools.utilities.idempotency import IdempotencyConfig, idempotent_function
from aws_lambda_powertools.utilities.idempotency.exceptions import (
    IdempotencyAlreadyInProgressError,
    IdempotencyValidationError,
)

from chalicelib import errors
from chalicelib.store.idempotency import persistence_layer

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
Outcome = dict[str, Any]


def _execute(*, request: dict[str, str], run: Callable[[], Outcome]) -> Outcome:
    return run()


@lru_cache(maxsize=1)
def _idempotent_execute() -> tuple[IdempotencyConfig, Callable[..., Outcome]]:
    config = IdempotencyConfig(
        event_key_jmespath="key",
        payload_validation_jmespath="body",
        raise_on_no_idempotency_key=True,
        expires_after_seconds=24 * 3600,
        use_local_cache=False,
    )
    execute = idempotent_function(
        _execute, data_keyword_argument="request", persistence_store=persistence_layer(), config=config,
        key_prefix="api",
    )
    return config, execute


def reset() -> None:
    _idempotent_execute.cache_clear()


def once(key: str, *, scope: str, body: bytes, run: Callable[[], Outcome], lambda_context: Any = None) -> Outcome:
    """Run `run` once per (`scope`, `key`); a repeat with the same body gets the first outcome."""
    if not key or len(key) > MAX_KEY_LENGTH or not key.isprintable():
        raise errors.InvalidInput(HEADER, f"{HEADER} must be 1 to {MAX_KEY_LENGTH} printable characters")
    request = {"key": f"{scope}|{key}", "body": hashlib.sha256(body).hexdigest()}
    config, execute = _idempotent_execute()
    if lambda_context is not None:
        config.register_lambda_context(lambda_context)
    try:
        return execute(request=request, run=run)
    except IdempotencyValidationError:
        raise errors.Conflict(f"{HEADER} was already used with a different body") from None
    except IdempotencyAlreadyInProgressError:
        raise errors.Conflict(f"a request with this {HEADER} is still in progress") from None
