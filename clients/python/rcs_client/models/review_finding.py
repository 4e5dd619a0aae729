from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.review_finding_severity import ReviewFindingSeverity
from ..types import UNSET, Unset

T = TypeVar("T", bound="ReviewFinding")


@_attrs_define
class ReviewFinding:
    """
    Attributes:
        code (str):
        severity (ReviewFindingSeverity):
        message (str):
        hint (str):
        field (str | Unset): the path of the field that shows it, e.g. components.cards.2.description
    """

    code: str
    severity: ReviewFindingSeverity
    message: str
    hint: str
    field: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        severity = self.severity.value

        message = self.message

        hint = self.hint

        field = self.field

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "code": code,
                "severity": severity,
                "message": message,
                "hint": hint,
            }
        )
        if field is not UNSET:
            field_dict["field"] = field

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        code = d.pop("code")

        severity = ReviewFindingSeverity(d.pop("severity"))

        message = d.pop("message")

        hint = d.pop("hint")

        field = d.pop("field", UNSET)

        review_finding = cls(
            code=code,
            severity=severity,
            message=message,
            hint=hint,
            field=field,
        )

        return review_finding
