"""The RBM adapter's reach check (users:batchGet) against the fake RBM: Google's request shape, at
most `max_users_per_call` numbers a call, calls paced to 600 a minute, and trouble answered None."""

from __future__ import annotations

from collections.abc import Callable

from chalicelib.providers.rbm import RbmProvider
from tests.fakes.rbm_server import FakeRbmServer

PHONES = [f"+1415555{n:04d}" for n in range(25)]


def test_reach_is_asked_in_calls_of_at_most_the_per_call_maximum_paced_to_600_a_minute(
        make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer, sleeps: list[float]) -> None:
    # GIVEN RBM that reaches all but two numbers and takes at most 10 numbers a call
    rbm_server.not_capable(PHONES[3], PHONES[21])
    rbm_server.max_users_per_call = 10
    provider = make_rbm()
    provider.max_users_per_call = 10
    # WHEN 25 numbers (one twice) are checked
    reachable = provider.reachable_users([*PHONES, PHONES[0]])
    # THEN three calls of 10, 10 and 5 distinct numbers, each at least 0.1 s after the last
    assert reachable == frozenset(PHONES) - {PHONES[3], PHONES[21]}
    assert [len(users) for _, users in rbm_server.batch_get_calls] == [10, 10, 5]
    assert sum(users.count(PHONES[0]) for _, users in rbm_server.batch_get_calls) == 1
    assert not rbm_server.problems()
    # (the adapter's sleeps are recorded, not slept: a call's moment is its real time plus the waits before it)
    first, last = rbm_server.batch_get_calls[0][0], rbm_server.batch_get_calls[-1][0]
    assert len(sleeps) == 2 and all(wait > 0 for wait in sleeps)
    assert (last - first) + sum(sleeps) >= 0.2 - 0.02  # three calls span at least two tenths of a second


def test_a_reach_check_rbm_cannot_answer_is_none_so_the_sender_sends_anyway(
        make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer) -> None:
    provider = make_rbm()
    rbm_server.max_users_per_call = 3  # the adapter asks for more a call: RBM's 400
    assert provider.reachable_users(PHONES[:5]) is None
    rbm_server.max_users_per_call = 10_000
    assert provider.reachable_users(PHONES[:5]) == frozenset(PHONES[:5])


