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
    from ..models.broadcast import Broadcast


T = TypeVar("T", bound="GetBroadcastResponse200")


@_attrs_define
class GetBroadcastResponse200:
    """
    Attributes:
        success (Literal[True]):
        broadcast (Broadcast):
    """

    success: Literal[True]
    broadcast: Broadcast

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        broadcast = self.broadcast.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "broadcast": broadcast,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.broadcast import Broadcast

        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        broadcast = Broadcast.from_dict(d.pop("broadcast"))

        get_broadcast_response_200 = cls(
            success=success,
            broadcast=broadcast,
        )

        return get_broadcast_response_200
