"""Templates (templates.md) and their human review (extensions.md, "Human review of templates")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint
from pydantic import BaseModel, ConfigDict, Field, StrictStr

from chalicelib import errors
from chalicelib.api.routing import ApiRequest, api_route
from chalicelib.clock import format_time
from chalicelib.lazy import lazy_module
from chalicelib.services import idempotency

if TYPE_CHECKING:
    from chalicelib.services import sms_segments as sms
    from chalicelib.services import template_content as content
    from chalicelib.services import template_test_send as test_sends
    from chalicelib.services import templates as service
else:
    content = lazy_module("chalicelib.services.template_content")
    sms = lazy_module("chalicelib.services.sms_segments")
    test_sends = lazy_module("chalicelib.services.template_test_send")
    service = lazy_module("chalicelib.services.templates")

templates = Blueprint(__name__)

SUBMITTED_MESSAGE = "Template submitted \u2014 AI review usually completes within 5s."
DEFAULT_LIMIT, MAX_LIMIT = 50, 100


def row(template: service.Template) -> dict[str, Any]:
    """A template as the API shows it (templates.md, plus ai_review_findings and placeholders)."""
    return {
        "template_id": template.template_id,
        "name": template.name,
        "category": template.category,
        "language": template.language,
        "components": template.components,
        "suggestions": template.suggestions,
        "ai_review_status": template.ai_review_status,
        "ai_review_score": template.ai_review_score,
        "ai_review_reason": template.ai_review_reason,
        "ai_review_findings": template.ai_review_findings,
        "admin_status": template.admin_status,
        "admin_reason": template.admin_reason,
        "effective_status": template.effective_status,
        "placeholders": template.placeholders,
        "sms_fallback": {"text": template.sms_fallback_text} if template.sms_fallback_text else None,
        "sms_segments": sms.count(template.sms_fallback_text).count if template.sms_fallback_text else None,
        "submitted_at": format_time(template.submitted_at),
        "reviewed_at": format_time(template.reviewed_at),
    }


def _limit(request: ApiRequest) -> int:
    return request.query_int("limit", default=DEFAULT_LIMIT, low=1, high=MAX_LIMIT)


@api_route(templates, "/templates", methods=["POST"], status=201, idempotent=True)
def create_template(request: ApiRequest) -> dict[str, Any]:
    template = service.create_template(request.account_id, request.parse(content.TemplateDraft))
    return {"template_id": template.template_id, "ai_review_status": template.ai_review_status,
            "message": SUBMITTED_MESSAGE}


@api_route(templates, "/templates", methods=["GET"])
def list_templates(request: ApiRequest) -> dict[str, Any]:
    page = service.list_templates(request.account_id, limit=_limit(request), cursor=request.query("cursor"))
    return {"templates": [row(template) for template in page.items], "next_cursor": page.next_cursor}


@api_route(templates, "/templates/{template_id}", methods=["GET"])
def get_template(request: ApiRequest, template_id: str) -> dict[str, Any]:
    return {"template": row(service.get_template(request.account_id, template_id))}


@api_route(templates, "/templates/{template_id}", methods=["DELETE"])
def delete_template(request: ApiRequest, template_id: str) -> dict[str, Any]:
    service.delete_template(request.account_id, template_id)
    return {}


class SendTestInput(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    phone: StrictStr = Field(min_length=1, max_length=64)
    variables: dict[str, Any] | None = None


@api_route(templates, "/templates/{template_id}/test", methods=["POST"], idempotent=True)
def send_template_test(request: ApiRequest, template_id: str) -> dict[str, Any]:
    service.get_template(request.account_id, template_id)  # another account's id is a 404 whatever the body
    body = request.parse(SendTestInput)
    result = test_sends.send_test(request.account_id, template_id, phone=body.phone, variables=body.variables,
                                  key=request.header(idempotency.HEADER))
    return {"rm_message_id": result.rm_message_id, "state": result.state, "failure_reason": result.failure_reason}


@api_route(templates, "/admin/templates", methods=["GET"], access="admin")
def review_queue(request: ApiRequest) -> dict[str, Any]:
    status = request.query("status") or "needs_admin"
    if status != "needs_admin":
        raise errors.InvalidInput("status", "status must be needs_admin (the templates waiting for a human)")
    page = service.review_queue(limit=_limit(request), cursor=request.query("cursor"))
    return {"templates": [{**row(template), "account_id": template.account_id} for template in page.items],
            "next_cursor": page.next_cursor}


@api_route(templates, "/admin/templates/{template_id}/review", methods=["POST"], access="admin")
def review_template(request: ApiRequest, template_id: str) -> dict[str, Any]:
    template = service.decide(template_id, request.parse(service.Decision))
    return {"template": {**row(template), "account_id": template.account_id}}
