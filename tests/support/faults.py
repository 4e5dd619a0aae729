"""DynamoDB faults on demand: a botocore `before-call` hook that fails the next calls of chosen
operations with a throttling error, before any request is sent, as when the SDK's own retries
are spent. The hook is on every botocore session created after `install()` (PynamoDB opens one
per model connection, and the tests' `aws` fixture drops those connections), and does nothing
until a test arms it."""

from __future__ import annotations

import threading
from collections import Counter
from typing import Any

import botocore.handlers
from botocore.awsrequest import AWSResponse

EVENT = "before-call.dynamodb"
THROTTLING = ("ProvisionedThroughputExceededException", "ThrottlingException")


class DynamoFaults:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._plan: dict[str, list[str]] = {}
        self.calls: Counter[str] = Counter()
        self.injected: Counter[str] = Counter()
        self.recording = False

    def fail(self, operation: str, code: str, times: int = 1) -> None:
        """The next `times` calls of `operation` (GetItem, TransactWriteItems…) fail with `code`;
        `TransactionCanceledException` comes with a ThrottlingError cancellation reason."""
        with self._lock:
            self._plan.setdefault(operation, []).extend([code] * times)

    def reset(self) -> None:
        with self._lock:
            self._plan.clear()
            self.calls.clear()
            self.injected.clear()
            self.recording = False

    def pending(self) -> int:
        with self._lock:
            return sum(len(codes) for codes in self._plan.values())

    def __call__(self, model: Any = None, **kwargs: Any) -> tuple[AWSResponse, dict[str, Any]] | None:
        name = getattr(model, "name", "")
        with self._lock:
            if self.recording:
                self.calls[name] += 1
            codes = self._plan.get(name)
            if not codes:
                return None
            code = codes.pop(0)
            self.injected[name] += 1
        parsed: dict[str, Any] = {"Error": {"Code": code, "Message": f"injected {code}"},
                                  "ResponseMetadata": {"HTTPStatusCode": 400, "HTTPHeaders": {}}}
        if code == "TransactionCanceledException":
            items = len((kwargs.get("params") or {}).get("body", {}).get("TransactItems", [])) or 1
            parsed["CancellationReasons"] = [{"Code": "ThrottlingError", "Message": "injected"}] * items
            parsed["Error"]["Message"] = "Transaction cancelled [ThrottlingError]"
        return AWSResponse("https://dynamodb.injected.invalid", 400, {}, None), parsed


FAULTS = DynamoFaults()
_installed = False


def install() -> DynamoFaults:
    global _installed
    if not _installed:
        botocore.handlers.BUILTIN_HANDLERS.insert(0, (EVENT, FAULTS))
        _installed = True
    return FAULTS
