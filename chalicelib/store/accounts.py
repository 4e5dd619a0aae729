"""Accounts (balance, and the reference to the provider credentials) and their money ledger.

Keys:
- accounts: (account_id). An account item appears with its first credit, reservation, refund or
  credentials; a missing item is an account with zero balance and no credentials.
  `agent_index` (agent_id) finds the account of a provider agent (the receipts webhook); only
  accounts with credentials carry `agent_id`, so the index is sparse, and it projects only the
  credential reference, so balance changes never write to it.
  `webhook_token_index` (webhook_token_hash: SHA-256 of the account's webhook client token) answers
  Google's webhook set-up, which names a token and no agent.
- ledger: (account_id, entry_key = "<kind>#<reference>"). The entry key makes each movement
  happen once per (kind, reference): the entry is put with `attribute_not_exists` in the same
  transaction as the balance change. `time_index` (account_id, seq) lists them newest first;
  `seq` (creation time in milliseconds, then randomness) is the entry id the API shows.

One module: every ledger entry is written in the same transaction as the balance it moves.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from typing import Any

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute, UnicodeSetAttribute
from pynamodb.exceptions import DeleteError, DoesNotExist, PutError, UpdateError
from pynamodb.indexes import (
    AllProjection,
    GlobalSecondaryIndex,
    IncludeProjection,
    KeysOnlyProjection,
    LocalSecondaryIndex,
)
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.clock import format_time, utcnow
from chalicelib.store.base import record_of, table_meta
from chalicelib.store.paging import Page, decode_cursor, encode_cursor, key_shape
from chalicelib.store.transact import Cancelled, Contended, backoff, transact

KINDS = ("credit", "debit", "refund")
MAX_ATTEMPTS = 50


class AgentIndex(GlobalSecondaryIndex["AccountModel"]):
    class Meta:
        index_name = "agent_index"
        projection = IncludeProjection(["provider", "endpoint", "secret_id", "secret_version"])

    agent_id = UnicodeAttribute(hash_key=True)


class TokenIndex(GlobalSecondaryIndex["AccountModel"]):
    class Meta:
        index_name = "webhook_token_index"
        projection = KeysOnlyProjection()

    webhook_token_hash = UnicodeAttribute(hash_key=True)


class AccountModel(Model):
    Meta = table_meta("accounts")

    account_id = UnicodeAttribute(hash_key=True)
    balance = NumberAttribute(null=True)
    created_at = UnicodeAttribute(null=True)
    provider = UnicodeAttribute(null=True)
    agent_id = UnicodeAttribute(null=True)
    endpoint = UnicodeAttribute(null=True)
    secret_id = UnicodeAttribute(null=True)
    secret_version = UnicodeAttribute(null=True)
    credentials_updated_at = UnicodeAttribute(null=True)
    webhook_token_hash = UnicodeAttribute(null=True)
    verified_brands = UnicodeSetAttribute(null=True)  # brand registry ids an admin verified the account as
    default_send_window = JSONAttribute(null=True)  # {"start": "HH:MM", "end": "HH:MM"}: new broadcasts' window
    send_rate_per_second = NumberAttribute(null=True)  # the account's send limit (admin); unset: the setting's

    agent_index = AgentIndex()
    webhook_token_index = TokenIndex()


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


@dataclass(frozen=True)
class CredentialsRef:
    account_id: str
    provider: str
    agent_id: str
    endpoint: str
    secret_id: str
    secret_version: str
    updated_at: str
    webhook_token_hash: str = ""


def _seq() -> str:
    return f"{int(time.time() * 1000):013d}-{os.urandom(4).hex()}"


def _entry(item: LedgerModel) -> LedgerEntry:
    return record_of(item, LedgerEntry, entry_id=item.seq,
                     count=int(item.units) if item.units is not None else None)


def _account(account_id: str) -> AccountModel | None:
    try:
        return AccountModel.get(account_id, consistent_read=True)
    except DoesNotExist:
        return None


def get_verified_brands(account_id: str) -> frozenset[str]:
    account = _account(account_id)
    return frozenset(account.verified_brands or ()) if account is not None else frozenset()


def set_verified_brands(account_id: str, brands: frozenset[str]) -> None:
    """Replace the account's verified brands (an account that does not exist yet is created)."""
    action = AccountModel.verified_brands.set(set(brands)) if brands else AccountModel.verified_brands.remove()
    AccountModel(account_id).update(actions=[action])


def get_default_send_window(account_id: str) -> dict[str, str] | None:
    account = _account(account_id)
    window = account.default_send_window if account is not None else None
    return dict(window) if window else None


def set_default_send_window(account_id: str, window: dict[str, str] | None) -> None:
    """Set (or with None remove) the account's default send window (an account not seen yet is created)."""
    action = (AccountModel.default_send_window.set(window) if window
              else AccountModel.default_send_window.remove())
    AccountModel(account_id).update(actions=[action])


def get_send_rate(account_id: str) -> int | None:
    account = _account(account_id)
    rate = account.send_rate_per_second if account is not None else None
    return int(rate) if rate is not None else None


def set_send_rate(account_id: str, rate: int | None) -> None:
    """Set (or with None remove) the account's own send limit (an account not seen yet is created)."""
    action = (AccountModel.send_rate_per_second.set(rate) if rate is not None
              else AccountModel.send_rate_per_second.remove())
    AccountModel(account_id).update(actions=[action])


def get_balance(account_id: str) -> int:
    account = _account(account_id)
    return int(account.balance) if account is not None and account.balance is not None else 0


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
        account = _account(account_id)
        before = int(account.balance) if account is not None and account.balance is not None else None
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


def ledger_page(account_id: str, limit: int, cursor: str | None) -> Page[LedgerEntry]:
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


# --- the credentials reference ---------------------------------------------------------------


def _ref(item: AccountModel) -> CredentialsRef | None:
    if not item.provider or not item.secret_id:
        return None
    return CredentialsRef(
        account_id=item.account_id, provider=item.provider, agent_id=item.agent_id or "",
        endpoint=item.endpoint or "", secret_id=item.secret_id, secret_version=item.secret_version or "",
        updated_at=item.credentials_updated_at or "", webhook_token_hash=item.webhook_token_hash or "",
    )


def get_credentials_ref(account_id: str) -> CredentialsRef | None:
    account = _account(account_id)
    return _ref(account) if account is not None else None


def set_credentials_ref(ref: CredentialsRef) -> None:
    AccountModel(ref.account_id).update(actions=[
        AccountModel.provider.set(ref.provider),
        AccountModel.agent_id.set(ref.agent_id),
        AccountModel.endpoint.set(ref.endpoint),
        AccountModel.secret_id.set(ref.secret_id),
        AccountModel.secret_version.set(ref.secret_version),
        AccountModel.credentials_updated_at.set(ref.updated_at),
        AccountModel.webhook_token_hash.set(ref.webhook_token_hash),
        AccountModel.created_at.set(AccountModel.created_at | ref.updated_at),
    ])


def clear_credentials_ref(account_id: str, secret_id: str) -> bool:
    """Forget the reference if it is still `secret_id`; whether it was."""
    try:
        AccountModel(account_id).update(actions=[
            AccountModel.provider.remove(), AccountModel.agent_id.remove(), AccountModel.endpoint.remove(),
            AccountModel.secret_id.remove(), AccountModel.secret_version.remove(),
            AccountModel.credentials_updated_at.remove(), AccountModel.webhook_token_hash.remove(),
        ], condition=AccountModel.secret_id == secret_id)
        return True
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise


def accounts_of_agent(agent_id: str) -> list[str]:
    """The accounts whose credentials name `agent_id` (through the index; at most two read)."""
    return [item.account_id for item in AccountModel.agent_index.query(agent_id, limit=2)]


def token_hash_known(token_hash: str) -> bool:
    return any(True for _ in AccountModel.webhook_token_index.query(token_hash, limit=1))


# ---------------------------------------------------------------- agent claims


class AgentClaimModel(Model):
    """An item of the accounts table keyed `agent#<agent_id>` (never an account: `#` is not in any
    account id a token may name): which account holds a provider agent. The claim is taken with a
    conditional put, so of two accounts configuring one agent at once exactly one gets it; the
    agent index cannot promise that (two items may carry the same agent_id)."""

    Meta = table_meta("accounts")

    account_id = UnicodeAttribute(hash_key=True)
    owner = UnicodeAttribute()
    claimed_at = UnicodeAttribute()


def _claim_key(agent_id: str) -> str:
    return f"agent#{agent_id}"


def claim_agent(agent_id: str, account_id: str) -> bool:
    """Hold `agent_id` for `account_id`; False when another account holds it."""
    claim = AgentClaimModel(_claim_key(agent_id), owner=account_id, claimed_at=format_time(utcnow()))
    try:
        claim.save(condition=AgentClaimModel.owner.does_not_exist() | (AgentClaimModel.owner == account_id))
        return True
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise


def release_agent(agent_id: str, account_id: str) -> None:
    """Let `agent_id` go, if `account_id` holds it."""
    try:
        AgentClaimModel(_claim_key(agent_id)).delete(condition=AgentClaimModel.owner == account_id)
    except DeleteError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
