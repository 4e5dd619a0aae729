"""The brand registry (`data/brands.yaml`): the senders most often impersonated, their names in
every script they are written in, their official domains; and the questions the rules ask of it:
which brands does a text name, who owns a domain, which brand does a host imitate."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from importlib import resources
from typing import Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from chalicelib.services.review.data_files import load_yaml, vocabulary
from chalicelib.services.review.domains import label_of, registrable, suffix_of, unicode_host
from chalicelib.services.review.normalize import fold, skeleton
from chalicelib.services.review.terms import TermSet

_TOKEN_SPLIT = re.compile(r"[-_.]")
_ROMAN = re.compile(r"[IVXLC]+")
_NUMERAL_RANGE = re.compile(r"\b[IVXLC]+\s?[-\u2013/]\s?[IVXLC]+\b")
_GOVERNMENT = re.compile(r"(?:^|\.)(?:gov|gob|gouv|go|govt|gv|gub|mil|nic)(?:\.|$)")
# The suffixes people recognise as "a domain" at a glance (`.com`, `.co.uk`, `.fr`), not `.maison`.
_COMMON_SUFFIX = re.compile(r"(?:com|net|org|info|gov|edu|[a-z]{2}"
                            r"|(?:com|co|gov|gob|gouv|org|net|go|ac|or|ne)\.[a-z]{2})")
_LURE_WORDS = frozenset(vocabulary("lure_words"))
_AGENCIES = frozenset(("tax", "traffic", "government", "post"))
_GOVERNMENT_WORDS = frozenset(("gov", "gob", "gouv", "govt", "gobierno", "governo", "government"))
# Labels of registry domains that are also everyday words in host names: never a brand by themselves.
_GENERIC_LABELS = frozenset((
    "bank", "cash", "com", "gov", "live", "play", "plus", "true", "key", "max", "jet", "wish", "wise", "snap",
    "bol", "goo", "pos", "duo", "liv", "iam", "sso", "bund", "tri", "sha", "grab", "digi", "bait", "sab", "itc",
    "mds", "cms", "digital", "icp", "mps", "a2z", "dlt", "post", "mail", "pay", "shop", "store", "online", "net", "web",
))


@dataclass(frozen=True)
class Brand:
    id: str
    kind: str
    markets: tuple[str, ...]
    names: tuple[str, ...]
    cased_names: tuple[str, ...]
    domains: tuple[str, ...]
    phones: tuple[str, ...]
    ordinary_in: tuple[str, ...] = ()  # languages in which its names are also ordinary words


@dataclass(frozen=True)
class Imitation:
    """What a host imitates: a brand of the registry (`paypa1.com`), or a whole domain it wears as
    the start of its own name (`auspost.com.au-redeliver.info`), registry brand or not."""

    brand: str | None = None
    domain: str | None = None


@dataclass(frozen=True)
class _Label:
    brand: str
    text: str
    skeleton: str
    ordinary: bool  # also an ordinary word ("orange", "three"): matches only as a whole look-alike


class Registry:
    def __init__(self, entries: list[Mapping[str, Any]]) -> None:
        self.brands = {entry["id"]: Brand(
            str(entry["id"]), str(entry.get("kind", "")), tuple(entry.get("markets") or ()),
            tuple(str(name) for name in entry.get("names") or ()),
            tuple(str(name) for name in entry.get("cased_names") or ()),
            tuple(str(domain).lower() for domain in entry.get("domains") or ()),
            tuple(str(phone) for phone in entry.get("phones") or ()),
            tuple(str(language) for language in entry.get("ordinary_in") or ()),
        ) for entry in entries}

    @cached_property
    def _names(self) -> TermSet:
        return TermSet((name, brand.id) for brand in self.brands.values() for name in brand.names)

    @cached_property
    def _ampersand(self) -> list[tuple[re.Pattern[str], str, str]]:
        """Names written with `&` (`J&T Express`, `AT&T`, `Marks & Spencer`): the word matcher reads
        `&` as a space, so these are matched as written, on whole words."""
        return [(re.compile(rf"(?<!\w){re.escape(fold(name))}(?!\w)"), fold(name), brand.id)
                for brand in self.brands.values() for name in brand.names if "&" in name]

    @cached_property
    def _cased(self) -> TermSet:
        return TermSet(((name, brand.id) for brand in self.brands.values() for name in brand.cased_names), cased=True)

    @cached_property
    def owners(self) -> dict[str, frozenset[str]]:
        """Official domain -> the brands that use it (a group's brands may share one)."""
        owners: dict[str, set[str]] = {}
        for brand in self.brands.values():
            for domain in brand.domains:
                owners.setdefault(domain, set()).add(brand.id)
        return {domain: frozenset(ids) for domain, ids in owners.items()}

    @cached_property
    def _labels(self) -> list[_Label]:
        """What a host may borrow from a brand: its domains' labels, and its one-word names
        (`hmrc` for HMRC, whose site is on the umbrella gov.uk)."""
        labels: dict[tuple[str, str], _Label] = {}
        for brand in self.brands.values():
            ordinary = {fold(name) for name in brand.cased_names}
            one_word = [fold(name) for name in brand.names if re.fullmatch(r"[A-Za-z0-9]{3,}", name)]
            for text in [label_of(domain) for domain in brand.domains] + one_word:
                if len(text) >= 3 and (brand.id, text) not in labels:
                    generic = text in ordinary or text in _GENERIC_LABELS
                    labels[brand.id, text] = _Label(brand.id, text, skeleton(text), generic)
        return list(labels.values())

    def named(self, folded: str, raw: str = "") -> Iterator[tuple[str, str]]:
        """(brand id, name as found) for each registry name in the text."""
        hits = list(self._names.finditer(folded))
        for hit in hits:
            inside = any(other.start <= hit.start and hit.end <= other.end and other.end - other.start >
                         hit.end - hit.start for other in hits)
            if not inside:  # "Bank of India" inside "State Bank of India" is not a second brand
                yield from ((brand_id, hit.term) for brand_id in hit.labels)
        for hit in self._cased.finditer(raw):
            if _ROMAN.fullmatch(hit.term) and _NUMERAL_RANGE.search(raw[max(0, hit.start - 3):hit.end + 3]):
                continue  # "Classes VI-X": a Roman numeral, not the telco Vi
            for brand_id in hit.labels:
                yield brand_id, hit.term
        if "&" in folded:
            yield from ((brand_id, name) for pattern, name, brand_id in self._ampersand if pattern.search(folded))

    def as_word(self, brand_id: str, name: str, language: str, raw: str) -> bool:
        """The name is an ordinary word of the text's language and written as one, never capitalised:
        `temu janji` (a Malay appointment), `на тему` (Russian "on the topic")."""
        if language not in self.brands[brand_id].ordinary_in:
            return False
        words = re.findall(r"\w+", raw)
        size = len(fold(name).split())
        written = [window[0] for window in (words[at:at + size] for at in range(len(words)))
                   if fold(" ".join(window)) == fold(name)]  # as written, accents and all ("über" for Uber)
        return bool(written) and not any(word[:1].isupper() for word in written)

    def serves(self, brand_id: str, market: str, name: str) -> bool:
        """A brand of another market counts only when named in full: `PLN` is Indonesia's power
        company in Indonesia and the Polish currency elsewhere."""
        markets = self.brands[brand_id].markets
        return "GLOBAL" in markets or market in markets or (len(name) >= 6 and not name.isupper())

    def owner(self, host: str) -> frozenset[str]:
        """The brands whose official domain the host is on (`www.gov.uk` is on GOV.UK's `gov.uk`,
        itself a public suffix, so the host's own registrable domain is not enough)."""
        labels = host.lower().split(".")
        for start in range(len(labels) - 1):
            owners = self.owners.get(".".join(labels[start:]))
            if owners:
                return owners
        domain = registrable(host)
        if domain and _GOVERNMENT.search(suffix_of(domain)):
            # an agency's own site under its country's government suffix (`sede.dgt.gob.es` for the
            # DGT of `dgt.es`): nobody else can register there
            return frozenset(candidate.brand for candidate in self._labels if candidate.text == label_of(domain)
                             and self.brands[candidate.brand].kind in _AGENCIES)
        return frozenset()

    def imitated(self, host: str) -> Imitation | None:
        if host not in self._imitated:
            self._imitated[host] = self._imitation(host)
        return self._imitated[host]

    @cached_property
    def _imitated(self) -> dict[str, Imitation | None]:
        return {}

    @cached_property
    def _skeletons(self) -> list[str]:
        return [candidate.skeleton for candidate in self._labels]

    def _imitation(self, host: str) -> Imitation | None:
        """The brand a host imitates: its official domain dressed in another's
        (`dhl.com-track.info`), its name in a hyphenated label (`sbi-kyc-update.co`), or a label
        that looks like the brand's (`paypa1`, `paypal` with a Cyrillic a, `amazom`)."""
        domain = registrable(host)
        if not domain or self.owner(host):
            return None
        shown = unicode_host(host)
        for official in (*_pieces(shown), *_pieces(shown.replace("-", "."))):  # `rd-go-th.tax-refund.top`
            if official in self.owners and len(official) >= 6:
                return Imitation(brand=min(self.owners[official]))  # an official domain dressed in another's
        dressed = _dressed_domain(shown)
        if dressed:
            return Imitation(domain=dressed)
        label = label_of(unicode_host(domain)) or label_of(domain)
        looks = skeleton(label)
        owned = shown[: len(shown) - len(suffix_of(shown))].strip(".")  # every label a registrant chose
        tokens = {skeleton(token) for token in _TOKEN_SPLIT.split(owned) if token}
        near = {index for _, _, index in process.extract(looks, self._skeletons, scorer=Levenshtein.distance,
                                                          score_cutoff=2, limit=None)}
        for index, candidate in enumerate(self._labels):
            if index not in near and candidate.skeleton not in tokens and candidate.skeleton not in looks:
                continue
            if looks == candidate.skeleton:
                return Imitation(brand=candidate.brand)  # same look, other letters (else it would be official)
            if candidate.ordinary:
                if candidate.skeleton in tokens and tokens & (_GOVERNMENT_WORDS | _lure_skeletons()):
                    # `sat-devoluciones.mx-gob.info`, `jio-recharge-offers.in`: a short name by a "gob" or a lure
                    return Imitation(brand=candidate.brand)
                continue
            if candidate.skeleton in tokens:
                return Imitation(brand=candidate.brand)
            if len(candidate.skeleton) < 5:
                continue
            rest = looks.removeprefix(candidate.skeleton) if looks.startswith(candidate.skeleton) \
                else looks.removesuffix(candidate.skeleton) if looks.endswith(candidate.skeleton) else ""
            if len(rest) >= 3 and (len(candidate.skeleton) >= 6 or rest in _lure_skeletons()):
                # `paypalsecure`, `secureamazon`, `chaseverify`; not `apostacerta` for `posta`, nor
                # `interiordesign` for Inter: a short name glued to a word counts only with a lure word
                return Imitation(brand=candidate.brand)
            if any(looks.endswith(word) for word in _GENERIC_LABELS if len(word) >= 4):
                continue  # `mybank`, `easyshop`: a word and a generic one, not a misspelt brand
            limit = 2 if len(candidate.skeleton) >= 9 else 1
            if abs(len(looks) - len(candidate.skeleton)) <= limit and \
                    Levenshtein.distance(looks, candidate.skeleton, score_cutoff=limit) <= limit and \
                    ((limit == 1 and (len(looks) == len(candidate.skeleton) or _doubled(looks, candidate.skeleton)))
                     or (limit == 2 and _one_place(looks, candidate.skeleton))):
                # a short name one letter off: a swapped letter (`amazom`) or a doubled one (`paypall`),
                # not a letter added to make another word (`shopdee` is no Shopee)
                return Imitation(brand=candidate.brand)
        return None


def _one_place(a: str, b: str) -> bool:
    """The two differ in one place of at most two letters (`aliexpres`, `allieexpress`), not in a whole
    word before a shared one (`babiexpress` is no AliExpress)."""
    start = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    end = 0
    while end < min(len(a), len(b)) - start and a[len(a) - 1 - end] == b[len(b) - 1 - end]:
        end += 1
    return len(a) - start - end <= 2 and len(b) - start - end <= 2


def _doubled(a: str, b: str) -> bool:
    """One of the two is the other with one letter doubled or undoubled (`paypall`, `gogle`)."""
    longer, shorter = (a, b) if len(a) > len(b) else (b, a)
    return len(longer) == len(shorter) + 1 and any(
        longer[index] == longer[index - 1] and longer[:index] + longer[index + 1:] == shorter
        for index in range(1, len(longer)))


@cache
def _lure_skeletons() -> frozenset[str]:
    return frozenset(skeleton(word) for word in _LURE_WORDS)


def _dressed_domain(host: str) -> str | None:
    """A whole domain worn as the start of a longer name (`auspost.com.au-redeliver.info`): the
    look-alike of that domain, registry brand or not (`www.cm-braga.pt` wears no `www.cm`)."""
    for at, ch in enumerate(host):
        if ch == "-" and "." in host[:at]:
            start = host.rfind(".", 0, host.rfind(".", 0, at)) + 1 if host.count(".", 0, at) > 1 else 0
            for begin in range(start, -1, -1):
                piece = host[begin:at]
                if (begin == 0 or host[begin - 1] in ".-") and registrable(piece) == piece \
                        and _COMMON_SUFFIX.fullmatch(suffix_of(piece)) and not piece.startswith("www."):
                    return piece
    return None


def _pieces(host: str) -> Iterator[str]:
    """Every run of whole labels in a host, cut at dots and hyphens but for the first and last
    label: `dhl.com-track.info` -> `dhl.com`, `com-track.info`, …"""
    cuts = [0] + [at + 1 for at, ch in enumerate(host) if ch in ".-"]
    ends = [at for at, ch in enumerate(host) if ch in ".-"] + [len(host)]
    for start in cuts:
        for end in ends:
            if end > start and "." in host[start:end]:
                yield host[start:end]


@cache
def registry() -> Registry:
    text = resources.files("chalicelib.services.review").joinpath("data/brands.yaml").read_text("utf-8")
    return Registry(list(load_yaml(text).get("brands") or []))


def verified_ids(names: Iterable[str]) -> frozenset[str]:
    """Registry ids for the names or ids an account is verified as."""
    found: set[str] = set()
    brands = registry()
    for name in names:
        if name in brands.brands:
            found.add(name)
            continue
        found.update(brand_id for brand_id, _ in brands.named(fold(name), name))
        prefixed = [brand_id for brand_id in brands.brands if brand_id.startswith(name.lower() + "_")]
        found.update(prefixed if len(prefixed) == 1 else ())  # `pko` for `pko_bp`
        found.update(brand_id for brand_id in brands.brands if brand_id.replace("_", "") == name.lower())  # `pkobp`
        # its official domain, or that domain's name (`kbstar.com`, `kbstar`)
        found.update(brands.owners.get(name.lower(), ()))
        labelled = {owner for domain, owners in brands.owners.items() if label_of(domain) == name.lower()
                    for owner in owners}
        found.update(labelled if len(labelled) == 1 and name.lower() not in _GENERIC_LABELS else ())
        # a name that counts in a text only when capitalised (`Correos`) is still that brand's name here
        found.update(brand.id for brand in brands.brands.values()
                     if fold(name) in {fold(cased) for cased in brand.cased_names})
    return frozenset(found)
