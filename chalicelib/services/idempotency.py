"""`Idempotency-Key` on POST creates (the routes pass the header on, chalicelib/api/routing.py):
the same key and body within 24 h returns the first response and creates nothing new; the same
key with another body is a conflict."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from chalicelib import errors
from chalicelib.lazy import lazy_module

if TYPE_CHECKING:  # Powertools' idempotency is imported by the first request that carries a key
    from aws_lambda_powertools.utilities import idempotency as powertools
    from aws_lambda_powertools.utilities.idempotency import exceptions

    from chalicelib.store import idempotency as store
else:
    powertools = lazy_module("aws_lambda_powertools.utilities.idempotency")
    exceptions = lazy_module("aws_lambda_powertools.utilities.idempotency.exceptions")
    store = lazy_module("chalicelib.store.idempotency")

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255
Outcome = dict[str, Any]


def _execute(*, request: dict[str, str], run: Callable[[], Outcome]) -> Outcome:
    return run()


@lru_cache(maxsize=1)
def _idempotent_execute() -> tuple[powertools.IdempotencyConfig, Callable[..., Outcome]]:
    config = powertools.IdempotencyConfig(
        event_key_jmespath="key",
        payload_validation_jmespath="body",
        raise_on_no_idempotency_key=True,
        expires_after_seconds=24 * 3600,
        use_local_cache=False,
    )
    execute = powertools.idempotent_function(
        _execute, data_keyword_argument="request", persistence_store=store.persistence_layer(), config=config,
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
    except exceptions.IdempotencyValidationError:
        raise errors.Conflict(f"{HEADER} was already used with a different body") from None
    except exceptions.IdempotencyAlreadyInProgressError:
        raise errors.Conflict(f"a request with this {HEADER} is still in progress") from None
