"""The account's own settings (docs/campaign-controls.md): the default send window of its broadcasts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint
from pydantic import BaseModel, ConfigDict

from chalicelib.api.routing import ApiRequest, api_route
from chalicelib.lazy import lazy_module

if TYPE_CHECKING:
    from chalicelib.services import account_settings as service
else:
    service = lazy_module("chalicelib.services.account_settings")

settings = Blueprint(__name__)


class SettingsInput(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    send_window: dict[str, Any] | None


@api_route(settings, "/settings", methods=["GET"])
def get_settings(request: ApiRequest) -> dict[str, Any]:
    return {"send_window": service.default_send_window(request.account_id)}


@api_route(settings, "/settings", methods=["PUT"])
def put_settings(request: ApiRequest) -> dict[str, Any]:
    body = request.parse(SettingsInput)
    return {"send_window": service.set_default_send_window(request.account_id, body.send_window)}
