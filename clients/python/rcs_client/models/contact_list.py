from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="ContactList")


@_attrs_define
class ContactList:
    """
    Attributes:
        list_id (str): Opaque.
        name (str):
        member_count (int):
        created_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
    """

    list_id: str
    name: str
    member_count: int
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        list_id = self.list_id

        name = self.name

        member_count = self.member_count

        created_at = self.created_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "list_id": list_id,
                "name": name,
                "member_count": member_count,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        list_id = d.pop("list_id")

        name = d.pop("name")

        member_count = d.pop("member_count")

        created_at = d.pop("created_at")

        contact_list = cls(
            list_id=list_id,
            name=name,
            member_count=member_count,
            created_at=created_at,
        )

        return contact_list
