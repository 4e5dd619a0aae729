"""`python -m bench.broadcast_runner`: what a broadcast costs and how fast it goes.

Against a moto server started as the local stack starts it (`python -m infra.local.moto_server`),
with the app's own handlers called in this process the way Lambda would call them:

1. AWS requests per 1,000 targets from create to completed, by service and operation (counted in
   botocore for every client, only while product code runs: the event source mapping's own
   ReceiveMessage/DeleteMessage are Lambda's, not ours). Goal: <= 100.
2. Sender throughput against the simulator at 100 ms latency, as a fraction of its bound
   (send_concurrency / latency). Goal: >= 80 %.
3. The snapshot of N members (default 100,000) timed against a raw BatchWriteItem copy of the same
   items in the same run. Goal: <= 1.3x.
4. The create latency for a list of M members (default 1,000,000; `--big-list 0` skips it).
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from bench.import_members import free_port, start_moto


class _Flag:
    on = False


_counting = _Flag()  # process-wide: product code fans out to threads (sends, snapshot slices)
COUNTS: Counter[tuple[str, str]] = Counter()
_lock = threading.Lock()


def install_counter() -> None:
    from botocore.client import BaseClient

    original = BaseClient._make_api_call

    def counted(self: Any, operation_name: str, api_params: Any) -> Any:
        if getattr(_counting, "on", False):
            with _lock:
                COUNTS[(self.meta.service_model.service_name, operation_name)] += 1
        return original(self, operation_name, api_params)

    BaseClient._make_api_call = counted  # type: ignore[method-assign,unused-ignore]


@contextmanager
def counting() -> Iterator[None]:
    _counting.on = True
    try:
        yield
    finally:
        _counting.on = False


class Context:
    def __init__(self, seconds: float = 900) -> None:
        self.end = time.monotonic() + seconds

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.end - time.monotonic()) * 1000))


def environment(port: int, prefix: str) -> None:
    from infra.local.environment import local_environment

    os.environ.update(local_environment(port, 8000))
    os.environ.update({"RCS_RESOURCE_PREFIX": prefix, "POWERTOOLS_LOG_LEVEL": "WARNING", "RCS_LOG_LEVEL": "WARNING"})


def run_handlers(app: Any, done: Callable[[], bool], timeout: float = 3600) -> None:
    """Deliver the runner's queues to the app's handlers (counting only the handlers' requests)."""
    from chalice.app import SQSEventConfig

    from chalicelib.aws import client
    from infra.local.pump import failed_message_ids, sqs_event

    sqs = client("sqs")
    sources = [(config, sqs.get_queue_url(QueueName=config.queue)["QueueUrl"]) for config in app.event_sources
               if isinstance(config, SQSEventConfig) and config.queue and config.queue.split("-")[-1]
               in ("dispatch", "send")]
    deadline = time.monotonic() + timeout
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit("the broadcast did not complete in time")
        idle = True
        for config, url in sources:
            messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=config.batch_size,
                                           AttributeNames=["All"]).get("Messages", [])
            if not messages:
                continue
            idle = False
            with counting():
                response = app.handler_map[config.name](sqs_event(messages, "arn:aws:sqs:local", "us-east-1"),
                                                        Context())
            failed = failed_message_ids(response)
            for message in messages:
                if message["MessageId"] not in failed:
                    sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        if idle:
            time.sleep(0.05)


def seed_account(account: str, *, latency_ms: int) -> str:
    """Credentials, money and an approved template, through the services; returns the template id."""
    from chalicelib.services import balance, credential_input, credentials, templates
    from chalicelib.services.template_content import TemplateDraft

    credentials.put_credentials(account, credential_input.parse_input({
        "provider": "simulator", "latency_ms": latency_ms, "delivery_rate": 0.0, "read_rate": 0.0}))
    balance.credit(account, f"bench-{account}", 10**9)
    template = templates.create_template(account, TemplateDraft.model_validate({
        "name": "bench_notice", "category": "transactional", "language": "en_US",
        "components": {"type": "text", "text": "Hello {{1}}, your parcel is on its way."}}))
    templates.decide(template.template_id, templates.Decision(decision="approved", reason="bench"))
    return template.template_id


def seed_list(account: str, members: int) -> str:
    """A list of `members` members written straight into the store (BatchWriteItem, 25 per request)."""
    from chalicelib.services import lists as list_service
    from chalicelib.store.lists import ListModel, MemberModel

    contact_list = list_service.create_list(account, f"bench {members}")
    with MemberModel.batch_write() as batch:
        for n in range(members):
            batch.save(MemberModel(contact_list.list_id, f"+1415{n:07d}", variables={"1": f"Ann {n}"}))
    ListModel(account, contact_list.list_id).update(actions=[ListModel.member_count.set(members)])
    return contact_list.list_id


def requests_per_thousand(app: Any, targets: int) -> dict[str, Any]:
    from chalicelib.services import broadcasts
    from chalicelib.store import broadcasts as store

    template_id = seed_account("bench-cost", latency_ms=0)
    list_id = seed_list("bench-cost", targets)
    COUNTS.clear()
    started = time.perf_counter()
    with counting():
        created = broadcasts.create("bench-cost", name="cost", template_id=template_id, list_id=list_id,
                                    scheduled_at=None)
        broadcasts.start("bench-cost", created.broadcast_id)
    run_handlers(app, lambda: store.get_broadcast("bench-cost", created.broadcast_id).status == "completed")
    elapsed = time.perf_counter() - started
    final = store.get_broadcast("bench-cost", created.broadcast_id)
    assert (final.sent_count, final.failed_count) == (targets, 0), final
    by_service: Counter[str] = Counter()
    for (service, _), count in COUNTS.items():
        by_service[service] += count
    total = sum(COUNTS.values())
    return {
        "targets": targets,
        "requests_total": total,
        "requests_per_1000_targets": round(total * 1000 / targets, 1),
        "by_service_per_1000": {k: round(v * 1000 / targets, 1) for k, v in sorted(by_service.items())},
        "by_operation": {f"{s}.{o}": c for (s, o), c in sorted(COUNTS.items())},
        "seconds": round(elapsed, 2),
    }


def sender_throughput(app: Any, targets: int, latency_ms: int) -> dict[str, Any]:
    from chalicelib.services import broadcasts, runner, sender
    from chalicelib.settings import get_settings
    from chalicelib.store import broadcasts as store
    from chalicelib.store import targets as target_store

    template_id = seed_account("bench-speed", latency_ms=latency_ms)
    list_id = seed_list("bench-speed", targets)
    created = broadcasts.create("bench-speed", name="speed", template_id=template_id, list_id=list_id,
                                scheduled_at=None)
    runner.continue_snapshot(created, time_left=lambda: 900.0)
    broadcasts.start("bench-speed", created.broadcast_id)
    broadcast = store.get_broadcast("bench-speed", created.broadcast_id)
    runner.dispatch("bench-speed", created.broadcast_id, time_left=lambda: 900.0)
    from chalicelib.aws import client
    from chalicelib.messaging import queue_url

    sqs = client("sqs")
    jobs = []
    while True:
        messages = sqs.receive_message(QueueUrl=queue_url("send"), MaxNumberOfMessages=10).get("Messages", [])
        if not messages:
            break
        jobs += [json.loads(m["Body"]) for m in messages]
        for m in messages:
            sqs.delete_message(QueueUrl=queue_url("send"), ReceiptHandle=m["ReceiptHandle"])
    settings = get_settings()
    started = time.perf_counter()
    for job in jobs:
        sender.send_chunk(sender.SendJob(job["account_id"], job["broadcast_id"],
                                         target_store.ChunkBounds(job["first"], job["last"], job["size"]), False))
    elapsed = time.perf_counter() - started
    final = store.get_broadcast("bench-speed", broadcast.broadcast_id)
    bound = settings.send_concurrency / (latency_ms / 1000)
    rate = final.sent_count / elapsed
    return {"targets": final.sent_count, "latency_ms": latency_ms, "concurrency": settings.send_concurrency,
            "rate_limit_per_second": settings.send_rate_per_second, "chunk_size": settings.send_chunk_size,
            "messages_per_second": round(rate, 1), "bound_per_second": round(bound, 1),
            "fraction_of_bound": round(rate / min(bound, settings.send_rate_per_second), 3)}


def snapshot_ratio(members: int) -> dict[str, Any]:
    from chalicelib.services import broadcasts, runner
    from chalicelib.store.lists import MemberModel
    from chalicelib.store.targets import TargetModel

    template_id = seed_account("bench-snap", latency_ms=0)
    list_id = seed_list("bench-snap", members)
    started = time.perf_counter()
    raw_id = "raw-copy"
    with TargetModel.batch_write() as batch:
        for member in MemberModel.query(list_id):
            variables = member.variables.as_dict()  # type: ignore[no-untyped-call,unused-ignore]
            batch.save(TargetModel(raw_id, member.phone, variables=variables, state="queued",
                                   broadcast_state=f"{raw_id}#queued"))
    raw = time.perf_counter() - started
    started = time.perf_counter()
    created = broadcasts.create("bench-snap", name="snap", template_id=template_id, list_id=list_id,
                                scheduled_at=None)
    final = runner.continue_snapshot(created, time_left=lambda: 900.0)
    snapshot = time.perf_counter() - started
    assert final.snapshot_done and final.snapshot_count == members, final
    return {"members": members, "raw_batch_write_seconds": round(raw, 2), "snapshot_seconds": round(snapshot, 2),
            "ratio": round(snapshot / raw, 3)}


def create_latency(members: int) -> dict[str, Any]:
    from chalicelib.services import broadcasts

    template_id = seed_account("bench-big", latency_ms=0)
    seeded = time.perf_counter()
    list_id = seed_list("bench-big", members)
    seeding = time.perf_counter() - seeded
    from chalicelib.store.lists import MemberModel

    started = time.perf_counter()
    first_page = len(list(MemberModel.query(list_id, limit=1001, page_size=1001)))
    one_query = time.perf_counter() - started
    COUNTS.clear()
    started = time.perf_counter()
    with counting():
        created = broadcasts.create("bench-big", name="big", template_id=template_id, list_id=list_id,
                                    scheduled_at=None)
    latency = time.perf_counter() - started
    return {"members": members, "create_seconds": round(latency, 3), "total_count": created.total_count,
            "snapshot_copied_inline": created.snapshot_count, "seeding_seconds": round(seeding, 1),
            "create_requests": {f"{s}.{o}": c for (s, o), c in sorted(COUNTS.items())},
            "one_query_of_the_first_page_seconds": round(one_query, 3), "first_page_items": first_page}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--targets", type=int, default=1000)
    parser.add_argument("--speed-targets", type=int, default=2000)
    parser.add_argument("--latency-ms", type=int, default=100)
    parser.add_argument("--snapshot-members", type=int, default=100_000)
    parser.add_argument("--big-list", type=int, default=1_000_000)
    args = parser.parse_args()

    port = free_port()
    moto = start_moto(port, patched=True)
    try:
        environment(port, f"rcs-bench-{port}")
        install_counter()
        from app import app
        from infra.local.resources import create_all

        create_all()
        results: dict[str, Any] = {}
        if args.targets:
            results["requests"] = requests_per_thousand(app, args.targets)
            print(json.dumps(results["requests"], indent=2), flush=True)
        if args.speed_targets:
            results["throughput"] = sender_throughput(app, args.speed_targets, args.latency_ms)
            print(json.dumps(results["throughput"], indent=2), flush=True)
        if args.snapshot_members:
            results["snapshot"] = snapshot_ratio(args.snapshot_members)
            print(json.dumps(results["snapshot"], indent=2), flush=True)
        if args.big_list:
            results["create"] = create_latency(args.big_list)
            print(json.dumps(results["create"], indent=2), flush=True)
    finally:
        moto.terminate()
        moto.wait()


if __name__ == "__main__":
    main()
