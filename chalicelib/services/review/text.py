"""Reading a template's text the way the rules need it: folded for matching (case, accents,
simple look-alike spelling), split into words, links found, and the writing system counted."""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

import langcodes

from chalicelib.services.template_content import PLACEHOLDER

_LEET = str.maketrans({"@": "a", "$": "s", "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                       "!": "i", "|": "l"})
_TOKEN = re.compile(r"\S+")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)
_BARE_HOST = re.compile(
    r"(?<![\w@.])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}/[^\s<>\"']*", re.IGNORECASE)
_BARE_IP = re.compile(r"(?<![\w.])(\d{1,3}(?:\.\d{1,3}){3})(?::\d{1,5})?(?=[/:\s]|$)")


def is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_" or unicodedata.category(ch) in ("Mn", "Mc")


def _strip_latin_accents(text: str) -> str:
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn" and out and out[-1].isascii():
            continue  # an accent on a Latin letter: "promoção" -> "promocao"
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def fold(text: str) -> str:
    """Lower-case, accent-free on Latin letters, single-spaced; placeholders become `{{n}}`."""
    folded = _strip_latin_accents(unicodedata.normalize("NFKC", text).casefold())
    return " ".join(PLACEHOLDER.sub("{{n}}", folded).split())


def _join_spelled_out(tokens: list[str]) -> list[str]:
    """`p o k e r` -> `poker`: three or more single letters in a row become one word."""
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if len(token) == 1 and token.isalpha():
            run.append(token)
            continue
        out.extend(["".join(run)] if len(run) >= 3 else run)
        run = []
        if token:
            out.append(token)
    return out


def deobfuscate(folded: str) -> str:
    """Undo look-alike spelling inside words that mix letters with digits or symbols (`c@sino`,
    `p0rn`) and words spelled out letter by letter (`p o k e r`)."""
    def word(token: str) -> str:
        letters = sum(ch.isascii() and ch.isalpha() for ch in token)
        if letters >= 2 and token != "{{n}}" and "://" not in token and any(ch in "@$013457!|" for ch in token):
            return token.translate(_LEET)
        return token

    return " ".join(_join_spelled_out([word(token) for token in folded.split(" ")]))


def find_term(folded: str, terms: Iterable[str]) -> str | None:
    """The first of `terms` (already folded) found as whole words in `folded`; a Latin word may
    take a plural `s`."""
    for term in terms:
        start = folded.find(term)
        while start >= 0:
            end = start + len(term)
            left_ok = start == 0 or not (is_word_char(term[0]) and is_word_char(folded[start - 1]))
            if end < len(folded) and folded[end] == "s" and term[-1].isascii() and term[-1].isalpha():
                end += 1
            right_ok = end == len(folded) or not (is_word_char(term[-1]) and is_word_char(folded[end]))
            if left_ok and right_ok:
                return term
            start = folded.find(term, start + 1)
    return None


def words(folded: str) -> list[str]:
    """Words with at least one letter or digit, punctuation trimmed; placeholders stay `{{n}}`."""
    out = []
    for token in _TOKEN.findall(folded):
        if token == "{{n}}":
            out.append(token)
            continue
        trimmed = "".join(ch if is_word_char(ch) or ch in "{}%+'-" else " " for ch in token).split()
        out.extend(part for part in trimmed if any(is_word_char(ch) for ch in part))
    return out


@dataclass(frozen=True)
class Link:
    text: str
    host: str
    scheme: str


def links(text: str) -> list[Link]:
    """Links written in `text`: with a scheme, starting `www.`, a bare host with a path, or a bare IP."""
    found: list[Link] = []
    spans: list[tuple[int, int]] = []
    for pattern in (URL, _BARE_HOST):
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in spans):
                continue
            spans.append(match.span())
            raw = match.group(0).rstrip(".,;:!?)")
            parsed = urlsplit(raw if "://" in raw else f"//{raw}")
            found.append(Link(raw, (parsed.hostname or "").lower(), parsed.scheme.lower()))
    for match in _BARE_IP.finditer(text):
        if not any(start <= match.start() < end for start, end in spans):
            found.append(Link(match.group(0), match.group(1), ""))
    return found


def is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


# Writing systems: ISO 15924 code -> the first word of Unicode character names in it.
_SCRIPT_NAMES: dict[str, tuple[str, ...]] = {
    "Latn": ("LATIN",), "Deva": ("DEVANAGARI",), "Beng": ("BENGALI",), "Guru": ("GURMUKHI",),
    "Gujr": ("GUJARATI",), "Orya": ("ORIYA",), "Taml": ("TAMIL",), "Telu": ("TELUGU",),
    "Knda": ("KANNADA",), "Mlym": ("MALAYALAM",), "Sinh": ("SINHALA",), "Arab": ("ARABIC",),
    "Cyrl": ("CYRILLIC",), "Grek": ("GREEK",), "Hebr": ("HEBREW",), "Thai": ("THAI",), "Laoo": ("LAO",),
    "Khmr": ("KHMER",), "Mymr": ("MYANMAR",), "Geor": ("GEORGIAN",), "Armn": ("ARMENIAN",),
    "Ethi": ("ETHIOPIC",), "Hans": ("CJK",), "Hant": ("CJK",), "Jpan": ("CJK", "HIRAGANA", "KATAKANA"),
    "Kore": ("HANGUL", "CJK"),
}


@cache
def expected_script(language_tag: str) -> str | None:
    """The script a language is usually written in (`hi` -> Deva), or the one the tag names."""
    try:
        return str(langcodes.Language.get(language_tag.replace("_", "-")).maximize().script or "") or None
    except (ValueError, LookupError):
        return None


def script_counts(text: str) -> Counter[str]:
    """Letters (and their combining marks) counted by the first word of their Unicode name."""
    counts: Counter[str] = Counter()
    for ch in text:
        if unicodedata.category(ch)[0] in ("L", "M"):
            name = unicodedata.name(ch, "")
            if name:
                counts[name.split(" ")[0]] += 1
    return counts


def script_share(text: str, script: str) -> tuple[float, int]:
    """The share of `text`'s letters written in `script`, and how many letters there are."""
    names = _SCRIPT_NAMES.get(script)
    counts = script_counts(text)
    total = sum(counts.values())
    if names is None or total == 0:
        return 1.0, total
    return sum(counts[name] for name in names) / total, total


def known_script(script: str) -> bool:
    return script in _SCRIPT_NAMES
