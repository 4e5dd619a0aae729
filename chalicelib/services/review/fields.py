"""Every text-bearing field of a template, each with the path a finding names."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from chalicelib.services.template_fields import text_fields

Kind = Literal["text", "title", "description", "label", "postback", "url", "media", "phone", "place", "calendar"]
VISIBLE: tuple[Kind, ...] = ("text", "title", "description")
READ: tuple[Kind, ...] = ("text", "title", "description", "label", "postback", "place", "calendar")
LINKS: tuple[Kind, ...] = ("url", "media")


@dataclass(frozen=True)
class Field:
    path: str
    kind: Kind
    text: str


def _actions(suggestions: Sequence[Mapping[str, Any]], prefix: str) -> Iterator[Field]:
    """What `text_fields` leaves out of suggestions: dial numbers, places and calendar entries."""
    for index, suggestion in enumerate(suggestions):
        at = f"{prefix}.{index}"
        number = suggestion.get("phone_number")
        if isinstance(number, str):
            yield Field(f"{at}.phone_number", "phone", number)
        for key in ("query", "label"):
            value = suggestion.get(key)
            if isinstance(value, str) and suggestion.get("type") == "location":
                yield Field(f"{at}.{key}", "place", value)
        for key in ("title", "description"):
            value = suggestion.get(key)
            if isinstance(value, str) and value and suggestion.get("type") == "calendar":
                yield Field(f"{at}.{key}", "calendar", value)


def template_fields(components: Mapping[str, Any], suggestions: Sequence[Mapping[str, Any]],
                    sms_text: str = "") -> list[Field]:
    """Every string a recipient can see, tap or be sent to, in reading order (the SMS fallback last)."""
    fields = [Field(field.path, field.kind, field.text) for field in text_fields(components, suggestions)]
    if components.get("type") == "rich_card":
        fields.extend(_actions(components.get("suggestions") or [], "components.suggestions"))
    elif components.get("type") == "carousel":
        for index, card in enumerate(components.get("cards") or []):
            if isinstance(card, Mapping):
                fields.extend(_actions(card.get("suggestions") or [], f"components.cards.{index}.suggestions"))
    fields.extend(_actions(suggestions, "suggestions"))
    if sms_text:
        fields.append(Field("sms_fallback.text", "text", sms_text))
    return fields
