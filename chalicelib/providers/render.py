"""Our template (`components`, `suggestions`) plus one member's variables -> the RBM AgentMessage
(one mapping, kept whole so each key of our format and its RBM name sit side by side).

Every key name of our template format is in `Keys` below: if the template feature names a key
differently, change it there. Optional keys may be missing; enum values are upper-cased and a
value we do not know falls back to RBM's usual default rather than failing the send.

Placeholders are `{{n}}` (`chalicelib/placeholders.py`). Every string of the template may hold them (text, title,
description, media and link URLs, suggestion labels, postback data, phone numbers). A variable
absent or blank raises `MissingVariable`; substitution is one pass, so a member's value that
itself contains `{{2}}` is sent as written, never expanded.

The renderer does not enforce RBM's size limits (3,072-character text, 25-character labels...):
the template review checks the template and RBM answers 400 (`provider_rejected`) for a message
the variables pushed over a limit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from chalicelib.placeholders import PLACEHOLDER
from chalicelib.providers.port import INVALID_TEMPLATE, MISSING_VARIABLE


class Keys:
    """The key names and type values of our template format (the one place to change them)."""

    TYPE = "type"
    # component types
    TEXT_TYPE = "text"
    RICH_CARD_TYPE = "rich_card"
    CAROUSEL_TYPE = "carousel"
    MEDIA_TYPE = "media"
    # component keys
    TEXT = "text"
    CARD = "card"
    CARDS = "cards"
    ORIENTATION = "orientation"
    THUMBNAIL_ALIGNMENT = "thumbnail_alignment"
    CARD_WIDTH = "card_width"
    URL = "url"
    THUMBNAIL_URL = "thumbnail_url"
    # card keys
    TITLE = "title"
    DESCRIPTION = "description"
    MEDIA = "media"
    HEIGHT = "height"
    SUGGESTIONS = "suggestions"
    # suggestion types
    REPLY = "reply"
    OPEN_URL = "url"
    DIAL = "dial"
    LOCATION = "location"
    SHARE_LOCATION = "share_location"
    CALENDAR = "calendar"
    # suggestion keys
    POSTBACK_DATA = "postback_data"
    FALLBACK_URL = "fallback_url"
    PHONE_NUMBER = "phone_number"
    LATITUDE = "latitude"
    LONGITUDE = "longitude"
    LABEL = "label"
    QUERY = "query"
    START_TIME = "start_time"
    END_TIME = "end_time"


HEIGHTS = frozenset({"SHORT", "MEDIUM", "TALL"})
ORIENTATIONS = frozenset({"VERTICAL", "HORIZONTAL"})
ALIGNMENTS = frozenset({"LEFT", "RIGHT"})
CARD_WIDTHS = frozenset({"SMALL", "MEDIUM"})

# Our template categories -> RBM's messageTrafficType.
TRAFFIC_TYPES = {"otp": "AUTHENTICATION", "transactional": "TRANSACTION", "promotional": "PROMOTION"}



class RenderError(ValueError):
    """The message cannot be rendered; `reason` is the target's failure code."""

    reason = INVALID_TEMPLATE


class MissingVariable(RenderError):
    """A `{{n}}` of the template has no (or a blank) value in the member's variables."""

    reason = MISSING_VARIABLE

    def __init__(self, name: str, *, missing: tuple[str, ...] = ()) -> None:
        self.name = name
        self.missing = missing or (name,)
        super().__init__(f"variable {{{{{name}}}}} has no value")


class InvalidTemplate(RenderError):
    """The template's shape is not one we can render (unknown type, a card without content)."""


def render_agent_message(
    components: Mapping[str, Any],
    suggestions: list[Any] | None,
    variables: Mapping[str, str] | None,
    *,
    ttl_seconds: int | None = None,
    traffic_type: str | None = None,
) -> dict[str, Any]:
    """The AgentMessage JSON body for one member. `ttl_seconds` sets RBM's `ttl` (the platform
    revokes the message if undelivered by then, at most 15 days); `traffic_type` sets
    `messageTrafficType` (see `TRAFFIC_TYPES`)."""
    if not isinstance(components, Mapping):
        raise InvalidTemplate("components must be an object")
    filled = fill({"components": components, "suggestions": list(suggestions or [])}, variables)
    filled_components, filled_suggestions = filled["components"], filled["suggestions"]
    content = _content(filled_components)
    chips = [_suggestion(s) for s in filled_suggestions]
    if chips:
        content["suggestions"] = chips
    message: dict[str, Any] = {"contentMessage": content}
    if ttl_seconds is not None:
        if ttl_seconds <= 0:
            raise ValueError("ttl_seconds must be positive")
        message["ttl"] = f"{int(ttl_seconds)}s"
    if traffic_type:
        message["messageTrafficType"] = traffic_type
    return message


def fill(value: Any, variables: Mapping[str, str] | None) -> Any:
    """`value` with every `{{n}}` of every string replaced by `variables[n]`; raises
    `MissingVariable` naming the lowest absent number."""
    values = {_normalise(str(k)): v for k, v in (variables or {}).items()}
    missing: set[str] = set()
    result = _fill(value, values, missing)
    if missing:
        ordered = tuple(sorted(missing, key=int))
        raise MissingVariable(ordered[0], missing=ordered)
    return result


def placeholders(value: Any) -> set[str]:
    """The variable numbers `value` (any JSON) refers to."""
    found: set[str] = set()
    _fill(value, {}, found)
    return found


def _normalise(name: str) -> str:
    return str(int(name)) if name.strip().isdigit() else name.strip()


def _fill(value: Any, values: Mapping[str, Any], missing: set[str]) -> Any:
    if isinstance(value, str):

        def substitute(match: re.Match[str]) -> str:
            name = match.group(1)
            found = values.get(name)
            if found is None or not str(found).strip():
                missing.add(name)
                return match.group(0)
            return str(found)

        return PLACEHOLDER.sub(substitute, value)
    if isinstance(value, Mapping):
        return {key: _fill(item, values, missing) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_fill(item, values, missing) for item in value]
    return value


def _content(component: Mapping[str, Any]) -> dict[str, Any]:
    kind = str(component.get(Keys.TYPE, "") or "").lower()
    if kind == Keys.TEXT_TYPE:
        text = _text(component, Keys.TEXT)
        if not text:
            raise InvalidTemplate("a text component needs text")
        return {"text": text}
    if kind == Keys.RICH_CARD_TYPE:
        card = component.get(Keys.CARD)
        card = card if isinstance(card, Mapping) else component  # tolerate the card's keys inline
        orientation = _enum(component.get(Keys.ORIENTATION, card.get(Keys.ORIENTATION)), ORIENTATIONS, "VERTICAL")
        standalone: dict[str, Any] = {"cardOrientation": orientation}
        if orientation == "HORIZONTAL":  # RBM requires the alignment for horizontal cards
            alignment = component.get(Keys.THUMBNAIL_ALIGNMENT, card.get(Keys.THUMBNAIL_ALIGNMENT))
            standalone["thumbnailImageAlignment"] = _enum(alignment, ALIGNMENTS, "LEFT")
        standalone["cardContent"] = _card(card)
        return {"richCard": {"standaloneCard": standalone}}
    if kind == Keys.CAROUSEL_TYPE:
        cards = component.get(Keys.CARDS)
        if not isinstance(cards, list) or not cards:
            raise InvalidTemplate("a carousel needs cards")
        return {
            "richCard": {
                "carouselCard": {
                    "cardWidth": _enum(component.get(Keys.CARD_WIDTH), CARD_WIDTHS, "MEDIUM"),
                    "cardContents": [_card(card) for card in cards],
                }
            }
        }
    if kind == Keys.MEDIA_TYPE:
        return {"contentInfo": _content_info(component)}
    raise InvalidTemplate(f"unknown component type {kind!r}")


def _card(card: Any) -> dict[str, Any]:
    if not isinstance(card, Mapping):
        raise InvalidTemplate("a card must be an object")
    content: dict[str, Any] = {}
    for key, rbm_key in ((Keys.TITLE, "title"), (Keys.DESCRIPTION, "description")):
        text = _text(card, key)
        if text:
            content[rbm_key] = text
    media = card.get(Keys.MEDIA)
    if isinstance(media, Mapping) and _text(media, Keys.URL):
        content["media"] = {
            "height": _enum(media.get(Keys.HEIGHT), HEIGHTS, "MEDIUM"),
            "contentInfo": _content_info(media),
        }
    elif isinstance(media, str) and media.strip():
        content["media"] = {"height": "MEDIUM", "contentInfo": {"fileUrl": media.strip(), "forceRefresh": False}}
    if not content:
        raise InvalidTemplate("a card needs a title, a description or media")
    chips = [_suggestion(s) for s in card.get(Keys.SUGGESTIONS) or []]
    if chips:
        content["suggestions"] = chips
    return content


def _content_info(media: Mapping[str, Any]) -> dict[str, Any]:
    url = _text(media, Keys.URL)
    if not url:
        raise InvalidTemplate("media needs a url")
    info: dict[str, Any] = {"fileUrl": url}
    thumbnail = _text(media, Keys.THUMBNAIL_URL)
    if thumbnail:
        info["thumbnailUrl"] = thumbnail
    info["forceRefresh"] = False
    return info


def _suggestion(suggestion: Any) -> dict[str, Any]:
    if not isinstance(suggestion, Mapping):
        raise InvalidTemplate("a suggestion must be an object")
    kind = str(suggestion.get(Keys.TYPE, "") or "").lower()
    label = _text(suggestion, Keys.TEXT)
    if not label:
        raise InvalidTemplate("a suggestion needs text")
    postback = _text(suggestion, Keys.POSTBACK_DATA) or label
    if kind == Keys.REPLY:
        return {"reply": {"text": label, "postbackData": postback}}
    action: dict[str, Any] = {"text": label, "postbackData": postback}
    fallback = _text(suggestion, Keys.FALLBACK_URL)
    if fallback:
        action["fallbackUrl"] = fallback
    if kind == Keys.OPEN_URL:
        url = _text(suggestion, Keys.URL)
        if not url:
            raise InvalidTemplate("a url suggestion needs a url")
        action["openUrlAction"] = {"url": url}
    elif kind == Keys.DIAL:
        number = _text(suggestion, Keys.PHONE_NUMBER)
        if not number:
            raise InvalidTemplate("a dial suggestion needs a phone_number")
        action["dialAction"] = {"phoneNumber": number}
    elif kind == Keys.LOCATION:
        view: dict[str, Any] = {}
        if suggestion.get(Keys.LATITUDE) is not None and suggestion.get(Keys.LONGITUDE) is not None:
            try:
                view["latLong"] = {
                    "latitude": float(suggestion[Keys.LATITUDE]),
                    "longitude": float(suggestion[Keys.LONGITUDE]),
                }
            except (TypeError, ValueError) as exc:
                raise InvalidTemplate("a location needs numeric latitude and longitude") from exc
        elif _text(suggestion, Keys.QUERY):
            view["query"] = _text(suggestion, Keys.QUERY)
        else:
            raise InvalidTemplate("a location suggestion needs latitude/longitude or a query")
        if _text(suggestion, Keys.LABEL):
            view["label"] = _text(suggestion, Keys.LABEL)
        action["viewLocationAction"] = view
    elif kind == Keys.SHARE_LOCATION:
        action["shareLocationAction"] = {}
    elif kind == Keys.CALENDAR:
        event = {
            "startTime": _text(suggestion, Keys.START_TIME),
            "endTime": _text(suggestion, Keys.END_TIME),
            "title": _text(suggestion, Keys.TITLE),
            "description": _text(suggestion, Keys.DESCRIPTION),
        }
        if not (event["startTime"] and event["endTime"] and event["title"]):
            raise InvalidTemplate("a calendar suggestion needs start_time, end_time and title")
        action["createCalendarEventAction"] = event
    else:
        raise InvalidTemplate(f"unknown suggestion type {kind!r}")
    return {"action": action}


def _text(values: Mapping[str, Any], key: str) -> str:
    value = values.get(key)
    return value.strip() if isinstance(value, str) else ""


def _enum(value: Any, allowed: frozenset[str], default: str) -> str:
    text = str(value or "").strip().upper()
    return text if text in allowed else default
