from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="CreditAccountBody")


@_attrs_define
class CreditAccountBody:
    """
    Attributes:
        amount (int):
        reference (str):
    """

    amount: int
    reference: str

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        reference = self.reference

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "amount": amount,
                "reference": reference,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        amount = d.pop("amount")

        reference = d.pop("reference")

        credit_account_body = cls(
            amount=amount,
            reference=reference,
        )

        return credit_account_body
