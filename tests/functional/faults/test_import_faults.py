"""The CSV import worker killed right after each of its steps (claim, a batch of members written,
progress recorded, continuation queued, continuation marked), and under DynamoDB throttling; then
the event is delivered again, as S3 and SQS do. The purge of a deleted list the same way. After
each the counts are exact: every row read once, added and updated as they are, and the list's
member_count equal to the members it holds."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError
from chalice.app import Chalice
from chalice.test import Client

from chalicelib import messaging
from chalicelib.aws import client as aws_client
from chalicelib.services import lists as list_service
from chalicelib.settings import get_settings
from chalicelib.store import imports as import_store
from chalicelib.store import lists as list_store
from chalicelib.store.lists import count_members
from tests.functional.lists.support import FakeContext, call, deliver, get_list, new_list, take_import_messages
from tests.support.faults import DynamoFaults

Auth = Callable[..., dict[str, str]]
SHORT = 1_000  # ms left in every invocation: each step writes one batch of 25 and hands over

ROWS = ([(f"+1415555{n:04d}", f"v{n}") for n in range(60)]
        + [("+14155550003", "again"), ("+14155550007", "again")]  # two updates
        + [("bad", "x"), ("12345", "y"), ("", "z")])  # three rejected rows
ADDED, UPDATED, REJECTED = 60, 2, 3


class Killed(Exception):
    """The Lambda died here."""


def kill_once_after(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str, *, on_call: int) -> list[int]:
    """Let `owner.name` run; the process dies right after its `on_call`-th call returns."""
    real: Callable[..., Any] = getattr(owner, name)
    calls = [0]

    def step(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        calls[0] += 1
        if calls[0] == on_call:
            raise Killed(f"killed after {name}")
        return result

    monkeypatch.setattr(owner, name, step)
    return calls


def csv_bytes() -> bytes:
    return ("phone,var_1\r\n" + "".join(f"{phone},{value}\r\n" for phone, value in ROWS)).encode()


def start_upload(client: Client, auth: Auth) -> tuple[str, str, str]:
    list_id = new_list(client, auth)
    status, body = call(client, "POST", f"/lists/{list_id}/imports", auth(), {})
    assert status == 201, body
    key = f"imports/acme/{list_id}/{body['import_id']}.csv"
    aws_client("s3").put_object(Bucket=get_settings().import_bucket, Key=key, Body=csv_bytes())
    return list_id, body["import_id"], key


def s3_event(key: str) -> dict[str, Any]:
    return {"Records": [{"eventSource": "aws:s3", "eventName": "ObjectCreated:Put", "s3": {
        "bucket": {"name": get_settings().import_bucket}, "object": {"key": key, "size": 0}}}]}


def run_like_aws(app: Chalice, key: str | None, *, attempts: int = 10) -> int:
    """Deliver the upload's S3 event (retried while the invocation dies, as Lambda retries an
    asynchronous event), then every imports message until none is left; a message whose delivery
    died or failed is delivered again. Returns the deliveries that died."""
    died = 0
    if key is not None:
        for _ in range(attempts):
            try:
                app.handler_map["import_uploaded_csv"](s3_event(key), FakeContext(SHORT))
                break
            except Exception:
                died += 1
        else:
            raise AssertionError("the S3 event never went through")
    pending: list[dict[str, Any]] = []
    for _ in range(200):
        pending += take_import_messages()
        if not pending:
            return died
        message = pending.pop(0)
        try:
            outcome = deliver(app, [message], FakeContext(SHORT))
            failed = bool(outcome["batchItemFailures"])
        except (Killed, BatchProcessingError):
            failed = True
        if failed:
            died += 1
            pending.append(message)  # SQS delivers it again after its visibility timeout
    raise AssertionError("the imports never settled")


def assert_exact(client: Client, auth: Auth, list_id: str, import_id: str) -> None:
    status, report = call(client, "GET", f"/lists/{list_id}/imports/{import_id}", auth())
    assert status == 200, report
    assert report["status"] == "completed", report
    assert (report["rows_read"], report["added"], report["updated"], report["rejected"]) == (
        len(ROWS), ADDED, UPDATED, REJECTED)
    assert report["bytes_read"] == report["bytes_total"] == len(csv_bytes())
    assert get_list(client, auth, list_id)["member_count"] == count_members(list_id) == ADDED


STEPS = [
    pytest.param(import_store, "claim", 1, id="after claiming the upload"),
    pytest.param(list_store, "put_members", 2, id="after writing a batch, before recording progress"),
    pytest.param(import_store, "commit", 2, id="after recording progress, before queueing the rest"),
    pytest.param(messaging, "send", 1, id="after queueing the continuation, before marking it"),
    pytest.param(import_store, "mark_chained", 2, id="after marking the continuation"),
    pytest.param(import_store, "find_import", 3, id="after reading the import in a continuation"),
]


@pytest.mark.parametrize(("owner", "name", "on_call"), STEPS)
def test_an_import_killed_after_any_step_and_redelivered_counts_every_row_once(
        client: Client, auth: Auth, chalice_app: Chalice, monkeypatch: pytest.MonkeyPatch,
        owner: Any, name: str, on_call: int) -> None:
    list_id, import_id, key = start_upload(client, auth)
    calls = kill_once_after(monkeypatch, owner, name, on_call=on_call)

    died = run_like_aws(chalice_app, key)

    assert calls[0] >= on_call and died >= 1, "the step was never killed"
    assert_exact(client, auth, list_id, import_id)


@pytest.mark.parametrize(("operation", "code", "times"), [
    ("TransactWriteItems", "ProvisionedThroughputExceededException", 2),
    ("TransactWriteItems", "TransactionCanceledException", 6),
    ("UpdateItem", "ThrottlingException", 2),
    ("GetItem", "ProvisionedThroughputExceededException", 2),
])
def test_an_import_under_dynamodb_throttling_counts_every_row_once(
        client: Client, auth: Auth, chalice_app: Chalice, dynamo_faults: DynamoFaults,
        operation: str, code: str, times: int) -> None:
    list_id, import_id, key = start_upload(client, auth)
    dynamo_faults.fail(operation, code, times)

    run_like_aws(chalice_app, key)

    assert dynamo_faults.injected[operation] == times
    assert_exact(client, auth, list_id, import_id)


PURGE_STEPS = [
    pytest.param(list_store, "member_keys", 1, id="after reading members to purge"),
    pytest.param(list_store, "delete_member_keys", 1, id="after deleting a page of members"),
    pytest.param(import_store, "delete_imports_of_list", 1, id="after deleting the list's imports"),
]


@pytest.mark.parametrize(("owner", "name", "on_call"), PURGE_STEPS)
def test_the_purge_of_a_deleted_list_killed_after_any_step_still_removes_every_member(
        client: Client, auth: Auth, chalice_app: Chalice, monkeypatch: pytest.MonkeyPatch,
        owner: Any, name: str, on_call: int) -> None:
    list_id, import_id, key = start_upload(client, auth)
    run_like_aws(chalice_app, key)
    assert count_members(list_id) == ADDED
    monkeypatch.setattr(list_service, "PURGE_PAGE", 25, raising=False)
    kill_once_after(monkeypatch, owner, name, on_call=on_call)

    assert call(client, "DELETE", f"/lists/{list_id}", auth())[0] == 200
    died = run_like_aws(chalice_app, None)

    assert died >= 1
    assert count_members(list_id) == 0
    assert import_store.find_import(list_id, import_id) is None
    assert call(client, "GET", f"/lists/{list_id}", auth())[0] == 404
    assert [json.loads(m["Body"]) for m in take_import_messages()] == []
