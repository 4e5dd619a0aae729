"""Lexicon terms are found as words, and a term holding a symbol (`18+`, `% off`, `R$`) as written."""

from __future__ import annotations

from chalicelib.services.review.terms import TermSet


def test_a_term_with_a_symbol_is_found_as_written() -> None:
    terms = TermSet(["must be 18+", "% off", "80% lower"])
    assert [hit.term for hit in terms.finditer("must be 18+ with photo id. 50% off. an 80% lower kit")] == [
        "must be 18+", "% off", "80% lower"]


def test_a_term_with_a_symbol_does_not_start_or_end_inside_a_word() -> None:
    terms = TermSet(["18+ only", "pago de $"])
    assert list(terms.finditer("ages 118+ only; pagode $5")) == []


def test_the_words_of_a_term_with_a_symbol_are_not_the_term() -> None:
    assert list(TermSet(["must be 18+"]).finditer("applicants must be 18 or older")) == []
