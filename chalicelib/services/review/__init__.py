"""The compliance review of templates: reviewers behind one small interface, and the verdict.

`RulesReviewer` always runs; `BedrockReviewer` runs beside it when `llm_review_enabled` is set.
Their findings are combined by `decide`, so an LLM can never approve what a blocking rule rejects.
"""

from __future__ import annotations

from chalicelib.services.review.model import (
    APPROVE_AT,
    Finding,
    Outcome,
    Review,
    Reviewer,
    Severity,
    Status,
    Subject,
    decide,
    run_reviewers,
)
from chalicelib.services.review.rules import RulesReviewer
from chalicelib.settings import Settings, get_settings


def default_reviewers(settings: Settings | None = None) -> list[Reviewer]:
    settings = settings or get_settings()
    reviewers: list[Reviewer] = [RulesReviewer()]
    if settings.llm_review_enabled:
        from chalicelib.services.review.llm import BedrockReviewer

        reviewers.append(BedrockReviewer(settings.bedrock_model_id, settings.bedrock_timeout_seconds))
    return reviewers


__all__ = [
    "APPROVE_AT",
    "Finding",
    "Outcome",
    "Review",
    "Reviewer",
    "RulesReviewer",
    "Severity",
    "Status",
    "Subject",
    "decide",
    "default_reviewers",
    "run_reviewers",
]
