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
    from ..models.contact_list import ContactList


T = TypeVar("T", bound="ListListsResponse200")


@_attrs_define
class ListListsResponse200:
    """
    Attributes:
        success (Literal[True]):
        lists (list[ContactList]):
        next_cursor (str): "" on the last page.
    """

    success: Literal[True]
    lists: list[ContactList]
    next_cursor: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        lists = []
        for lists_item_data in self.lists:
            lists_item = lists_item_data.to_dict()
            lists.append(lists_item)

        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "lists": lists,
                "next_cursor": next_cursor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact_list import ContactList

        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        lists = []
        _lists = d.pop("lists")
        for lists_item_data in _lists:
            lists_item = ContactList.from_dict(lists_item_data)

            lists.append(lists_item)

        next_cursor = d.pop("next_cursor")

        list_lists_response_200 = cls(
            success=success,
            lists=lists,
            next_cursor=next_cursor,
        )

        return list_lists_response_200
