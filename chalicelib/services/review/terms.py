"""Lists of words and phrases compiled into one matcher each, matched on folded text.

A term matches as a whole word or phrase; `*` at its end matches any word that starts with it;
a Latin word may take a plural `s`/`es`; terms in scripts written without spaces (Chinese, Japanese,
Korean, Thai, Lao, Khmer, Myanmar) match anywhere.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from chalicelib.services.review.normalize import fold

# What continues a word: letters and digits, and the combining marks of Indic and Arabic scripts.
_WORD = r"[\w\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0900-\u0963\u0966-\u0dff\u0e00-\u0e7f]"
_UNSPACED = re.compile(r"[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def _pattern(term: str) -> str:
    stem = term.endswith("*")
    body = term.rstrip("*").strip()
    escaped = r"\s+".join(re.escape(part) for part in body.split())
    if _UNSPACED.search(body):
        return escaped
    left = f"(?<!{_WORD})" if re.match(_WORD, body[0]) else ""
    if stem:
        return f"{left}{escaped}{_WORD}*"
    plural = "(?:e?s)?" if body[-1].isascii() and body[-1].isalpha() else ""
    right = f"(?!{_WORD})" if re.match(_WORD, body[-1]) else ""
    return f"{left}{escaped}{plural}{right}"


@dataclass(frozen=True)
class Hit:
    term: str
    start: int
    end: int


class TermSet:
    """One compiled matcher over a list of terms (folded when compiled)."""

    def __init__(self, terms: Iterable[str]) -> None:
        folded = sorted({fold(str(term)) for term in terms if str(term).strip().strip("*")}, key=len, reverse=True)
        self.terms = tuple(folded)
        self._regex = re.compile("|".join(f"(?:{_pattern(term)})" for term in folded)) if folded else None

    def __bool__(self) -> bool:
        return self._regex is not None

    def finditer(self, text: str) -> Iterator[Hit]:
        if self._regex is None:
            return
        for match in self._regex.finditer(text):
            yield Hit(match.group(0), match.start(), match.end())

    def search(self, text: str) -> str | None:
        match = self._regex.search(text) if self._regex is not None else None
        return match.group(0) if match else None
