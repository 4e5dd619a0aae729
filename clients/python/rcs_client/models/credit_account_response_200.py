from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.ledger_entry import LedgerEntry


T = TypeVar("T", bound="CreditAccountResponse200")


@_attrs_define
class CreditAccountResponse200:
    """
    Attributes:
        success (Literal[True]):
        account_id (str):
        balance (int): Integer minor units (paise for INR).
        currency (str):
        credit (LedgerEntry):
    """

    success: Literal[True]
    account_id: str
    balance: int
    currency: str
    credit: LedgerEntry

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        account_id = self.account_id

        balance = self.balance

        currency = self.currency

        credit = self.credit.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "account_id": account_id,
                "balance": balance,
                "currency": currency,
                "credit": credit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.ledger_entry import LedgerEntry

        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        account_id = d.pop("account_id")

        balance = d.pop("balance")

        currency = d.pop("currency")

        credit = LedgerEntry.from_dict(d.pop("credit"))

        credit_account_response_200 = cls(
            success=success,
            account_id=account_id,
            balance=balance,
            currency=currency,
            credit=credit,
        )

        return credit_account_response_200
