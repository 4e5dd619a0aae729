"""Templates in DynamoDB.

Keys: the hash key is the template id (uuid4 hex, unique across accounts), so the review worker
and the admin find a template without its account, with a consistent read. Two sparse indexes:
`by_account` (account_id, submitted_key) lists an account's templates newest first, and
`review_queue` (review_queue, submitted_key) holds the templates waiting for a human
(`needs_admin`), oldest first, and under `ai_pending` those still waiting for the automatic review
(the reconciler's query). A name is unique per account through a claim item (`name#<account>#<name>`)
written in the same transaction as the template and deleted with it.

One module for the table and its name claims, which are written in the template's transactions.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from pynamodb.attributes import JSONAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import DoesNotExist, UpdateError
from pynamodb.expressions.update import Action
from pynamodb.indexes import AllProjection, GlobalSecondaryIndex
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.clock import UNSET, format_time, parse_time
from chalicelib.errors import Conflict
from chalicelib.settings import get_settings
from chalicelib.store.base import random_id, record_of, table_meta
from chalicelib.store.paging import Page, decode_cursor, encode_cursor, key_shape
from chalicelib.store.transact import Cancelled, transact

NEEDS_ADMIN = "needs_admin"
PENDING = "pending"
AI_PENDING = "ai_pending"
_TEMPLATE = "template"
_NAME_CLAIM = "name"
_COUNT = "count"


class ByAccountIndex(GlobalSecondaryIndex["TemplateModel"]):
    class Meta:
        index_name = "by_account"
        projection = AllProjection()

    account_id = UnicodeAttribute(hash_key=True)
    submitted_key = UnicodeAttribute(range_key=True)


class ReviewQueueIndex(GlobalSecondaryIndex["TemplateModel"]):
    class Meta:
        index_name = "review_queue"
        projection = AllProjection()

    review_queue = UnicodeAttribute(hash_key=True)
    submitted_key = UnicodeAttribute(range_key=True)


class TemplateModel(Model):
    """A template (kind "template") or the claim on its name (kind "name")."""

    Meta = table_meta("templates")

    template_id = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute(default=_TEMPLATE)
    account_id = UnicodeAttribute()
    name = UnicodeAttribute()
    claimed_by = UnicodeAttribute(default="")
    category = UnicodeAttribute(default="")
    language = UnicodeAttribute(default="")
    components = JSONAttribute(default=dict)
    suggestions = JSONAttribute(default=list)
    placeholders = JSONAttribute(default=list)
    sms_fallback_text = UnicodeAttribute(null=True)  # the SMS fallback's text (campaigns.md), if any
    ai_review_status = UnicodeAttribute(default=PENDING)
    ai_review_score = NumberAttribute(default=0)
    ai_review_reason = UnicodeAttribute(default="")
    ai_review_findings = JSONAttribute(default=list)
    admin_status = UnicodeAttribute(default="")
    admin_reason = UnicodeAttribute(default="")
    submitted_at = UnicodeAttribute(default=UNSET)
    reviewed_at = UnicodeAttribute(default=UNSET)
    # Sparse index keys: absent on name claims; review_queue is set only while a human is needed.
    submitted_key = UnicodeAttribute(null=True)
    review_queue = UnicodeAttribute(null=True)

    by_account = ByAccountIndex()
    review_queue_index = ReviewQueueIndex()


class TemplateCount(Model):
    """How many templates an account has (item `count#<account>`, in no index), changed in the
    transactions that insert and delete them: the `max_templates` cap is a condition of the insert."""

    Meta = table_meta("templates")

    template_id = UnicodeAttribute(hash_key=True)
    kind = UnicodeAttribute(null=True)  # "count": `find` never takes it for a template
    templates = NumberAttribute(null=True)


def _count_id(account_id: str) -> str:
    return f"count#{account_id}"


@dataclass(frozen=True)
class Verdict:
    status: str
    score: float
    reason: str
    findings: list[dict[str, str]]


@dataclass(frozen=True, kw_only=True)
class TemplateContent:
    """What the account submits, once checked: the part of a template its review reads."""

    account_id: str
    name: str
    category: str
    language: str
    components: dict[str, Any]
    suggestions: list[dict[str, Any]]
    placeholders: list[int]
    sms_fallback_text: str = ""  # "" when the template has no SMS fallback


@dataclass(frozen=True, kw_only=True)
class Template(TemplateContent):
    """A template as the service and the API see it (the store maps its item to this record)."""

    template_id: str
    effective_status: str  # "approved" | "rejected" | "needs_admin" | "pending"
    ai_review_status: str = PENDING
    ai_review_score: float = 0.0
    ai_review_reason: str = ""
    ai_review_findings: list[dict[str, str]] = field(default_factory=list)
    admin_status: str = ""
    admin_reason: str = ""
    submitted_at: datetime | None = None
    reviewed_at: datetime | None = None


def _time(text: str) -> datetime | None:
    moment = parse_time(text)
    return None if moment.year == 1 else moment


def _template(item: TemplateModel) -> Template:
    return record_of(item, Template, effective_status=item.admin_status or item.ai_review_status,
                     placeholders=[int(number) for number in item.placeholders],
                     submitted_at=_time(item.submitted_at), reviewed_at=_time(item.reviewed_at))


def _claim_id(account_id: str, name: str) -> str:
    return f"{_NAME_CLAIM}#{account_id}#{name}"


def create_template(new: TemplateContent, submitted: datetime) -> Template:
    """Store a template pending review under a new id; Conflict if the account already has one by that name."""
    template_id = random_id()
    record = TemplateModel(
        template_id=template_id, kind=_TEMPLATE, account_id=new.account_id, name=new.name,
        category=new.category, language=new.language, components=new.components,
        suggestions=new.suggestions, placeholders=new.placeholders, sms_fallback_text=new.sms_fallback_text or None,
        submitted_at=format_time(submitted),
        submitted_key=f"{submitted.strftime('%Y-%m-%dT%H:%M:%S.%fZ')}#{template_id}",
        review_queue=AI_PENDING,
    )
    claim = TemplateModel(template_id=_claim_id(new.account_id, new.name), kind=_NAME_CLAIM,
                           account_id=new.account_id, name=new.name, claimed_by=template_id)
    cap = get_settings().max_templates
    count = TemplateCount(_count_id(new.account_id))
    def build(transaction: TransactWrite) -> None:
        transaction.save(record, condition=TemplateModel.template_id.does_not_exist())
        transaction.save(claim, condition=TemplateModel.template_id.does_not_exist())
        transaction.update(count, actions=[TemplateCount.templates.add(1), TemplateCount.kind.set(_COUNT)],
                           condition=TemplateCount.templates.does_not_exist() | (TemplateCount.templates < cap))

    try:
        transact(TemplateModel, build)
    except Cancelled as cancelled:
        if cancelled.failed(2):
            raise Conflict(f"the account has {cap} templates, the most it may have (max_templates): "
                           "delete one first") from None
        raise Conflict(f"a template named {new.name!r} already exists") from None
    return _template(record)


def _find_item(template_id: str) -> TemplateModel | None:
    try:
        item = TemplateModel.get(template_id, consistent_read=True)
    except DoesNotExist:
        return None
    return item if item.kind == _TEMPLATE else None


def find_template(template_id: str) -> Template | None:
    """The template with that id (any account), read consistently; None for unknown or deleted ids."""
    item = _find_item(template_id)
    return None if item is None else _template(item)


def delete_template(template: Template) -> bool:
    """Delete a template and free its name; False if it was already gone."""
    claim = TemplateModel(template_id=_claim_id(template.account_id, template.name))
    def build(transaction: TransactWrite) -> None:
        transaction.delete(TemplateModel(template.template_id), condition=TemplateModel.template_id.exists())
        transaction.delete(claim, condition=TemplateModel.claimed_by == template.template_id)
        transaction.update(TemplateCount(_count_id(template.account_id)),
                           actions=[TemplateCount.templates.add(-1), TemplateCount.kind.set(_COUNT)])

    try:
        transact(TemplateModel, build)
    except Cancelled:
        return False
    return True


def _page(results: Any, limit: int) -> Page[Template]:
    items: list[Template] = []
    for item in results:
        items.append(_template(item))
        if len(items) == limit:
            break
    return Page(items=items, next_cursor=encode_cursor(results.last_evaluated_key))


def list_templates(account_id: str, *, limit: int, cursor: str | None) -> Page[Template]:
    """The account's templates, newest submitted first."""
    start = decode_cursor(cursor, pinned={"account_id": account_id},
                          shape=key_shape(TemplateModel, TemplateModel.by_account))
    results = TemplateModel.by_account.query(
        account_id, scan_index_forward=False, limit=limit, page_size=limit + 1, last_evaluated_key=start)
    return _page(results, limit)


def list_review_queue(*, limit: int, cursor: str | None) -> Page[Template]:
    """Templates of every account waiting for a human, oldest submitted first."""
    start = decode_cursor(cursor, pinned={"review_queue": NEEDS_ADMIN},
                          shape=key_shape(TemplateModel, TemplateModel.review_queue_index))
    results = TemplateModel.review_queue_index.query(
        NEEDS_ADMIN, scan_index_forward=True, limit=limit, page_size=limit + 1, last_evaluated_key=start)
    return _page(results, limit)


def iter_stale_pending(submitted_before: datetime) -> Iterator[str]:
    """Ids of every template still waiting for its automatic review, submitted before the given time."""
    before = submitted_before.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    for record in TemplateModel.review_queue_index.query(AI_PENDING, TemplateModel.submitted_key < before):
        yield record.template_id


def save_verdict(template_id: str, verdict: Verdict, reviewed: datetime, *, attempts: int = 3) -> bool:
    """Write the AI verdict once: False if the template is gone or already has one.

    An admin decision taken meanwhile keeps its `reviewed_at` and keeps the template out of the
    review queue; the condition on `admin_status` makes that hold against a concurrent decision."""
    for _ in range(attempts):
        record = _find_item(template_id)
        if record is None or record.ai_review_status != PENDING:
            return False
        decided = record.admin_status != ""
        actions: list[Action] = [
            TemplateModel.ai_review_status.set(verdict.status),
            TemplateModel.ai_review_score.set(verdict.score),
            TemplateModel.ai_review_reason.set(verdict.reason),
            TemplateModel.ai_review_findings.set(verdict.findings),
        ]
        if not decided:
            actions.append(TemplateModel.reviewed_at.set(format_time(reviewed)))
            if verdict.status == NEEDS_ADMIN:
                actions.append(TemplateModel.review_queue.set(NEEDS_ADMIN))
            else:
                actions.append(TemplateModel.review_queue.remove())
        try:
            record.update(actions=actions, condition=(
                TemplateModel.template_id.exists()
                & (TemplateModel.ai_review_status == PENDING)
                & (TemplateModel.admin_status == record.admin_status)
            ))
        except UpdateError as error:
            if error.cause_response_code == "ConditionalCheckFailedException":
                continue
            raise
        return True
    return False


def save_decision(template_id: str, *, decision: str, reason: str, reviewed: datetime) -> Template | None:
    """Record an admin's decision; it takes the template out of the review queue. None if gone."""
    item = TemplateModel(template_id)
    try:
        item.update(
            actions=[
                TemplateModel.admin_status.set(decision),
                TemplateModel.admin_reason.set(reason),
                TemplateModel.reviewed_at.set(format_time(reviewed)),
                TemplateModel.review_queue.remove(),
            ],
            condition=TemplateModel.template_id.exists() & (TemplateModel.kind == _TEMPLATE),
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return None
        raise
    return _template(item)

