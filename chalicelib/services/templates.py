"""Templates: submit, read, list, delete (per account), the AI review, and the human review.

`get_template` and `Template` are what the broadcasts feature calls; keep them stable.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from chalicelib import errors, jobs, messaging
from chalicelib.clock import parse_time, utcnow
from chalicelib.logs import logger
from chalicelib.services import brand_verification
from chalicelib.services.review import Reviewer, Subject, default_reviewers, run_reviewers
from chalicelib.services.template_content import TemplateDraft
from chalicelib.services.template_fields import check_size, check_sms_placeholders, placeholders_of
from chalicelib.store import templates as store
from chalicelib.store.paging import Page

REVIEW_QUEUE = "review"
_TEMPLATE_ID = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class Template:
    template_id: str
    account_id: str
    name: str
    category: str
    language: str
    components: dict[str, Any]
    suggestions: list[dict[str, Any]]
    placeholders: list[int]
    effective_status: str  # "approved" | "rejected" | "needs_admin" | "pending"
    sms_fallback_text: str = ""  # "" when the template has no SMS fallback
    ai_review_status: str = "pending"
    ai_review_score: float = 0.0
    ai_review_reason: str = ""
    ai_review_findings: list[dict[str, str]] = field(default_factory=list)
    admin_status: str = ""
    admin_reason: str = ""
    submitted_at: datetime | None = None
    reviewed_at: datetime | None = None


class Decision(BaseModel):
    """The body of an admin's `POST /admin/templates/{id}/review`."""

    model_config = ConfigDict(extra="forbid")
    decision: Literal["approved", "rejected"]
    reason: str = Field(default="", max_length=1000)


def _time(text: str) -> datetime | None:
    moment = parse_time(text)
    return None if moment.year == 1 else moment


def _from_record(record: store.TemplateRecord) -> Template:
    return Template(
        template_id=record.template_id,
        account_id=record.account_id,
        name=record.name,
        category=record.category,
        language=record.language,
        components=dict(record.components),
        suggestions=list(record.suggestions),
        placeholders=[int(number) for number in record.placeholders],
        effective_status=record.admin_status or record.ai_review_status,
        sms_fallback_text=record.sms_fallback_text or "",
        ai_review_status=record.ai_review_status,
        ai_review_score=float(record.ai_review_score),
        ai_review_reason=record.ai_review_reason,
        ai_review_findings=list(record.ai_review_findings),
        admin_status=record.admin_status,
        admin_reason=record.admin_reason,
        submitted_at=_time(record.submitted_at),
        reviewed_at=_time(record.reviewed_at),
    )


def _record(template_id: str) -> store.TemplateRecord | None:
    return store.find_template(template_id) if _TEMPLATE_ID.match(template_id) else None


def _owned(account_id: str, template_id: str) -> store.TemplateRecord:
    record = _record(template_id)
    if record is None or record.account_id != account_id:
        raise errors.NotFound("no template with that id")
    return record


def create_template(account_id: str, draft: TemplateDraft) -> Template:
    """Store the template pending review and queue the review; 409 if the name is taken."""
    components, suggestions = draft.content()
    placeholders = placeholders_of(components, suggestions)
    check_size(components, suggestions)
    check_sms_placeholders(draft.sms_text(), placeholders)
    record = store.insert(store.NewTemplate(
        template_id=uuid.uuid4().hex, account_id=account_id, name=draft.name, category=draft.category,
        language=draft.language, components=components, suggestions=suggestions, placeholders=placeholders,
        # not clock.utcnow(): the listing orders by submission to the microsecond, and the API
        # shows it to the second (store.insert formats both)
        submitted=datetime.now(UTC), sms_fallback_text=draft.sms_text(),
    ))
    try:
        messaging.send(REVIEW_QUEUE, jobs.Review(record.template_id))
    except Exception:
        store.delete(record)  # a template nobody will review must not stay pending forever
        raise
    return _from_record(record)


def get_template(account_id: str, template_id: str) -> Template:
    """The account's template; NotFound for unknown, deleted and other accounts' ids."""
    return _from_record(_owned(account_id, template_id))


def list_templates(account_id: str, *, limit: int, cursor: str | None) -> Page[Template]:
    page = store.list_for_account(account_id, limit=limit, cursor=cursor)
    return Page([_from_record(record) for record in page.items], page.next_cursor)


def delete_template(account_id: str, template_id: str) -> None:
    """Delete the template. Broadcasts already running keep the content they snapshotted."""
    if not store.delete(_owned(account_id, template_id)):
        raise errors.NotFound("no template with that id")


def subject_of(template: Template) -> Subject:
    return Subject(template.name, template.category, template.language, template.components,
                   template.suggestions, brand_verification.verified_brands(template.account_id),
                   sms_text=template.sms_fallback_text)


def review_template(template_id: str, reviewers: Sequence[Reviewer] | None = None) -> bool:
    """Run the AI review and store its verdict once. False (and nothing done) when the template
    is gone or already reviewed, so a redelivered message is harmless."""
    record = store.find_template(template_id)
    if record is None or record.ai_review_status != store.PENDING:
        logger.info("review skipped", extra={"template_id": template_id,
                                             "reason": "deleted" if record is None else "already reviewed"})
        return False
    outcome = run_reviewers(subject_of(_from_record(record)),
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
    for template_id in store.stale_pending(submitted_before):
        keep_going()
        record = store.find_template(template_id)
        if record is None or record.ai_review_status != store.PENDING:
            continue
        if parse_time(record.submitted_at) < give_up_before:
            given_up += int(review_unavailable(template_id))
        else:
            messaging.send(REVIEW_QUEUE, jobs.Review(template_id))
            requeued += 1
    return requeued, given_up


def review_queue(*, limit: int, cursor: str | None) -> Page[Template]:
    """Templates of every account waiting for a human, oldest first."""
    page = store.list_review_queue(limit=limit, cursor=cursor)
    return Page([_from_record(record) for record in page.items], page.next_cursor)


def decide(template_id: str, decision: Decision) -> Template:
    """An admin's decision: it becomes the effective status and leaves the review queue."""
    if decision.decision == "rejected" and not decision.reason.strip():
        raise errors.InvalidInput("reason", "reason is required to reject a template")
    record = _record(template_id)
    if record is None:
        raise errors.NotFound("no template with that id")
    updated = store.save_decision(record, decision=decision.decision, reason=decision.reason.strip(),
                                  reviewed=utcnow())
    if updated is None:
        raise errors.NotFound("no template with that id")
    return _from_record(updated)
