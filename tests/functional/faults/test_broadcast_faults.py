"""A broadcast under faults: DynamoDB throttling on every operation the runner makes, every SQS
message delivered twice (one after the other, and at the same time), and a provider that times out
after accepting, or answers 503 until the chunk comes back from the queue. After each the outcome is
exact: every target settled once, sent once, the balance debited for what was sent and nothing else,
and the broadcast's counters equal to its targets' states."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from chalice.app import Chalice
from chalice.test import Client

from chalicelib.providers import factory
from chalicelib.providers.port import MessageProvider, OutboundMessage, SendResult
from chalicelib.providers.rbm import RbmProvider, RetryPolicy
from tests.fakes.rbm_server import FakeRbmServer, Reply, make_service_account
from tests.support.drain import drain
from tests.support.faults import DynamoFaults
from tests.support.providers import UseProvider
from tests.support.world import (
    Auth,
    all_targets,
    approved_template,
    balance,
    broadcast,
    call,
    contact_list,
    credit,
    members,
    simulator,
)

PRICE = 20
CREDIT = 1_000
VALID = 8  # members with their variable; one more lacks it (failed: missing_variable, refunded)


@pytest.fixture(autouse=True)
def four_targets_a_chunk(small_chunks: None) -> None:
    """Chunks of 4 targets (tests/conftest.py)."""


@dataclass
class Sends:
    """Every message a provider was asked to send."""

    messages: list[OutboundMessage]

    def ids_per_phone(self) -> dict[str, set[str]]:
        found: dict[str, set[str]] = {}
        for message in self.messages:
            found.setdefault(message.phone, set()).add(message.message_id)
        return found


@pytest.fixture
def sends(use_provider: UseProvider) -> Sends:
    seen = Sends([])
    lock = threading.Lock()
    real = factory.provider_for

    class Recording:
        def __init__(self, inner: MessageProvider) -> None:
            self.inner = inner

        def send(self, message: OutboundMessage) -> SendResult:
            with lock:
                seen.messages.append(message)
            return self.inner.send(message)

    use_provider(lambda credentials: Recording(real(credentials)))
    return seen


def started_broadcast(client: Client, auth: Auth) -> str:
    """A running broadcast of 9 members (3 chunks of 4), one without its variable."""
    simulator(client, auth)
    credit(client, auth, amount=CREDIT)
    template_id = approved_template(client, auth)
    roster = [*members(VALID), {"phone": "+14155550901", "variables": {}}]
    list_id = contact_list(client, auth, members=roster)
    status, body = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id, "list_id": list_id})
    assert status == 201, body
    assert call(client, "POST", f"/broadcasts/{body['broadcast_id']}/start", auth())[0] == 200
    return str(body["broadcast_id"])


def assert_exact(client: Client, auth: Auth, broadcast_id: str, sends: Sends | None, *,
                 sent: int = VALID, failed: int = 1) -> None:
    final = broadcast(client, auth, broadcast_id)
    targets = all_targets(client, auth, broadcast_id)
    states = Counter(target["state"] for target in targets)
    assert final["status"] == "completed", final
    assert states == {"sent": sent, "failed": failed}
    assert (final["sent_count"], final["failed_count"], final["queued_count"]) == (sent, failed, 0)
    assert final["total_count"] == len(targets) == sent + failed
    if sends is not None:
        ids = sends.ids_per_phone()
        assert all(len(message_ids) == 1 for message_ids in ids.values()), ids  # a resend reuses its id
        assert len(ids) == sent
        assert {t["rm_message_id"] for t in targets if t["state"] == "sent"} == {i for s in ids.values() for i in s}
    assert balance(client, auth) == CREDIT - sent * PRICE
    status, ledger = call(client, "GET", "/ledger?limit=200", auth())
    assert status == 200
    assert sum(entry["amount"] for entry in ledger["entries"] if entry["kind"] != "credit") == -sent * PRICE


PTE, TE = "ProvisionedThroughputExceededException", "ThrottlingException"


@pytest.mark.parametrize(("operation", "code", "times"), [
    ("GetItem", PTE, 3),
    ("Query", TE, 2),
    ("UpdateItem", PTE, 2),
    ("BatchWriteItem", TE, 2),
    ("TransactWriteItems", PTE, 2),
    ("TransactWriteItems", "TransactionCanceledException", 6),
])
def test_dynamodb_throttling_anywhere_in_the_runner_changes_nothing_in_the_outcome(
        client: Client, auth: Auth, chalice_app: Chalice, sends: Sends, dynamo_faults: DynamoFaults,
        operation: str, code: str, times: int) -> None:
    broadcast_id = started_broadcast(client, auth)
    # WHEN DynamoDB throttles the next calls of this operation (past the SDK's own retries)
    dynamo_faults.fail(operation, code, times)
    drain(chalice_app, timeout=90)
    # THEN the faults happened, and the broadcast still settled exactly
    assert dynamo_faults.injected[operation] == times
    assert_exact(client, auth, broadcast_id, sends)


def twice(handler: Callable[..., Any], *, together: bool) -> Callable[..., Any]:
    """A Lambda handler that SQS invokes twice with the same batch (at-least-once delivery): one
    after the other, or both at the same time. A message fails if either delivery failed it."""

    def deliver(event: dict[str, Any], context: Any) -> dict[str, Any]:
        results: list[Any] = [None, None]

        def run(index: int) -> None:
            try:
                results[index] = handler(event, context)
            except Exception as error:  # the whole batch failed this time
                results[index] = error

        if together:
            threads = [threading.Thread(target=run, args=(index,)) for index in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        else:
            run(0)
            run(1)
        failures: dict[str, dict[str, str]] = {}
        for result in results:
            if isinstance(result, Exception):
                return {"batchItemFailures": [{"itemIdentifier": r["messageId"]} for r in event["Records"]]}
            for item in (result or {}).get("batchItemFailures", []):
                failures[item["itemIdentifier"]] = item
        return {"batchItemFailures": list(failures.values())}

    return deliver


@pytest.mark.parametrize("together", [
    False,
    True,
], ids=["one after the other", "at the same time"])
def test_every_runner_message_delivered_twice_settles_everything_once(
        client: Client, auth: Auth, chalice_app: Chalice, sends: Sends, monkeypatch: pytest.MonkeyPatch,
        together: bool) -> None:
    # (the `aws` fixture runs moto with each DynamoDB request atomic, as DynamoDB does: deliveries at
    # the same time race as they would in the cloud, not inside one moto request)
    broadcast_id = started_broadcast(client, auth)
    for name in ("run_dispatch_jobs", "send_chunks"):
        monkeypatch.setitem(chalice_app.handler_map, name, twice(chalice_app.handler_map[name], together=together))
    drain(chalice_app, timeout=90)
    assert_exact(client, auth, broadcast_id, sends)


@pytest.fixture
def rbm(use_provider: UseProvider) -> Iterator[FakeRbmServer]:
    """The runner sends through the real RBM adapter to a fake RBM, with a short read timeout."""
    key = make_service_account()
    with FakeRbmServer(key, agent_id="acme_agent") as server:
        provider = RbmProvider(agent_id="acme_agent", service_account_info={**key.info, "token_uri": server.token_uri},
                               endpoint=server.url, timeout=(1.0, 0.4), sleep=lambda seconds: None,
                               retry=RetryPolicy(max_attempts=2, initial_wait=0.0, max_wait=0.0, jitter=0.0,
                                                 max_elapsed=10.0, max_retry_after=1.0))
        use_provider(lambda credentials: provider)
        yield server
        provider.close()


def test_provider_timeouts_after_acceptance_and_outages_settle_every_target_once(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer) -> None:
    # GIVEN an RBM that accepts one message but answers too late (the adapter times out), and is
    # unavailable for another phone for longer than one send's retries
    rbm.script("+14155550001", Reply(200, delay=1.0))
    rbm.script("+14155550002", Reply(503), Reply(503), Reply(503))
    broadcast_id = started_broadcast(client, auth)
    # WHEN the runner works, and SQS gives the unfinished chunk back
    drain(chalice_app, timeout=90)
    # THEN each phone received its message once (a retry reuses the message id: RBM answers 409)
    assert_exact(client, auth, broadcast_id, None)
    delivered = Counter(call.phone for call in rbm.deliveries.values())
    assert delivered == {f"+1415555{n:04d}": 1 for n in range(VALID)}
    assert [c.status for c in rbm.calls_for("+14155550001")][-1] == 409
    assert [c.status for c in rbm.calls_for("+14155550002")][:3] == [503, 503, 503]
