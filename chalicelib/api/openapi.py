"""`GET /openapi.json`: the OpenAPI document of the API (chalicelib/openapi.yaml), as JSON, for a
client's tooling. The YAML file is the one source of truth; it ships in the Lambda package."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from chalice.app import Blueprint, Response

from chalicelib.api.envelope import JSON
from chalicelib.api.routing import ApiRequest, api_route

DOCUMENT_PATH = Path(__file__).resolve().parent.parent / "openapi.yaml"

openapi = Blueprint(__name__)


@lru_cache(maxsize=1)
def document() -> dict[str, Any]:
    """The document as a JSON-compatible dict (read once per process)."""
    import yaml  # only this route reads YAML: not at import (cold start, chalicelib/lazy.py)

    loaded: Any = yaml.safe_load(DOCUMENT_PATH.read_text(encoding="utf-8"))
    if not isinstance(loaded, dict):
        raise ValueError(f"{DOCUMENT_PATH} is not an OpenAPI document")
    return loaded


@lru_cache(maxsize=1)
def _serialised() -> str:
    return json.dumps(document(), ensure_ascii=False, separators=(",", ":"))


@api_route(openapi, "/openapi.json", methods=["GET"], access="public")
def get_openapi_document(request: ApiRequest) -> Response:
    # A Response, not a dict: the document is served as it is, without the `success` flag.
    return Response(body=_serialised(), status_code=200, headers=JSON)
