"""The opt-out (suppression) list of the account (campaigns.md, "Opt-outs")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from chalice.app import Blueprint
from pydantic import BaseModel, ConfigDict

from chalicelib.api.routing import ApiRequest, api_route
from chalicelib.lazy import lazy_module

if TYPE_CHECKING:
    from chalicelib.services import optouts as service
else:
    service = lazy_module("chalicelib.services.optouts")

optouts = Blueprint(__name__)

DEFAULT_LIMIT, MAX_LIMIT = 100, 1000


class OptOutsInput(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    phones: Any  # each number is read (and refused with its index) by the service


@api_route(optouts, "/optouts", methods=["GET"])
def list_optouts(request: ApiRequest) -> dict[str, Any]:
    limit = request.query_int("limit", default=DEFAULT_LIMIT, low=1, high=MAX_LIMIT)
    page = service.page(request.account_id, limit=limit, cursor=request.query("cursor"))
    return {"optouts": [{"phone": o.phone, "source": o.source, "created_at": o.created_at} for o in page.items],
            "next_cursor": page.next_cursor}


@api_route(optouts, "/optouts", methods=["POST"], idempotent=True)
def add_optouts(request: ApiRequest) -> dict[str, Any]:
    return {"added": service.add(request.account_id, request.parse(OptOutsInput).phones)}


@api_route(optouts, "/optouts/{phone}", methods=["DELETE"])
def delete_optout(request: ApiRequest, phone: str) -> dict[str, Any]:
    service.remove(request.account_id, unquote(phone))
    return {}
