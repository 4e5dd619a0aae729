"""The balance: integer minor units, moved only with a ledger entry, each movement once per
reference, and never below zero however many reservations race."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.services import balance
from infra.local import moto_dynamodb
from tests.functional.lists.support import Auth, call


def credit(client: Client, auth: Auth, amount: Any, reference: Any = "topup-1",
           account: str = "acme") -> tuple[int, Any]:
    return call(client, "POST", f"/admin/accounts/{account}/credit", auth("ops", admin=True),
                {"amount": amount, "reference": reference})


def ledger(client: Client, auth: Auth, query: str = "") -> dict[str, Any]:
    status, body = call(client, "GET", f"/ledger{query}", auth())
    assert status == 200, body
    return body  # type: ignore[no-any-return]


@pytest.fixture
def serialised_moto(aws: None) -> Iterator[None]:
    moto_dynamodb.install()
    yield
    moto_dynamodb.uninstall()


def test_a_new_account_has_a_zero_balance_in_the_configured_currency(client: Client, auth: Auth) -> None:
    assert call(client, "GET", "/balance", auth()) == (200, {"success": True, "balance": 0, "currency": "INR"})
    assert ledger(client, auth) == {"success": True, "entries": [], "next_cursor": ""}


def test_an_admin_credit_raises_the_balance_and_is_a_ledger_entry(client: Client, auth: Auth) -> None:
    status, body = credit(client, auth, 125_000, "topup-42")

    assert status == 200
    assert body["balance"] == 125_000 and body["currency"] == "INR"
    assert {k: body["credit"][k] for k in ("kind", "amount", "reference", "balance_after")} == {
        "kind": "credit", "amount": 125_000, "reference": "topup-42", "balance_after": 125_000}
    assert call(client, "GET", "/balance", auth())[1]["balance"] == 125_000
    assert ledger(client, auth)["entries"] == [body["credit"]]


def test_a_reference_already_applied_returns_the_first_result_and_adds_nothing(client: Client, auth: Auth) -> None:
    first = credit(client, auth, 50_000, "topup-7")
    credit(client, auth, 1_000, "topup-8")

    again = credit(client, auth, 50_000, "topup-7")
    different_amount = credit(client, auth, 99_999, "topup-7")

    assert again == first == different_amount
    assert call(client, "GET", "/balance", auth())[1]["balance"] == 51_000
    assert len(ledger(client, auth)["entries"]) == 2


def test_the_same_reference_may_be_used_by_another_account(client: Client, auth: Auth) -> None:
    credit(client, auth, 10, "topup-1")
    credit(client, auth, 20, "topup-1", account="globex")
    assert call(client, "GET", "/balance", auth("globex"))[1]["balance"] == 20
    assert call(client, "GET", "/balance", auth())[1]["balance"] == 10


@pytest.mark.parametrize(("amount", "reference", "field"), [
    (0, "r", "amount"), (-5, "r", "amount"), (10.5, "r", "amount"), ("100", "r", "amount"), (True, "r", "amount"),
    (None, "r", "amount"), (10**14, "r", "amount"), (10, "", "reference"), (10, None, "reference"),
    (10, 7, "reference"), (10, "x" * 257, "reference"), (10, "bad\nref", "reference"),
])
def test_a_bad_credit_is_a_400_naming_the_field(client: Client, auth: Auth, amount: Any, reference: Any,
                                                field: str) -> None:
    status, body = credit(client, auth, amount, reference)
    assert (status, body["field"]) == (400, field)
    assert call(client, "GET", "/balance", auth())[1]["balance"] == 0


def test_only_admins_credit(client: Client, auth: Auth) -> None:
    status, body = call(client, "POST", "/admin/accounts/acme/credit", auth("acme"),
                        {"amount": 100, "reference": "self-service"})
    assert (status, body["error"]) == (403, "forbidden")
    assert credit(client, auth, 10, "r", account="bad/account")[0] in (400, 404)
    assert call(client, "GET", "/balance", auth())[1]["balance"] == 0


def test_reserve_takes_only_what_the_balance_covers_and_once_per_key(client: Client, auth: Auth) -> None:
    credit(client, auth, 100)

    first = balance.reserve("acme", "b1#chunk-0", 10, 15)
    again = balance.reserve("acme", "b1#chunk-0", 10, 15)
    broke = balance.reserve("acme", "b1#chunk-1", 10, 15)

    assert (first, again, broke) == (6, 6, 0)
    assert balance.get_balance("acme") == 10
    entries = ledger(client, auth)["entries"]
    assert [(e["kind"], e["amount"], e.get("count")) for e in entries] == [
        ("debit", 0, 0), ("debit", -90, 6), ("credit", 100, None)]
    assert balance.reserve("acme", "b1#chunk-1", 10, 15) == 0, "the first result again, even if money came"


def test_a_refund_gives_back_once_per_key(client: Client, auth: Auth) -> None:
    credit(client, auth, 100)
    assert balance.reserve("acme", "b1#chunk-0", 5, 20) == 5

    balance.refund("acme", "b1#chunk-0", 2, 20)
    balance.refund("acme", "b1#chunk-0", 2, 20)

    assert balance.get_balance("acme") == 40
    assert [(e["kind"], e["amount"]) for e in ledger(client, auth)["entries"]][:2] == [("refund", 40), ("debit", -100)]


def test_the_ledger_pages_newest_first(client: Client, auth: Auth) -> None:
    for n in range(5):
        credit(client, auth, n + 1, f"r{n}")

    first = ledger(client, auth, "?limit=2")
    second = ledger(client, auth, f"?limit=2&cursor={first['next_cursor']}")
    third = ledger(client, auth, f"?limit=2&cursor={second['next_cursor']}")

    amounts = [e["amount"] for page in (first, second, third) for e in page["entries"]]
    assert amounts == [5, 4, 3, 2, 1]
    assert third["next_cursor"] == ""
    assert call(client, "GET", f"/ledger?cursor={first['next_cursor']}", auth("globex"))[0] == 400


def test_concurrent_reservations_never_drive_the_balance_below_zero(client: Client, auth: Auth,
                                                                     serialised_moto: None) -> None:
    # GIVEN 1,000 paise and 20 senders each wanting 10 messages at 7 paise (1,400 paise in all)
    credit(client, auth, 1_000)
    reserved: dict[int, int] = {}
    start = threading.Barrier(20)

    def sender(n: int) -> None:
        start.wait()
        reserved[n] = balance.reserve("acme", f"chunk-{n}", 10, 7)
        reserved[n + 100] = balance.reserve("acme", f"chunk-{n}", 10, 7)  # a redelivery

    threads = [threading.Thread(target=sender, args=(n,)) for n in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    # THEN every paisa is accounted for, nothing is charged twice, and the balance is never negative
    assert len(reserved) == 40
    assert all(reserved[n] == reserved[n + 100] for n in range(20))
    total = sum(reserved[n] for n in range(20))
    final = balance.get_balance("acme")
    assert final == 1_000 - 7 * total
    assert 0 <= final < 7, "reservations stop only when not even one more message is covered"
    debits = [e for e in balance.ledger("acme", limit=200).items if e.kind == "debit"]
    assert len(debits) == 20
    assert sum(-e.amount for e in debits) == 7 * total
