from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.ledger_entry_kind import LedgerEntryKind
from ..types import UNSET, Unset

T = TypeVar("T", bound="LedgerEntry")


@_attrs_define
class LedgerEntry:
    """
    Attributes:
        entry_id (str):
        kind (LedgerEntryKind):
        amount (int): Signed minor units (a debit is negative).
        currency (str):
        reference (str):
        created_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
        count (int | Unset): Messages a debit or refund is for.
        unit_price (int | Unset):
        balance_after (int | Unset): Integer minor units (paise for INR).
    """

    entry_id: str
    kind: LedgerEntryKind
    amount: int
    currency: str
    reference: str
    created_at: str
    count: int | Unset = UNSET
    unit_price: int | Unset = UNSET
    balance_after: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        entry_id = self.entry_id

        kind = self.kind.value

        amount = self.amount

        currency = self.currency

        reference = self.reference

        created_at = self.created_at

        count = self.count

        unit_price = self.unit_price

        balance_after = self.balance_after

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "entry_id": entry_id,
                "kind": kind,
                "amount": amount,
                "currency": currency,
                "reference": reference,
                "created_at": created_at,
            }
        )
        if count is not UNSET:
            field_dict["count"] = count
        if unit_price is not UNSET:
            field_dict["unit_price"] = unit_price
        if balance_after is not UNSET:
            field_dict["balance_after"] = balance_after

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        entry_id = d.pop("entry_id")

        kind = LedgerEntryKind(d.pop("kind"))

        amount = d.pop("amount")

        currency = d.pop("currency")

        reference = d.pop("reference")

        created_at = d.pop("created_at")

        count = d.pop("count", UNSET)

        unit_price = d.pop("unit_price", UNSET)

        balance_after = d.pop("balance_after", UNSET)

        ledger_entry = cls(
            entry_id=entry_id,
            kind=kind,
            amount=amount,
            currency=currency,
            reference=reference,
            created_at=created_at,
            count=count,
            unit_price=unit_price,
            balance_after=balance_after,
        )

        return ledger_entry
