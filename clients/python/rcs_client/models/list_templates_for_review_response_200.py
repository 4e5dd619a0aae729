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


T = TypeVar("T", bound="ListTemplatesForReviewResponse200")


@_attrs_define
class ListTemplatesForReviewResponse200:
    """
    Attributes:
        success (Literal[True]):
        templates (list[AdminTemplate]):
        next_cursor (str): "" on the last page.
    """

    success: Literal[True]
    templates: list[AdminTemplate]
    next_cursor: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        templates = []
        for templates_item_data in self.templates:
            templates_item = templates_item_data.to_dict()
            templates.append(templates_item)

        next_cursor = self.next_cursor

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "templates": templates,
                "next_cursor": next_cursor,
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

        templates = []
        _templates = d.pop("templates")
        for templates_item_data in _templates:
            templates_item = AdminTemplate.from_dict(templates_item_data)

            templates.append(templates_item)

        next_cursor = d.pop("next_cursor")

        list_templates_for_review_response_200 = cls(
            success=success,
            templates=templates,
            next_cursor=next_cursor,
        )

        return list_templates_for_review_response_200
