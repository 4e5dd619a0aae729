from __future__ import annotations

import datetime
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

T = TypeVar("T", bound="CalendarSuggestion")


@_attrs_define
class CalendarSuggestion:
    """
    Attributes:
        type_ (Literal['calendar']):
        text (str):
        title (str):
        start_time (datetime.datetime):
        end_time (datetime.datetime): After start_time.
        postback_data (None | str | Unset):
        fallback_url (None | str | Unset):
        description (str | Unset):
    """

    type_: Literal["calendar"]
    text: str
    title: str
    start_time: datetime.datetime
    end_time: datetime.datetime
    postback_data: None | str | Unset = UNSET
    fallback_url: None | str | Unset = UNSET
    description: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        text = self.text

        title = self.title

        start_time = self.start_time.isoformat()

        end_time = self.end_time.isoformat()

        postback_data: None | str | Unset
        if isinstance(self.postback_data, Unset):
            postback_data = UNSET
        else:
            postback_data = self.postback_data

        fallback_url: None | str | Unset
        if isinstance(self.fallback_url, Unset):
            fallback_url = UNSET
        else:
            fallback_url = self.fallback_url

        description = self.description

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "text": text,
                "title": title,
                "start_time": start_time,
                "end_time": end_time,
            }
        )
        if postback_data is not UNSET:
            field_dict["postback_data"] = postback_data
        if fallback_url is not UNSET:
            field_dict["fallback_url"] = fallback_url
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["calendar"], d.pop("type"))
        if type_ != "calendar":
            raise ValueError(f"type must match const 'calendar', got '{type_}'")

        text = d.pop("text")

        title = d.pop("title")

        start_time = datetime.datetime.fromisoformat(d.pop("start_time"))

        end_time = datetime.datetime.fromisoformat(d.pop("end_time"))

        def _parse_postback_data(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        postback_data = _parse_postback_data(d.pop("postback_data", UNSET))

        def _parse_fallback_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        fallback_url = _parse_fallback_url(d.pop("fallback_url", UNSET))

        description = d.pop("description", UNSET)

        calendar_suggestion = cls(
            type_=type_,
            text=text,
            title=title,
            start_time=start_time,
            end_time=end_time,
            postback_data=postback_data,
            fallback_url=fallback_url,
            description=description,
        )

        return calendar_suggestion
