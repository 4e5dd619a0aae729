"""Templates: submit, read, list, delete (per account), the AI review, and the human review.

`get_template` and `Template` are what the broadcasts feature calls; keep them stable.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from chalicelib import errors, jobs, messaging
from chalicelib.clock import utcnow
from chalicelib.logs import logger
from chalicelib.services import brand_verification
from chalicelib.services.review import Reviewer, Subject, default_reviewers, run_reviewers
from chalicelib.services.template_content import TemplateDraft
from chalicelib.services.template_fields import check_size, check_sms_placeholders, placeholders_of
from chalicelib.store import templates as store
from chalicelib.store.paging import Page
from chalicelib.store.templates import Template as Template  # the area's record

REVIEW_QUEUE = "review"
_TEMPLATE_ID = re.compile(r"^[0-9a-f]{32}$")


class Decision(BaseModel):
    """The body of an admin's `POST /admin/templates/{id}/review`."""

    model_config = ConfigDict(extra="forbid")
    decision: Literal["approved", "rejected"]
    reason: str = Field(default="", max_length=1000)


def _checked(template_id: str) -> str:
    """The id as given when it is one (no request reaches the table with an id that cannot exist)."""
    if not _TEMPLATE_ID.match(template_id):
        raise errors.NotFound("no template with that id")
    return template_id


def _owned(account_id: str, template_id: str) -> Template:
    record = store.find_template(_checked(template_id))
    if record is None or record.account_id != account_id:
        raise errors.NotFound("no template with that id")
    return record


def create_template(account_id: str, draft: TemplateDraft) -> Template:
    """Store the template pending review and queue the review; 409 if the name is taken."""
    components, suggestions = draft.content()
    placeholders = placeholders_of(components, suggestions)
    check_size(components, suggestions)
    check_sms_placeholders(draft.sms_text(), placeholders)
    content = store.TemplateContent(
        account_id=account_id, name=draft.name, category=draft.category, language=draft.language,
        components=components, suggestions=suggestions, placeholders=placeholders, sms_fallback_text=draft.sms_text())
    # not clock.utcnow(): the listing orders by submission to the microsecond, and the API shows it to the
    # second (the store formats both)
    template = store.create_template(content, submitted=datetime.now(UTC))
    try:
        messaging.send(REVIEW_QUEUE, jobs.Review(template.template_id))
    except Exception:
        store.delete_template(template)  # a template nobody will review must not stay pending forever
        raise
    return template


def get_template(account_id: str, template_id: str) -> Template:
    """The account's template; NotFound for unknown, deleted and other accounts' ids."""
    return _owned(account_id, template_id)


def list_templates(account_id: str, *, limit: int, cursor: str | None) -> Page[Template]:
    return store.list_templates(account_id, limit=limit, cursor=cursor)


def delete_template(account_id: str, template_id: str) -> None:
    """Delete the template. Broadcasts already running keep the content they snapshotted."""
    if not store.delete_template(_owned(account_id, template_id)):
        raise errors.NotFound("no template with that id")


def subject_of(template: Template) -> Subject:
    return Subject(template.name, template.category, template.language, template.components,
                   template.suggestions, brand_verification.verified_brands(template.account_id),
                   sms_text=template.sms_fallback_text)


def review_template(template_id: str, reviewers: Sequence[Reviewer] | None = None) -> bool:
    """Run the AI review and store its verdict once. False (and nothing done) when the template
    is gone or already reviewed, so a redelivered message is harmless."""
    template = store.find_template(template_id)
    if template is None or template.ai_review_status != store.PENDING:
        logger.info("review skipped", extra={"template_id": template_id,
                                             "reason": "deleted" if template is None else "already reviewed"})
        return False
    outcome = run_reviewers(subject_of(template),
                            reviewers if reviewers is not None else default_reviewers())
    verdict = store.Verdict(status=outcome.status, score=outcome.score, reason=outcome.reason,
                            findings=[finding.as_dict() for finding in outcome.findings])
    saved = store.save_verdict(template_id, verdict, utcnow())
    logger.info("template reviewed", extra={"template_id": template_id, "status": outcome.status,
                                            "score": outcome.score, "saved": saved,
                                            "codes": [finding.code for finding in outcome.findings]})
    return saved


REVIEW_UNAVAILABLE = "automatic review unavailable"


def review_unavailable(template_id: str) -> bool:
    """The automatic review could not run (its message failed every delivery, or it never came):
    a human decides. The template goes to `needs_admin`, once; False when it was reviewed already
    or is gone."""
    verdict = store.Verdict(status=store.NEEDS_ADMIN, score=0.0, reason=REVIEW_UNAVAILABLE, findings=[])
    saved = store.save_verdict(template_id, verdict, utcnow())
    logger.warning("automatic review unavailable; the template waits for a human",
                   extra={"template_id": template_id, "saved": saved})
    return saved


def retry_stale_reviews(submitted_before: datetime, give_up_before: datetime, *,
                        keep_going: Callable[[], bool] = lambda: True) -> tuple[int, int]:
    """Templates still waiting for their automatic review since before `submitted_before`: queue
    the review again (a reviewed template makes it a no-op), or, when submitted before
    `give_up_before`, send them to a human. (requeued, sent to a human)."""
    requeued = given_up = 0
    for template_id in store.iter_stale_pending(submitted_before):
        keep_going()
        template = store.find_template(template_id)
        if template is None or template.ai_review_status != store.PENDING:
            continue
        if template.submitted_at is None or template.submitted_at < give_up_before:
            given_up += int(review_unavailable(template_id))
        else:
            messaging.send(REVIEW_QUEUE, jobs.Review(template_id))
            requeued += 1
    return requeued, given_up


def review_queue(*, limit: int, cursor: str | None) -> Page[Template]:
    """Templates of every account waiting for a human, oldest first."""
    return store.list_review_queue(limit=limit, cursor=cursor)


def decide(template_id: str, decision: Decision) -> Template:
    """An admin's decision: it becomes the effective status and leaves the review queue."""
    if decision.decision == "rejected" and not decision.reason.strip():
        raise errors.InvalidInput("reason", "reason is required to reject a template")
    updated = store.save_decision(_checked(template_id), decision=decision.decision, reason=decision.reason.strip(),
                                  reviewed=utcnow())
    if updated is None:
        raise errors.NotFound("no template with that id")
    return updated
