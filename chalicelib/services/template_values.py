"""What one value of a template may be: RBM's per-field limits and the checks of a text, a label,
a URL, a phone number, a name and a language tag, as annotated types the template's models use
(`chalicelib/services/template_content.py`)."""

from __future__ import annotations

import re
from typing import Annotated

import langcodes
import phonenumbers
from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

from chalicelib.placeholders import PLACEHOLDER
from chalicelib.services.text_rules import TEXT_CONTROL

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


def _no_control(text: str) -> str:
    """Line breaks and tabs are text; NUL, escapes and other control characters are not."""
    if TEXT_CONTROL.search(text):
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

MAX_SMS_TEXT = 1600  # Amazon SNS's limit for one SMS message (sent as several segments)


def _empty_or_not_blank(text: str) -> str:
    return _not_blank(text) if text else text


SmsText = Annotated[str, StringConstraints(max_length=MAX_SMS_TEXT), AfterValidator(_empty_or_not_blank),
                    AfterValidator(_no_control), AfterValidator(_placeholder_syntax)]
