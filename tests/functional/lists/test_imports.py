"""CSV imports: a presigned upload, the S3 event, a streamed import in steps that continue
themselves through the queue, and counts that stay exact when any step runs twice."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from aws_lambda_powertools.utilities.batch.exceptions import BatchProcessingError
from chalice.app import Chalice
from chalice.test import Client

from chalicelib.aws import client as aws_client
from chalicelib.services import lists
from chalicelib.settings import get_settings
from chalicelib.store import imports as import_store
from chalicelib.store.lists import count_members
from tests.functional.lists.support import (
    Auth,
    FakeContext,
    call,
    deliver,
    drain_imports,
    get_list,
    new_list,
    take_import_messages,
)

Upload = Callable[..., dict[str, Any]]


def start(client: Client, auth: Auth, list_id: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
    status, answer = call(client, "POST", f"/lists/{list_id}/imports", auth(), body or {})
    assert status == 201, answer
    return answer  # type: ignore[no-any-return]


def progress(client: Client, auth: Auth, list_id: str, import_id: str) -> dict[str, Any]:
    status, answer = call(client, "GET", f"/lists/{list_id}/imports/{import_id}", auth())
    assert status == 200, answer
    return answer  # type: ignore[no-any-return]


def object_key(list_id: str, import_id: str, account: str = "acme") -> str:
    return f"imports/{account}/{list_id}/{import_id}.csv"


def put_csv(key: str, data: bytes) -> None:
    aws_client("s3").put_object(Bucket=get_settings().import_bucket, Key=key, Body=data)


def s3_event(key: str) -> dict[str, Any]:
    return {"Records": [{"eventSource": "aws:s3", "eventName": "ObjectCreated:Put", "s3": {
        "bucket": {"name": get_settings().import_bucket}, "object": {"key": key, "size": 0}}}]}


def uploaded(chalice_app: Chalice, key: str, remaining_ms: int = 900_000) -> None:
    """S3 tells the import worker that `key` was uploaded."""
    chalice_app.handler_map["import_uploaded_csv"](s3_event(key), FakeContext(remaining_ms))


def csv_of(rows: list[tuple[str, ...]], header: str = "phone,var_1") -> bytes:
    lines = [header] + [",".join(row) for row in rows]
    return ("\r\n".join(lines) + "\r\n").encode()


SAMPLE = (
    b"\xef\xbb\xbf" + b"phone,Var_1,2,name\r\n"
    + b'+919876543210,"Asha, the first","line one\nline two",ignored\r\n'
    + b'09876543211,"She said ""hi""",,x\r\n'
    + b"not-a-number,x,y,z\r\n"
    + b"\r\n"
    + b"+14155550100,Bob\r\n"
    + b"+919876543210,Asha again,,\r\n"
    + b"12345,short,,\r\n"
    + "+14155550101,caf\xe9\r\n".encode("latin-1")
    + b"+14155550102,last row without a line break"
)


@pytest.fixture
def imported(client: Client, auth: Auth, chalice_app: Chalice) -> Callable[[bytes], tuple[str, str]]:
    """Upload `data` as a new import of a new list and let the worker run it to the end."""

    def run(data: bytes, **body: Any) -> tuple[str, str]:
        list_id = new_list(client, auth)
        import_id = start(client, auth, list_id, body)["import_id"]
        put_csv(object_key(list_id, import_id), data)
        uploaded(chalice_app, object_key(list_id, import_id))
        drain_imports(chalice_app)
        return list_id, import_id

    return run


def test_starting_an_import_gives_a_presigned_put_url_for_the_imports_bucket(client: Client, auth: Auth) -> None:
    list_id = new_list(client, auth)

    answer = start(client, auth, list_id)

    url = urlsplit(answer["upload_url"])
    query = parse_qs(url.query)
    assert answer["upload_method"] == "PUT"
    assert get_settings().import_bucket in url.netloc + url.path
    assert url.path.endswith(f"{list_id}/{answer['import_id']}.csv")
    assert "X-Amz-Signature" in query and query["X-Amz-Algorithm"] == ["AWS4-HMAC-SHA256"]
    assert progress(client, auth, list_id, answer["import_id"])["status"] == "pending"


def test_a_csv_with_bom_quotes_line_breaks_and_bad_rows_imports_what_is_valid(
        client: Client, auth: Auth, imported: Callable[..., tuple[str, str]]) -> None:
    list_id, import_id = imported(SAMPLE, default_region="IN")

    report = progress(client, auth, list_id, import_id)
    assert report["status"] == "completed"
    assert (report["rows_read"], report["added"], report["updated"], report["rejected"]) == (8, 4, 1, 3)
    assert report["rejected_rows"] == [
        {"row": 4, "phone": "not-a-number", "reason": "not a phone number"},
        {"row": 7, "phone": "12345", "reason": "not a valid phone number"},
        {"row": 8, "phone": "+14155550101", "reason": "not valid UTF-8"},
    ]
    assert report["bytes_read"] == report["bytes_total"] == len(SAMPLE)
    assert get_list(client, auth, list_id)["member_count"] == count_members(list_id) == 4
    _, page = call(client, "GET", f"/lists/{list_id}/members", auth())
    assert {m["phone"]: m["variables"] for m in page["members"]} == {
        "+919876543210": {"1": "Asha again"},
        "+919876543211": {"1": 'She said "hi"'},
        "+14155550100": {"1": "Bob"},
        "+14155550102": {"1": "last row without a line break"},
    }


def test_numbered_columns_work_like_var_columns(client: Client, auth: Auth,
                                                imported: Callable[..., tuple[str, str]]) -> None:
    list_id, import_id = imported(csv_of([("+14155550100", "A", "B")], header="PHONE,1,2"))

    assert progress(client, auth, list_id, import_id)["added"] == 1
    _, page = call(client, "GET", f"/lists/{list_id}/members", auth())
    assert page["members"][0]["variables"] == {"1": "A", "2": "B"}


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "the file is empty"),
    (b"name,var_1\r\nAnn,x\r\n", "the header has no phone column"),
    (b"phone,var_1,1\r\n+14155550100,x,y\r\n", "the header names variable 1 twice"),
])
def test_a_file_that_cannot_be_imported_fails_with_the_reason(client: Client, auth: Auth,
                                                               imported: Callable[..., tuple[str, str]],
                                                               data: bytes, reason: str) -> None:
    list_id, import_id = imported(data)

    report = progress(client, auth, list_id, import_id)
    assert (report["status"], report["failure_reason"]) == ("failed", reason)
    assert get_list(client, auth, list_id)["member_count"] == 0


def test_a_header_only_file_completes_with_nothing_added(client: Client, auth: Auth,
                                                        imported: Callable[..., tuple[str, str]]) -> None:
    list_id, import_id = imported(b"phone\n")
    report = progress(client, auth, list_id, import_id)
    assert (report["status"], report["rows_read"], report["added"]) == ("completed", 0, 0)


def test_only_the_first_twenty_rejected_rows_are_kept_but_all_are_counted(
        client: Client, auth: Auth, imported: Callable[..., tuple[str, str]]) -> None:
    list_id, import_id = imported(csv_of([(f"bad-{n}", "x") for n in range(30)] + [("+14155550100", "ok")]))

    report = progress(client, auth, list_id, import_id)
    assert (report["rejected"], report["added"]) == (30, 1)
    assert [row["row"] for row in report["rejected_rows"]] == list(range(2, 22))


def test_a_redelivered_s3_event_counts_nothing_twice(client: Client, auth: Auth, chalice_app: Chalice,
                                                    imported: Callable[..., tuple[str, str]]) -> None:
    list_id, import_id = imported(csv_of([(f"+1415555{n:04d}", str(n)) for n in range(60)]))
    before = progress(client, auth, list_id, import_id)

    uploaded(chalice_app, object_key(list_id, import_id))
    drain_imports(chalice_app)

    assert progress(client, auth, list_id, import_id) == before
    assert get_list(client, auth, list_id)["member_count"] == 60


def test_a_step_short_of_time_continues_through_the_queue_from_its_byte_offset(
        client: Client, auth: Auth, chalice_app: Chalice) -> None:
    # GIVEN 100 rows, and an S3 invocation that has almost no time left
    data = csv_of([(f"+1415555{n:04d}", f"v{n}") for n in range(100)])
    list_id = new_list(client, auth)
    import_id = start(client, auth, list_id)["import_id"]
    put_csv(object_key(list_id, import_id), data)

    # WHEN the upload event arrives
    uploaded(chalice_app, object_key(list_id, import_id), remaining_ms=1_000)

    # THEN one batch is written and the rest is handed over at a record boundary
    report = progress(client, auth, list_id, import_id)
    assert (report["status"], report["rows_read"], report["added"]) == ("running", 25, 25)
    offset = report["bytes_read"]
    assert data[offset - 2:offset] == b"\r\n" and data[offset:].startswith(b"+14155550025,")
    messages = take_import_messages()
    assert [json.loads(m["Body"]) for m in messages] == [
        {"kind": "import", "list_id": list_id, "import_id": import_id, "offset": offset}]

    # WHEN the continuation is delivered twice, the second time after the first one finished
    deliver(chalice_app, messages, FakeContext(900_000))
    deliver(chalice_app, messages, FakeContext(900_000))

    # THEN the import resumed at that offset and every row counts once
    report = progress(client, auth, list_id, import_id)
    assert (report["status"], report["rows_read"], report["added"], report["updated"]) == ("completed", 100, 100, 0)
    assert get_list(client, auth, list_id)["member_count"] == count_members(list_id) == 100
    assert take_import_messages() == []


def test_every_step_of_a_long_import_continues_itself_until_the_end(client: Client, auth: Auth,
                                                                    chalice_app: Chalice) -> None:
    data = csv_of([(f"+1415555{n:04d}", "x") for n in range(130)])
    list_id = new_list(client, auth)
    import_id = start(client, auth, list_id)["import_id"]
    put_csv(object_key(list_id, import_id), data)

    uploaded(chalice_app, object_key(list_id, import_id), remaining_ms=1_000)
    steps = drain_imports(chalice_app, FakeContext(1_000))

    assert steps == 5
    report = progress(client, auth, list_id, import_id)
    assert (report["status"], report["rows_read"], report["added"]) == ("completed", 130, 130)


def test_a_step_that_died_before_recording_is_repeated_and_counts_its_adds_once(
        client: Client, auth: Auth, chalice_app: Chalice, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN a file with a phone twice, and a worker that dies right before recording its progress
    rows = [(f"+1415555{n:04d}", str(n)) for n in range(40)] + [("+14155550003", "again")]
    list_id = new_list(client, auth)
    import_id = start(client, auth, list_id)["import_id"]
    put_csv(object_key(list_id, import_id), csv_of(rows))
    real_commit = import_store.commit

    def dies(*args: Any, **kwargs: Any) -> bool:
        raise RuntimeError("the Lambda was killed")

    monkeypatch.setattr(import_store, "commit", dies)
    with pytest.raises(RuntimeError):
        uploaded(chalice_app, object_key(list_id, import_id))
    assert count_members(list_id) == 40
    assert progress(client, auth, list_id, import_id)["rows_read"] == 0

    # WHEN S3 retries the event
    monkeypatch.setattr(import_store, "commit", real_commit)
    uploaded(chalice_app, object_key(list_id, import_id))

    # THEN the members the dead run added still count as added, once
    report = progress(client, auth, list_id, import_id)
    assert (report["status"], report["rows_read"], report["added"], report["updated"]) == ("completed", 41, 40, 1)
    assert get_list(client, auth, list_id)["member_count"] == 40


def test_a_continuation_lost_after_recording_is_queued_again_by_the_redelivered_message(
        client: Client, auth: Auth, chalice_app: Chalice, monkeypatch: pytest.MonkeyPatch) -> None:
    data = csv_of([(f"+1415555{n:04d}", "x") for n in range(60)])
    list_id = new_list(client, auth)
    import_id = start(client, auth, list_id)["import_id"]
    put_csv(object_key(list_id, import_id), data)
    uploaded(chalice_app, object_key(list_id, import_id), remaining_ms=1_000)
    first = take_import_messages()

    # the step from the continuation records its progress, then dies before queueing the next one
    from chalicelib.services import imports as import_service

    def lost(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("SQS was unreachable")

    monkeypatch.setattr(import_service, "_queue_continuation", lost)
    with pytest.raises(BatchProcessingError):  # the whole batch failed: SQS will deliver it again
        deliver(chalice_app, first, FakeContext(1_000))
    assert take_import_messages() == []
    monkeypatch.undo()

    # SQS delivers the same message again: it is behind the recorded offset, so it re-queues the step
    deliver(chalice_app, first, FakeContext(900_000))
    drain_imports(chalice_app)

    report = progress(client, auth, list_id, import_id)
    assert (report["status"], report["rows_read"], report["added"]) == ("completed", 60, 60)


def test_an_import_into_a_list_deleted_meanwhile_fails(client: Client, auth: Auth, chalice_app: Chalice) -> None:
    list_id = new_list(client, auth)
    import_id = start(client, auth, list_id)["import_id"]
    put_csv(object_key(list_id, import_id), csv_of([(f"+1415555{n:04d}", "x") for n in range(60)]))
    uploaded(chalice_app, object_key(list_id, import_id), remaining_ms=1_000)

    lists.delete_list("acme", list_id)
    deliver(chalice_app, [m for m in take_import_messages() if json.loads(m["Body"])["kind"] == "import"])

    record = import_store.find_import(list_id, import_id)
    assert record is not None
    assert (record.status, record.failure_reason) == ("failed", "the list was deleted")


def test_a_file_replaced_during_the_import_fails_the_import(client: Client, auth: Auth,
                                                            chalice_app: Chalice) -> None:
    list_id = new_list(client, auth)
    import_id = start(client, auth, list_id)["import_id"]
    key = object_key(list_id, import_id)
    put_csv(key, csv_of([(f"+1415555{n:04d}", "x") for n in range(60)]))
    uploaded(chalice_app, key, remaining_ms=1_000)

    put_csv(key, csv_of([("+14155559999", "other")]))
    drain_imports(chalice_app)

    report = progress(client, auth, list_id, import_id)
    assert (report["status"], report["failure_reason"]) == ("failed", "the file was replaced during the import")
    assert report["added"] == 25


def test_an_upload_under_a_key_of_no_import_is_ignored(client: Client, auth: Auth, chalice_app: Chalice) -> None:
    list_id = new_list(client, auth)
    import_id = start(client, auth, list_id)["import_id"]
    put_csv(object_key(list_id, import_id, account="globex"), csv_of([("+14155550100", "x")]))
    put_csv("elsewhere/file.csv", b"phone\n+14155550100\n")

    uploaded(chalice_app, object_key(list_id, import_id, account="globex"))
    uploaded(chalice_app, "elsewhere/file.csv")

    assert progress(client, auth, list_id, import_id)["status"] == "pending"
    assert get_list(client, auth, list_id)["member_count"] == 0


def test_imports_are_scoped_to_their_account_and_list(client: Client, auth: Auth) -> None:
    list_id = new_list(client, auth)
    other_list = new_list(client, auth)
    import_id = start(client, auth, list_id)["import_id"]

    assert call(client, "GET", f"/lists/{other_list}/imports/{import_id}", auth())[0] == 404
    assert call(client, "GET", f"/lists/{list_id}/imports/{import_id}", auth("globex"))[0] == 404
    status, answer = call(client, "POST", f"/lists/{list_id}/imports", auth(), {"default_region": "ZZ"})
    assert (status, answer["field"]) == (400, "default_region")
    status, answer = call(client, "POST", f"/lists/{list_id}/imports", auth(), {"region": "IN"})
    assert (status, answer["field"]) == (400, "region")
