"""Broadcasts: create, list, get, start, cancel, targets."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from chalice.app import Blueprint
from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, StringConstraints, field_validator

from chalicelib.api.routing import ApiRequest, api_route
from chalicelib.clock import UNSET
from chalicelib.lazy import lazy_module
from chalicelib.services.text_rules import NAME_CONTROL

if TYPE_CHECKING:
    from chalicelib.services import broadcasts as service
    from chalicelib.services import inbound
    from chalicelib.services.broadcasts import Broadcast, Target
else:
    service = lazy_module("chalicelib.services.broadcasts")
    inbound = lazy_module("chalicelib.services.inbound")

bp = Blueprint(__name__)


# An id is looked up as sent (one of blanks only names nothing: 404), never trimmed into another.
_Id = Annotated[str, StringConstraints(strip_whitespace=False, min_length=1, max_length=128)]


class CreateBroadcast(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, defer_build=True)

    name: str | None = Field(default=None, min_length=1, max_length=200)

    @field_validator("name")
    @classmethod
    def _printable(cls, value: str | None) -> str | None:
        if value is not None and NAME_CONTROL.search(value):
            raise ValueError("must not contain control characters")
        return value
    template_id: _Id
    list_id: _Id
    scheduled_at: str | None = Field(default=None, max_length=64)
    send_window: dict[str, Any] | None = None
    ttl_seconds: StrictInt | None = Field(default=None, ge=60, le=1_296_000)
    check_reach: StrictBool = True
    fallback: Literal["none", "sms"] = "none"


def broadcast_view(broadcast: Broadcast) -> dict[str, Any]:
    return {
        "broadcast_id": broadcast.broadcast_id,
        "name": broadcast.name,
        "status": broadcast.status,
        "template_id": broadcast.template_id,
        "list_id": broadcast.list_id,
        "template_name": broadcast.template_name,
        "list_name": broadcast.list_name,
        "total_count": broadcast.total_count,
        "sent_count": broadcast.sent_count,
        "delivered_count": broadcast.delivered_count,
        "read_count": broadcast.read_count,
        "failed_count": broadcast.failed_count,
        "suppressed_count": broadcast.suppressed_count,
        "replied_count": broadcast.replied_count,
        "clicked_count": broadcast.clicked_count,
        "queued_count": max(0, broadcast.total_count - broadcast.settled_count),
        "failure_reason": broadcast.failure_reason,
        "created_at": broadcast.created_at,
        "scheduled_at": broadcast.scheduled_at or UNSET,
        "started_at": broadcast.started_at or UNSET,
        "completed_at": broadcast.completed_at or UNSET,
        "snapshot": {"status": "completed" if broadcast.snapshot_done else "running",
                     "copied": broadcast.snapshot_count},
        "retry_of": broadcast.retry_of,
        "send_window": broadcast.send_window,
        "ttl_seconds": broadcast.ttl_seconds,
        "check_reach": broadcast.check_reach,
        "reach": {"checked": broadcast.reach_checked, "reachable": broadcast.reach_reachable},
        "fallback": broadcast.fallback,
        "fallback_count": broadcast.fallback_count,
        "next_window_at": service.next_window_at(broadcast) or UNSET,
    }


def target_view(target: Target) -> dict[str, Any]:
    return {
        "recipient_phone": target.phone,
        "state": target.state,
        "rm_message_id": target.rm_message_id or "",
        "failure_reason": target.failure_reason,
        "sent_at": target.sent_at or UNSET,
        "delivered_at": target.delivered_at or UNSET,
        "read_at": target.read_at or UNSET,
    }


@api_route(bp, "/broadcasts", methods=["POST"], status=201, idempotent=True)
def create_broadcast(request: ApiRequest) -> dict[str, Any]:
    body = request.parse(CreateBroadcast)
    broadcast = service.create(request.account_id, name=body.name, template_id=body.template_id,
                               list_id=body.list_id, scheduled_at=body.scheduled_at, send_window=body.send_window,
                               ttl_seconds=body.ttl_seconds, check_reach=body.check_reach, fallback=body.fallback)
    return {
        "broadcast_id": broadcast.broadcast_id,
        "total_count": broadcast.total_count,
        "status": broadcast.status,
        "template_name": broadcast.template_name,
        "list_name": broadcast.list_name,
    }


@api_route(bp, "/broadcasts", methods=["GET"])
def list_broadcasts(request: ApiRequest) -> dict[str, Any]:
    page = service.list_page(request.account_id, limit=request.query_int("limit", default=50, low=1, high=200),
                             cursor=request.query("cursor"))
    return {"broadcasts": [broadcast_view(b) for b in page.items], "next_cursor": page.next_cursor}


@api_route(bp, "/broadcasts/{broadcast_id}", methods=["GET"])
def get_broadcast(request: ApiRequest, broadcast_id: str) -> dict[str, Any]:
    broadcast = service.get(request.account_id, broadcast_id)
    clicks = [{"postback_data": click.postback_data, "text": click.text, "count": click.count}
              for click in inbound.clicks(broadcast.broadcast_id)]
    return {"broadcast": {**broadcast_view(broadcast), "clicks": clicks}}


@api_route(bp, "/broadcasts/{broadcast_id}/start", methods=["POST"])
def start_broadcast(request: ApiRequest, broadcast_id: str) -> dict[str, Any]:
    return {"status": service.start(request.account_id, broadcast_id)}


@api_route(bp, "/broadcasts/{broadcast_id}/cancel", methods=["POST"])
def cancel_broadcast(request: ApiRequest, broadcast_id: str) -> dict[str, Any]:
    return {"status": service.cancel(request.account_id, broadcast_id)}


@api_route(bp, "/broadcasts/{broadcast_id}/pause", methods=["POST"])
def pause_broadcast(request: ApiRequest, broadcast_id: str) -> dict[str, Any]:
    return {"status": service.pause(request.account_id, broadcast_id)}


@api_route(bp, "/broadcasts/{broadcast_id}/resume", methods=["POST"])
def resume_broadcast(request: ApiRequest, broadcast_id: str) -> dict[str, Any]:
    return {"status": service.resume(request.account_id, broadcast_id)}


@api_route(bp, "/broadcasts/{broadcast_id}/retry", methods=["POST"], status=201, idempotent=True)
def retry_broadcast(request: ApiRequest, broadcast_id: str) -> dict[str, Any]:
    return {"broadcast_id": service.retry(request.account_id, broadcast_id).broadcast_id}


@api_route(bp, "/broadcasts/{broadcast_id}/targets", methods=["GET"])
def list_targets(request: ApiRequest, broadcast_id: str) -> dict[str, Any]:
    page = service.targets(request.account_id, broadcast_id,
                           size=request.query_int("size", default=200, low=1, high=1000),
                           state=request.query("state") or None, cursor=request.query("cursor"))
    return {"targets": [target_view(t) for t in page.items], "next_cursor": page.next_cursor}
