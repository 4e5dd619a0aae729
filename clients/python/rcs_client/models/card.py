from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.calendar_suggestion import CalendarSuggestion
    from ..models.card_media_type_0 import CardMediaType0
    from ..models.dial_suggestion import DialSuggestion
    from ..models.location_suggestion import LocationSuggestion
    from ..models.reply_suggestion import ReplySuggestion
    from ..models.share_location_suggestion import ShareLocationSuggestion
    from ..models.url_suggestion import UrlSuggestion


T = TypeVar("T", bound="Card")


@_attrs_define
class Card:
    """Needs a title, a description or media (else a 400).

    Attributes:
        title (None | str | Unset):
        description (None | str | Unset):
        media (CardMediaType0 | None | Unset):
        suggestions (list[CalendarSuggestion | DialSuggestion | LocationSuggestion | ReplySuggestion |
            ShareLocationSuggestion | UrlSuggestion] | Unset):
    """

    title: None | str | Unset = UNSET
    description: None | str | Unset = UNSET
    media: CardMediaType0 | None | Unset = UNSET
    suggestions: (
        list[
            CalendarSuggestion
            | DialSuggestion
            | LocationSuggestion
            | ReplySuggestion
            | ShareLocationSuggestion
            | UrlSuggestion
        ]
        | Unset
    ) = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.card_media_type_0 import CardMediaType0
        from ..models.dial_suggestion import DialSuggestion
        from ..models.location_suggestion import LocationSuggestion
        from ..models.reply_suggestion import ReplySuggestion
        from ..models.share_location_suggestion import ShareLocationSuggestion
        from ..models.url_suggestion import UrlSuggestion

        title: None | str | Unset
        if isinstance(self.title, Unset):
            title = UNSET
        else:
            title = self.title

        description: None | str | Unset
        if isinstance(self.description, Unset):
            description = UNSET
        else:
            description = self.description

        media: dict[str, Any] | None | Unset
        if isinstance(self.media, Unset):
            media = UNSET
        elif isinstance(self.media, CardMediaType0):
            media = self.media.to_dict()
        else:
            media = self.media

        suggestions: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.suggestions, Unset):
            suggestions = []
            for suggestions_item_data in self.suggestions:
                suggestions_item: dict[str, Any]
                if (
                    isinstance(suggestions_item_data, ReplySuggestion)
                    or isinstance(suggestions_item_data, UrlSuggestion)
                    or isinstance(suggestions_item_data, DialSuggestion)
                    or isinstance(suggestions_item_data, LocationSuggestion)
                    or isinstance(suggestions_item_data, ShareLocationSuggestion)
                ):
                    suggestions_item = suggestions_item_data.to_dict()
                else:
                    suggestions_item = suggestions_item_data.to_dict()

                suggestions.append(suggestions_item)

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if title is not UNSET:
            field_dict["title"] = title
        if description is not UNSET:
            field_dict["description"] = description
        if media is not UNSET:
            field_dict["media"] = media
        if suggestions is not UNSET:
            field_dict["suggestions"] = suggestions

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.calendar_suggestion import CalendarSuggestion
        from ..models.card_media_type_0 import CardMediaType0
        from ..models.dial_suggestion import DialSuggestion
        from ..models.location_suggestion import LocationSuggestion
        from ..models.reply_suggestion import ReplySuggestion
        from ..models.share_location_suggestion import ShareLocationSuggestion
        from ..models.url_suggestion import UrlSuggestion

        d = dict(src_dict)

        def _parse_title(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        title = _parse_title(d.pop("title", UNSET))

        def _parse_description(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        description = _parse_description(d.pop("description", UNSET))

        def _parse_media(data: object) -> CardMediaType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_card_media_type_0 = CardMediaType0.from_dict(data)

                return componentsschemas_card_media_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(CardMediaType0 | None | Unset, data)

        media = _parse_media(d.pop("media", UNSET))

        _suggestions = d.pop("suggestions", UNSET)
        suggestions: (
            list[
                CalendarSuggestion
                | DialSuggestion
                | LocationSuggestion
                | ReplySuggestion
                | ShareLocationSuggestion
                | UrlSuggestion
            ]
            | Unset
        ) = UNSET
        if _suggestions is not UNSET:
            suggestions = []
            for suggestions_item_data in _suggestions:

                def _parse_suggestions_item(
                    data: object,
                ) -> (
                    CalendarSuggestion
                    | DialSuggestion
                    | LocationSuggestion
                    | ReplySuggestion
                    | ShareLocationSuggestion
                    | UrlSuggestion
                ):
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_suggestion_reply_suggestion = ReplySuggestion.from_dict(data)

                        return componentsschemas_suggestion_reply_suggestion
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_suggestion_url_suggestion = UrlSuggestion.from_dict(data)

                        return componentsschemas_suggestion_url_suggestion
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_suggestion_dial_suggestion = DialSuggestion.from_dict(data)

                        return componentsschemas_suggestion_dial_suggestion
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_suggestion_location_suggestion = LocationSuggestion.from_dict(data)

                        return componentsschemas_suggestion_location_suggestion
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_suggestion_share_location_suggestion = ShareLocationSuggestion.from_dict(data)

                        return componentsschemas_suggestion_share_location_suggestion
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    if not isinstance(data, dict):
                        raise TypeError()
                    componentsschemas_suggestion_calendar_suggestion = CalendarSuggestion.from_dict(data)

                    return componentsschemas_suggestion_calendar_suggestion

                suggestions_item = _parse_suggestions_item(suggestions_item_data)

                suggestions.append(suggestions_item)

        card = cls(
            title=title,
            description=description,
            media=media,
            suggestions=suggestions,
        )

        return card
