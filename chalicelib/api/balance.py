"""The balance, its ledger, and the admin credit (extensions.md, "Provider credentials and balance")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from chalice.app import Blueprint
from pydantic import BaseModel, ConfigDict, Field, StrictInt, StrictStr

from chalicelib import errors
from chalicelib.api.routing import ApiRequest, api_route
from chalicelib.lazy import lazy_module
from chalicelib.services import limits

if TYPE_CHECKING:
    from chalicelib.services import balance as service
    from chalicelib.services.balance import LedgerEntry
else:
    service = lazy_module("chalicelib.services.balance")

balance = Blueprint(__name__)

DEFAULT_LIMIT, MAX_LIMIT = 50, 200
_ACCOUNT_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$")


class CreditInput(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    amount: StrictInt = Field(gt=0, le=limits.MAX_CREDIT_AMOUNT)
    reference: StrictStr = Field(min_length=1, max_length=limits.MAX_LEDGER_REFERENCE_LENGTH,
                                 pattern=r"^[^\x00-\x1f\x7f]+$")


def entry_row(entry: LedgerEntry) -> dict[str, Any]:
    row: dict[str, Any] = {
        "entry_id": entry.entry_id,
        "kind": entry.kind,
        "amount": entry.amount,
        "currency": entry.currency,
        "reference": entry.reference,
        "created_at": entry.created_at,
    }
    if entry.count is not None:
        row["count"] = entry.count
    if entry.unit_price is not None:
        row["unit_price"] = entry.unit_price
    if entry.balance_after is not None:
        row["balance_after"] = entry.balance_after
    return row


@api_route(balance, "/balance", methods=["GET"])
def get_balance(request: ApiRequest) -> dict[str, Any]:
    return {"balance": service.get_balance(request.account_id), "currency": service.currency()}


@api_route(balance, "/ledger", methods=["GET"])
def get_ledger(request: ApiRequest) -> dict[str, Any]:
    limit = request.query_int("limit", default=DEFAULT_LIMIT, low=1, high=MAX_LIMIT)
    page = service.ledger(request.account_id, limit, request.query("cursor"))
    return {"entries": [entry_row(entry) for entry in page.items], "next_cursor": page.next_cursor}


def path_account_id(account_id: str) -> str:
    """An account id taken from an admin path (percent-decoded: `acme%2Bin` is `acme+in`, as the
    gateway may hand it on either way), or a 400 naming it."""
    decoded = unquote(account_id)
    if not _ACCOUNT_ID.match(decoded):
        raise errors.InvalidInput("account_id", "account_id is not an account id")
    return decoded


@api_route(balance, "/admin/accounts/{account_id}/credit", methods=["POST"], access="admin")
def credit_account(request: ApiRequest, account_id: str) -> dict[str, Any]:
    account_id = path_account_id(account_id)
    body = request.parse(CreditInput)
    result = service.credit(account_id, body.reference, body.amount)
    return {"account_id": account_id, "balance": result.entry.balance_after, "currency": result.entry.currency,
            "credit": entry_row(result.entry)}
