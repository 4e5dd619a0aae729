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

from ..models.start_broadcast_response_200_status import StartBroadcastResponse200Status

T = TypeVar("T", bound="StartBroadcastResponse200")


@_attrs_define
class StartBroadcastResponse200:
    """
    Attributes:
        success (Literal[True]):
        status (StartBroadcastResponse200Status):
    """

    success: Literal[True]
    status: StartBroadcastResponse200Status

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        status = self.status.value

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

        status = StartBroadcastResponse200Status(d.pop("status"))

        start_broadcast_response_200 = cls(
            success=success,
            status=status,
        )

        return start_broadcast_response_200
