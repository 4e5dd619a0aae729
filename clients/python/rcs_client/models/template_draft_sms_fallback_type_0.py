from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="TemplateDraftSmsFallbackType0")


@_attrs_define
class TemplateDraftSmsFallbackType0:
    """
    Attributes:
        text (Any | str): The SMS sent where RCS cannot deliver (broadcasts with fallback sms). Only the template's own
            placeholders (else 400 naming sms_fallback.text); "" means none.
    """

    text: Any | str

    def to_dict(self) -> dict[str, Any]:
        text: Any | str
        text = self.text

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "text": text,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_text(data: object) -> Any | str:
            return cast(Any | str, data)

        text = _parse_text(d.pop("text"))

        template_draft_sms_fallback_type_0 = cls(
            text=text,
        )

        return template_draft_sms_fallback_type_0
