"""The words of each concept the rules reason with, per language (`data/lexicon/<code>.yaml`),
compiled into one index whose hits say which language and concept each term belongs to."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from importlib import resources

from chalicelib.services.review.data_files import load_yaml
from chalicelib.services.review.terms import TermSet

CONCEPTS = (
    "secret", "ask", "never", "fee", "pay", "parcel", "prize", "job", "income_promise", "threat", "urgency",
    "verify_action", "refund", "install", "government", "bank_words", "opt_out", "offer", "otp_words",
    "drugs", "weapons", "sexual", "hate", "malware", "alcohol", "tobacco", "cannabis", "gambling", "pharmacy",
    "lending", "speculative", "dating", "politics", "election", "disconnection", "benign_alarming", "no_prescription",
    "group", "exclude", "housing", "guarantee", "new_number", "free", "hostile", "training",
    "scammers", "release_fee", "no_viewing", "criterion", "licence_check", "age_gate",
)
_DIR = "data/lexicon"


@cache
def languages() -> frozenset[str]:
    """The languages with a lexicon: the ones the reviewer reads."""
    folder = resources.files("chalicelib.services.review").joinpath(_DIR)
    return frozenset(entry.name.removesuffix(".yaml") for entry in folder.iterdir() if entry.name.endswith(".yaml"))


def _terms(language: str) -> Iterator[tuple[str, str]]:
    path = resources.files("chalicelib.services.review").joinpath(f"{_DIR}/{language}.yaml")
    concepts = (load_yaml(path.read_text("utf-8")) or {}).get("concepts") or {}
    for concept in CONCEPTS:
        for term in concepts.get(concept) or ():
            yield str(term), f"{language}:{concept}"


@cache
def index() -> TermSet:
    """Every term of every language; a hit's labels are `language:concept`."""
    return TermSet(term for language in sorted(languages()) for term in _terms(language))
