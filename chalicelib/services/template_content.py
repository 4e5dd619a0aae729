"""What a template may contain: the request body as pydantic models (the values they hold and RBM's
per-field limits are `chalicelib/services/template_values.py`'s).

The models check the shape and every per-field limit, so a 400 names the exact field
(`components.cards.2.title`). What needs the whole template (the placeholder sequence, the size
of the whole message) is checked on the stored form by `chalicelib/services/template_fields.py`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from chalicelib.services.template_values import (
    MAX_CARD_SUGGESTIONS,
    MAX_CARDS,
    MAX_SUGGESTIONS,
    MIN_CARDS,
    CardDescription,
    CardTitle,
    Label,
    Language,
    Name,
    Phone,
    Postback,
    SmsText,
    Text,
    Url,
)

CATEGORIES = ("transactional", "promotional", "otp")
Category = Literal["transactional", "promotional", "otp"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _dispatch(models: Mapping[str, type[BaseModel]]) -> Callable[[Any], Any]:
    """Validate a `{"type": …}` object with the model its type names. Unlike a discriminated
    union this keeps the type out of an error's location: `components.cards.2.title`, not
    `components.carousel.cards.2.title`."""
    names = ", ".join(models)
    kind = create_model("Kind", type=(Literal.__getitem__(tuple(models)), ...))  # type: ignore[arg-type]

    def validate(value: Any) -> Any:
        if isinstance(value, BaseModel):
            return value
        if not isinstance(value, dict):
            raise PydanticCustomError("type", "must be an object whose type is one of: {types}", {"types": names})
        kind.model_validate({"type": value["type"]} if "type" in value else {})
        return models[value["type"]].model_validate(value)

    return validate


# Suggestions (RBM's suggested replies and actions).
class _Suggestion(_Strict):
    text: Label
    postback_data: Postback | None = None


class ReplySuggestion(_Suggestion):
    type: Literal["reply"]


class _Action(_Suggestion):
    """An action opens something on the device; `fallback_url` is for devices that cannot."""

    fallback_url: Url | None = None


class UrlSuggestion(_Action):
    type: Literal["url"]
    url: Url


class DialSuggestion(_Action):
    type: Literal["dial"]
    phone_number: Phone


class LocationSuggestion(_Action):
    """Show a place: coordinates, or a query the maps app resolves."""

    type: Literal["location"]
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    query: Annotated[str, StringConstraints(min_length=1, max_length=200)] | None = None
    label: Annotated[str, StringConstraints(min_length=1, max_length=100)] | None = None

    @model_validator(mode="after")
    def _somewhere(self) -> LocationSuggestion:
        has_point = self.latitude is not None and self.longitude is not None
        if not has_point and self.query is None:
            raise PydanticCustomError("location", "needs latitude and longitude, or a query")
        if (self.latitude is None) != (self.longitude is None):
            raise PydanticCustomError("location", "latitude and longitude go together")
        return self


class ShareLocationSuggestion(_Action):
    """Ask the user to share their location."""

    type: Literal["share_location"]


class CalendarSuggestion(_Action):
    type: Literal["calendar"]
    title: Annotated[str, StringConstraints(min_length=1, max_length=100)]
    description: Annotated[str, StringConstraints(max_length=500)] = ""
    start_time: datetime
    end_time: datetime

    @model_validator(mode="after")
    def _in_order(self) -> CalendarSuggestion:
        if self.start_time.tzinfo is None or self.end_time.tzinfo is None:
            raise PydanticCustomError("calendar", "start_time and end_time need a time zone (use Z for UTC)")
        if self.end_time <= self.start_time:
            raise PydanticCustomError("calendar", "end_time must be after start_time")
        return self


SUGGESTION_TYPES: dict[str, type[BaseModel]] = {
    "reply": ReplySuggestion,
    "url": UrlSuggestion,
    "dial": DialSuggestion,
    "location": LocationSuggestion,
    "share_location": ShareLocationSuggestion,
    "calendar": CalendarSuggestion,
}
Suggestion = Annotated[
    ReplySuggestion | UrlSuggestion | DialSuggestion | LocationSuggestion | ShareLocationSuggestion
    | CalendarSuggestion,
    BeforeValidator(_dispatch(SUGGESTION_TYPES)),
]


# Components: text, a standalone rich card, a carousel of cards, or a media file.
class Media(_Strict):
    url: Url
    thumbnail_url: Url | None = None


class CardMedia(Media):
    height: Literal["short", "medium", "tall"] = "medium"


class Card(_Strict):
    title: CardTitle | None = None
    description: CardDescription | None = None
    media: CardMedia | None = None
    suggestions: list[Suggestion] = Field(default_factory=list, max_length=MAX_CARD_SUGGESTIONS)

    @model_validator(mode="after")
    def _not_empty(self) -> Card:
        if self.title is None and self.description is None and self.media is None:
            raise PydanticCustomError("card", "a card needs a title, a description or media")
        return self


class TextComponents(_Strict):
    type: Literal["text"]
    text: Text


class RichCardComponents(Card):
    type: Literal["rich_card"]
    orientation: Literal["vertical", "horizontal"] = "vertical"
    thumbnail_alignment: Literal["left", "right"] | None = None  # of a horizontal card's image


class CarouselComponents(_Strict):
    type: Literal["carousel"]
    card_width: Literal["small", "medium"] = "medium"
    cards: list[Card] = Field(min_length=MIN_CARDS, max_length=MAX_CARDS)


class MediaComponents(Media):
    type: Literal["media"]


COMPONENT_TYPES: dict[str, type[BaseModel]] = {
    "text": TextComponents,
    "rich_card": RichCardComponents,
    "carousel": CarouselComponents,
    "media": MediaComponents,
}
Components = Annotated[
    TextComponents | RichCardComponents | CarouselComponents | MediaComponents,
    BeforeValidator(_dispatch(COMPONENT_TYPES)),
]




class SmsFallback(_Strict):
    """The SMS a broadcast with `fallback: "sms"` sends where RCS cannot deliver (campaigns.md).
    An empty text means no SMS fallback."""

    text: SmsText


class TemplateDraft(_Strict):
    """The body of `POST /templates`."""

    name: Name
    category: Category
    language: Language
    components: Components
    suggestions: list[Suggestion] = Field(default_factory=list, max_length=MAX_SUGGESTIONS)
    sms_fallback: SmsFallback | None = None

    def content(self) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """Components and suggestions in their stored (JSON) form."""
        components = self.components.model_dump(mode="json", exclude_none=True)
        suggestions = [s.model_dump(mode="json", exclude_none=True) for s in self.suggestions]
        return components, suggestions

    def sms_text(self) -> str:
        """The SMS fallback's text ("" for none)."""
        return self.sms_fallback.text if self.sms_fallback is not None else ""
