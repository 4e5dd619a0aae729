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

T = TypeVar("T", bound="Rejection")


@_attrs_define
class Rejection:
    """
    Attributes:
        decision (Literal['rejected']):
        reason (str): Why (not blank).
    """

    decision: Literal["rejected"]
    reason: str

    def to_dict(self) -> dict[str, Any]:
        decision = self.decision

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "decision": decision,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        decision = cast(Literal["rejected"], d.pop("decision"))
        if decision != "rejected":
            raise ValueError(f"decision must match const 'rejected', got '{decision}'")

        reason = d.pop("reason")

        rejection = cls(
            decision=decision,
            reason=reason,
        )

        return rejection
