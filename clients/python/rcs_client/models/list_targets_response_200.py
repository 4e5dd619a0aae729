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
    from ..models.target import Target


T = TypeVar("T", bound="ListTargetsResponse200")


@_attrs_define
class ListTargetsResponse200:
    """
    Attributes:
        success (Literal[True]):
        targets (list[Target]):
        next_cursor (str): "" on the last page.
    """

    success: Literal[True]
    targets: list[Target]
    next_cursor: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        targets = []
        for targets_item_data in self.targets:
            targets_item = targets_item_data.to_dict()
            targets.append(targets_item)

        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "targets": targets,
                "next_cursor": next_cursor,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.target import Target

        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        targets = []
        _targets = d.pop("targets")
        for targets_item_data in _targets:
            targets_item = Target.from_dict(targets_item_data)

            targets.append(targets_item)

        next_cursor = d.pop("next_cursor")

        list_targets_response_200 = cls(
            success=success,
            targets=targets,
            next_cursor=next_cursor,
        )

        return list_targets_response_200
