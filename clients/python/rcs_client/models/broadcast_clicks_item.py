from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="BroadcastClicksItem")


@_attrs_define
class BroadcastClicksItem:
    """
    Attributes:
        postback_data (str):
        text (str): The suggestion's label as the user saw it.
        count (int):
    """

    postback_data: str
    text: str
    count: int

    def to_dict(self) -> dict[str, Any]:
        postback_data = self.postback_data

        text = self.text

        count = self.count

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "postback_data": postback_data,
                "text": text,
                "count": count,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        postback_data = d.pop("postback_data")

        text = d.pop("text")

        count = d.pop("count")

        broadcast_clicks_item = cls(
            postback_data=postback_data,
            text=text,
            count=count,
        )

        return broadcast_clicks_item
