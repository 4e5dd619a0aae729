"""What a reviewer reads and says, and how the findings of several reviewers become one verdict.

Each finding has a severity: `block` rejects the template, `review` sends it to a human, `warn`
only lowers the score. The score is the product of (1 - weight) over the findings, in [0, 1];
the verdict is `rejected` on any blocking finding, `needs_admin` on any `review` finding or a
score below `APPROVE_AT` (several warnings add up), `approved` otherwise. Because the verdict is
computed over the findings of every reviewer together, no reviewer can approve what another
blocks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

Severity = Literal["block", "review", "warn"]
Status = Literal["approved", "needs_admin", "rejected"]

WEIGHTS: dict[Severity, float] = {"block": 0.9, "review": 0.4, "warn": 0.1}
RANK: dict[Severity, int] = {"block": 3, "review": 2, "warn": 1}
APPROVE_AT = 0.7


@dataclass(frozen=True)
class Finding:
    code: str
    severity: Severity
    message: str
    hint: str
    field: str = ""  # the path of the field that shows it (`components.cards.2.description`)

    def as_dict(self) -> dict[str, str]:
        found = {"code": self.code, "severity": self.severity, "message": self.message, "hint": self.hint}
        return {**found, "field": self.field} if self.field else found


@dataclass(frozen=True)
class Subject:
    """The template as reviewers see it (its stored JSON form)."""

    name: str
    category: str
    language: str
    components: Mapping[str, Any]
    suggestions: Sequence[Mapping[str, Any]] = ()
    verified_brands: frozenset[str] = frozenset()  # registry ids the account is verified as
    sms_text: str = ""  # the SMS fallback's text (sent where RCS cannot deliver): reviewed like the rest


@dataclass(frozen=True)
class Review:
    reviewer: str
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    @property
    def blocks(self) -> bool:
        return any(finding.severity == "block" for finding in self.findings)


class Reviewer(Protocol):
    """Anything that reads a template and reports findings. It must not raise for a bad template
    or a failing dependency: a reviewer that cannot judge says so with a `review` finding."""

    name: str

    def review(self, subject: Subject, prior: Sequence[Finding] = ()) -> Review:
        """`prior`: what the reviewers before this one found."""


@dataclass(frozen=True)
class Outcome:
    status: Status
    score: float
    reason: str
    findings: tuple[Finding, ...]


def score_of(findings: Sequence[Finding]) -> float:
    score = 1.0
    for finding in findings:
        score *= 1.0 - WEIGHTS[finding.severity]
    return round(score, 2)


def _main(findings: Sequence[Finding]) -> Finding:
    return max(findings, key=lambda finding: RANK[finding.severity])  # first of the most severe


def _clause(message: str) -> str:
    """'Mentions beer.' -> 'mentions beer.' (an acronym such as 'OTP …' keeps its case)."""
    if len(message) > 1 and message[0].isupper() and not message[1].isupper():
        return message[0].lower() + message[1:]
    return message


def decide(subject: Subject, findings: Sequence[Finding]) -> Outcome:
    """One verdict, score and human sentence for all the findings of all reviewers."""
    score = score_of(findings)
    if not findings:
        return Outcome("approved", score, f"Clean {subject.category} template, no policy hits.", ())
    main = _main(findings)
    if main.severity == "block":
        status: Status = "rejected"
        reason = f"Rejected: {_clause(main.message)}"
    elif main.severity == "review":
        status, reason = "needs_admin", f"Needs a human reviewer: {_clause(main.message)}"
    elif score < APPROVE_AT:
        status = "needs_admin"
        reason = f"Needs a human reviewer: {len(findings)} minor issues add up, first {_clause(main.message)}"
    else:
        status, reason = "approved", f"Approved with a note: {_clause(main.message)}"
    return Outcome(status, score, reason, tuple(findings))


def run_reviewers(subject: Subject, reviewers: Sequence[Reviewer]) -> Outcome:
    """Ask each reviewer in turn; once a template is rejected, later (costlier) reviewers are skipped."""
    findings: list[Finding] = []
    for reviewer in reviewers:
        review = reviewer.review(subject, tuple(findings))
        findings.extend(review.findings)
        if review.blocks:
            break
    return decide(subject, findings)
