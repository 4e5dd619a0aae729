"""A stored template's strings: every text field with its path (what the reviewers read), the `{{n}}`
placeholders they hold, and the size of the whole message. These checks need the whole template,
so they run on the stored JSON form rather than in the request models
(`chalicelib/services/template_content.py`)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from chalicelib import errors
from chalicelib.placeholders import PLACEHOLDER

MAX_MESSAGE_BYTES = 250 * 1024


def placeholder_numbers(text: str) -> list[int]:
    """The placeholder numbers in `text`, in order of appearance (repeats kept)."""
    return [int(match.group(1)) for match in PLACEHOLDER.finditer(text)]


def check_sms_placeholders(sms_text: str, placeholders: Sequence[int]) -> None:
    """The SMS text may use only the template's own placeholders (it is filled from the same
    variables); any other is a 400 naming `sms_fallback.text`."""
    extra = sorted(set(placeholder_numbers(sms_text)) - set(placeholders))
    if extra:
        names = ", ".join(f"{{{{{number}}}}}" for number in extra)
        raise errors.InvalidInput("sms_fallback.text", f"sms_fallback.text: {names} is not a placeholder of the "
                                                       "template; the SMS uses the template's variables")


# The stored form, read by the placeholder check, the size check and the reviewers.
Kind = Literal["text", "title", "description", "label", "postback", "url", "media"]


@dataclass(frozen=True)
class TextField:
    path: str
    kind: Kind
    text: str


_SUGGESTION_FIELDS: tuple[tuple[str, Kind], ...] = (
    ("text", "label"), ("url", "url"), ("fallback_url", "url"), ("postback_data", "postback"),
)


_CARD_FIELDS: tuple[tuple[str, Kind], ...] = (("title", "title"), ("description", "description"))


def _suggestion_fields(suggestions: Sequence[Mapping[str, Any]], prefix: str) -> Iterator[TextField]:
    for index, suggestion in enumerate(suggestions):
        for key, kind in _SUGGESTION_FIELDS:
            value = suggestion.get(key)
            if isinstance(value, str):
                yield TextField(f"{prefix}.{index}.{key}", kind, value)


def _card_fields(card: Mapping[str, Any], prefix: str) -> Iterator[TextField]:
    for key, kind in _CARD_FIELDS:
        value = card.get(key)
        if isinstance(value, str):
            yield TextField(f"{prefix}.{key}", kind, value)
    media = card.get("media")
    if isinstance(media, Mapping):
        yield from _media_fields(media, f"{prefix}.media")
    yield from _suggestion_fields(card.get("suggestions") or [], f"{prefix}.suggestions")


def _media_fields(media: Mapping[str, Any], prefix: str) -> Iterator[TextField]:
    for key in ("url", "thumbnail_url"):
        value = media.get(key)
        if isinstance(value, str):
            yield TextField(f"{prefix}.{key}", "media", value)


def text_fields(components: Mapping[str, Any], suggestions: Sequence[Mapping[str, Any]]) -> list[TextField]:
    """Every string of a template that may hold a placeholder, with its path, in reading order."""
    fields: list[TextField] = []
    kind = components.get("type")
    if kind == "text":
        fields.append(TextField("components.text", "text", str(components.get("text", ""))))
    elif kind == "rich_card":
        fields.extend(_card_fields(components, "components"))
    elif kind == "carousel":
        for index, card in enumerate(components.get("cards") or []):
            fields.extend(_card_fields(card, f"components.cards.{index}"))
    elif kind == "media":
        fields.extend(_media_fields(components, "components"))
    fields.extend(_suggestion_fields(suggestions, "suggestions"))
    return fields


def placeholders_of(components: Mapping[str, Any], suggestions: Sequence[Mapping[str, Any]]) -> list[int]:
    """The placeholders the template needs, sorted; a gap in `{{1}}, {{2}}, …` is refused,
    naming the field of the first placeholder past the gap."""
    seen: set[int] = set()
    first_at: dict[int, str] = {}
    for field in text_fields(components, suggestions):
        for number in placeholder_numbers(field.text):
            seen.add(number)
            first_at.setdefault(number, field.path)
    for expected, number in enumerate(sorted(seen), start=1):
        if number != expected:
            raise errors.InvalidInput(
                first_at[number],
                f"{first_at[number]}: placeholder {{{{{number}}}}} skips {{{{{expected}}}}}; "
                "number placeholders {{1}}, {{2}}, … without gaps",
            )
    return sorted(seen)


def message_bytes(components: Mapping[str, Any], suggestions: Sequence[Mapping[str, Any]]) -> int:
    return len(json.dumps({"components": components, "suggestions": suggestions},
                          ensure_ascii=False, separators=(",", ":")).encode())


def check_size(components: Mapping[str, Any], suggestions: Sequence[Mapping[str, Any]]) -> None:
    size = message_bytes(components, suggestions)
    if size > MAX_MESSAGE_BYTES:
        raise errors.InvalidInput(
            "components", f"components: the whole message is {size} bytes; RCS allows {MAX_MESSAGE_BYTES} (250 KB)")
