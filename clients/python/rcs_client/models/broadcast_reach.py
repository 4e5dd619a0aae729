from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="BroadcastReach")


@_attrs_define
class BroadcastReach:
    """The background reach check's count so far (filled after create, so a draft shows its reach before it is started;
    zeros when check_reach is false).

        Attributes:
            checked (int):
            reachable (int):
    """

    checked: int
    reachable: int

    def to_dict(self) -> dict[str, Any]:
        checked = self.checked

        reachable = self.reachable

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "checked": checked,
                "reachable": reachable,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        checked = d.pop("checked")

        reachable = d.pop("reachable")

        broadcast_reach = cls(
            checked=checked,
            reachable=reachable,
        )

        return broadcast_reach
