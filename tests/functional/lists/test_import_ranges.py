"""A large upload is split into byte ranges read by parallel steps (issue 17, item 5).

The splitter reads the file with the steps' own parser and cuts it at record boundaries only, so
a quoted line break never starts a range; each range records its own offset, so the import's
counts and the list's member_count stay exact whichever range step dies halfway and is delivered
again, and whatever order the ranges run in."""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Callable
from typing import Any

import pytest
from chalice.app import Chalice
from chalice.test import Client

from chalicelib import messaging
from chalicelib.aws import client as aws_client
from chalicelib.settings import get_settings
from chalicelib.store import imports as import_store
from chalicelib.store import lists as list_store
from chalicelib.store.lists import count_members
from tests.functional.faults.test_import_faults import kill_once_after, run_like_aws
from tests.functional.lists.support import (
    Auth,
    FakeContext,
    call,
    deliver,
    get_list,
    new_list,
    take_import_messages,
)


def phone(n: int) -> str:
    return f"+1415555{n:04d}"


# 120 distinct phones whose note spans two lines (a quoted line break in every record), the first
# five again at the end (in another range), and three rows to reject spread over the file.
ROWS = ([(phone(n), f"note {n}\nsecond line, {n}") for n in range(60)] + [("bad", "x")]
        + [(phone(n), f"note {n}\nsecond line, {n}") for n in range(60, 120)] + [("12345", "y")]
        + [(phone(n), f"again {n}") for n in range(5)] + [("", "z")])
ADDED, UPDATED, REJECTED = 120, 5, 3


def csv_bytes() -> bytes:
    return ("phone,var_1\r\n" + "".join(f'{number},"{value}"\r\n' for number, value in ROWS)).encode()


@pytest.fixture(autouse=True)
def small_ranges(settings_env: Callable[..., None]) -> None:
    """Ranges of at least 400 bytes, at most 8 of them: the file above makes 8."""
    settings_env(RCS_IMPORT_RANGE_BYTES="400", RCS_IMPORT_RANGES="8", RCS_IMPORT_WRITERS="2")


def start_upload(client: Client, auth: Auth, data: bytes | None = None) -> tuple[str, str, str]:
    list_id = new_list(client, auth)
    status, body = call(client, "POST", f"/lists/{list_id}/imports", auth(), {})
    assert status == 201, body
    key = f"imports/acme/{list_id}/{body['import_id']}.csv"
    aws_client("s3").put_object(Bucket=get_settings().import_bucket, Key=key, Body=csv_bytes() if data is None
                                else data)
    return list_id, body["import_id"], key


def s3_event(key: str) -> dict[str, Any]:
    return {"Records": [{"eventSource": "aws:s3", "eventName": "ObjectCreated:Put", "s3": {
        "bucket": {"name": get_settings().import_bucket}, "object": {"key": key, "size": 0}}}]}


def report_of(client: Client, auth: Auth, list_id: str, import_id: str) -> dict[str, Any]:
    status, report = call(client, "GET", f"/lists/{list_id}/imports/{import_id}", auth())
    assert status == 200, report
    return report  # type: ignore[no-any-return]


def variables_of(client: Client, auth: Auth, list_id: str) -> dict[str, dict[str, str]]:
    status, body = call(client, "GET", f"/lists/{list_id}/members?limit=1000", auth())
    assert status == 200, body
    return {member["phone"]: member["variables"] for member in body["members"]}


def assert_exact(client: Client, auth: Auth, list_id: str, import_id: str) -> None:
    report = report_of(client, auth, list_id, import_id)
    assert (report["status"], report["rows_read"], report["added"], report["updated"], report["rejected"]) == (
        "completed", len(ROWS), ADDED, UPDATED, REJECTED), report
    assert report["bytes_read"] == report["bytes_total"] == len(csv_bytes())
    assert [row["row"] for row in report["rejected_rows"]] == [62, 123, 129]
    assert get_list(client, auth, list_id)["member_count"] == count_members(list_id) == ADDED
    variables = variables_of(client, auth, list_id)
    assert all(variables[phone(n)] == {"1": f"note {n}\nsecond line, {n}"} for n in range(5, 120))


def ranges_of(list_id: str, import_id: str) -> list[import_store.RangeState]:
    record = import_store.find_import(list_id, import_id)
    assert record is not None
    return record.parts


def test_a_large_upload_is_split_into_ranges_at_record_boundaries_and_imported_exactly(
        client: Client, auth: Auth, chalice_app: Chalice) -> None:
    # GIVEN a file of about 3.6 KB whose every record holds a quoted line break
    list_id, import_id, key = start_upload(client, auth)

    # WHEN it is uploaded and every imports message is delivered
    run_like_aws(chalice_app, key)

    # THEN it was read as 8 adjacent ranges, each starting where a record starts
    parts = ranges_of(list_id, import_id)
    data = csv_bytes()
    assert len(parts) == 8
    assert parts[0].start == data.index(b"\r\n") + 2 and parts[-1].end == len(data)
    assert all(earlier.end == later.start for earlier, later in itertools.pairwise(parts))
    assert all(data[part.start:part.start + 2] in (b"+1", b"ba", b"12", b",\"") for part in parts)
    assert all(part.done and part.offset == part.end for part in parts)
    # AND the counts, the rejected rows' numbers and every member's two-line note are exact
    assert_exact(client, auth, list_id, import_id)


def test_a_small_upload_is_still_read_by_one_step(client: Client, auth: Auth, chalice_app: Chalice) -> None:
    data = b"phone,var_1\r\n" + b"".join(f"{phone(n)},v\r\n".encode() for n in range(10))
    list_id, import_id, key = start_upload(client, auth, data)

    run_like_aws(chalice_app, key)

    assert ranges_of(list_id, import_id) == []
    assert report_of(client, auth, list_id, import_id)["added"] == 10


def test_the_same_phone_in_two_ranges_is_one_member_added_once_and_updated_once(
        client: Client, auth: Auth, chalice_app: Chalice) -> None:
    list_id, import_id, key = start_upload(client, auth)

    run_like_aws(chalice_app, key)

    parts = ranges_of(list_id, import_id)
    first, last = csv_bytes().index(phone(0).encode()), csv_bytes().rindex(phone(0).encode())
    assert [part.index for part in parts if part.start <= first < part.end] != [
        part.index for part in parts if part.start <= last < part.end]
    report = report_of(client, auth, list_id, import_id)
    assert (report["added"], report["updated"]) == (ADDED, UPDATED)
    assert get_list(client, auth, list_id)["member_count"] == ADDED
    assert variables_of(client, auth, list_id)[phone(0)]["1"] in ("again 0", "note 0\nsecond line, 0")


def test_ranges_delivered_at_once_from_several_threads_count_exactly(
        client: Client, auth: Auth, chalice_app: Chalice, serialised_moto: None) -> None:
    # GIVEN the splitter ran and queued every range
    list_id, import_id, key = start_upload(client, auth)
    chalice_app.handler_map["import_uploaded_csv"](s3_event(key), FakeContext())
    messages = take_import_messages()
    assert len(messages) == 8

    # WHEN every range (and a second copy of each) is delivered at the same time
    errors: list[BaseException] = []

    def run(message: dict[str, Any]) -> None:
        try:
            deliver(chalice_app, [message])
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=run, args=(message,)) for message in messages * 2]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    # THEN each range was counted once and the import completed
    assert errors == []
    assert take_import_messages() == []
    report = report_of(client, auth, list_id, import_id)
    assert (report["status"], report["rows_read"], report["added"], report["updated"], report["rejected"]) == (
        "completed", len(ROWS), ADDED, UPDATED, REJECTED)
    assert get_list(client, auth, list_id)["member_count"] == count_members(list_id) == ADDED


STEPS = [
    pytest.param(import_store, "claim", 1, id="after claiming the upload"),
    pytest.param(import_store, "launch_range", 1, id="after launching the first range, before queueing it"),
    pytest.param(import_store, "launch_range", 3, id="after launching a later range"),
    pytest.param(messaging, "send", 2, id="after queueing a range, before marking it"),
    pytest.param(list_store, "put_members", 2, id="in a range, after a batch, before recording progress"),
    pytest.param(list_store, "put_members", 7, id="in a later range, after a batch"),
    pytest.param(import_store, "commit_range", 1, id="after a range recorded progress, before queueing on"),
    pytest.param(import_store, "commit_range", 6, id="after a later range recorded progress"),
    pytest.param(import_store, "mark_range_chained", 3, id="after marking a range's continuation"),
    pytest.param(import_store, "finish_ranged", 1, id="after the check for the end"),
]


@pytest.mark.parametrize(("owner", "name", "on_call"), STEPS)
def test_a_ranged_import_killed_after_any_step_and_redelivered_counts_every_row_once(
        client: Client, auth: Auth, chalice_app: Chalice, monkeypatch: pytest.MonkeyPatch,
        owner: Any, name: str, on_call: int) -> None:
    # GIVEN invocations with 1 s left (each range step writes one batch and hands over)
    list_id, import_id, key = start_upload(client, auth)
    calls = kill_once_after(monkeypatch, owner, name, on_call=on_call)

    # WHEN the Lambda dies once right after that step, and S3 and SQS deliver again
    died = run_like_aws(chalice_app, key)

    # THEN every row is counted once
    assert calls[0] >= on_call and died >= 1, "the step was never killed"
    assert len(ranges_of(list_id, import_id)) == 8
    assert_exact(client, auth, list_id, import_id)


def test_a_ranged_import_whose_every_message_comes_twice_counts_every_row_once(
        client: Client, auth: Auth, chalice_app: Chalice, monkeypatch: pytest.MonkeyPatch) -> None:
    list_id, import_id, key = start_upload(client, auth)
    real = messaging.send

    def twice(queue: str, job: messaging.Message, **kwargs: Any) -> None:
        real(queue, job, **kwargs)
        real(queue, job, **kwargs)

    monkeypatch.setattr(messaging, "send", twice)

    run_like_aws(chalice_app, key)

    assert_exact(client, auth, list_id, import_id)


def test_a_bad_header_fails_a_ranged_import_with_the_reason(
        client: Client, auth: Auth, chalice_app: Chalice) -> None:
    data = b"name,var_1\r\n" + b"".join(f"{phone(n)},v\r\n".encode() for n in range(100))
    list_id, import_id, key = start_upload(client, auth, data)

    run_like_aws(chalice_app, key)

    report = report_of(client, auth, list_id, import_id)
    assert (report["status"], report["failure_reason"]) == ("failed", "the header has no phone column")
    assert get_list(client, auth, list_id)["member_count"] == 0


def test_a_ranged_import_that_stalls_is_revived_by_the_reconciler(
        client: Client, auth: Auth, chalice_app: Chalice) -> None:
    # GIVEN the splitter queued every range, and the messages were lost
    list_id, import_id, key = start_upload(client, auth)
    chalice_app.handler_map["import_uploaded_csv"](s3_event(key), FakeContext())
    assert len(take_import_messages()) == 8

    # WHEN the reconciler finds it running with no recent step
    from chalicelib.services import imports as import_service
    requeued, failed = import_service.retry_stalled("9999-12-31T00:00:00Z", "0000-01-01T00:00:00Z")
    run_like_aws(chalice_app, None)

    # THEN each unfinished range was queued again and the import completes exactly
    assert (requeued, failed) == (1, 0)
    assert_exact(client, auth, list_id, import_id)


def test_two_copies_of_a_range_step_that_read_the_import_at_once_count_it_once(
        client: Client, auth: Auth, chalice_app: Chalice, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the splitter queued every range, and a second copy of the first range's message
    list_id, import_id, key = start_upload(client, auth)
    chalice_app.handler_map["import_uploaded_csv"](s3_event(key), FakeContext())
    messages = take_import_messages()
    before = import_store.find_import(list_id, import_id)
    assert before is not None and json.loads(messages[0]["Body"])["range"] == 0

    # WHEN both copies run, the second having read the import before the first recorded anything
    deliver(chalice_app, [messages[0]])
    with monkeypatch.context() as patch:
        patch.setattr(import_store, "find_import", lambda *_: before)
        deliver(chalice_app, [messages[0]])

    # THEN the second copy's rows are not counted again
    part = ranges_of(list_id, import_id)[0]
    report = report_of(client, auth, list_id, import_id)
    assert part.done and report["rows_read"] == part.row
    assert report["added"] + report["updated"] + report["rejected"] == part.row
