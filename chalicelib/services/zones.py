"""Time zones of a phone number's country: the IANA `zone1970.tab` table as the `tzdata` package
ships it (read once, through importlib.resources), and zoneinfo for the rules. Not a hand-kept list."""

from __future__ import annotations

import importlib.resources
from functools import cache
from zoneinfo import ZoneInfo

import phonenumbers


@cache
def _table() -> dict[str, tuple[str, ...]]:
    """Country code (ISO 3166 alpha-2) -> the zones in use there, from zone1970.tab (a line lists the
    countries that share a zone: `AE,OM,RE,SC,TF<TAB>+2518+05518<TAB>Asia/Dubai`)."""
    text = importlib.resources.files("tzdata").joinpath("zoneinfo", "zone1970.tab").read_text(encoding="utf-8")
    zones: dict[str, list[str]] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 3:
            continue
        for country in fields[0].split(","):
            zones.setdefault(country, []).append(fields[2])
    return {country: tuple(names) for country, names in zones.items()}


def country_of(phone: str) -> str | None:
    """The ISO country of an E.164 number (its calling code's main country when the number itself
    does not say), or None."""
    try:
        number = phonenumbers.parse(phone)
    except phonenumbers.NumberParseException:
        return None
    region = phonenumbers.region_code_for_number(number) or phonenumbers.region_code_for_country_code(
        number.country_code or 0)
    return region if region and region != "ZZ" and region != "001" else None


@cache
def zones_of_country(country: str) -> tuple[ZoneInfo, ...]:
    return tuple(ZoneInfo(name) for name in _table().get(country, ()))


def zones_of(phone: str) -> tuple[ZoneInfo, ...]:
    """Every zone of the number's country; () when the country is unknown."""
    country = country_of(phone)
    return zones_of_country(country) if country else ()
