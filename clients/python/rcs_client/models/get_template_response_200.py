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
    from ..models.template import Template


T = TypeVar("T", bound="GetTemplateResponse200")


@_attrs_define
class GetTemplateResponse200:
    """
    Attributes:
        success (Literal[True]):
        template (Template):
    """

    success: Literal[True]
    template: Template

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
        from ..models.template import Template

        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        template = Template.from_dict(d.pop("template"))

        get_template_response_200 = cls(
            success=success,
            template=template,
        )

        return get_template_response_200
