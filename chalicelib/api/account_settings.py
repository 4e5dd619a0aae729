"""The account's own settings (docs/campaign-controls.md): the default send window of its broadcasts; and
its send limit, set by an admin (docs/pacing.md)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from chalice.app import Blueprint
from pydantic import BaseModel, ConfigDict, Field, StrictInt

from chalicelib.api.balance import path_account_id
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


MAX_SEND_RATE = 10_000  # messages a second: far above what an RBM agent is granted


class SendRateInput(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)

    send_rate_per_second: Annotated[StrictInt, Field(ge=1, le=MAX_SEND_RATE)] | None


def _send_rate(account_id: str) -> dict[str, Any]:
    own = service.own_send_rate(account_id)
    return {"account_id": account_id, "send_rate_per_second": service.send_rate(account_id), "custom": own is not None}


@api_route(settings, "/admin/accounts/{account_id}/send-rate", methods=["GET"], access="admin")
def get_send_rate(request: ApiRequest, account_id: str) -> dict[str, Any]:
    return _send_rate(path_account_id(account_id))


@api_route(settings, "/admin/accounts/{account_id}/send-rate", methods=["PUT"], access="admin")
def put_send_rate(request: ApiRequest, account_id: str) -> dict[str, Any]:
    account_id = path_account_id(account_id)
    body = request.parse(SendRateInput)
    service.set_send_rate(account_id, body.send_rate_per_second)
    return _send_rate(account_id)
