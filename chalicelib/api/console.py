"""`GET /console`: the web console, a few static files served by the API's own Lambda (outside the
API's prefix; docs/console.md says why not S3 + CloudFront), and the local stack's dev sign-in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pydantic
from chalice.app import Blueprint, Chalice, Response

from chalicelib.api.routing import ApiRequest, api_route
from chalicelib.lazy import lazy_module
from chalicelib.settings import get_settings

if TYPE_CHECKING:
    from chalicelib.services import console as service
else:
    service = lazy_module("chalicelib.services.console")

CONSOLE_PREFIX = "/console"

console = Blueprint(__name__)


class DevSignIn(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(extra="forbid", strict=True, defer_build=True)

    account: str = pydantic.Field(min_length=1, max_length=128)
    admin: bool = False


def _file(asset: service.Asset, **headers: str) -> Response:
    return Response(body=asset.body, status_code=200,
                    headers={"Content-Type": asset.content_type, "Cache-Control": "no-cache",
                             "X-Content-Type-Options": "nosniff", **headers})


@api_route(console, "", methods=["GET"], access="public", prefix=CONSOLE_PREFIX)
def get_console(request: ApiRequest) -> Response:
    context: dict[str, Any] = console.current_request.context or {}
    path = str(context.get("path") or CONSOLE_PREFIX)  # API Gateway's includes the stage: /api/console
    return _file(service.page(path), **{"Content-Security-Policy": service.security_policy(get_settings()),
                                        "Referrer-Policy": "no-referrer"})


@api_route(console, "/config.json", methods=["GET"], access="public", prefix=CONSOLE_PREFIX)
def get_console_config(request: ApiRequest) -> dict[str, Any]:
    return service.browser_config(get_settings())


@api_route(console, "/dev-token", methods=["POST"], access="public", prefix=CONSOLE_PREFIX)
def post_dev_token(request: ApiRequest) -> dict[str, Any]:
    body = request.parse(DevSignIn)
    token = service.dev_token(body.account, admin=body.admin, settings=get_settings())
    return {"token": token, "account": body.account, "admin": body.admin}


@api_route(console, "/{asset}", methods=["GET"], access="public", prefix=CONSOLE_PREFIX)
def get_console_asset(request: ApiRequest, asset: str) -> Response:
    return _file(service.asset(asset))


def register_console(app: Chalice) -> None:
    app.register_blueprint(console, url_prefix=CONSOLE_PREFIX)
