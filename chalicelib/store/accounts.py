"""Accounts: the account's item (its settings and the reference to its provider credentials). The
balance on the item moves only with the ledger (`chalicelib/store/ledger.py`); which account holds a
provider agent is `chalicelib/store/agent_claims.py`'s.

Keys:
- accounts: (account_id). An account item appears with its first credit, reservation, refund or
  credentials; a missing item is an account with zero balance and no credentials.
  `agent_index` (agent_id) finds the account of a provider agent (the receipts webhook); only
  accounts with credentials carry `agent_id`, so the index is sparse, and it projects only the
  credential reference, so balance changes never write to it.
  `webhook_token_index` (webhook_token_hash: SHA-256 of the account's webhook client token) answers
  Google's webhook set-up, which names a token and no agent.
"""

from __future__ import annotations

from dataclasses import dataclass

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute, UnicodeSetAttribute
from pynamodb.exceptions import DoesNotExist, UpdateError
from pynamodb.indexes import (
    GlobalSecondaryIndex,
    IncludeProjection,
    KeysOnlyProjection,
)
from pynamodb.models import Model

from chalicelib.store.base import table_meta


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


