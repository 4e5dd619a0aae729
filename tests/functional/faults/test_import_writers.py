"""An import step writes its batches of members from several threads while it reads on
(`RCS_IMPORT_WRITERS`, chalicelib/services/lists.py MemberBatcher). The counts stay exact and
the later row of a phone still wins when the two rows fall in batches in flight together, and
when the step dies with batches in flight and S3 delivers its event again."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from chalice.app import Chalice
from chalice.test import Client

from chalicelib.aws import client as aws_client
from chalicelib.settings import get_settings
from chalicelib.store import lists as list_store
from chalicelib.store.lists import count_members
from tests.functional.lists.support import FakeContext, call, get_list, new_list

Auth = Callable[..., dict[str, str]]


def phone(n: int) -> str:
    return f"+1415555{n:04d}"


# 150 distinct phones (six batches); the first ten come again, later, in the next batch: while the
# batch of their first rows may still be in flight.
ROWS = [(phone(n), f"v{n}") for n in range(40)] + [(phone(k), f"later{k}") for k in range(10)] + [
    (phone(n), f"v{n}") for n in range(40, 150)] + [("bad", "x"), ("12345", "y")]
ADDED, UPDATED, REJECTED = 150, 10, 2


class Killed(Exception):
    """The Lambda died here."""


@pytest.fixture(autouse=True)
def four_writers(settings_env: Callable[..., None]) -> None:
    settings_env(RCS_IMPORT_WRITERS="4")


def start_upload(client: Client, auth: Auth) -> tuple[str, str, str]:
    list_id = new_list(client, auth)
    status, body = call(client, "POST", f"/lists/{list_id}/imports", auth(), {})
    assert status == 201, body
    key = f"imports/acme/{list_id}/{body['import_id']}.csv"
    data = "phone,var_1\r\n" + "".join(f"{number},{value}\r\n" for number, value in ROWS)
    aws_client("s3").put_object(Bucket=get_settings().import_bucket, Key=key, Body=data.encode())
    return list_id, body["import_id"], key


def s3_event(key: str) -> dict[str, Any]:
    return {"Records": [{"eventSource": "aws:s3", "eventName": "ObjectCreated:Put", "s3": {
        "bucket": {"name": get_settings().import_bucket}, "object": {"key": key, "size": 0}}}]}


def assert_exact(client: Client, auth: Auth, list_id: str, import_id: str) -> None:
    status, report = call(client, "GET", f"/lists/{list_id}/imports/{import_id}", auth())
    assert status == 200, report
    assert (report["status"], report["rows_read"], report["added"], report["updated"], report["rejected"]) == (
        "completed", len(ROWS), ADDED, UPDATED, REJECTED)
    assert get_list(client, auth, list_id)["member_count"] == count_members(list_id) == ADDED
    status, body = call(client, "GET", f"/lists/{list_id}/members?limit=1000", auth())
    assert status == 200, body
    variables = {member["phone"]: member["variables"] for member in body["members"]}
    assert [variables[phone(k)] for k in range(10)] == [{"1": f"later{k}"} for k in range(10)]


def test_batches_written_by_several_threads_count_exactly_and_the_later_row_wins(
        client: Client, auth: Auth, chalice_app: Chalice, monkeypatch: pytest.MonkeyPatch) -> None:
    list_id, import_id, key = start_upload(client, auth)
    real = list_store.put_members
    threads: list[str] = []

    def recorded(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return real(*args, **kwargs)

    monkeypatch.setattr(list_store, "put_members", recorded)

    chalice_app.handler_map["import_uploaded_csv"](s3_event(key), FakeContext())

    assert threads and all(name.startswith("members") for name in threads)
    assert_exact(client, auth, list_id, import_id)


@pytest.mark.parametrize("on_call", [1, 3, 6])
def test_a_step_killed_with_batches_in_flight_and_delivered_again_counts_every_row_once(
        client: Client, auth: Auth, chalice_app: Chalice, monkeypatch: pytest.MonkeyPatch, on_call: int) -> None:
    list_id, import_id, key = start_upload(client, auth)
    real = list_store.put_members
    calls = [0]
    lock = threading.Lock()

    def dies_once(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        with lock:
            calls[0] += 1
            if calls[0] == on_call:
                raise Killed("the Lambda died after this batch was written")
        return result

    monkeypatch.setattr(list_store, "put_members", dies_once)

    with pytest.raises(Killed):
        chalice_app.handler_map["import_uploaded_csv"](s3_event(key), FakeContext())
    chalice_app.handler_map["import_uploaded_csv"](s3_event(key), FakeContext())  # S3 retries the event

    assert calls[0] > on_call
    assert_exact(client, auth, list_id, import_id)
