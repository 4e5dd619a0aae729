"""How many SMS segments a text costs, counted as carriers count them.

A text every character of which is in the GSM 03.38 alphabet goes as GSM-7: 160 septets in one
segment, 153 per segment once split (the rest is the concatenation header); a character of the
extension table (€ [ ] { } \\ ~ ^ |) takes two septets, and its escape never straddles two
segments. Any other character makes the whole text UCS-2: 70 UTF-16 units in one segment, 67 per
segment once split; a character outside the BMP (most emoji) takes two units, and a surrogate pair
never straddles two segments either.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import gsm0338  # type: ignore[import-untyped]  # noqa: F401  (registers the "gsm03.38" codec)

Encoding = Literal["GSM-7", "UCS-2"]
LIMITS: dict[Encoding, tuple[int, int]] = {"GSM-7": (160, 153), "UCS-2": (70, 67)}
MAX_SMS_TEXT = 1600  # characters: Amazon SNS's limit for one SMS message (it splits it into segments)


@dataclass(frozen=True)
class Segments:
    encoding: Encoding
    units: int  # septets (GSM-7) or UTF-16 units (UCS-2)
    count: int


def _gsm_units(character: str) -> int | None:
    try:
        return len(character.encode("gsm03.38"))
    except UnicodeEncodeError:
        return None


def _unit_sizes(text: str) -> tuple[Encoding, list[int]]:
    sizes: list[int] = []
    for character in text:
        size = _gsm_units(character)
        if size is None:
            return "UCS-2", [len(c.encode("utf-16-le")) // 2 for c in text]
        sizes.append(size)
    return "GSM-7", sizes


def count(text: str) -> Segments:
    """The encoding, size and segment count of `text` (0 segments for the empty text)."""
    encoding, sizes = _unit_sizes(text)
    units = sum(sizes)
    single, part = LIMITS[encoding]
    if units <= single:
        return Segments(encoding, units, 1 if units else 0)
    segments, used = 1, 0
    for size in sizes:
        if used + size > part:
            segments, used = segments + 1, 0
        used += size
    return Segments(encoding, units, segments)
