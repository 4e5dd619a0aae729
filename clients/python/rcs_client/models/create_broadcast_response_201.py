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

from ..models.broadcast_status import BroadcastStatus

T = TypeVar("T", bound="CreateBroadcastResponse201")


@_attrs_define
class CreateBroadcastResponse201:
    """
    Attributes:
        success (Literal[True]):
        broadcast_id (str): Opaque.
        total_count (int):
        status (BroadcastStatus):
        template_name (str):
        list_name (str):
    """

    success: Literal[True]
    broadcast_id: str
    total_count: int
    status: BroadcastStatus
    template_name: str
    list_name: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        broadcast_id = self.broadcast_id

        total_count = self.total_count

        status = self.status.value

        template_name = self.template_name

        list_name = self.list_name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "broadcast_id": broadcast_id,
                "total_count": total_count,
                "status": status,
                "template_name": template_name,
                "list_name": list_name,
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

        total_count = d.pop("total_count")

        status = BroadcastStatus(d.pop("status"))

        template_name = d.pop("template_name")

        list_name = d.pop("list_name")

        create_broadcast_response_201 = cls(
            success=success,
            broadcast_id=broadcast_id,
            total_count=total_count,
            status=status,
            template_name=template_name,
            list_name=list_name,
        )

        return create_broadcast_response_201
