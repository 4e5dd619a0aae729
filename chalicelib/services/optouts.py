"""Opt-outs: the account's suppression list (docs/spec/campaigns.md, "Opt-outs").

Numbers come in three ways: the API (`api`), a stop keyword in a user message (`inbound`,
chalicelib/services/inbound.py) and a CSV import's `opt_out` column (`import`). How broadcasts
skip them is chalicelib/services/suppression.py.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib import resources
from typing import Any

from chalicelib import errors
from chalicelib.services.phones import Rejected, to_e164
from chalicelib.store import optouts as store
from chalicelib.store.optouts import OptOut
from chalicelib.store.paging import Page

MAX_PHONES_PER_CALL = 1000
_E164_SHAPE = re.compile(r"\+[1-9][0-9]{1,14}")


def add(account_id: str, raw_phones: Any, source: str = "api") -> int:
    """Add numbers in E.164 to the list; how many were not on it. One that is not E.164 or not a
    valid number is refused with its field (`phones.3`), and nothing is added."""
    if not isinstance(raw_phones, list) or not raw_phones:
        raise errors.InvalidInput("phones", "phones must be a non-empty array of phone numbers")
    if len(raw_phones) > MAX_PHONES_PER_CALL:
        raise errors.InvalidInput("phones", f"at most {MAX_PHONES_PER_CALL} phones per call")
    phones: list[str] = []
    for index, raw in enumerate(raw_phones):
        try:
            phones.append(_e164(raw))
        except Rejected as rejection:
            raise errors.InvalidInput(f"phones.{index}", rejection.reason) from None
    return store.add_optouts(account_id, phones, source)


def add_numbers(account_id: str, phones: Sequence[str], source: str) -> int:
    """Add numbers already in E.164 (a stop keyword's sender, an import's rows); how many were new."""
    return store.add_optouts(account_id, phones, source) if phones else 0


def remove(account_id: str, raw_phone: str) -> None:
    """Take a number off the list. Text in the shape of E.164 that is no valid number is on no list
    (404, as an unknown id, like a list member's delete); other text is a 400."""
    try:
        phone = _e164(raw_phone)
    except Rejected as rejection:
        if isinstance(raw_phone, str) and _E164_SHAPE.fullmatch(raw_phone):
            raise errors.NotFound("this number is not on the opt-out list (not a valid phone number)") from None
        raise errors.InvalidInput("phone", rejection.reason) from None
    if not store.delete_optout(account_id, phone):
        raise errors.NotFound("this number is not on the opt-out list")


def _e164(raw: Any) -> str:
    """`raw` if it is written in E.164 and libphonenumber holds it valid; else Rejected."""
    if isinstance(raw, str) and not _E164_SHAPE.fullmatch(raw):
        raise Rejected("must be written in E.164 (+ country code and digits, such as +919876543210)")
    return to_e164(raw)


def page(account_id: str, *, limit: int, cursor: str | None) -> Page[OptOut]:
    return store.list_optouts(account_id, limit=limit, cursor=cursor)


# ---------------------------------------------------------------- stop keywords


_TRIM = " \t\r\n.!?,;:\"'()[]\u00a1\u00bf\u00ab\u00bb\u201c\u201d\u2018\u2019\u0964"  # and the Devanagari danda


def _normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(folded.strip(_TRIM).split())


@cache
def stop_keywords() -> frozenset[str]:
    """Every language's stop keywords (chalicelib/services/data/stop_keywords.yaml), normalised."""
    import yaml

    text = resources.files("chalicelib.services").joinpath("data/stop_keywords.yaml").read_text("utf-8")
    lists = yaml.safe_load(text) or {}
    return frozenset(_normalise(str(word)) for words in lists.values() for word in words or [])


def is_stop(text: str) -> bool:
    """Whether the whole message (trimmed, any case) is a stop keyword."""
    return bool(text) and len(text) <= 64 and _normalise(text) in stop_keywords()
