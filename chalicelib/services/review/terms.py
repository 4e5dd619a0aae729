"""Lists of words and phrases, each term carrying labels, matched on folded text in one pass.

A term matches as a whole word or phrase of whole words; `*` at its end matches any word that
starts with it; a Latin word may take a plural `s`/`es`; terms in scripts written without spaces
(Chinese, Japanese, Korean, Thai, Lao, Khmer, Myanmar) match anywhere. The text is cut into words
once and each word is looked up in dictionaries, so the cost grows with the text, not with the
number of terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

from chalicelib.services.review.data_files import vocabulary
from chalicelib.services.review.normalize import fold

# A word: letters and digits, with the combining marks of Indic and Arabic scripts; an underscore
# separates words (`lead_vape_mango` in postback data).
WORD = re.compile(r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0900-\u0963\u0966-\u0dff])+")
_UNSPACED_CHARS = r"\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff"
_UNSPACED = re.compile(f"[{_UNSPACED_CHARS}]")
_LATIN_RUN = re.compile(r"[a-z0-9]", re.IGNORECASE)
_SCRIPT_RUN = re.compile(f"[{_UNSPACED_CHARS}]+|[^{_UNSPACED_CHARS}]+")
# A phrase does not run on past the end of a sentence ("busta paga. Solo fino a domenica" is no "paga solo").
_SENTENCE_GAP = re.compile(r"[.!?\u0964\u06d4\u061f]\s|[\u3002\uff01\uff1f\n\u00b6]")


_REMEMBERED = 200_000  # distinct words whose lookups a term set keeps (a few tens of MB at most)


@dataclass(frozen=True)
class Hit:
    term: str  # the words as they stand in the text
    start: int
    end: int
    labels: frozenset[str]


@dataclass(frozen=True)
class _Entry:
    words: tuple[str, ...]
    stem: bool  # the last word is a prefix
    labels: frozenset[str]


_ARABIC_PROCLITICS = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")


def _without_clitics(word: str) -> Iterator[str]:
    """The word, and for Arabic the word without the particles written onto it (`ونبيذ` "and wine"),
    keeping the article they contain (`للعائلات` "for the families" is also `العائلات`)."""
    yield word
    if "\u0600" <= word[0] <= "\u06ff":
        for clitic in _ARABIC_PROCLITICS:
            if word.startswith(clitic) and len(word) - len(clitic) >= 3:
                yield word[len(clitic):]
                if clitic.endswith(("ال", "لل")) and clitic != "ال":
                    yield "ال" + word[len(clitic):]


def _nominatives(word: str) -> Iterator[str]:
    """Russian and Ukrainian decline nouns: the forms a term written in the nominative may take
    (`семаглутида` may be `семаглутид`, `квартиру` may be `квартира`)."""
    if not "\u0400" <= word[0] <= "\u04ff":
        return
    for ending in vocabulary("cyrillic_endings"):
        stem = word[:-len(ending)]
        if word.endswith(ending) and len(stem) >= 4:
            yield from (stem + nominative for nominative in vocabulary("cyrillic_nominative_endings"))


def _declined(word: str, term: str) -> bool:
    return word != term and term in _nominatives(word)


def _has_symbol(term: str) -> bool:
    """Currency signs, %, /, +, &: the words alone would match far more than the term meant."""
    return any(unicodedata.category(ch).startswith("S") or ch in "%/&+#@" for ch in term)


def _symbols(term: str) -> str:
    return "".join(ch for ch in term if _has_symbol(ch))


def _literal(term: str) -> re.Pattern[str]:
    """A term with a symbol, found as written: a word at either end of it does not run on (`18+` is no `118+`)."""
    head = r"(?<![^\W_])" if WORD.match(term[0]) else ""
    tail = r"(?![^\W_])" if WORD.match(term[-1]) else ""
    return re.compile(head + r"\s+".join(re.escape(part) for part in term.split()) + tail)


def _plural_ok(word: str) -> bool:
    return word[-1].isascii() and word[-1].isalpha()


@lru_cache(maxsize=8)
def _words(text: str) -> tuple[tuple[str, int, int], ...]:
    """The words of a text with where they start and end: each template's text is read by several
    term sets (concepts, brand names), so it is split once. Latin letters written into a script
    without spaces are words of their own (`FXのコピートレード` holds the word `FX`)."""
    words: list[tuple[str, int, int]] = []
    for match in WORD.finditer(text):
        word, start = match.group(0), match.start()
        if _UNSPACED.search(word) and _LATIN_RUN.search(word):
            words += [(part.group(0), start + part.start(), start + part.end()) for part in _SCRIPT_RUN.finditer(word)]
        else:
            words.append((word, start, match.end()))
    return tuple(words)


class TermSet:
    def __init__(self, terms: Iterable[tuple[str, str]] | Iterable[str], *, cased: bool = False) -> None:
        """`cased`: terms keep their case (and must be matched on text as written)."""
        labels: dict[tuple[str, bool], set[str]] = defaultdict(set)
        unspaced: dict[str, set[str]] = defaultdict(set)
        symbolic: dict[str, set[str]] = defaultdict(set)
        for item in terms:
            term, label = (item, "") if isinstance(item, str) else item
            stem = str(term).strip().endswith("*")
            folded = " ".join(str(term).strip().rstrip("*").split()) if cased else fold(str(term).strip().rstrip("*"))
            if not folded:
                continue
            if _has_symbol(folded):  # "% off", "R$", "18+": read as written (its words alone would say far more)
                symbolic[folded].add(label)
            elif _UNSPACED.search(folded):
                unspaced[folded].add(label)
            else:
                labels[folded, stem].add(label)
        self._first: dict[str, list[_Entry]] = defaultdict(list)
        self._stems: dict[int, dict[str, list[_Entry]]] = defaultdict(lambda: defaultdict(list))
        for (folded, stem), names in labels.items():
            words = tuple(WORD.findall(folded))
            if not words:
                continue
            entry = _Entry(words, stem, frozenset(names))
            if stem and len(words) == 1:
                self._stems[len(words[0])][words[0]].append(entry)
            else:
                self._first[words[0]].append(entry)
        self._unspaced = {term: frozenset(names) for term, names in unspaced.items()}
        self._symbolic = [(_symbols(term), _literal(term), frozenset(names)) for term, names in symbolic.items()]
        self._seen: dict[str, tuple[tuple[_Entry, str], ...]] = {}
        self.terms = tuple(term for term, _ in labels) + tuple(self._unspaced) + tuple(symbolic)

    def __bool__(self) -> bool:
        return bool(self.terms)

    @staticmethod
    def _last_ok(entry: _Entry, word: str) -> bool:
        last = entry.words[-1]
        if entry.stem:
            return word.startswith(last)
        return word == last or (_plural_ok(last) and word in (last + "s", last + "es")) or _declined(word, last)

    def _entries(self, word: str) -> tuple[tuple[_Entry, str], ...]:
        """(entry, the word as the entry reads it) for every term that may start at this word;
        remembered per word, since the same words come back in every template."""
        found = self._seen.get(word)
        if found is None:
            stems = dict.fromkeys(_without_clitics(word))
            found = tuple((entry, stem) for stem in stems for entry in self._lookup(stem))
            if len(self._seen) < _REMEMBERED:
                self._seen[word] = found
        return found

    def _lookup(self, word: str) -> Iterator[_Entry]:
        yield from self._first.get(word, ())
        for cut in (1, 2):
            if len(word) > cut + 1 and word[-cut:] in ("s", "es"):
                yield from (entry for entry in self._first.get(word[:-cut], ()) if len(entry.words) == 1)
        for base in _nominatives(word):
            yield from (entry for entry in self._first.get(base, ()) if len(entry.words) == 1)
        for length, stems in self._stems.items():
            if len(word) >= length:
                yield from stems.get(word[:length], ())

    def finditer(self, text: str) -> Iterator[Hit]:
        words = _words(text)
        for at, (word, start, end) in enumerate(words):
            for entry, stem in self._entries(word):
                size = len(entry.words)
                if size == 1:
                    if self._last_ok(entry, stem):
                        yield Hit(text[start:end], start, end, entry.labels)
                    continue
                span = words[at:at + size]
                middle = zip([w for w, _, _ in span[1:-1]], entry.words[1:-1], strict=False)
                if len(span) == size and all(w == e for w, e in middle) and self._last_ok(entry, span[-1][0]) \
                        and not _SENTENCE_GAP.search(text, span[0][2], span[-1][1]):
                    yield Hit(text[start:span[-1][2]], start, span[-1][2], entry.labels)
        for symbols, pattern, names in self._symbolic:
            if not all(symbol in text for symbol in symbols):
                continue  # most texts hold no "%" nor "₹": their terms need no search
            for match in pattern.finditer(text):
                yield Hit(match.group(0), match.start(), match.end(), names)
        if not self._unspaced or not _UNSPACED.search(text):
            return
        for term, names in self._unspaced.items():
            start = text.find(term)
            while start >= 0:
                yield Hit(term, start, start + len(term), names)
                start = text.find(term, start + len(term))
