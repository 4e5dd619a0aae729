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

T = TypeVar("T", bound="RetryBroadcastResponse201")


@_attrs_define
class RetryBroadcastResponse201:
    """
    Attributes:
        success (Literal[True]):
        broadcast_id (str): Opaque.
    """

    success: Literal[True]
    broadcast_id: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        broadcast_id = self.broadcast_id

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "broadcast_id": broadcast_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        broadcast_id = d.pop("broadcast_id")

        retry_broadcast_response_201 = cls(
            success=success,
            broadcast_id=broadcast_id,
        )

        return retry_broadcast_response_201
