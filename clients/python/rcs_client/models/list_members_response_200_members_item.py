from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.variables import Variables


T = TypeVar("T", bound="ListMembersResponse200MembersItem")


@_attrs_define
class ListMembersResponse200MembersItem:
    """
    Attributes:
        phone (str):
        variables (Variables):
        added_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
    """

    phone: str
    variables: Variables
    added_at: str

    def to_dict(self) -> dict[str, Any]:
        phone = self.phone

        variables = self.variables.to_dict()

        added_at = self.added_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "phone": phone,
                "variables": variables,
                "added_at": added_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.variables import Variables

        d = dict(src_dict)
        phone = d.pop("phone")

        variables = Variables.from_dict(d.pop("variables"))

        added_at = d.pop("added_at")

        list_members_response_200_members_item = cls(
            phone=phone,
            variables=variables,
            added_at=added_at,
        )

        return list_members_response_200_members_item
