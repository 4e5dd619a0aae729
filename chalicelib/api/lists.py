"""Contact lists, their members and their CSV imports (extensions.md, "Contact lists")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from chalice.app import Blueprint
from pydantic import BaseModel, ConfigDict, Field, StrictStr

from chalicelib.api.routing import ApiRequest, api_route
from chalicelib.clock import format_time
from chalicelib.lazy import lazy_module
from chalicelib.services import limits

if TYPE_CHECKING:
    from chalicelib.services import imports as import_service
    from chalicelib.services import lists as service
    from chalicelib.services.imports import ImportRecord
else:
    import_service = lazy_module("chalicelib.services.imports")
    service = lazy_module("chalicelib.services.lists")

lists = Blueprint(__name__)

DEFAULT_LIMIT, MAX_LIMIT = 50, 100
DEFAULT_MEMBER_LIMIT, MAX_MEMBER_LIMIT = 100, 1000


class ListInput(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    name: StrictStr = Field(max_length=limits.MAX_LIST_NAME_LENGTH)


class MemberInput(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    phone: StrictStr
    variables: dict[str, Any] | None = None


class MembersInput(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    members: list[MemberInput] = Field(min_length=1, max_length=limits.MAX_MEMBERS_PER_CALL)
    default_region: StrictStr | None = None


class ImportInput(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    default_region: StrictStr | None = None


def list_row(contact_list: service.ContactList) -> dict[str, Any]:
    return {
        "list_id": contact_list.list_id,
        "name": contact_list.name,
        "member_count": contact_list.member_count,
        "created_at": format_time(contact_list.created_at),
    }


def import_row(record: ImportRecord) -> dict[str, Any]:
    return {
        "import_id": record.import_id,
        "list_id": record.list_id,
        "status": record.status,
        "rows_read": record.rows_read,
        "added": record.added,
        "updated": record.updated,
        "rejected": record.rejected,
        "opted_out": record.opted_out,
        "rejected_rows": record.rejected_rows,
        "bytes_read": record.offset,
        "bytes_total": record.size,
        "failure_reason": record.failure_reason,
        "created_at": record.created_at,
        "started_at": record.started_at or format_time(None),
        "completed_at": record.completed_at or format_time(None),
    }


@api_route(lists, "/lists", methods=["POST"], status=201, idempotent=True)
def create_list(request: ApiRequest) -> dict[str, Any]:
    created = list_row(service.create_list(request.account_id, request.parse(ListInput).name))
    return {"list_id": created["list_id"], "list": created}


@api_route(lists, "/lists", methods=["GET"])
def list_lists(request: ApiRequest) -> dict[str, Any]:
    limit = request.query_int("limit", default=DEFAULT_LIMIT, low=1, high=MAX_LIMIT)
    page = service.list_lists(request.account_id, limit, request.query("cursor"))
    return {"lists": [list_row(item) for item in page.items], "next_cursor": page.next_cursor}


@api_route(lists, "/lists/{list_id}", methods=["GET"])
def get_list(request: ApiRequest, list_id: str) -> dict[str, Any]:
    return {"list": list_row(service.get_list(request.account_id, list_id))}


@api_route(lists, "/lists/{list_id}", methods=["DELETE"])
def delete_list(request: ApiRequest, list_id: str) -> dict[str, Any]:
    service.delete_list(request.account_id, list_id)
    return {}


@api_route(lists, "/lists/{list_id}/members", methods=["POST"], status=201, idempotent=True)
def add_members(request: ApiRequest, list_id: str) -> dict[str, Any]:
    service.get_list(request.account_id, list_id)
    body = request.parse(MembersInput)
    result = service.add_members(request.account_id, list_id, [m.model_dump() for m in body.members],
                                 body.default_region)
    return {
        "added": result.added,
        "updated": result.updated,
        "rejected": len(result.rejected),
        "rejected_rows": [{"index": r.row, "phone": r.phone, "reason": r.reason} for r in result.rejected],
        "member_count": service.get_list(request.account_id, list_id).member_count,
    }


@api_route(lists, "/lists/{list_id}/members", methods=["GET"])
def list_members(request: ApiRequest, list_id: str) -> dict[str, Any]:
    limit = request.query_int("limit", default=DEFAULT_MEMBER_LIMIT, low=1, high=MAX_MEMBER_LIMIT)
    page = service.members(request.account_id, list_id, limit, request.query("cursor"))
    return {
        "members": [{"phone": m.phone, "variables": m.variables, "added_at": m.added_at} for m in page.items],
        "next_cursor": page.next_cursor,
    }


@api_route(lists, "/lists/{list_id}/members/{phone}", methods=["DELETE"])
def delete_member(request: ApiRequest, list_id: str, phone: str) -> dict[str, Any]:
    service.remove_member(request.account_id, list_id, unquote(phone), request.query("default_region"))
    return {}


@api_route(lists, "/lists/{list_id}/imports", methods=["POST"], status=201, idempotent=True)
def start_import(request: ApiRequest, list_id: str) -> dict[str, Any]:
    service.get_list(request.account_id, list_id)
    body = request.parse(ImportInput)
    started = import_service.start_import(request.account_id, list_id, body.default_region)
    return {
        "import_id": started.record.import_id,
        "upload_url": started.upload_url,
        "upload_method": "PUT",
        "upload_expires_at": started.expires_at,
        "status": started.record.status,
    }


@api_route(lists, "/lists/{list_id}/imports/{import_id}", methods=["GET"])
def get_import(request: ApiRequest, list_id: str, import_id: str) -> dict[str, Any]:
    return import_row(import_service.get_import(request.account_id, list_id, import_id))
