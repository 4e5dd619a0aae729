from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

T = TypeVar("T", bound="GetBalanceResponse200")


@_attrs_define
class GetBalanceResponse200:
    """
    Attributes:
        success (Literal[True]):
        balance (int): Integer minor units (paise for INR).
        currency (str):
    """

    success: Literal[True]
    balance: int
    currency: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        balance = self.balance

        currency = self.currency

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "balance": balance,
                "currency": currency,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        balance = d.pop("balance")

        currency = d.pop("currency")

        get_balance_response_200 = cls(
            success=success,
            balance=balance,
            currency=currency,
        )

        return get_balance_response_200
