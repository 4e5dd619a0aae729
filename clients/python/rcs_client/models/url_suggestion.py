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

T = TypeVar("T", bound="UrlSuggestion")


@_attrs_define
class UrlSuggestion:
    """
    Attributes:
        type_ (Literal['url']):
        text (str):
        url (str): An http(s) URL with a host, or one starting with a placeholder; no spaces.
        postback_data (None | str | Unset):
        fallback_url (None | str | Unset):
    """

    type_: Literal["url"]
    text: str
    url: str
    postback_data: None | str | Unset = UNSET
    fallback_url: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        text = self.text

        url = self.url

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

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "text": text,
                "url": url,
            }
        )
        if postback_data is not UNSET:
            field_dict["postback_data"] = postback_data
        if fallback_url is not UNSET:
            field_dict["fallback_url"] = fallback_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["url"], d.pop("type"))
        if type_ != "url":
            raise ValueError(f"type must match const 'url', got '{type_}'")

        text = d.pop("text")

        url = d.pop("url")

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

        url_suggestion = cls(
            type_=type_,
            text=text,
            url=url,
            postback_data=postback_data,
            fallback_url=fallback_url,
        )

        return url_suggestion
