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

T = TypeVar("T", bound="LocationSuggestion")


@_attrs_define
class LocationSuggestion:
    """Needs latitude and longitude, or a query.

    Attributes:
        type_ (Literal['location']):
        text (str):
        postback_data (None | str | Unset):
        fallback_url (None | str | Unset):
        latitude (float | None | Unset):
        longitude (float | None | Unset):
        query (None | str | Unset):
        label (None | str | Unset):
    """

    type_: Literal["location"]
    text: str
    postback_data: None | str | Unset = UNSET
    fallback_url: None | str | Unset = UNSET
    latitude: float | None | Unset = UNSET
    longitude: float | None | Unset = UNSET
    query: None | str | Unset = UNSET
    label: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        text = self.text

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

        latitude: float | None | Unset
        if isinstance(self.latitude, Unset):
            latitude = UNSET
        else:
            latitude = self.latitude

        longitude: float | None | Unset
        if isinstance(self.longitude, Unset):
            longitude = UNSET
        else:
            longitude = self.longitude

        query: None | str | Unset
        if isinstance(self.query, Unset):
            query = UNSET
        else:
            query = self.query

        label: None | str | Unset
        if isinstance(self.label, Unset):
            label = UNSET
        else:
            label = self.label

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "text": text,
            }
        )
        if postback_data is not UNSET:
            field_dict["postback_data"] = postback_data
        if fallback_url is not UNSET:
            field_dict["fallback_url"] = fallback_url
        if latitude is not UNSET:
            field_dict["latitude"] = latitude
        if longitude is not UNSET:
            field_dict["longitude"] = longitude
        if query is not UNSET:
            field_dict["query"] = query
        if label is not UNSET:
            field_dict["label"] = label

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["location"], d.pop("type"))
        if type_ != "location":
            raise ValueError(f"type must match const 'location', got '{type_}'")

        text = d.pop("text")

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

        def _parse_latitude(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        latitude = _parse_latitude(d.pop("latitude", UNSET))

        def _parse_longitude(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        longitude = _parse_longitude(d.pop("longitude", UNSET))

        def _parse_query(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        query = _parse_query(d.pop("query", UNSET))

        def _parse_label(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        label = _parse_label(d.pop("label", UNSET))

        location_suggestion = cls(
            type_=type_,
            text=text,
            postback_data=postback_data,
            fallback_url=fallback_url,
            latitude=latitude,
            longitude=longitude,
            query=query,
            label=label,
        )

        return location_suggestion
