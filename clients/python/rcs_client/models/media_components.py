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

T = TypeVar("T", bound="MediaComponents")


@_attrs_define
class MediaComponents:
    """
    Attributes:
        type_ (Literal['media']):
        url (str): An http(s) URL with a host, or one starting with a placeholder; no spaces.
        thumbnail_url (None | str | Unset):
    """

    type_: Literal["media"]
    url: str
    thumbnail_url: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        url = self.url

        thumbnail_url: None | str | Unset
        if isinstance(self.thumbnail_url, Unset):
            thumbnail_url = UNSET
        else:
            thumbnail_url = self.thumbnail_url

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "url": url,
            }
        )
        if thumbnail_url is not UNSET:
            field_dict["thumbnail_url"] = thumbnail_url

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["media"], d.pop("type"))
        if type_ != "media":
            raise ValueError(f"type must match const 'media', got '{type_}'")

        url = d.pop("url")

        def _parse_thumbnail_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        thumbnail_url = _parse_thumbnail_url(d.pop("thumbnail_url", UNSET))

        media_components = cls(
            type_=type_,
            url=url,
            thumbnail_url=thumbnail_url,
        )

        return media_components
