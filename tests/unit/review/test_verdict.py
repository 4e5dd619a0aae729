"""From findings to one verdict, score and sentence; no reviewer approves what another holds."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from chalicelib.services.review import Finding, Review, RulesReviewer, Subject, decide, run_reviewers

ITEM = Subject("t", "transactional", "en_US", {"type": "text", "text": "Your order has shipped."})


def finding(severity: str, code: str = "x_y") -> Finding:
    return Finding(code, severity, f"Something {severity}.", "Fix it.")  # type: ignore[arg-type]


def test_a_clean_template_is_approved_with_the_full_score_and_a_plain_reason() -> None:
    outcome = decide(ITEM, [])
    assert (outcome.status, outcome.score) == ("approved", 1.0)
    assert outcome.reason == "Clean transactional template, no policy hits."


@pytest.mark.parametrize(("severities", "status"), [
    (["warn"], "approved"),
    (["warn", "warn", "warn"], "approved"),
    (["warn", "warn", "warn", "warn"], "needs_admin"),
    (["review"], "needs_admin"),
    (["warn", "review"], "needs_admin"),
    (["block"], "rejected"),
    (["warn", "review", "block"], "rejected"),
])
def test_the_most_severe_finding_decides_and_warnings_add_up(severities: list[str], status: str) -> None:
    outcome = decide(ITEM, [finding(severity) for severity in severities])
    assert outcome.status == status
    assert 0 <= outcome.score < 1


def test_the_score_falls_with_each_finding() -> None:
    scores = [decide(ITEM, [finding("warn")] * n).score for n in range(4)]
    assert scores == sorted(scores, reverse=True) and len(set(scores)) == 4


def test_the_reason_names_the_main_finding_in_one_sentence() -> None:
    outcome = decide(ITEM, [finding("warn", "all_caps"), Finding("weapons", "block", "Offers weapons.", "Remove.")])
    assert outcome.reason == "Rejected: offers weapons."


def test_a_finding_names_its_field_in_its_stored_form() -> None:
    stored = Finding("shortener", "review", "Uses a shortener.", "Use your domain.", "suggestions.0.url").as_dict()
    assert stored["field"] == "suggestions.0.url"
    assert "field" not in Finding("no_opt_out", "review", "No opt-out.", "Add STOP.").as_dict()


def test_a_reviewer_cannot_approve_what_another_blocks() -> None:
    class Approves:
        name = "lenient"

        def review(self, subject: Subject, prior: Sequence[Finding] = ()) -> Review:
            return Review(self.name, ())

    phishing = Subject("t", "transactional", "en_US",
                       {"type": "text", "text": "Reply with your card PIN today to keep your account open."})
    assert run_reviewers(phishing, [Approves(), RulesReviewer()]).status == "rejected"
