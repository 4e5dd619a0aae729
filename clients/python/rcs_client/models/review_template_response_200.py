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
    from ..models.admin_template import AdminTemplate


T = TypeVar("T", bound="ReviewTemplateResponse200")


@_attrs_define
class ReviewTemplateResponse200:
    """
    Attributes:
        success (Literal[True]):
        template (AdminTemplate):
    """

    success: Literal[True]
    template: AdminTemplate

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        template = self.template.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "template": template,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.admin_template import AdminTemplate

        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        template = AdminTemplate.from_dict(d.pop("template"))

        review_template_response_200 = cls(
            success=success,
            template=template,
        )

        return review_template_response_200
