from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.card_media_type_0_height import CardMediaType0Height
from ..types import UNSET, Unset

T = TypeVar("T", bound="CardMediaType0")


@_attrs_define
class CardMediaType0:
    """
    Attributes:
        url (str): An http(s) URL with a host, or one starting with a placeholder; no spaces.
        thumbnail_url (None | str | Unset):
        height (CardMediaType0Height | Unset):
    """

    url: str
    thumbnail_url: None | str | Unset = UNSET
    height: CardMediaType0Height | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        url = self.url

        thumbnail_url: None | str | Unset
        if isinstance(self.thumbnail_url, Unset):
            thumbnail_url = UNSET
        else:
            thumbnail_url = self.thumbnail_url

        height: str | Unset = UNSET
        if not isinstance(self.height, Unset):
            height = self.height.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "url": url,
            }
        )
        if thumbnail_url is not UNSET:
            field_dict["thumbnail_url"] = thumbnail_url
        if height is not UNSET:
            field_dict["height"] = height

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        url = d.pop("url")

        def _parse_thumbnail_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        thumbnail_url = _parse_thumbnail_url(d.pop("thumbnail_url", UNSET))

        _height = d.pop("height", UNSET)
        height: CardMediaType0Height | Unset
        if isinstance(_height, Unset):
            height = UNSET
        else:
            height = CardMediaType0Height(_height)

        card_media_type_0 = cls(
            url=url,
            thumbnail_url=thumbnail_url,
            height=height,
        )

        return card_media_type_0
