from __future__ import annotations

from typing import Any

from chalice.app import Blueprint

from chalicelib.api.routing import ApiRequest, api_route
from chalicelib.settings import get_settings

health = Blueprint(__name__)


@api_route(health, "/health", methods=["GET"], access="public")
def get_health(request: ApiRequest) -> dict[str, Any]:
    return {"stage": get_settings().stage}
