"""The balance: exact integer minor units of `settings.currency`, moved only together with a
ledger entry (credit, debit, refund), each at most once per reference, never below zero."""

from __future__ import annotations

from dataclasses import dataclass

from chalicelib.services import limits
from chalicelib.settings import get_settings
from chalicelib.store import ledger as ledger_store
from chalicelib.store.ledger import LedgerEntry as LedgerEntry  # the area's record
from chalicelib.store.paging import Page

MAX_REFERENCE_LENGTH = limits.MAX_LEDGER_REFERENCE_LENGTH
MAX_AMOUNT = limits.MAX_CREDIT_AMOUNT


@dataclass(frozen=True)
class Credit:
    entry: LedgerEntry
    applied: bool


def currency() -> str:
    return get_settings().currency


def _check(reference: str, *numbers: int) -> None:
    if not isinstance(reference, str) or not 0 < len(reference) <= MAX_REFERENCE_LENGTH:
        raise ValueError(f"a key is 1 to {MAX_REFERENCE_LENGTH} characters")
    for number in numbers:
        if isinstance(number, bool) or not isinstance(number, int) or not 0 <= number <= MAX_AMOUNT:
            raise ValueError("counts and prices are non-negative integers")


def get_balance(account_id: str) -> int:
    """The balance in minor units; 0 for an account never credited."""
    return ledger_store.get_balance(account_id)


def reserve(account_id: str, key: str, count: int, unit_price: int) -> int:
    """Reserve up to `count` messages at `unit_price` in one conditional update (with its ledger
    entry "debit" in the same transaction), never driving the balance below zero; how many were
    reserved (0..count). The same `key` again returns the first result and charges nothing."""
    _check(key, count, unit_price)
    if count == 0:
        first = ledger_store.get_entry(account_id, "debit", key)
        return (first.count or 0) if first is not None else 0
    return ledger_store.reserve(account_id, key, count, unit_price, currency())


def reservation(account_id: str, key: str) -> int | None:
    """How many messages the reservation `key` holds; None when no reservation was made under it."""
    first = ledger_store.get_entry(account_id, "debit", key)
    return (first.count or 0) if first is not None else None


def close_reservation(account_id: str, key: str, unit_price: int) -> int:
    """The reservation `key` as it stands, made empty (0 messages, nothing charged) when none was
    made yet, so that a late copy of its job can charge nothing under it."""
    _check(key, unit_price)
    return ledger_store.reserve(account_id, key, 0, unit_price, currency())


def reservations(account_id: str, key_prefix: str) -> dict[str, int]:
    """Every reservation whose key starts with `key_prefix`: key → messages reserved."""
    entries = ledger_store.entries_with_prefix(account_id, "debit", key_prefix)
    return {entry.reference: entry.count or 0 for entry in entries}


def refunded(account_id: str, key: str) -> bool:
    """Whether the refund `key` was paid."""
    return ledger_store.get_entry(account_id, "refund", key) is not None


def refund(account_id: str, key: str, count: int, unit_price: int) -> None:
    """Give back `count` messages at `unit_price` (ledger entry "refund"), once per `key`. Refund
    keys are their own namespace: a refund may reuse the key of the reservation it refunds."""
    _check(key, count, unit_price)
    if count == 0:
        return
    ledger_store.refund(account_id, key, count, unit_price, currency())


def credit(account_id: str, reference: str, amount: int) -> Credit:
    """Add `amount` (> 0) once per `reference`; a reference already applied returns the first
    credit unchanged and adds nothing."""
    _check(reference, amount)
    if amount <= 0:
        raise ValueError("a credit is positive")
    entry, applied = ledger_store.credit(account_id, reference, amount, currency())
    return Credit(entry, applied)


def ledger(account_id: str, limit: int = 50, cursor: str | None = None) -> Page[LedgerEntry]:
    """The account's movements, newest first."""
    return ledger_store.list_entries(account_id, limit, cursor)
