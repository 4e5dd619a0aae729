"""member_count stays exact when adds and deletes of the same phones race (threads against moto)."""

from __future__ import annotations

import contextlib
import random
import threading
from collections.abc import Callable

from chalicelib import errors
from chalicelib.services import lists
from chalicelib.store.lists import count_members

PHONES = [f"+1415555{n:04d}" for n in range(120)]


def race(workers: list[Callable[[], None]]) -> None:
    start = threading.Barrier(len(workers))
    failures: list[BaseException] = []

    def run(work: Callable[[], None]) -> None:
        start.wait()
        try:
            work()
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=run, args=(work,)) for work in workers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not failures, failures


def test_racing_adds_of_overlapping_phones_count_each_member_once(serialised_moto: None) -> None:
    contact_list = lists.create_list("acme", "race")
    added: list[int] = []

    def adder(seed: int) -> Callable[[], None]:
        def work() -> None:
            rows = [{"phone": phone, "variables": {"1": str(seed)}} for phone in random.Random(seed).sample(PHONES, 80)]
            result = lists.add_members("acme", contact_list.list_id, rows)
            added.append(result.added)
        return work

    race([adder(seed) for seed in range(12)])

    final = lists.get_list("acme", contact_list.list_id).member_count
    assert final == count_members(contact_list.list_id)
    assert sum(added) == final, "every member is reported as added by exactly one writer"


def test_racing_adds_and_deletes_keep_member_count_equal_to_the_members(serialised_moto: None) -> None:
    contact_list = lists.create_list("acme", "race")
    lists.add_members("acme", contact_list.list_id, [{"phone": phone} for phone in PHONES[:60]])

    def adder(seed: int) -> Callable[[], None]:
        def work() -> None:
            rng = random.Random(seed)
            for _ in range(3):
                lists.add_members("acme", contact_list.list_id, [{"phone": p} for p in rng.sample(PHONES, 30)])
        return work

    def deleter(seed: int) -> Callable[[], None]:
        def work() -> None:
            for phone in random.Random(1000 + seed).sample(PHONES, 40):
                with contextlib.suppress(errors.NotFound):
                    lists.remove_member("acme", contact_list.list_id, phone)
        return work

    race([adder(n) for n in range(8)] + [deleter(n) for n in range(8)])

    assert lists.get_list("acme", contact_list.list_id).member_count == count_members(contact_list.list_id)
