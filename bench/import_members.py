"""`python -m bench.import_members --rows 100000 1000000`: CSV imports of N members, end to end.

It starts moto's server (patched as the local stack should run it: `python -m
infra.local.moto_server`), creates every table, queue and the import bucket, creates a list and an
import through the service, uploads a generated CSV through the presigned URL, takes the S3
notification from the local notification queue (as the local pump does) and calls the app's own
`import_uploaded_csv` handler with it, then calls `continue_import` with every continuation the
steps put on the "imports" queue, `--concurrency` at once (the ranges of a large upload run in
parallel, as the event source mapping runs them), until the import is finished. Each invocation gets a Lambda-like
context whose remaining time runs out after `--s3-timeout` / `--sqs-timeout` seconds of real time.

Printed: rows per second of the worker, its memory (peak RSS of this process, which runs only the
worker; with `--tracemalloc`, the peak of Python allocations during the import), DynamoDB requests
per 1,000 rows (counted with a botocore `before-send` hook, per operation), the check that
`member_count` and the import's counts are exact, and, measured in the same run against the same
server, the raw write speed of the same rows (BatchWriteItem, 25 per request, one writer: no CSV,
no condition, no counter) with the import's ratio to it (issue 17 asks for >= 0.8).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parents[1]


class Deadline:
    """A Lambda context whose remaining time runs out `seconds` after it is made."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.end - time.monotonic()) * 1000))


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_moto(port: int, patched: bool) -> subprocess.Popen[bytes]:
    command = ([sys.executable, "-m", "infra.local.moto_server"] if patched
               else [str(Path(sys.executable).parent / "moto_server")])
    process = subprocess.Popen([*command, "-H", "127.0.0.1", "-p", str(port)], cwd=PROJECT_DIR,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/moto-api/", timeout=2):
                return process
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    process.kill()
    raise SystemExit("moto server did not start")


def generated_rows(rows: int, seed: int = 7) -> Iterator[tuple[str, str, str]]:
    """`rows` distinct Indian mobile numbers (a permutation of 10**8, so nothing is held in
    memory) with two variables."""
    step = 48_271 * random.Random(seed).choice((1, 7, 11, 13))  # coprime with 10**8
    for index in range(rows):
        number = (index * step + seed) % 10**8
        yield f"+9198{number:08d}", f"Customer {index}", f"https://t.example/o/{index:07d}"


def write_csv(path: Path, rows: int, seed: int = 7) -> int:
    """The generated rows as the CSV a customer uploads; its size in bytes."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("\ufeffphone,var_1,var_2\r\n")
        for phone, name, link in generated_rows(rows, seed):
            out.write(f"{phone},{name},\"{link}\"\r\n")
    return path.stat().st_size


def raw_write_seconds(rows: int, list_id: str) -> float:
    """The floor the import is measured against: the same members (key, variables, added_at,
    added_by) put into the members table of `list_id` with BatchWriteItem, 25 per request, one
    writer (as the import writes today), unprocessed items sent again with backoff; no condition,
    no counter, no CSV. Seconds it took."""
    from chalicelib.aws import client
    from chalicelib.settings import get_settings

    dynamodb = client("dynamodb")
    table = get_settings().table_name("members")
    began = time.perf_counter()
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        pending = batch[:]
        for attempt in range(20):
            answer = dynamodb.batch_write_item(RequestItems={table: pending})
            pending = answer.get("UnprocessedItems", {}).get(table, [])
            if not pending:
                break
            time.sleep(min(1.0, 0.02 * 2**attempt) * random.random())
        batch.clear()

    for phone, name, link in generated_rows(rows):
        batch.append({"PutRequest": {"Item": {
            "list_id": {"S": list_id}, "phone": {"S": phone},
            "variables": {"M": {"1": {"S": name}, "2": {"S": link}}},
            "added_at": {"S": "2026-01-01T00:00:00Z"}, "added_by": {"S": f"raw@{phone}"}}}})
        if len(batch) == 25:
            flush()
    if batch:
        flush()
    return time.perf_counter() - began


def upload(url: str, path: Path) -> None:
    with path.open("rb") as body:
        request = urllib.request.Request(url, data=body, method="PUT",
                                         headers={"Content-Length": str(path.stat().st_size),
                                                  "Content-Type": "text/csv"})
        with urllib.request.urlopen(request, timeout=600) as response:
            if response.status != 200:
                raise SystemExit(f"upload failed: {response.status}")


def run(rows: int, s3_timeout: float, sqs_timeout: float, patched: bool, trace: bool,
        moto_port: int | None = None, verify: bool = False, concurrency: int = 8) -> dict[str, Any]:
    port = moto_port or free_port()
    moto = start_moto(port, patched) if moto_port is None else None
    try:
        from infra.local.environment import local_environment

        os.environ.update(local_environment(port, 8000))
        os.environ["RCS_RESOURCE_PREFIX"] = f"rcs-bench-{port}"
        os.environ["POWERTOOLS_LOG_LEVEL"] = "WARNING"
        os.environ["RCS_LOG_LEVEL"] = "WARNING"
        return _run(rows, s3_timeout, sqs_timeout, trace, verify, concurrency)
    finally:
        if moto is not None:
            moto.terminate()
            try:
                moto.wait(10)
            except subprocess.TimeoutExpired:
                moto.kill()
                moto.wait()


def _run(rows: int, s3_timeout: float, sqs_timeout: float, trace: bool, verify: bool,
         concurrency: int) -> dict[str, Any]:
    sys.path.insert(0, str(PROJECT_DIR))
    from app import app
    from chalicelib.aws import client
    from chalicelib.messaging import queue_url
    from chalicelib.services import imports, lists
    from chalicelib.store import imports as import_store
    from chalicelib.store.lists import count_members
    from chalicelib.store.tables import ALL_MODELS
    from infra.local.resources import create_all, s3_events_queue_name

    create_all()
    requests: Counter[str] = Counter()

    def count(event_name: str, **_: Any) -> None:
        requests[event_name.rsplit(".", 1)[-1]] += 1

    for model in ALL_MODELS:
        model._get_connection().connection.client.meta.events.register("before-send.dynamodb", count)
    client("dynamodb").meta.events.register("before-send.dynamodb", count)

    contact_list = lists.create_list("bench", f"bench {rows}")
    started = imports.start_import("bench", contact_list.list_id)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "members.csv"
        size = write_csv(path, rows)
        upload(started.upload_url, path)

    sqs = client("sqs")
    events_url = sqs.get_queue_url(QueueName=s3_events_queue_name())["QueueUrl"]
    notification: list[dict[str, Any]] = []
    for _ in range(50):
        got = sqs.receive_message(QueueUrl=events_url, MaxNumberOfMessages=1, WaitTimeSeconds=1).get("Messages", [])
        records = json.loads(got[0]["Body"]).get("Records", []) if got else []
        if records:
            notification = records
            break
    if not notification:
        raise SystemExit("the S3 notification never reached the local queue")

    requests.clear()
    baseline_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    if trace:
        tracemalloc.start()
    began = time.perf_counter()
    invocations = 1
    imports_url = queue_url("imports")

    def invoke(message: dict[str, Any]) -> None:
        event = {"Records": [{"messageId": message["MessageId"], "receiptHandle": message["ReceiptHandle"],
                              "body": message["Body"], "attributes": {}, "messageAttributes": {},
                              "md5OfBody": "", "eventSource": "aws:sqs", "eventSourceARN": "arn",
                              "awsRegion": "us-east-1"}]}
        answer = app.handler_map["continue_import"](event, Deadline(sqs_timeout))
        if not answer.get("batchItemFailures"):
            sqs.delete_message(QueueUrl=imports_url, ReceiptHandle=message["ReceiptHandle"])

    # Up to `concurrency` invocations at once, as the event source mapping runs them; the
    # S3-triggered one (the splitter of a large upload) runs beside them.
    with ThreadPoolExecutor(max_workers=concurrency + 1) as pool:
        running = {pool.submit(app.handler_map["import_uploaded_csv"], {"Records": notification},
                               Deadline(s3_timeout))}
        while True:
            for future in [future for future in running if future.done()]:
                running.discard(future)
                future.result()
            record = import_store.find_import(contact_list.list_id, started.record.import_id)
            if not running and (record is None or record.status in ("completed", "failed")):
                break
            free = concurrency + 1 - len(running)
            if free <= 0:
                wait(running, return_when=FIRST_COMPLETED)
                continue
            messages = sqs.receive_message(QueueUrl=imports_url, MaxNumberOfMessages=min(10, free),
                                           WaitTimeSeconds=1, VisibilityTimeout=int(sqs_timeout) + 60,
                                           AttributeNames=["All"]).get("Messages", [])
            for message in messages:
                running.add(pool.submit(invoke, message))
                invocations += 1
    elapsed = time.perf_counter() - began
    traced_peak = tracemalloc.get_traced_memory()[1] if trace else None
    if trace:
        tracemalloc.stop()
    peak_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    worker_requests = dict(requests)

    final = import_store.find_import(contact_list.list_id, started.record.import_id)
    assert final is not None
    member_count = lists.get_list("bench", contact_list.list_id).member_count
    # reading every member back costs moto minutes per 100,000 (it sorts the partition per page)
    counted = count_members(contact_list.list_id) if verify else None
    dynamodb_total = sum(worker_requests.values())
    raw_seconds = raw_write_seconds(rows, lists.create_list("bench", f"bench raw {rows}").list_id)
    return {
        "rows": rows,
        "file_bytes": size,
        "status": final.status,
        "failure_reason": final.failure_reason,
        "rows_read": final.rows_read,
        "added": final.added,
        "updated": final.updated,
        "rejected": final.rejected,
        "member_count": member_count,
        "members_counted": counted,
        "exact": final.added == final.rows_read == member_count == rows and counted in (None, rows),
        "invocations": invocations,
        "ranges": len(final.parts),
        "concurrency": concurrency,
        "steps": final.steps,
        "seconds": round(elapsed, 1),
        "rows_per_second": round(rows / elapsed),
        "raw_write_rows_per_second": round(rows / raw_seconds),
        "ratio_to_raw_writes": round(raw_seconds / elapsed, 2),
        "peak_rss_mb": round(peak_rss / 1024, 1),
        "rss_growth_mb": round((peak_rss - baseline_rss) / 1024, 1),
        "traced_peak_mb": round(traced_peak / 2**20, 2) if traced_peak is not None else None,
        "dynamodb_requests": worker_requests,
        "dynamodb_requests_per_1000_rows": round(dynamodb_total * 1000 / rows, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, nargs="+", default=[100_000, 1_000_000],
                        help="the sizes to import, one run each (default 100000 1000000)")
    parser.add_argument("--concurrency", type=int, default=8,
                        help="imports messages delivered at once (the ranges' parallel steps; default 8)")
    parser.add_argument("--s3-timeout", type=float, default=60.0,
                        help="seconds the S3-triggered invocation may run (default 60)")
    parser.add_argument("--sqs-timeout", type=float, default=900.0,
                        help="seconds each continuation invocation may run (default 900, Lambda's maximum)")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python allocations (slower)")
    parser.add_argument("--unpatched-moto", action="store_true",
                        help="use the plain moto_server (TransactWriteItems copies whole tables: very slow)")
    parser.add_argument("--moto-port", type=int, help="use the moto server already listening on this port")
    parser.add_argument("--count-members", action="store_true",
                        help="also read every member back to count them (slow on moto for large lists)")
    args = parser.parse_args()
    for rows in args.rows:
        result = run(rows, args.s3_timeout, args.sqs_timeout, not args.unpatched_moto, args.tracemalloc,
                     args.moto_port, args.count_members, args.concurrency)
        print(json.dumps(result, indent=2))
        print(f"{rows:,} rows: {result['rows_per_second']:,} rows/s, raw writes "
              f"{result['raw_write_rows_per_second']:,} rows/s, ratio {result['ratio_to_raw_writes']} "
              f"({result['ranges']} ranges)", flush=True)
        if not result["exact"]:
            raise SystemExit("the import's counts are not exact")


if __name__ == "__main__":
    main()
