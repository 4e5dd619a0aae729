"""moto's DynamoDB made to behave like DynamoDB under concurrency and at volume.

moto 5.2 has two gaps that matter to code built on transactions:

- It serves concurrent requests without any lock, so two threads interleave inside one request:
  a TransactWriteItems deep-copies every table it touches (its rollback plan) while another
  thread writes to it ("dictionary changed size during iteration"), and a cancelled transaction
  restores that copy, silently undoing the writes other threads made in the meantime.
- That deep copy makes every transaction cost time proportional to the size of the tables it
  touches: writing a million members 25 per transaction takes hours.

`install()` fixes both, in-process: every DynamoDB request runs under one lock (so each request is
atomic, as one item write or one transaction is in DynamoDB), and TransactWriteItems checks every
condition first and then applies the writes, keeping copies of only the items it changes. The
result codes, the cancellation reasons (with ALL_OLD items) and the validation are moto's own.
Used by the tests that race writers and by the import benchmark (`python -m infra.local.moto_server`).
"""

from __future__ import annotations

import copy
import threading
from typing import Any

from moto.dynamodb.comparisons import get_filter_expression
from moto.dynamodb.exceptions import (
    MockValidationException,
    MultipleTransactionsException,
    TooManyTransactionsException,
    TransactionCanceledException,
    TransactWriteSingleOpException,
)
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.responses import DynamoHandler

_LOCK = threading.RLock()
_originals: dict[str, Any] = {}


def _locked_call_action(self: DynamoHandler) -> Any:
    with _LOCK:
        return _originals["call_action"](self)


def _transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    targets: set[tuple[str, str]] = set()
    checked: list[tuple[str, dict[str, Any], Any, dict[str, Any], Any]] = []
    errors: list[tuple[str | None, str | None, dict[str, Any] | None]] = []
    for item in transact_items:
        if len(item) > 1:
            raise TransactWriteSingleOpException
        op_type, op = next(iter(item.items()))
        if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
            raise MockValidationException("Unsupported transaction operation")
        table = self.get_table(op["TableName"])
        if op_type == "Put":
            key = {table.hash_key_attr: op["Item"][table.hash_key_attr]}
            if table.range_key_attr is not None:
                key[table.range_key_attr] = op["Item"][table.range_key_attr]
        else:
            key = op["Key"]
        target = (str(op["TableName"]), str(dict(sorted(key.items()))))
        if target in targets:
            raise MultipleTransactionsException()
        targets.add(target)
        current = self.get_item(op["TableName"], key)
        condition = op.get("ConditionExpression")
        if condition is not None and not get_filter_expression(
                condition, op.get("ExpressionAttributeNames"), op.get("ExpressionAttributeValues")).expr(current):
            old = (current.to_json()["Attributes"]
                   if op.get("ReturnValuesOnConditionCheckFailure") == "ALL_OLD" and current else None)
            errors.append(("ConditionalCheckFailed", "The conditional request failed", old))
            continue
        errors.append((None, None, None))
        checked.append((op_type, op, table, key, current))
    if any(code is not None for code, _, _ in errors):
        raise TransactionCanceledException(errors)

    undo: list[tuple[Any, Any, Any, Any]] = []
    try:
        for op_type, op, table, key, current in checked:
            if op_type == "ConditionCheck":
                continue
            hash_value, range_value = self.get_keys_value(table, key)
            undo.append((table, hash_value, range_value, copy.deepcopy(current)))
            if op_type == "Put":
                table.put_item(op["Item"], overwrite=True)
            elif op_type == "Delete":
                table.delete_item(hash_value, range_value)
            else:
                self.update_item(
                    op["TableName"], key, update_expression=op["UpdateExpression"],
                    expression_attribute_names=op.get("ExpressionAttributeNames") or {},
                    expression_attribute_values=op.get("ExpressionAttributeValues") or {},
                )
    except Exception:
        for table, hash_value, range_value, old in reversed(undo):
            if old is None:
                table.delete_item(hash_value, range_value)
            elif range_value is not None:
                table.items[hash_value][range_value] = old
            else:
                table.items[hash_value] = old
        raise


def install() -> None:
    """Patch moto (this process) as described above; safe to call twice."""
    with _LOCK:
        if _originals:
            return
        _originals["call_action"] = DynamoHandler.call_action
        _originals["transact_write_items"] = DynamoDBBackend.transact_write_items
        DynamoHandler.call_action = _locked_call_action  # type: ignore[method-assign]
        DynamoDBBackend.transact_write_items = _transact_write_items  # type: ignore[method-assign]


def uninstall() -> None:
    with _LOCK:
        if not _originals:
            return
        DynamoHandler.call_action = _originals.pop("call_action")  # type: ignore[method-assign]
        DynamoDBBackend.transact_write_items = _originals.pop("transact_write_items")  # type: ignore[method-assign]
