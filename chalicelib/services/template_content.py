"""What a template may contain: the request body as pydantic models and RBM's per-field limits.

The models check the shape and every per-field limit, so a 400 names the exact field
(`components.cards.2.title`). What needs the whole template (the placeholder sequence, the size
of the whole message) is checked on the stored form by `chalicelib/services/template_fields.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime
from typing import Annotated, Any, Literal

import langcodes
import phonenumbers
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
    model_validator,
)
from pydantic_core import PydanticCustomError

from chalicelib.services.template_fields import PLACEHOLDER

# RBM's limits (GUIDE.md, "Facts from the field").
MAX_TEXT = 3072
MAX_SUGGESTIONS = 11
MAX_CARD_SUGGESTIONS = 4
MAX_LABEL = 25
MAX_POSTBACK = 2048
MAX_CARD_TITLE = 200
MAX_CARD_DESCRIPTION = 2000
MIN_CARDS, MAX_CARDS = 2, 10
MAX_URL = 2048
MAX_NAME = 128

CATEGORIES = ("transactional", "promotional", "otp")
Category = Literal["transactional", "promotional", "otp"]

_NAME = re.compile(r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$")
_NOT_A_LANGUAGE = {"und", "mul", "zxx", "mis"}


def _placeholder_syntax(text: str) -> str:
    """Refuse `{{0}}` and any double brace that is not a well-formed `{{n}}`."""
    if "{{0}}" in text:
        raise PydanticCustomError("placeholder", "{{0}} is not a placeholder: numbering starts at {{1}}")
    pieces = PLACEHOLDER.split(text)[::2]  # the text between placeholders (the pattern's group is odd)
    offset = 0
    for index, piece in enumerate(pieces):
        spots = [piece.find("{{"), piece.find("}}"),
                 len(piece) - 1 if index < len(pieces) - 1 and piece.endswith("{") else -1,  # "{{{1}}"
                 0 if index > 0 and piece.startswith("}") else -1]  # "{{1}}}"
        if any(spot >= 0 for spot in spots):
            at = offset + min(spot for spot in spots if spot >= 0)
            raise PydanticCustomError(
                "placeholder", "malformed placeholder near '{around}': write {{1}}, {{2}}, …",
                {"around": "{{n}}".join(pieces)[max(0, at - 8):at + 10]},
            )
        offset += len(piece) + len("{{n}}")
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")  # not \t, \n, \r (CRLF from Windows)


def _no_control(text: str) -> str:
    """Line breaks and tabs are text; NUL, escapes and other control characters are not."""
    if _CONTROL.search(text):
        raise PydanticCustomError("control", "must not contain control characters (line breaks and tabs are fine)")
    return text


def _not_blank(text: str) -> str:
    if not text.strip():
        raise PydanticCustomError("blank", "must not be blank")
    return text


def _url(text: str) -> str:
    if text.startswith("{{"):
        return text  # the whole address, or its start, is filled in per recipient
    if not re.match(r"^https?://[^\s/?#]+", text, re.IGNORECASE):
        raise PydanticCustomError("url", "must be an http(s) URL or start with a placeholder")
    if any(ch.isspace() for ch in text):
        raise PydanticCustomError("url", "must not contain spaces")
    return text


def _phone(text: str) -> str:
    if PLACEHOLDER.fullmatch(text):
        return text
    try:
        number = phonenumbers.parse(text, None)
    except phonenumbers.NumberParseException:
        number = None
    if not text.startswith("+") or number is None or not phonenumbers.is_possible_number(number):
        raise PydanticCustomError("phone", "must be a phone number in E.164 form (+919876543210) or a placeholder")
    return text


def _language(tag: str) -> str:
    normal = tag.replace("_", "-")
    try:
        valid = langcodes.tag_is_valid(normal) and langcodes.Language.get(normal).is_valid()
    except (ValueError, LookupError):
        valid = False
    if not valid or normal.split("-")[0].lower() in _NOT_A_LANGUAGE:
        raise PydanticCustomError("language", "must be a BCP-47 language tag such as en_US, en-US or hi-IN")
    return tag


def _snake_case(name: str) -> str:
    if not _NAME.match(name):
        raise PydanticCustomError("name", "must be snake_case: lower-case letters, digits and single underscores, "
                                          "starting with a letter")
    return name


_Checked = (AfterValidator(_not_blank), AfterValidator(_no_control), AfterValidator(_placeholder_syntax))
Text = Annotated[str, StringConstraints(min_length=1, max_length=MAX_TEXT), *_Checked]
Label = Annotated[str, StringConstraints(min_length=1, max_length=MAX_LABEL), *_Checked]
Postback = Annotated[str, StringConstraints(min_length=1, max_length=MAX_POSTBACK), *_Checked]
CardTitle = Annotated[str, StringConstraints(min_length=1, max_length=MAX_CARD_TITLE), *_Checked]
CardDescription = Annotated[str, StringConstraints(min_length=1, max_length=MAX_CARD_DESCRIPTION), *_Checked]
Url = Annotated[str, StringConstraints(min_length=1, max_length=MAX_URL), AfterValidator(_placeholder_syntax),
                AfterValidator(_url)]
Phone = Annotated[str, StringConstraints(min_length=1, max_length=32), AfterValidator(_phone)]
Name = Annotated[str, StringConstraints(min_length=1, max_length=MAX_NAME), AfterValidator(_snake_case)]
Language = Annotated[str, StringConstraints(min_length=2, max_length=35), AfterValidator(_language)]


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


MAX_SMS_TEXT = 1600  # Amazon SNS's limit for one SMS message (sent as several segments)


def _empty_or_not_blank(text: str) -> str:
    return _not_blank(text) if text else text


SmsText = Annotated[str, StringConstraints(max_length=MAX_SMS_TEXT), AfterValidator(_empty_or_not_blank),
                    AfterValidator(_no_control), AfterValidator(_placeholder_syntax)]


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
