"""Text folded for matching, and folded again with disguises undone.

`fold` is what the text says: NFKC, case-folded, accents on Latin letters removed, invisible
characters dropped, single-spaced, placeholders as `{{n}}`. `unmask` also undoes the spelling
people use to slip past filters: look-alike letters of other scripts inside Latin words (Unicode's
confusables, through `confusable-homoglyphs`), digits and symbols for letters (`c4s1n0`), and
letters spaced apart (`v i a g r a`). A term found only in the unmasked view was disguised.
"""

from __future__ import annotations

import json
import re
import unicodedata
from functools import cache
from importlib import resources

from chalicelib.placeholders import PLACEHOLDER

_LEET = str.maketrans({"@": "a", "$": "s", "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t",
                       "!": "i", "|": "l", "€": "e"})
_LEET_CHARS = frozenset("@$013457!|€")
# Zero-width characters and other invisible formatting (Unicode category Cf) hide inside words.
_INVISIBLE = re.compile(r"[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")


@cache
def _confusables() -> dict[str, str]:
    """Every non-ASCII character that looks like an ASCII letter, mapped to that letter."""
    data = json.loads(resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text("utf-8"))
    table: dict[str, str] = {}
    for char, glyphs in data.items():
        if len(char) != 1 or char.isascii():
            continue
        for glyph in glyphs:
            target = glyph["c"]
            if len(target) == 1 and target.isascii() and target.isalpha():
                table[char] = target.lower()
                break
    return table


# Latin letters that carry no separable accent but are written plainly in SMS.
_PLAIN_LATIN = str.maketrans({"\u0131": "i", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "ħ": "h"})


def _strip_latin_accents(text: str) -> str:
    if text.isascii():
        return text
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", text):
        if unicodedata.category(ch) == "Mn" and out and out[-1].isascii():
            continue  # an accent on a Latin letter: "promoção" -> "promocao"
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def fold(text: str) -> str:
    """Lower-case, accent-free on Latin letters, invisible characters dropped, single-spaced;
    placeholders become `{{n}}`."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    folded = _strip_latin_accents(text.casefold()).translate(_PLAIN_LATIN)
    return " ".join(PLACEHOLDER.sub("{{n}}", folded).split())


def is_latin_letter(ch: str) -> bool:
    """A letter of the Latin script, accented or not (`ş`, `ł`, `ơ` are Latin; a Cyrillic a is not)."""
    return ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")


def _is_latin(ch: str) -> bool:
    return ch.isascii() and ch.isalpha()


def _map_word(token: str, latin_context: bool) -> str:
    """A Latin word with look-alike letters from another script, or a whole look-alike word in
    Latin text (PayPal in Cyrillic letters), read as Latin; a word of another script in its own
    text stays as it is. Case is kept until here: a capital Greek eta is an H, a small one an n."""
    if token.isascii():
        return token
    table = _confusables()
    letters = [ch for ch in token if ch.isalpha()]
    foreign = [ch for ch in letters if not is_latin_letter(ch)]
    if foreign and all(ch in table for ch in foreign) and (len(foreign) < len(letters) or latin_context):
        return "".join(ch if is_latin_letter(ch) else table.get(ch, ch) for ch in token)
    return token


def _leet_word(token: str) -> str:
    latin = sum(_is_latin(ch) for ch in token)
    if latin >= 2 and any(ch in _LEET_CHARS for ch in token) and token != "{{n}}" and "://" not in token \
            and not token.replace(".", "").replace(",", "").isdigit():
        return token.translate(_LEET)
    return token


def _join_spelled_out(tokens: list[str]) -> list[str]:
    """`v i a g r a` -> `viagra`: three or more single letters in a row become one word."""
    out: list[str] = []
    run: list[str] = []
    for token in [*tokens, ""]:
        if token[:1].isalpha() and all(unicodedata.category(mark).startswith("M") for mark in token[1:]):
            run.append(token)
            continue
        out.extend(["".join(run)] if len(run) >= 3 else run)
        run = []
        if token:
            out.append(token)
    return out


# Combining marks that are part of a letter as written (Thai vowels and tones, Indic vowel signs, accents).
_MARKS = "[\u0300-\u036f\u0900-\u0903\u093a-\u094f\u0981-\u0983\u09bc-\u09cd\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]"

_SPELLED_OUT = re.compile(rf"(?<!\w)(?:\w{_MARKS}*[._\-*]){{2,}}\w{_MARKS}*(?![\w\u0300-\u036f])")


def _spaced_separators(text: str) -> str:
    """`v.i.a.g.r.a`, `c-a-s-i-n-o`, `p_o_r_n` -> single letters separated by spaces."""
    return _SPELLED_OUT.sub(lambda match: re.sub(r"[._\-*]", " ", match.group(0)), text)


# What a disguise leaves behind: a letter next to a digit or symbol, Latin next to another script,
# single letters in a row, or Latin and other letters in one text (a whole look-alike word).
_SUSPECT = re.compile(r"[a-z][@$013457!|€]|[@$013457!|€][a-z]|(?<!\w)\w[ ._*-]\w[ ._*-]\w(?!\w)")


def unmask_cased(text: str) -> str:
    """The text with look-alike letters and digits read as the letters they stand for, keeping case
    (`Ji0` -> `Jio`, `J1O` -> `JIO`): for names that count only when capitalised as written."""
    raw = _delatinised(text, keep_case=True)
    return " ".join(_leet_cased(token) for token in raw.split())


def _delatinised(text: str, *, keep_case: bool) -> str:
    """NFKC without invisible characters; in mostly Latin text, look-alike letters of other scripts
    inside a word are read as the Latin letters they imitate."""
    raw = _INVISIBLE.sub("", unicodedata.normalize("NFKC", text))
    if raw.isascii():
        return raw
    letters = [ch for ch in raw if ch.isalpha()]
    latin_context = bool(letters) and sum(_is_latin(ch.lower()) for ch in letters) / len(letters) >= 0.5
    if keep_case:
        return " ".join(_cased_like(_map_word(token, latin_context), token) for token in raw.split())
    return " ".join(_map_word(token, latin_context) for token in raw.split())


def _cased_like(mapped: str, token: str) -> str:
    """`S\u0391T` (a Greek capital alpha) mapped to `SaT` is written `SAT`: each letter keeps the case of
    the one it replaced."""
    if len(mapped) != len(token):
        return mapped
    return "".join(new.upper() if old.isupper() else new for new, old in zip(mapped, token, strict=True))


def _leet_cased(token: str) -> str:
    if _LEET_CHARS.isdisjoint(token) or _leet_word(token.lower()) == token.lower():
        return token
    out: list[str] = []
    for index, ch in enumerate(token):
        if ch in _LEET_CHARS:
            before = next((c for c in reversed(out) if c.isalpha()), "")
            after = next((c for c in token[index + 1:] if c.isalpha()), "")
            upper = before.isupper() and (not after or after.isupper())
            ch = ch.translate(_LEET)
            ch = ch.upper() if upper else ch
        out.append(ch)
    return "".join(out)


# A small l for a capital I opening a word (`lntesa`, `lCICI`): no Latin word starts with l and these consonants.
_L_FOR_I = re.compile(r"(?<![\w.@/])l(?=[bcdfgkmnpqrstvxz][a-z]{2,})")


def unmask(text: str) -> str:
    """The text folded with its disguised spelling undone (`c4s1n0` -> `casino`, `lntesa` -> `intesa`)."""
    folded = fold(_delatinised(text, keep_case=False))
    if not _SUSPECT.search(folded):
        return _L_FOR_I.sub("i", folded)
    return _L_FOR_I.sub("i", " ".join(_join_spelled_out([_leet_word(token)
                                                         for token in _spaced_separators(folded).split(" ")])))


def skeleton(word: str) -> str:
    """A word reduced to what it looks like: look-alike letters and digits as Latin letters."""
    table = _confusables()
    mapped = "".join(table.get(ch, ch) for ch in fold(word))
    return mapped.translate(_LEET).replace("i", "l").replace("rn", "m").replace("vv", "w")
