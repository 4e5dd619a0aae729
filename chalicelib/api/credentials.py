"""Provider credentials of the caller's account (extensions.md, "Provider credentials")."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint

from chalicelib import errors
from chalicelib.api.routing import ApiRequest, api_route
from chalicelib.lazy import lazy_module

if TYPE_CHECKING:
    from chalicelib.services import credential_input
    from chalicelib.services import credentials as service
else:
    service = lazy_module("chalicelib.services.credentials")
    credential_input = lazy_module("chalicelib.services.credential_input")

credentials = Blueprint(__name__)


@api_route(credentials, "/credentials", methods=["PUT"])
def put_credentials(request: ApiRequest) -> dict[str, Any]:
    saved = service.put_credentials(request.account_id, credential_input.parse_input(request.json()))
    return service.masked(saved)


@api_route(credentials, "/credentials", methods=["GET"])
def get_credentials(request: ApiRequest) -> dict[str, Any]:
    return service.masked(service.load_credentials(request.account_id))


@api_route(credentials, "/credentials", methods=["DELETE"])
def delete_credentials(request: ApiRequest) -> dict[str, Any]:
    if not service.delete_credentials(request.account_id):
        raise errors.NotFound("no credentials are configured")
    return {"configured": False}
