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

T = TypeVar("T", bound="CancelBroadcastResponse200")


@_attrs_define
class CancelBroadcastResponse200:
    """
    Attributes:
        success (Literal[True]):
        status (Literal['cancelled']):
    """

    success: Literal[True]
    status: Literal["cancelled"]

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

        status = cast(Literal["cancelled"], d.pop("status"))
        if status != "cancelled":
            raise ValueError(f"status must match const 'cancelled', got '{status}'")

        cancel_broadcast_response_200 = cls(
            success=success,
            status=status,
        )

        return cancel_broadcast_response_200
