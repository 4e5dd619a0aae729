"""The money of an account: its balance (on the account's item, `chalicelib/store/accounts.py`) and
the ledger of its movements.

Keys: ledger (account_id, entry_key = "<kind>#<reference>"). The entry key makes each movement
happen once per (kind, reference): the entry is put with `attribute_not_exists` in the same
transaction as the balance change. `time_index` (account_id, seq) lists them newest first; `seq`
(creation time in milliseconds, then randomness) is the entry id the API shows.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import DoesNotExist, PutError
from pynamodb.indexes import AllProjection, LocalSecondaryIndex
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.clock import format_time, utcnow
from chalicelib.store.accounts import AccountModel
from chalicelib.store.base import record_of, table_meta
from chalicelib.store.paging import Page, decode_cursor, encode_cursor, key_shape
from chalicelib.store.transact import Cancelled, Contended, backoff, transact

KINDS = ("credit", "debit", "refund")
MAX_ATTEMPTS = 50


class TimeIndex(LocalSecondaryIndex["LedgerModel"]):
    class Meta:
        index_name = "time_index"
        projection = AllProjection()

    account_id = UnicodeAttribute(hash_key=True)
    seq = UnicodeAttribute(range_key=True)


class LedgerModel(Model):
    Meta = table_meta("ledger")

    account_id = UnicodeAttribute(hash_key=True)
    entry_key = UnicodeAttribute(range_key=True)
    seq = UnicodeAttribute()
    kind = UnicodeAttribute()
    reference = UnicodeAttribute()
    amount = NumberAttribute()
    currency = UnicodeAttribute()
    units = NumberAttribute(null=True, attr_name="count")
    unit_price = NumberAttribute(null=True)
    balance_after = NumberAttribute(null=True)
    created_at = UnicodeAttribute()

    time_index = TimeIndex()


@dataclass(frozen=True)
class LedgerEntry:
    entry_id: str
    kind: str
    reference: str
    amount: int
    currency: str
    count: int | None
    unit_price: int | None
    balance_after: int | None
    created_at: str


def _seq() -> str:
    return f"{int(time.time() * 1000):013d}-{os.urandom(4).hex()}"


def _entry(item: LedgerModel) -> LedgerEntry:
    return record_of(item, LedgerEntry, entry_id=item.seq,
                     count=int(item.units) if item.units is not None else None)


def _balance(account_id: str) -> int | None:
    try:
        account = AccountModel.get(account_id, consistent_read=True, attributes_to_get=["balance"])
    except DoesNotExist:
        return None
    return int(account.balance) if account.balance is not None else None


def get_balance(account_id: str) -> int:
    return _balance(account_id) or 0


def get_entry(account_id: str, kind: str, reference: str) -> LedgerEntry | None:
    try:
        return _entry(LedgerModel.get(account_id, f"{kind}#{reference}", consistent_read=True))
    except DoesNotExist:
        return None


def entries_with_prefix(account_id: str, kind: str, prefix: str) -> list[LedgerEntry]:
    """Every `kind` entry of the account whose reference starts with `prefix` (one query)."""
    return [_entry(item) for item in LedgerModel.query(
        account_id, LedgerModel.entry_key.startswith(f"{kind}#{prefix}"), consistent_read=True)]


def _new_entry(account_id: str, kind: str, reference: str, amount: int, currency: str, *,
               count: int | None = None, unit_price: int | None = None,
               balance_after: int | None = None) -> LedgerModel:
    return LedgerModel(
        account_id, f"{kind}#{reference}", seq=_seq(), kind=kind, reference=reference, amount=amount,
        currency=currency, units=count, unit_price=unit_price, balance_after=balance_after,
        created_at=format_time(utcnow()),
    )


def credit(account_id: str, reference: str, amount: int, currency: str) -> tuple[LedgerEntry, bool]:
    """Add `amount` once per `reference`: (the credit's entry, whether this call applied it).

    The new balance is written as `balance_after` on the entry, so the balance is set with a
    condition on the balance just read (a concurrent movement makes this retry)."""
    for attempt in range(MAX_ATTEMPTS):
        before = _balance(account_id)
        after = (before or 0) + amount
        entry = _new_entry(account_id, "credit", reference, amount, currency, balance_after=after)
        target = AccountModel(account_id)
        condition = (AccountModel.balance == before) if before is not None else AccountModel.balance.does_not_exist()

        def build(tx: TransactWrite, entry: LedgerModel = entry, target: AccountModel = target,
                  condition: Any = condition, after: int = after) -> None:
            tx.save(entry, condition=LedgerModel.entry_key.does_not_exist())
            tx.update(target, actions=[
                AccountModel.balance.set(after),
                AccountModel.created_at.set(AccountModel.created_at | entry.created_at),
            ], condition=condition)

        try:
            transact(LedgerModel, build)
            return _entry(entry), True
        except Cancelled as cancelled:
            if cancelled.failed(0):
                first = get_entry(account_id, "credit", reference)
                if first is not None:
                    return first, False
            backoff(min(attempt, 5))
    raise Contended("the balance kept changing while the credit was applied")


def reserve(account_id: str, reference: str, count: int, unit_price: int, currency: str) -> int:
    """Debit up to `count` * `unit_price` once per `reference`, never below zero; how many
    units were reserved (the first result again for a reference already used)."""
    for attempt in range(MAX_ATTEMPTS):
        if attempt == 0 and count and unit_price:
            reserved = count  # the balance is read only when it does not cover the whole count
        else:
            balance = get_balance(account_id)
            reserved = count if unit_price == 0 else min(count, balance // unit_price)
        amount = reserved * unit_price
        entry = _new_entry(account_id, "debit", reference, -amount, currency, count=reserved,
                           unit_price=unit_price)
        if amount == 0:
            try:
                entry.save(condition=LedgerModel.entry_key.does_not_exist())
                return reserved
            except PutError as error:
                if error.cause_response_code != "ConditionalCheckFailedException":
                    raise
                first = get_entry(account_id, "debit", reference)
                return (first.count or 0) if first is not None else 0
        target = AccountModel(account_id)

        def build(tx: TransactWrite, entry: LedgerModel = entry, target: AccountModel = target,
                  amount: int = amount) -> None:
            tx.save(entry, condition=LedgerModel.entry_key.does_not_exist())
            tx.update(target, actions=[AccountModel.balance.add(-amount)],
                      condition=AccountModel.balance >= amount)

        try:
            transact(LedgerModel, build)
            return reserved
        except Cancelled as cancelled:
            if cancelled.failed(0):
                first = get_entry(account_id, "debit", reference)
                if first is not None:
                    return first.count or 0
            if attempt:
                backoff(min(attempt, 5))
    raise Contended("the balance kept changing while the reservation was made")


def refund(account_id: str, reference: str, count: int, unit_price: int, currency: str) -> bool:
    """Give back `count` * `unit_price` once per `reference`; whether this call applied it."""
    amount = count * unit_price
    entry = _new_entry(account_id, "refund", reference, amount, currency, count=count, unit_price=unit_price)
    target = AccountModel(account_id)

    def build(tx: TransactWrite) -> None:
        tx.save(entry, condition=LedgerModel.entry_key.does_not_exist())
        tx.update(target, actions=[
            AccountModel.balance.add(amount),
            AccountModel.created_at.set(AccountModel.created_at | entry.created_at),
        ])

    try:
        transact(LedgerModel, build)
        return True
    except Cancelled as cancelled:
        if cancelled.failed(0):
            return False
        raise


def list_entries(account_id: str, limit: int, cursor: str | None) -> Page[LedgerEntry]:
    start = decode_cursor(cursor, pinned={"account_id": account_id},
                          shape=key_shape(LedgerModel, LedgerModel.time_index))
    results = LedgerModel.time_index.query(account_id, scan_index_forward=False, limit=limit + 1,
                                           page_size=limit + 1, last_evaluated_key=start)
    items = list(results)
    next_cursor = ""
    if len(items) > limit:
        items = items[:limit]
        last = items[-1]
        next_cursor = encode_cursor({"account_id": {"S": last.account_id}, "entry_key": {"S": last.entry_key},
                                     "seq": {"S": last.seq}})
    return Page([_entry(item) for item in items], next_cursor)
