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
    from ..models.add_members_response_201_rejected_rows_item import (
        AddMembersResponse201RejectedRowsItem,
    )


T = TypeVar("T", bound="AddMembersResponse201")


@_attrs_define
class AddMembersResponse201:
    """
    Attributes:
        success (Literal[True]):
        added (int):
        updated (int):
        rejected (int):
        rejected_rows (list[AddMembersResponse201RejectedRowsItem]):
        member_count (int):
    """

    success: Literal[True]
    added: int
    updated: int
    rejected: int
    rejected_rows: list[AddMembersResponse201RejectedRowsItem]
    member_count: int

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        added = self.added

        updated = self.updated

        rejected = self.rejected

        rejected_rows = []
        for rejected_rows_item_data in self.rejected_rows:
            rejected_rows_item = rejected_rows_item_data.to_dict()
            rejected_rows.append(rejected_rows_item)

        member_count = self.member_count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "added": added,
                "updated": updated,
                "rejected": rejected,
                "rejected_rows": rejected_rows,
                "member_count": member_count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.add_members_response_201_rejected_rows_item import (
            AddMembersResponse201RejectedRowsItem,
        )

        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        added = d.pop("added")

        updated = d.pop("updated")

        rejected = d.pop("rejected")

        rejected_rows = []
        _rejected_rows = d.pop("rejected_rows")
        for rejected_rows_item_data in _rejected_rows:
            rejected_rows_item = AddMembersResponse201RejectedRowsItem.from_dict(rejected_rows_item_data)

            rejected_rows.append(rejected_rows_item)

        member_count = d.pop("member_count")

        add_members_response_201 = cls(
            success=success,
            added=added,
            updated=updated,
            rejected=rejected,
            rejected_rows=rejected_rows,
            member_count=member_count,
        )

        return add_members_response_201
