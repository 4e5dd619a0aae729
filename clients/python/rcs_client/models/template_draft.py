from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.template_category import TemplateCategory
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.calendar_suggestion import CalendarSuggestion
    from ..models.carousel_components import CarouselComponents
    from ..models.dial_suggestion import DialSuggestion
    from ..models.location_suggestion import LocationSuggestion
    from ..models.media_components import MediaComponents
    from ..models.reply_suggestion import ReplySuggestion
    from ..models.rich_card_components import RichCardComponents
    from ..models.share_location_suggestion import ShareLocationSuggestion
    from ..models.template_draft_sms_fallback_type_0 import TemplateDraftSmsFallbackType0
    from ..models.text_components import TextComponents
    from ..models.url_suggestion import UrlSuggestion


T = TypeVar("T", bound="TemplateDraft")


@_attrs_define
class TemplateDraft:
    """Texts may hold placeholders {{1}}, {{2}}, … numbered without gaps; the whole message is at most 250 KB.

    Attributes:
        name (str): snake_case, unique per account (else 409).
        category (TemplateCategory):
        language (str): A valid BCP-47 language tag (registered subtags; `_` may stand for `-`): en_US, en-US, hi-IN.
        components (CarouselComponents | MediaComponents | RichCardComponents | TextComponents):
        suggestions (list[CalendarSuggestion | DialSuggestion | LocationSuggestion | ReplySuggestion |
            ShareLocationSuggestion | UrlSuggestion] | Unset):
        sms_fallback (None | TemplateDraftSmsFallbackType0 | Unset):
    """

    name: str
    category: TemplateCategory
    language: str
    components: CarouselComponents | MediaComponents | RichCardComponents | TextComponents
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
    sms_fallback: None | TemplateDraftSmsFallbackType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.carousel_components import CarouselComponents
        from ..models.dial_suggestion import DialSuggestion
        from ..models.location_suggestion import LocationSuggestion
        from ..models.reply_suggestion import ReplySuggestion
        from ..models.rich_card_components import RichCardComponents
        from ..models.share_location_suggestion import ShareLocationSuggestion
        from ..models.template_draft_sms_fallback_type_0 import (
            TemplateDraftSmsFallbackType0,
        )
        from ..models.text_components import TextComponents
        from ..models.url_suggestion import UrlSuggestion

        name = self.name

        category = self.category.value

        language = self.language

        components: dict[str, Any]
        if (
            isinstance(self.components, TextComponents)
            or isinstance(self.components, RichCardComponents)
            or isinstance(self.components, CarouselComponents)
        ):
            components = self.components.to_dict()
        else:
            components = self.components.to_dict()

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

        sms_fallback: dict[str, Any] | None | Unset
        if isinstance(self.sms_fallback, Unset):
            sms_fallback = UNSET
        elif isinstance(self.sms_fallback, TemplateDraftSmsFallbackType0):
            sms_fallback = self.sms_fallback.to_dict()
        else:
            sms_fallback = self.sms_fallback

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
                "category": category,
                "language": language,
                "components": components,
            }
        )
        if suggestions is not UNSET:
            field_dict["suggestions"] = suggestions
        if sms_fallback is not UNSET:
            field_dict["sms_fallback"] = sms_fallback

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.calendar_suggestion import CalendarSuggestion
        from ..models.carousel_components import CarouselComponents
        from ..models.dial_suggestion import DialSuggestion
        from ..models.location_suggestion import LocationSuggestion
        from ..models.media_components import MediaComponents
        from ..models.reply_suggestion import ReplySuggestion
        from ..models.rich_card_components import RichCardComponents
        from ..models.share_location_suggestion import ShareLocationSuggestion
        from ..models.template_draft_sms_fallback_type_0 import (
            TemplateDraftSmsFallbackType0,
        )
        from ..models.text_components import TextComponents
        from ..models.url_suggestion import UrlSuggestion

        d = dict(src_dict)
        name = d.pop("name")

        category = TemplateCategory(d.pop("category"))

        language = d.pop("language")

        def _parse_components(
            data: object,
        ) -> CarouselComponents | MediaComponents | RichCardComponents | TextComponents:
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_components_type_0 = TextComponents.from_dict(data)

                return componentsschemas_components_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_components_type_1 = RichCardComponents.from_dict(data)

                return componentsschemas_components_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_components_type_2 = CarouselComponents.from_dict(data)

                return componentsschemas_components_type_2
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            componentsschemas_components_type_3 = MediaComponents.from_dict(data)

            return componentsschemas_components_type_3

        components = _parse_components(d.pop("components"))

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

        def _parse_sms_fallback(data: object) -> None | TemplateDraftSmsFallbackType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                sms_fallback_type_0 = TemplateDraftSmsFallbackType0.from_dict(data)

                return sms_fallback_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | TemplateDraftSmsFallbackType0 | Unset, data)

        sms_fallback = _parse_sms_fallback(d.pop("sms_fallback", UNSET))

        template_draft = cls(
            name=name,
            category=category,
            language=language,
            components=components,
            suggestions=suggestions,
            sms_fallback=sms_fallback,
        )

        return template_draft
