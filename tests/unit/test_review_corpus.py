"""The rules against the labelled corpus (tests/data/review_corpus.json, shared with
bench/review_agreement.py): no prohibited template approved, few clean ones sent to a human."""

from __future__ import annotations

import unicodedata
from collections import Counter
from typing import Any

import pytest

from bench.review_agreement import evaluate, load_corpus
from chalicelib.services.template_content import TemplateDraft, check_size, placeholders_of

CORPUS = load_corpus()


def test_the_corpus_covers_every_category_verdict_and_several_languages_and_scripts() -> None:
    languages = Counter(entry["language"].replace("_", "-").split("-")[0] for entry in CORPUS)
    scripts = {unicodedata.name(ch).split()[0] for entry in CORPUS
               for ch in str(entry["components"]) if ch.isalpha()}

    assert len(CORPUS) >= 80
    assert len({entry["id"] for entry in CORPUS}) == len(CORPUS)
    assert set(Counter(entry["category"] for entry in CORPUS)) == {"transactional", "promotional", "otp"}
    assert all(count >= 15 for count in Counter(entry["expected"] for entry in CORPUS).values())
    assert all(languages[language] >= 10 for language in ("en", "hi", "es", "pt"))
    assert {"LATIN", "DEVANAGARI"} <= scripts


@pytest.mark.parametrize("entry", CORPUS, ids=[entry["id"] for entry in CORPUS])
def test_every_corpus_template_is_one_the_api_accepts(entry: dict[str, Any]) -> None:
    draft = TemplateDraft.model_validate({key: entry[key] for key in ("category", "language", "components",
                                                                     "suggestions")} | {"name": entry["id"]})
    components, suggestions = draft.content()
    placeholders_of(components, suggestions)
    check_size(components, suggestions)


def test_no_template_labelled_rejected_is_approved() -> None:
    report = evaluate(CORPUS)
    approved = [entry["id"] for entry, outcome in report.misses
                if entry["expected"] == "rejected" and outcome.status == "approved"]
    assert approved == []


def test_the_rules_agree_with_the_labels_and_rarely_bother_a_human_with_a_clean_template() -> None:
    report = evaluate(CORPUS)

    assert report.agreement >= 0.95, [(entry["id"], outcome.status) for entry, outcome in report.misses]
    assert report.clean_to_human <= 0.05 * report.expected("approved")
    assert report.clean_rejected == 0
