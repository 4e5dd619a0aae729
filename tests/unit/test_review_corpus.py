"""The labelled corpus (tests/data/review/<split>/*.json, shared with bench/review_agreement.py):
its shape, every case a template the API accepts, and the reviewer held to the train split.

The sealed split is measured by `make bench` and never asserted here: a test on it would turn it
into something to tune against.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from bench.review_agreement import evaluate, language_of, load_split
from chalicelib.services.template_content import TemplateDraft
from chalicelib.services.template_fields import check_size, placeholders_of

TRAIN = load_split("train")
SEALED = load_split("sealed")
EVERY = TRAIN + SEALED


def rich(entry: dict[str, Any]) -> bool:
    return entry["components"]["type"] in ("rich_card", "carousel") or bool(entry.get("suggestions"))


def one_field(entry: dict[str, Any]) -> bool:
    """The label says the violation sits in one field other than the message text."""
    return entry["expected"] != "approved" and any(
        marker in entry.get("why", "") for marker in ("components.cards.", "suggestions.", "components.description",
                                                      "components.title", "postback", "fallback_url"))


def test_the_corpus_is_large_varied_and_split_once() -> None:
    languages = Counter(language_of(entry) for entry in EVERY)

    assert len(EVERY) >= 500
    assert len({entry["id"] for entry in EVERY}) == len(EVERY)
    assert len([language for language, count in languages.items() if count >= 5]) >= 12
    assert sum(rich(entry) for entry in EVERY) >= 0.35 * len(EVERY)
    assert sum(one_field(entry) for entry in SEALED) >= 20 and sum(one_field(entry) for entry in TRAIN) >= 10
    assert all(Counter(entry["expected"] for entry in split)[verdict] >= 0.2 * len(split)
               for split in (TRAIN, SEALED) for verdict in ("approved", "needs_admin", "rejected"))


@pytest.mark.parametrize("entry", EVERY, ids=[entry["id"] for entry in EVERY])
def test_every_corpus_case_is_a_template_the_api_accepts(entry: dict[str, Any]) -> None:
    draft = TemplateDraft.model_validate({key: entry[key] for key in ("category", "language", "components",
                                                                     "suggestions") if key in entry}
                                         | {"name": "corpus_case"})
    components, suggestions = draft.content()
    placeholders_of(components, suggestions)
    check_size(components, suggestions)


def test_no_template_labelled_rejected_in_the_train_split_is_approved() -> None:
    report = evaluate(TRAIN)
    approved = [entry["id"] for entry, outcome in report.misses
                if entry["expected"] == "rejected" and outcome.status == "approved"]
    assert approved == []


def test_on_the_train_split_the_review_agrees_and_approves_clean_templates_without_a_human() -> None:
    report = evaluate(TRAIN)

    assert report.agreement >= 0.95, [(entry["id"], outcome.status) for entry, outcome in report.misses]
    assert report.clean_auto_approved >= 0.9
    assert report.matrix["approved", "rejected"] == 0
