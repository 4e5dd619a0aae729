from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="AddMembersResponse201RejectedRowsItem")


@_attrs_define
class AddMembersResponse201RejectedRowsItem:
    """
    Attributes:
        index (int): The row's position in `members`.
        phone (str):
        reason (str):
    """

    index: int
    phone: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        index = self.index

        phone = self.phone

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "index": index,
                "phone": phone,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        index = d.pop("index")

        phone = d.pop("phone")

        reason = d.pop("reason")

        add_members_response_201_rejected_rows_item = cls(
            index=index,
            phone=phone,
            reason=reason,
        )

        return add_members_response_201_rejected_rows_item
