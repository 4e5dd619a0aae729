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


T = TypeVar("T", bound="GetLedgerResponse200")


@_attrs_define
class GetLedgerResponse200:
    """
    Attributes:
        success (Literal[True]):
        entries (list[LedgerEntry]):
        next_cursor (str): "" on the last page.
    """

    success: Literal[True]
    entries: list[LedgerEntry]
    next_cursor: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        entries = []
        for entries_item_data in self.entries:
            entries_item = entries_item_data.to_dict()
            entries.append(entries_item)

        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "entries": entries,
                "next_cursor": next_cursor,
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

        entries = []
        _entries = d.pop("entries")
        for entries_item_data in _entries:
            entries_item = LedgerEntry.from_dict(entries_item_data)

            entries.append(entries_item)

        next_cursor = d.pop("next_cursor")

        get_ledger_response_200 = cls(
            success=success,
            entries=entries,
            next_cursor=next_cursor,
        )

        return get_ledger_response_200
