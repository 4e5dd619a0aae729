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

from ..types import UNSET, Unset

T = TypeVar("T", bound="Approval")


@_attrs_define
class Approval:
    """
    Attributes:
        decision (Literal['approved']):
        reason (str | Unset):
    """

    decision: Literal["approved"]
    reason: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decision": decision,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        decision = cast(Literal["approved"], d.pop("decision"))
        if decision != "approved":
            raise ValueError(f"decision must match const 'approved', got '{decision}'")

        reason = d.pop("reason", UNSET)

        approval = cls(
            decision=decision,
            reason=reason,
        )

        return approval
