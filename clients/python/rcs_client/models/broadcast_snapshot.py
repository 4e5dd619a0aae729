from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.broadcast_snapshot_status import BroadcastSnapshotStatus

T = TypeVar("T", bound="BroadcastSnapshot")


@_attrs_define
class BroadcastSnapshot:
    """
    Attributes:
        status (BroadcastSnapshotStatus):
        copied (int):
    """

    status: BroadcastSnapshotStatus
    copied: int

    def to_dict(self) -> dict[str, Any]:
        status = self.status.value

        copied = self.copied

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "status": status,
                "copied": copied,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        status = BroadcastSnapshotStatus(d.pop("status"))

        copied = d.pop("copied")

        broadcast_snapshot = cls(
            status=status,
            copied=copied,
        )

        return broadcast_snapshot
