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

T = TypeVar("T", bound="ReplySuggestion")


@_attrs_define
class ReplySuggestion:
    """
    Attributes:
        type_ (Literal['reply']):
        text (str):
        postback_data (None | str | Unset):
    """

    type_: Literal["reply"]
    text: str
    postback_data: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        text = self.text

        postback_data: None | str | Unset
        if isinstance(self.postback_data, Unset):
            postback_data = UNSET
        else:
            postback_data = self.postback_data

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "text": text,
            }
        )
        if postback_data is not UNSET:
            field_dict["postback_data"] = postback_data

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["reply"], d.pop("type"))
        if type_ != "reply":
            raise ValueError(f"type must match const 'reply', got '{type_}'")

        text = d.pop("text")

        def _parse_postback_data(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        postback_data = _parse_postback_data(d.pop("postback_data", UNSET))

        reply_suggestion = cls(
            type_=type_,
            text=text,
            postback_data=postback_data,
        )

        return reply_suggestion
