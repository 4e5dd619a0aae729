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
    from ..models.list_members_response_200_members_item import (
        ListMembersResponse200MembersItem,
    )


T = TypeVar("T", bound="ListMembersResponse200")


@_attrs_define
class ListMembersResponse200:
    """
    Attributes:
        success (Literal[True]):
        members (list[ListMembersResponse200MembersItem]):
        next_cursor (str): "" on the last page.
    """

    success: Literal[True]
    members: list[ListMembersResponse200MembersItem]
    next_cursor: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "members": members,
                "next_cursor": next_cursor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.list_members_response_200_members_item import (
            ListMembersResponse200MembersItem,
        )

        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = ListMembersResponse200MembersItem.from_dict(members_item_data)

            members.append(members_item)

        next_cursor = d.pop("next_cursor")

        list_members_response_200 = cls(
            success=success,
            members=members,
            next_cursor=next_cursor,
        )

        return list_members_response_200
