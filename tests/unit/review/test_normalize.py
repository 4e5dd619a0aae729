"""Folding for matching: what a text says, and what it says once its disguises are undone."""

from __future__ import annotations

import pytest

from chalicelib.services.review.normalize import fold, skeleton, unmask


def test_fold_lowers_case_drops_latin_accents_and_invisible_characters_and_marks_placeholders() -> None:
    assert fold("Promoção  ÚNICA\u200b para {{1}}") == "promocao unica para {{n}}"


def test_fold_keeps_the_marks_of_other_scripts() -> None:
    assert fold("पिन बताएं") == "पिन बताएं"


@pytest.mark.parametrize(("written", "meant"), [
    ("Your \u0420\u0430yPal account", "your paypal account"),        # Cyrillic ER and A inside a Latin word
    ("\u03bdiagra", "viagra"),                                        # Greek nu for v
    ("c4s1n0 night", "casino night"),                                 # digits for letters
    ("p@ypal", "paypal"),                                             # a symbol for a letter
    ("v i a g r a", "viagra"),                                        # spaced letters
    ("c-a-s-i-n-o", "casino"),                                        # letters joined by hyphens
    ("am\u200dazon", "amazon"),                                       # a zero-width joiner inside a word
])
def test_unmask_undoes_look_alike_spelling(written: str, meant: str) -> None:
    assert unmask(written) == meant


@pytest.mark.parametrize("text", [
    "\u0412\u0430\u0448\u0430 \u043a\u0430\u0440\u0442\u0430 \u0433\u043e\u0442\u043e\u0432\u0430",  # Russian
    "get 50% off on 4g phones",
    "order 12345 ships at 10.30",
    "a b",                                                            # two single letters are not a word
])
def test_unmask_leaves_ordinary_text_alone(text: str) -> None:
    assert unmask(text) == fold(text)


def test_a_whole_look_alike_word_in_latin_text_is_read_as_latin() -> None:
    whole_cyrillic = "\u0420\u0410\u0423\u0420\u0410L"  # every letter but L is Cyrillic
    assert unmask(f"Log in to {whole_cyrillic} now") == "log in to paypal now"


@pytest.mark.parametrize(("one", "other"), [("paypa1", "paypal"), ("amaz0n", "amazon"), ("\u0430mazon", "amazon"),
                                            ("rnicrosoft", "microsoft")])
def test_skeletons_of_look_alikes_are_equal(one: str, other: str) -> None:
    assert skeleton(one) == skeleton(other)


def test_skeletons_of_different_words_differ() -> None:
    assert skeleton("paypal") != skeleton("paytm")
