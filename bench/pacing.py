"""`python -m bench.pacing`: one send rate per account, shared by concurrent senders (docs/pacing.md).

Against a moto server started as the local stack starts it, the app's own handlers driven by the local
pump (infra/local/pump.py) with the send queue's maximum concurrency at `--senders` (8), as Lambda's
event source mapping would run them:

1. Account A broadcasts to `--targets` (20,000) members at its limit `--limit` (200/s) through the
   simulator at `--latency-ms` (100 ms). Goals: achieved rate >= 0.9 x limit; no 1-second window
   (sliding, over the times the provider was called) above 1.1 x limit.
2. Mid-way, account B creates and starts a broadcast of `--small` (1,000) members at the same limit.
   Goal: it completes within small / limit + 5 s of its start (the draft's creation is timed apart).

Printed: the figures, the DynamoDB requests the leases cost, and how often a chunk was deferred.
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
from collections import Counter
from typing import Any

from bench.broadcast_runner import environment, seed_account
from bench.import_members import free_port, start_moto

SENDS: dict[str, list[float]] = {"a": [], "b": []}
CALLS: Counter[str] = Counter()
_lock = threading.Lock()
PREFIX = {"a": "+1415", "b": "+1416"}


def install_counter() -> None:
    """Count the leases' UpdateItems on the send-rate items and the deferrals' SendMessages."""
    from botocore.client import BaseClient

    original = BaseClient._make_api_call

    def counted(self: Any, operation_name: str, api_params: Any) -> Any:
        if operation_name == "UpdateItem" and str(api_params.get("TableName", "")).endswith("rate_limits"):
            with _lock:
                CALLS["send_rate_updates"] += 1
        if operation_name == "SendMessage" and str(api_params.get("QueueUrl", "")).endswith("-send"):
            with _lock:  # a send job put back: a deferral, or a wave waiting for its window (none here)
                CALLS["deferrals"] += 1
        return original(self, operation_name, api_params)

    BaseClient._make_api_call = counted  # type: ignore[method-assign,unused-ignore]


def record_sends() -> None:
    """Note the time each message is handed to the provider, by account (told apart by the phone)."""
    from chalicelib.providers.factory import provider_for
    from chalicelib.providers.port import MessageProvider, OutboundMessage, SendResult
    from chalicelib.services import runner

    class Recording:
        def __init__(self, inner: MessageProvider) -> None:
            self.inner = inner

        def send(self, message: OutboundMessage) -> SendResult:
            account = "a" if message.phone.startswith(PREFIX["a"]) else "b"
            with _lock:
                SENDS[account].append(time.time())
            return self.inner.send(message)

    def recording(credentials: Any) -> MessageProvider:
        return Recording(provider_for(credentials))

    setattr(runner, "provider_for", recording)  # noqa: B010 (not exported: the runner's own import)


def seed_members(account: str, key: str, members: int) -> str:
    from chalicelib.services import lists as list_service
    from chalicelib.store.lists import ListModel, MemberModel

    contact_list = list_service.create_list(account, f"pacing {members}")
    with MemberModel.batch_write() as batch:
        for n in range(members):
            batch.save(MemberModel(contact_list.list_id, f"{PREFIX[key]}{n:07d}", variables={"1": f"Ann {n}"}))
    ListModel(account, contact_list.list_id).update(actions=[ListModel.member_count.set(members)])
    return contact_list.list_id


def per_second(times: list[float], *, start: float) -> str:
    """Sends in each whole second from `start`, as one line."""
    counts = Counter(int(moment - start) for moment in times)
    return " ".join(str(counts.get(second, 0)) for second in range(max(counts) + 1)) if counts else ""


def most_in_one_second(times: list[float]) -> int:
    ordered = sorted(times)
    most, first = 0, 0
    for last, moment in enumerate(ordered):
        while ordered[first] <= moment - 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most


def run(args: argparse.Namespace) -> dict[str, Any]:
    from app import app
    from chalicelib.services import account_settings, broadcasts
    from chalicelib.store import broadcasts as store
    from infra.local.pump import LocalEventSources
    from infra.local.resources import s3_events_queue_name

    accounts = {"a": "pacing-a", "b": "pacing-b"}
    templates, lists = {}, {}
    for key, account in accounts.items():
        templates[key] = seed_account(account, latency_ms=args.latency_ms)
        account_settings.set_send_rate(account, args.limit)
    lists["a"] = seed_members(accounts["a"], "a", args.targets)
    lists["b"] = seed_members(accounts["b"], "b", args.small)
    record_sends()
    sources = LocalEventSources(app, region="us-east-1", s3_events_queue=s3_events_queue_name(), tick_seconds=3600)
    sources.start()
    try:
        created_a = broadcasts.create(accounts["a"], name="big", template_id=templates["a"], list_id=lists["a"],
                                      scheduled_at=None)
        broadcasts.start(accounts["a"], created_a.broadcast_id)
        while len(SENDS["a"]) < args.targets * args.b_at:
            time.sleep(0.1)
        b_created = time.time()
        created_b = broadcasts.create(accounts["b"], name="small", template_id=templates["b"], list_id=lists["b"],
                                      scheduled_at=None)
        b_started = time.time()
        broadcasts.start(accounts["b"], created_b.broadcast_id)
        b_done = a_done = 0.0
        deadline = time.time() + args.timeout
        while not (a_done and b_done):
            if time.time() > deadline:
                raise SystemExit("the broadcasts did not complete in time")
            if not b_done and store.get_broadcast(accounts["b"], created_b.broadcast_id).status == "completed":
                b_done = time.time()
            if not a_done and store.get_broadcast(accounts["a"], created_a.broadcast_id).status == "completed":
                a_done = time.time()
            time.sleep(0.2)
    finally:
        sources.close()
    final_a = store.get_broadcast(accounts["a"], created_a.broadcast_id)
    final_b = store.get_broadcast(accounts["b"], created_b.broadcast_id)
    sends_a, sends_b = SENDS["a"], SENDS["b"]
    span_a = max(sends_a) - min(sends_a)
    rate_a = len(sends_a) / span_a
    return {
        "senders": args.senders, "limit_per_second": args.limit, "latency_ms": args.latency_ms,
        "a": {"targets": args.targets, "sent": final_a.sent_count, "provider_calls": len(sends_a),
              "seconds_sending": round(span_a, 1), "achieved_per_second": round(rate_a, 1),
              "fraction_of_limit": round(rate_a / args.limit, 3),
              "most_in_one_second": most_in_one_second(sends_a),
              "most_in_one_second_fraction": round(most_in_one_second(sends_a) / args.limit, 3)},
        "b": {"targets": args.small, "sent": final_b.sent_count, "started_after_a_sent": int(args.targets * args.b_at),
              "create_seconds": round(b_started - b_created, 1),
              "seconds_to_complete": round(b_done - b_started, 1),
              "goal_seconds": round(args.small / args.limit + 5, 1),
              "seconds_to_first_send": round(min(sends_b) - b_started, 1) if sends_b else None,
              "most_in_one_second": most_in_one_second(sends_b)},
        "a_sends_per_second": per_second(sends_a, start=min(sends_a)),
        "b_sends_per_second": per_second(sends_b, start=min(sends_a)),
        "send_rate_updates_per_1000_sends": round(CALLS["send_rate_updates"] * 1000 / max(1, len(sends_a) +
                                                                                       len(sends_b)), 1),
        "chunks_deferred": CALLS["deferrals"],
        "goals_met": {
            "rate >= 0.9 x limit": rate_a >= 0.9 * args.limit,
            "no second above 1.1 x limit": most_in_one_second(sends_a) <= 1.1 * args.limit
            and most_in_one_second(sends_b) <= 1.1 * args.limit,
            "small broadcast within small / limit + 5 s": b_done - b_started <= args.small / args.limit + 5,
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--senders", type=int, default=8)
    parser.add_argument("--targets", type=int, default=20_000)
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--limit", type=int, default=200)
    parser.add_argument("--latency-ms", type=int, default=100)
    parser.add_argument("--b-at", type=float, default=0.4, help="start B once A sent this fraction")
    parser.add_argument("--timeout", type=float, default=900)
    args = parser.parse_args()

    port = free_port()
    moto = start_moto(port, patched=True)
    try:
        environment(port, f"rcs-pacing-{port}")
        os.environ["RCS_SQS_MAX_CONCURRENCY"] = str(args.senders)
        install_counter()
        from infra.local.resources import create_all

        create_all()
        print(json.dumps(run(args), indent=2), flush=True)
    finally:
        moto.terminate()
        moto.wait()


if __name__ == "__main__":
    main()
