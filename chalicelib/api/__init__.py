"""The HTTP API: blueprints under /api/v1/rcs, the middleware, and the local gateway's 404."""

from __future__ import annotations

import os

from chalice.app import Chalice

from chalicelib.api.account_settings import settings
from chalicelib.api.balance import balance
from chalicelib.api.brands import brands
from chalicelib.api.broadcasts import bp as broadcasts
from chalicelib.api.credentials import credentials
from chalicelib.api.health import health
from chalicelib.api.lists import lists
from chalicelib.api.middleware import http_middleware
from chalicelib.api.openapi import openapi
from chalicelib.api.optouts import optouts
from chalicelib.api.routing import API_PREFIX
from chalicelib.api.templates import templates
from chalicelib.api.webhooks import bp as webhooks

BLUEPRINTS = [health, openapi, templates, lists, credentials, balance, brands, broadcasts, webhooks, settings,
              optouts]


def register_api(app: Chalice) -> None:
    app.register_middleware(http_middleware, "http")
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint, url_prefix=API_PREFIX)
    if not os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
        from chalicelib.api.local_gateway import install_not_found_envelope

        install_not_found_envelope()
