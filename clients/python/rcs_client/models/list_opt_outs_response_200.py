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
    from ..models.list_opt_outs_response_200_optouts_item import (
        ListOptOutsResponse200OptoutsItem,
    )


T = TypeVar("T", bound="ListOptOutsResponse200")


@_attrs_define
class ListOptOutsResponse200:
    """
    Attributes:
        success (Literal[True]):
        optouts (list[ListOptOutsResponse200OptoutsItem]):
        next_cursor (str): "" on the last page.
    """

    success: Literal[True]
    optouts: list[ListOptOutsResponse200OptoutsItem]
    next_cursor: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        optouts = []
        for optouts_item_data in self.optouts:
            optouts_item = optouts_item_data.to_dict()
            optouts.append(optouts_item)

        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "optouts": optouts,
                "next_cursor": next_cursor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.list_opt_outs_response_200_optouts_item import (
            ListOptOutsResponse200OptoutsItem,
        )

        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        optouts = []
        _optouts = d.pop("optouts")
        for optouts_item_data in _optouts:
            optouts_item = ListOptOutsResponse200OptoutsItem.from_dict(optouts_item_data)

            optouts.append(optouts_item)

        next_cursor = d.pop("next_cursor")

        list_opt_outs_response_200 = cls(
            success=success,
            optouts=optouts,
            next_cursor=next_cursor,
        )

        return list_opt_outs_response_200
