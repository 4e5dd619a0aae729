"""Phone numbers to E.164 (phonenumberslite), and the variables a member carries.

Both raise `Rejected` with a reason a person can act on; the reason never needs the value."""

from __future__ import annotations

import re
from typing import Any

import phonenumbers

from chalicelib.services.text_rules import VARIABLE_CONTROL

MAX_PHONE_LENGTH = 64
MAX_VARIABLES = 20
MAX_VARIABLE_LENGTH = 500
_VARIABLE_KEY = re.compile(r"^[1-9][0-9]?$")

_PARSE_REASONS = {
    phonenumbers.NumberParseException.INVALID_COUNTRY_CODE: "unknown country code",
    phonenumbers.NumberParseException.NOT_A_NUMBER: "not a phone number",
    phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: "too short",
    phonenumbers.NumberParseException.TOO_SHORT_NSN: "too short",
    phonenumbers.NumberParseException.TOO_LONG: "too long",
}


class Rejected(ValueError):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def check_region(region: str | None) -> str | None:
    """An ISO 3166 alpha-2 region phonenumbers knows (upper-cased), or None."""
    if region is None or region == "":
        return None
    upper = region.strip().upper()
    if upper not in phonenumbers.SUPPORTED_REGIONS:
        raise Rejected("must be a two-letter region code such as IN or US")
    return upper


def to_e164(raw: Any, default_region: str | None = None) -> str:
    """`raw` as E.164 (`+919876543210`); a national number needs `default_region`."""
    if not isinstance(raw, str):
        raise Rejected("phone must be a string")
    text = raw.strip()
    if not text:
        raise Rejected("phone is empty")
    if len(text) > MAX_PHONE_LENGTH:
        raise Rejected("too long")
    try:
        number = phonenumbers.parse(text, default_region)
    except phonenumbers.NumberParseException as error:
        if error.error_type == phonenumbers.NumberParseException.INVALID_COUNTRY_CODE and default_region is None \
                and not text.startswith(("+", "00")):
            raise Rejected("a national number needs a default_region (or write it with +country code)") from None
        raise Rejected(_PARSE_REASONS.get(error.error_type, "not a phone number")) from None
    if not phonenumbers.is_valid_number(number):
        raise Rejected("not a valid phone number")
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def check_variables(variables: Any) -> dict[str, str]:
    """`{"1": "…", "2": "…"}`: at most MAX_VARIABLES keys "1".."99", each value a string of 1 to
    MAX_VARIABLE_LENGTH characters without control characters (line breaks and tabs allowed)."""
    if variables is None:
        return {}
    if not isinstance(variables, dict):
        raise Rejected("variables must be an object")
    if len(variables) > MAX_VARIABLES:
        raise Rejected(f"at most {MAX_VARIABLES} variables")
    checked: dict[str, str] = {}
    for key, value in variables.items():
        if not isinstance(key, str) or not _VARIABLE_KEY.match(key):
            raise Rejected("variable names are placeholder numbers \"1\" to \"99\"")
        if not isinstance(value, str):
            raise Rejected(f"variable {key} must be a string")
        if not 0 < len(value) <= MAX_VARIABLE_LENGTH:
            raise Rejected(f"variable {key} must be 1 to {MAX_VARIABLE_LENGTH} characters")
        if VARIABLE_CONTROL.search(value):
            raise Rejected(f"variable {key} contains control characters")
        checked[key] = value
    return checked
