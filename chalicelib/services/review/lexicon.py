"""The words of each concept the rules reason with, per language (`data/lexicon/<code>.yaml`)."""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from chalicelib.services.review.terms import TermSet

CONCEPTS = (
    "secret", "ask", "never", "fee", "pay", "parcel", "prize", "job", "income_promise", "threat", "urgency",
    "verify_action", "refund", "install", "government", "bank_words", "opt_out", "offer", "otp_words",
    "drugs", "weapons", "sexual", "hate", "malware", "alcohol", "tobacco", "cannabis", "gambling", "pharmacy",
    "lending", "speculative", "dating", "politics", "disconnection", "benign_alarming",
)
_DIR = "data/lexicon"


@cache
def languages() -> frozenset[str]:
    """The languages with a lexicon: the ones the reviewer reads."""
    folder = resources.files("chalicelib.services.review").joinpath(_DIR)
    return frozenset(entry.name.removesuffix(".yaml") for entry in folder.iterdir() if entry.name.endswith(".yaml"))


@cache
def lexicon(language: str) -> dict[str, TermSet]:
    """Concept -> its terms in `language` (empty sets for a language without a lexicon)."""
    if language not in languages():
        return {concept: TermSet(()) for concept in CONCEPTS}
    path = resources.files("chalicelib.services.review").joinpath(f"{_DIR}/{language}.yaml")
    concepts = (yaml.safe_load(path.read_text("utf-8")) or {}).get("concepts") or {}
    return {concept: TermSet(str(term) for term in concepts.get(concept) or ()) for concept in CONCEPTS}
