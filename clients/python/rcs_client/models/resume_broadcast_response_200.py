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

T = TypeVar("T", bound="ResumeBroadcastResponse200")


@_attrs_define
class ResumeBroadcastResponse200:
    """
    Attributes:
        success (Literal[True]):
        status (Literal['running']):
    """

    success: Literal[True]
    status: Literal["running"]

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        status = self.status

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        status = cast(Literal["running"], d.pop("status"))
        if status != "running":
            raise ValueError(f"status must match const 'running', got '{status}'")

        resume_broadcast_response_200 = cls(
            success=success,
            status=status,
        )

        return resume_broadcast_response_200
