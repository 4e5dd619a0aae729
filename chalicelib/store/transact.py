"""TransactWriteItems with usable cancellation reasons, and retries of what is only contention.

DynamoDB cancels a whole transaction when one of its conditions fails (the caller must look at the
state again and decide), when another transaction touches one of its items at the same moment
(`TransactionConflict`) or when a partition is throttled; the last two are retried here with
jittered exponential backoff, so a caller only ever sees the condition failures.
"""

from __future__ import annotations

import random
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from botocore.exceptions import ClientError
from pynamodb.exceptions import TransactWriteError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

CONDITION_FAILED = "ConditionalCheckFailed"
RETRYABLE = frozenset({"TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded",
                       "RequestLimitExceeded", "TransactionInProgress"})
BASE_DELAY_SECONDS = 0.02
MAX_DELAY_SECONDS = 1.0


@dataclass(frozen=True)
class Reason:
    """Why one item of a cancelled transaction failed (`code`), with the item as it was
    (`old`, raw DynamoDB JSON) when the operation asked for ALL_OLD."""

    code: str
    old: dict[str, Any] | None


class Cancelled(Exception):
    """A condition of the transaction failed; `reasons[i]` belongs to the i-th item as DynamoDB
    received them (PynamoDB sends condition checks, then deletes, then puts, then updates)."""

    def __init__(self, reasons: list[Reason | None]) -> None:
        super().__init__("transaction cancelled: " + ", ".join(r.code if r else "None" for r in reasons))
        self.reasons = reasons

    def failed(self, index: int) -> bool:
        reason = self.reasons[index] if index < len(self.reasons) else None
        return reason is not None and reason.code == CONDITION_FAILED

    def old(self, index: int) -> dict[str, Any] | None:
        reason = self.reasons[index] if index < len(self.reasons) else None
        return reason.old if reason else None


class Contended(Exception):
    """The transaction kept meeting conflicts or throttling after every retry."""


def backoff(attempt: int) -> None:
    time.sleep(random.uniform(0, min(MAX_DELAY_SECONDS, BASE_DELAY_SECONDS * 2**attempt)))


_THROTTLED = ("ThrottlingException", "ProvisionedThroughputExceededException")


def _retry(commit: Callable[[], None], failure: Callable[[Exception], tuple[str, list[Reason | None]] | None],
           attempts: int) -> None:
    """Run `commit` until it succeeds: back off and retry contention and throttling, raise `Cancelled`
    on a failed condition. `failure` reads an exception as (error code, cancellation reasons), or None
    for one that is not DynamoDB's."""
    for attempt in range(attempts):
        try:
            commit()
            return
        except Exception as error:
            read = failure(error)
            if read is None:
                raise
            code, reasons = read
            if not reasons:
                if code in RETRYABLE or code in _THROTTLED:
                    backoff(attempt)
                    continue
                raise
            if any(r is not None and r.code == CONDITION_FAILED for r in reasons):
                raise Cancelled(reasons) from None
            if all(r is None or r.code in RETRYABLE for r in reasons):
                backoff(attempt)
                continue
            raise
    raise Contended("the transaction met conflicting writes on every attempt")


def transact(model: type[Model], build: Callable[[TransactWrite], None], *, attempts: int = 10) -> None:
    """Commit the transaction `build` describes, through `model`'s (cached) connection.

    Raises `Cancelled` when a condition failed, `Contended` when conflicts outlast `attempts`.
    Each attempt carries its own ClientRequestToken, so a request botocore resends after a lost
    response is applied once."""
    connection = model._get_connection().connection

    def commit() -> None:
        with TransactWrite(connection=connection, client_request_token=uuid.uuid4().hex) as transaction:
            build(transaction)

    def failure(error: Exception) -> tuple[str, list[Reason | None]] | None:
        if not isinstance(error, TransactWriteError):
            return None
        reasons = [Reason(r.code, r.raw_item) if r is not None else None for r in error.cancellation_reasons or []]
        return error.cause_response_code or "", reasons

    _retry(commit, failure, attempts)


def transact_items(model: type[Model], items: list[dict[str, Any]], *, attempts: int = 10) -> None:
    """Commit raw TransactWriteItems `items` (DynamoDB JSON) through `model`'s connection: for the
    hot paths, where building PynamoDB models per item costs more than the request. Same
    contract as `transact`; `Cancelled.reasons[i]` belongs to `items[i]`."""
    connection = model._get_connection().connection

    def commit() -> None:
        connection.client.transact_write_items(TransactItems=items, ClientRequestToken=uuid.uuid4().hex)

    def failure(error: Exception) -> tuple[str, list[Reason | None]] | None:
        if not isinstance(error, ClientError):
            return None
        code = str(error.response.get("Error", {}).get("Code", ""))
        raw = (error.response.get("CancellationReasons") or []) if code == "TransactionCanceledException" else []
        return code, [Reason(str(r["Code"]), r.get("Item")) if r.get("Code") not in (None, "None") else None
                      for r in raw]

    _retry(commit, failure, attempts)
