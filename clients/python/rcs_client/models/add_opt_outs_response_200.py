from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

T = TypeVar("T", bound="AddOptOutsResponse200")


@_attrs_define
class AddOptOutsResponse200:
    """
    Attributes:
        success (Literal[True]):
        added (int):
    """

    success: Literal[True]
    added: int

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        added = self.added

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "added": added,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        added = d.pop("added")

        add_opt_outs_response_200 = cls(
            success=success,
            added=added,
        )

        return add_opt_outs_response_200
