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
    from ..models.broadcast import Broadcast


T = TypeVar("T", bound="ListBroadcastsResponse200")


@_attrs_define
class ListBroadcastsResponse200:
    """
    Attributes:
        success (Literal[True]):
        broadcasts (list[Broadcast]):
        next_cursor (str): "" on the last page.
    """

    success: Literal[True]
    broadcasts: list[Broadcast]
    next_cursor: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        broadcasts = []
        for broadcasts_item_data in self.broadcasts:
            broadcasts_item = broadcasts_item_data.to_dict()
            broadcasts.append(broadcasts_item)

        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "broadcasts": broadcasts,
                "next_cursor": next_cursor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.broadcast import Broadcast

        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        broadcasts = []
        _broadcasts = d.pop("broadcasts")
        for broadcasts_item_data in _broadcasts:
            broadcasts_item = Broadcast.from_dict(broadcasts_item_data)

            broadcasts.append(broadcasts_item)

        next_cursor = d.pop("next_cursor")

        list_broadcasts_response_200 = cls(
            success=success,
            broadcasts=broadcasts,
            next_cursor=next_cursor,
        )

        return list_broadcasts_response_200
