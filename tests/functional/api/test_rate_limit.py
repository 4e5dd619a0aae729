"""The per-account rate limit of every authenticated route (docs/spec/campaigns.md, "Per-account
limits"): a token bucket in DynamoDB, so every Lambda instance spends the same budget."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import boto3
import pytest
from chalice.test import Client

from chalicelib import errors
from chalicelib.services import rate_limit
from tests.support import faults
from tests.support.caches import reset_caches
from tests.support.openapi import ValidatingClient

Auth = Callable[..., dict[str, str]]


@pytest.fixture
def limit(settings_env: Callable[..., None]) -> Callable[[float, int], None]:
    def configure(per_second: float, burst: int) -> None:
        settings_env(RCS_API_RATE_PER_SECOND=str(per_second), RCS_API_BURST=str(burst))

    return configure


def test_past_the_burst_an_account_gets_429_with_retry_after_and_others_are_not_affected(
        client: Client, auth: Auth, limit: Callable[[float, int], None]) -> None:
    # GIVEN one request every 2 seconds with bursts of 3
    limit(0.5, 3)
    # WHEN acme makes 4 requests at once (answers checked against the OpenAPI document)
    api = ValidatingClient(client)
    answers = [api.request("GET", "/balance", auth("acme")) for _ in range(4)]
    # THEN the first 3 pass and the 4th is refused with the envelope and a Retry-After in seconds
    assert [answer.status for answer in answers] == [200, 200, 200, 429]
    refused = answers[-1]
    assert refused.body["error"] == "rate_limited"
    assert refused.headers["Retry-After"] in ("1", "2")
    # AND another account still has its own budget, admins' operations included
    assert client.http.get("/api/v1/rcs/balance", headers=auth("globex")).status_code == 200
    assert client.http.get("/api/v1/rcs/admin/templates", headers=auth("ops", admin=True)).status_code == 200
    # AND acme may go on once Retry-After has passed
    time.sleep(int(refused.headers["Retry-After"]))
    assert client.http.get("/api/v1/rcs/balance", headers=auth("acme")).status_code == 200


def test_public_routes_are_not_counted(client: Client, auth: Auth, limit: Callable[[float, int], None]) -> None:
    limit(0.01, 1)
    assert all(client.http.get("/api/v1/rcs/health").status_code == 200 for _ in range(5))
    assert client.http.get("/api/v1/rcs/balance", headers=auth("acme")).status_code == 200


def test_concurrent_callers_share_one_budget_exactly(aws: None, limit: Callable[[float, int], None]) -> None:
    # GIVEN a burst of 5 and almost no refill; WHEN 20 calls of one account race (as from 20 instances)
    limit(0.01, 5)

    def attempt(_: int) -> bool:
        try:
            rate_limit.check("acme")
            return True
        except errors.RateLimited:
            return False

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(attempt, range(20)))
    # THEN exactly the burst passed: the conditional write made check-and-spend atomic
    assert outcomes.count(True) == 5


def test_the_limit_adds_one_dynamodb_request_per_call_and_two_while_a_burst_is_spent(
        client: Client, auth: Auth, limit: Callable[[float, int], None]) -> None:
    recorder = faults.install()  # counts the requests of clients made from now on
    recorder.reset()
    boto3.DEFAULT_SESSION = None
    reset_caches()

    def requests_of_one_call(account: str) -> int:
        recorder.calls.clear()
        recorder.recording = True
        assert client.http.get("/api/v1/rcs/balance", headers=auth(account)).status_code == 200
        recorder.recording = False
        return sum(recorder.calls.values())

    try:
        limit(0, 1)  # off
        baseline = requests_of_one_call("acme")
        limit(1, 10)
        idle = requests_of_one_call("globex")  # a full bucket
        bursting = requests_of_one_call("globex")  # the next one within the same second
    finally:
        recorder.reset()
    assert idle - baseline == 1
    assert bursting - baseline == 2
