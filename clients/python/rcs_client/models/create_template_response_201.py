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

from ..models.review_status import ReviewStatus

T = TypeVar("T", bound="CreateTemplateResponse201")


@_attrs_define
class CreateTemplateResponse201:
    """
    Attributes:
        success (Literal[True]):
        template_id (str): Opaque.
        ai_review_status (ReviewStatus):
        message (str):
    """

    success: Literal[True]
    template_id: str
    ai_review_status: ReviewStatus
    message: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        template_id = self.template_id

        ai_review_status = self.ai_review_status.value

        message = self.message

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "template_id": template_id,
                "ai_review_status": ai_review_status,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        template_id = d.pop("template_id")

        ai_review_status = ReviewStatus(d.pop("ai_review_status"))

        message = d.pop("message")

        create_template_response_201 = cls(
            success=success,
            template_id=template_id,
            ai_review_status=ai_review_status,
            message=message,
        )

        return create_template_response_201
