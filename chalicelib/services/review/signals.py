"""What the rules know about a template, worked out once: its fields folded and unmasked, the
concepts, brands, links, phone numbers and amounts found in them (each with its field path and
sentence), its market, and the language it is written in."""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property

import langcodes

from chalicelib.placeholders import PLACEHOLDER
from chalicelib.services.review import language as languages
from chalicelib.services.review.brands import Imitation, registry
from chalicelib.services.review.data_files import vocabulary
from chalicelib.services.review.domains import Link, label_of, links, registrable
from chalicelib.services.review.fields import LINKS, READ, VISIBLE, Field, template_fields
from chalicelib.services.review.lexicon import CONCEPTS, index
from chalicelib.services.review.model import Subject
from chalicelib.services.review.normalize import fold, unmask, unmask_cased

_SEPARATOR = "\n\u00b6\n"
_HOST_WORDS = re.compile(r"[-./_?=&#]+")


def _path_of(url: str) -> str:
    rest = url.split("://", 1)[-1]
    return rest.partition("/")[2]
# English words inside text in another language count only where English is the lingua franca:
# product names, codes and secrets ("OTP", "CBD", "casino"), not everyday words ("sale" is Spanish too).
# What a site's name alone can tell: the goods it sells (`buy-weed.example`, `claretandco-wine.co.uk`).
_GOODS = frozenset(("drugs", "weapons", "sexual", "alcohol", "tobacco", "cannabis", "gambling", "pharmacy", "dating"))
_LOANWORD_CONCEPTS = frozenset((
    "secret", "otp_words", "drugs", "weapons", "sexual", "malware", "install", "gambling", "speculative", "pharmacy",
    "cannabis", "tobacco", "alcohol", "dating",
))


@cache
def _native_lookalikes() -> frozenset[str]:
    """"<language>:<word>" of the words spelled like an English term (vocabulary.yaml)."""
    return frozenset(vocabulary("native_lookalikes"))


_SENTENCE_END = re.compile(r"[.!?\u0964\u06d4\u061f\u3002\uff01\uff1f\n]+(?:\s|$)|\u00b6")
_PHONE = re.compile(r"(?<![\w/=.-])\+?\d[\d ().-]{7,}\d(?![\w/])")
_CURRENCY = (r"(?:[$€£₹¥₩₺₽₦₱฿₫]|r\$|rs\.?|inr|usd|eur|gbp|mxn|brl|idr|rp\.?|sar|aed|egp|tl|try|pln|zl|zł|rm|myr|"
             r"ksh|kes|zar|r(?=\d{1,3},\d{3})|php|vnd|thb|jpy|krw|cny|rmb|yuan|rub|rupees?|dollars?|euros?|reais|pesos?|lakhs?|\u0440\u0443\u0431\.?|ريال|درهم|جنيه|रु\.?|रुपये|टका|৳|ريال)")
_ADJACENT = 3  # characters between two terms that read as one phrase
_PERCENT = re.compile(r"\d+(?:[.,]\d+)?\s?%")
# Chinese, Japanese and Korean write the unit right after the number, and the next word right after it.
_CJK_UNIT = r"(?:万円|萬円|万元|萬元|円|元|块|塊|만\s?원|원)"
# Vietnamese writes the unit after the number, folded: "500.000đ", "200.000 đồng", "1 triệu" (a million).
_VND_UNIT = r"(?:vnđ|đong|đ|trieu|nghin)"
_MONEY = re.compile(rf"(?<![\w]){_CURRENCY}\s?\d[\d.,]*|\d[\d.,]*\s?{_CURRENCY}(?![\w])|\d[\d.,]*\s?{_CJK_UNIT}"
                    rf"|\d[\d.,]*\s?{_VND_UNIT}(?![\w])")


@dataclass(frozen=True)
class Spot:
    """Where a concept, brand or amount shows: the field's path, the words, the sentence."""

    path: str
    term: str
    sentence: int
    disguised: bool = False
    at: int = -1  # where in the joined text (plain or unmasked, as `disguised` says)


def places(spots: Iterable[Spot]) -> set[tuple[str, int]]:
    return {(spot.path, spot.sentence) for spot in spots}


@dataclass(frozen=True)
class LinkSpot:
    path: str
    link: Link
    domain: str
    owners: frozenset[str]
    imitated: Imitation | None


class _Joined:
    """The read fields joined into one text, so each matcher runs once per template."""

    def __init__(self, fields: list[Field], transform: Iterable[str]) -> None:
        self.starts: list[int] = []
        self.paths: list[str] = []
        parts: list[str] = []
        at = 0
        for field, text in zip(fields, transform, strict=True):
            self.starts.append(at)
            self.paths.append(field.path)
            parts.append(text)
            at += len(text) + len(_SEPARATOR)
        self.text = _SEPARATOR.join(parts)
        self.breaks = [match.start() for match in _SENTENCE_END.finditer(self.text)]

    def where(self, position: int) -> tuple[str, int]:
        field = bisect.bisect_right(self.starts, position) - 1
        return self.paths[max(field, 0)], bisect.bisect_right(self.breaks, position)

    def field_start(self, position: int) -> int:
        """Where the field holding `position` starts in the joined text."""
        return self.starts[max(bisect.bisect_right(self.starts, position) - 1, 0)] if self.starts else 0


class Signals:
    def __init__(self, subject: Subject) -> None:
        self.subject = subject
        self.fields = template_fields(subject.components, subject.suggestions, subject.sms_text)
        self.read = [field for field in self.fields if field.kind in READ]
        self.plain = _Joined(self.read, (fold(field.text) for field in self.read))
        self.unmasked = _Joined(self.read, (unmask(field.text) for field in self.read))

    # -- the template's setting ------------------------------------------------------------------
    @cached_property
    def market(self) -> str:
        tag = self.subject.language.replace("_", "-")
        try:
            language = langcodes.Language.get(tag)
            return str(language.territory or language.maximize().territory or "")
        except (ValueError, LookupError):
            return ""

    @cached_property
    def prose(self) -> str:
        """The visible text without placeholders and links: what language and style are judged on."""
        prose = PLACEHOLDER.sub(" ", "\n".join(field.text for field in self.fields if field.kind in VISIBLE))
        for link in links(prose):
            prose = prose.replace(link.text, " ")
        return prose

    @cached_property
    def language(self) -> languages.Reading:
        return languages.read(self.prose, self.subject.language)

    # -- concepts --------------------------------------------------------------------------------
    @cached_property
    def concepts(self) -> dict[str, list[Spot]]:
        """Concept -> where its terms show, in the languages the text may be in; a term found only
        once the disguises are undone is `disguised`."""
        found: dict[str, list[Spot]] = {concept: [] for concept in CONCEPTS}
        readable = set(self.language.candidates)
        seen: dict[tuple[str, str, int], int] = {}  # -> where in its concept's list (the longest term wins)
        views = [(self.plain, False)] + ([(self.unmasked, True)] if self.unmasked.text != self.plain.text else [])
        for joined, disguised in [*views, (self.hosts, False)]:
            for hit in index().finditer(joined.text):
                if disguised and hit.term in self.plain.text:
                    continue  # written plainly too: not a disguise
                path, sentence = joined.where(hit.start)
                for label in hit.labels:
                    language, concept = label.split(":", 1)
                    if joined is self.hosts and concept not in _GOODS and concept != "training":
                        continue  # (a course's name in its link, "/classes/pistol-safety", names the course)
                    key = (concept, path, hit.start if not disguised else -1 - hit.start)
                    if language == "en" and not self.language.english and concept not in _LOANWORD_CONCEPTS:
                        continue
                    if language == "en" and f"{self.language.declared}:{hit.term}" in _native_lookalikes():
                        continue
                    if not disguised and not self._written_as(hit.term, language):
                        continue
                    if language not in readable:
                        continue
                    spot = Spot(path, hit.term, sentence, disguised, hit.start)
                    if key not in seen:
                        seen[key] = len(found[concept])
                        found[concept].append(spot)
                    elif len(hit.term) > len(found[concept][seen[key]].term):
                        found[concept][seen[key]] = spot  # "tiada sebarang", not only "tiada"
        # "water pistols", "weed killer", "rum cake": goods words inside a harmless phrase name no goods
        benign = [(spot.at, spot.at + len(spot.term)) for spot in found["benign_alarming"] if not spot.disguised]
        # and a weapon word inside a course's name ("Firearms Safety Course") is the course's subject
        courses = [(spot.path, spot.at, spot.at + len(spot.term)) for spot in found["training"] if not spot.disguised]
        for concept in _GOODS | {"speculative", "threat", "politics"}:  # "no prepayment penalty" threatens nothing
            found[concept] = [spot for spot in found[concept] if spot.disguised or not any(
                start <= spot.at and spot.at + len(spot.term) <= end for start, end in benign)]
        found["weapons"] = [spot for spot in found["weapons"] if spot.disguised or not any(
            path == spot.path and start <= spot.at and spot.at + len(spot.term) <= end for path, start, end in courses)]
        offers = [(spot.at, spot.at + len(spot.term)) for spot in found["offer"]]
        # "order now" on a shop's button is an offer, not a deadline
        found["urgency"] = [spot for spot in found["urgency"]
                            if not any(start <= spot.at and spot.at + len(spot.term) <= end for start, end in offers)]
        # "free gift with every purchase", "배송비 무료": a gift or a fee said to be free is part of the offer;
        # "no fee", "بدون تحويل": a fee or a payment said not to be asked for is not asked for
        frees = [(spot.at, spot.at + len(spot.term)) for spot in found["free"]]
        for concept in ("prize", "fee", "pay"):
            found[concept] = [spot for spot in found[concept] if not any(
                start - _ADJACENT <= spot.at + len(spot.term) and spot.at <= end + _ADJACENT for start, end in frees)]
        return found

    @cached_property
    def _accented(self) -> str:
        return " ".join(unicodedata.normalize("NFKC", "\n".join(field.text for field in self.read)).casefold().split())

    def _written_as(self, term: str, language: str) -> bool:
        """An English loanword in text that is not English is there in its own letters: Vietnamese "bết"
        (sticky) folds to "bet"."""
        lossy = language == "en" and not self.language.english
        return not (lossy and term.isascii()) or \
            re.search(rf"(?<![^\W_]){re.escape(term)}(?![^\W_])", self._accented) is not None

    @cached_property
    def hosts(self) -> _Joined:
        """The words of every linked site's name and path (`/vini/chianti`), under its link's path."""
        spots = [spot for spot in self.links if spot.domain]
        named = [Field(spot.path, "url", " ".join(_HOST_WORDS.split(spot.link.host.removesuffix(
            spot.domain.partition(".")[2]).strip(".") + " " + _path_of(spot.link.text)))) for spot in spots]
        return _Joined(named, (fold(field.text) for field in named))

    def sentences(self, *concepts: str) -> set[tuple[str, int]]:
        """(field path, sentence) of every place the concepts show: what "in the same sentence" compares."""
        return places(spot for concept in concepts for spot in self.concepts[concept])

    def affirmed(self, *concepts: str) -> list[Spot]:
        """The concepts' spots outside the sentences that deny them ("we never charge a fee")."""
        denied = self.sentences("never")
        return [spot for concept in concepts for spot in self.concepts[concept]
                if (spot.path, spot.sentence) not in denied]

    def has(self, *concepts: str) -> bool:
        return any(self.concepts[concept] for concept in concepts)

    def first(self, *concepts: str) -> Spot | None:
        return next((spot for concept in concepts for spot in self.concepts[concept]), None)

    # -- brands, links, numbers, money -----------------------------------------------------------
    @cached_property
    def brands(self) -> dict[str, Spot]:
        """Registry brands the text names (the first place each shows), disguised or not."""
        found: dict[str, Spot] = {}
        raw = _Joined(self.read, (field.text for field in self.read))
        brands = registry()
        views = [(self.plain, False)] + ([(self.unmasked, True)] if self.unmasked.text != self.plain.text else [])
        for joined, disguised in views:
            cased = _Joined(self.read, (unmask_cased(field.text) for field in self.read)) if disguised else raw
            for brand_id, term in brands.named(joined.text, cased.text):
                if disguised and term in self.plain.text:
                    continue
                if brand_id not in found and brands.serves(brand_id, self.market, term) and \
                        not brands.as_word(brand_id, term, self.language.declared, raw.text):
                    at = max(joined.text.find(term), raw.text.find(term), 0)
                    path, sentence = joined.where(at)
                    found[brand_id] = Spot(path, term, sentence, disguised, at)
        return found

    @cached_property
    def verified_sender(self) -> bool:
        """The account is verified as a brand and every link goes to its verified brands' domains."""
        verified = self.subject.verified_brands
        return bool(verified) and all(spot.owners & verified for spot in self.links if spot.domain)

    @cached_property
    def links(self) -> list[LinkSpot]:
        brands = registry()
        found: list[LinkSpot] = []
        for field in self.fields:
            if field.kind in LINKS and field.text.startswith("{{"):
                found.append(LinkSpot(field.path, Link(field.text, "", ""), "", frozenset(), None))
                continue
            if field.kind not in (*LINKS, *READ):
                continue
            for link in links(field.text):
                domain = registrable(link.host)
                imitated = brands.imitated(link.host) if domain else None
                # a short name one letter off a brand of another market is a name of its own (`dlb.lk`, Sri
                # Lanka's lottery board, is no `dib` of the Emirates)
                if imitated is not None and imitated.brand is not None and \
                        not brands.serves(imitated.brand, self.market, label_of(domain)):
                    imitated = None
                found.append(LinkSpot(field.path, link, domain, brands.owner(link.host), imitated))
        return found

    @cached_property
    def phones(self) -> list[Spot]:
        found = [Spot(field.path, field.text, 0) for field in self.fields
                 if field.kind == "phone" and not field.text.startswith("{{")]
        for field in self.read:
            found += [Spot(field.path, match.group(0), 0) for match in _PHONE.finditer(field.text)
                      if sum(ch.isdigit() for ch in match.group(0)) >= 8]
        return found

    @cached_property
    def money(self) -> list[Spot]:
        return self._amounts(_MONEY)

    @cached_property
    def percents(self) -> list[Spot]:
        return self._amounts(_PERCENT)

    def _amounts(self, pattern: re.Pattern[str]) -> list[Spot]:
        found: list[Spot] = []
        for match in pattern.finditer(self.plain.text):
            path, sentence = self.plain.where(match.start())
            found.append(Spot(path, match.group(0), sentence, at=match.start()))
        return found

    def placeholder_count(self) -> int:
        return sum(len(PLACEHOLDER.findall(field.text)) for field in self.fields if field.kind in VISIBLE)
