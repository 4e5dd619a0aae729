"""The money invariants, read through the public API: the balance is what the ledger says, and
what was charged is what was sent."""

from __future__ import annotations

from typing import Any

from chalice.test import Client

from tests.support.world import Auth, balance, call


def ledger(client: Client, auth: Auth, account: str = "acme") -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    cursor = ""
    while True:
        status, body = call(client, "GET", f"/ledger?limit=100{'&cursor=' + cursor if cursor else ''}",
                            auth(account))
        assert status == 200, body
        entries += body["entries"]
        cursor = body["next_cursor"]
        if not cursor:
            return entries


def assert_ledger_reconciles(client: Client, auth: Auth, *, price: int, sent: int, account: str = "acme") -> None:
    """balance = credits - debits + refunds, and debits - refunds = price * messages sent."""
    entries = ledger(client, auth, account)
    credits = sum(e["amount"] for e in entries if e["kind"] == "credit")
    debits = -sum(e["amount"] for e in entries if e["kind"] == "debit")
    refunds = sum(e["amount"] for e in entries if e["kind"] == "refund")
    assert balance(client, auth, account) == credits - debits + refunds, entries
    assert debits - refunds == price * sent, entries
