"""The rule-based reviewer: each check reads the template's signals and reports findings with the
policy's code, action, sentence and fix hint, naming the field that shows it."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

from chalicelib.services.review import checks_content, checks_format, checks_returns, checks_scam
from chalicelib.services.review.model import Finding, Review, Subject
from chalicelib.services.review.scoring import model_checks
from chalicelib.services.review.signals import Signals

Check = Callable[[Signals], Iterator[Finding]]

CHECKS: tuple[Check, ...] = (
    checks_content.prohibited_checks,
    checks_scam.brand_checks, checks_scam.person_checks, checks_scam.credential_checks, checks_scam.fee_checks,
    checks_returns.promise_checks,
    checks_scam.prize_checks, checks_scam.malware_checks, checks_scam.threat_checks, checks_scam.scam_mark_checks,
    checks_format.link_checks, checks_format.category_checks,
    checks_content.restricted_checks, checks_content.disguise_checks,
    checks_format.placeholder_checks, checks_format.style_checks, checks_format.language_checks,
    model_checks,
)


class RulesReviewer:
    """Explainable policy rules (and the learned score, which can only raise a verdict); the first
    reviewer, and the only one when Bedrock is off."""

    name = "rules"

    def __init__(self, checks: Sequence[Check] = CHECKS) -> None:
        self.checks = tuple(checks)

    def review(self, subject: Subject, prior: Sequence[Finding] = ()) -> Review:
        signals = Signals(subject)
        return Review(self.name, tuple(finding for check in self.checks for finding in check(signals)))
