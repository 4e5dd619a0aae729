"""The OpenAPI document (chalicelib/openapi.yaml) as the tests use it: find the operation of a
request, and check a response against the schema the document gives for its status.

`ValidatingClient` wraps the Chalice test client: every response it sees must be documented (its
path, method, status and content type) and match its schema, or the test fails there."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from urllib.parse import urlsplit

from chalice.test import Client
from jsonschema import Draft202012Validator, FormatChecker
from jsonschema.exceptions import best_match
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from chalicelib.api.openapi import document
from chalicelib.api.routing import API_PREFIX

DOCUMENT_URI = "urn:rcs-broadcast:openapi"
METHODS = ("get", "put", "post", "delete", "patch", "head", "options")


@dataclass(frozen=True)
class Operation:
    path: str  # as documented, without the API prefix: /lists/{list_id}
    method: str  # upper case
    spec: dict[str, Any]

    @property
    def route(self) -> str:
        return API_PREFIX + self.path


def operations() -> list[Operation]:
    found = []
    for path, item in document()["paths"].items():
        for method in METHODS:
            if method in item:
                found.append(Operation(path, method.upper(), item[method]))
    return found


@cache
def _path_patterns() -> list[tuple[re.Pattern[str], str]]:
    patterns = []
    for path in document()["paths"]:
        regex = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path))
        patterns.append((re.compile(f"^{regex}$"), path))
    # literal paths first, so /lists/x/imports is not taken for a longer template
    return sorted(patterns, key=lambda item: item[1].count("{"))


def find_operation(method: str, url: str) -> Operation:
    """The documented operation of `method url` (`url` with the API prefix, query allowed)."""
    path = urlsplit(url).path
    assert path.startswith(API_PREFIX), f"{url} is not under {API_PREFIX}"
    relative = path[len(API_PREFIX):]
    for pattern, template in _path_patterns():
        if pattern.match(relative):
            item = document()["paths"][template]
            assert method.lower() in item, f"{method} {template} is not in the OpenAPI document"
            return Operation(template, method.upper(), item[method.lower()])
    raise AssertionError(f"no path of the OpenAPI document matches {path}")


@cache
def _registry() -> Registry[Any]:
    resource: Resource[Any] = Resource.from_contents(document(), default_specification=DRAFT202012)
    registry: Registry[Any] = Registry().with_resource(DOCUMENT_URI, resource)
    return registry


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


@cache
def _validator(pointer: str) -> Draft202012Validator:
    return Draft202012Validator({"$ref": f"{DOCUMENT_URI}#/{pointer}"}, registry=_registry(),
                                format_checker=FormatChecker())


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    """Follow a local `$ref` (a response of components/responses)."""
    while "$ref" in node:
        target: Any = document()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part.replace("~1", "/").replace("~0", "~")]
        node = target
    return node


def check_response(method: str, url: str, status: int, headers: Mapping[str, str], body: bytes) -> None:
    """Fail unless the document describes this response: its status, content type and body."""
    operation = find_operation(method, url)
    label = f"{method.upper()} {operation.path} -> {status}"
    responses = operation.spec["responses"]
    assert str(status) in responses, f"{label}: status {status} is not documented: {body[:300]!r}"
    response = _resolve(responses[str(status)])
    content = response.get("content", {})
    media = str(headers.get("Content-Type") or headers.get("content-type") or "").split(";")[0].strip()
    assert media in content, f"{label}: content type {media!r} is not documented ({sorted(content)})"
    if media != "application/json":
        return
    try:
        payload = json.loads(body)
    except ValueError:
        raise AssertionError(f"{label}: the body is not JSON: {body[:300]!r}") from None
    where = _pointer("paths", operation.path, method.lower(), "responses", str(status))
    if "$ref" in responses[str(status)]:
        where = responses[str(status)]["$ref"].removeprefix("#/")
    validator = _validator(f"{where}/content/{_pointer(media)}/schema")
    error = best_match(validator.iter_errors(payload))
    if error is not None:
        raise AssertionError(f"{label}: the body does not match the document at "
                             f"{'/'.join(map(str, error.absolute_path)) or '(root)'}: {error.message}\n"
                             f"body: {json.dumps(payload)[:1500]}")


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    raw: bytes
    body: Any = None


@dataclass
class ValidatingClient:
    """Calls the API through the Chalice test client and checks every answer against the document."""

    client: Client
    seen: set[tuple[str, str, int]] = field(default_factory=set)

    def request(self, method: str, path: str, headers: Mapping[str, str] | None = None, body: Any = None, *,
                raw: bytes | None = None) -> Answer:
        """`path` is relative to the API prefix (`/lists`); `body` is sent as JSON unless `raw` is."""
        data = raw if raw is not None else (json.dumps(body).encode() if body is not None else b"")
        url = API_PREFIX + path
        response = getattr(self.client.http, method.lower())(url, headers=dict(headers or {}), body=data)
        answer_headers = {str(k): str(v) for k, v in response.headers.items()}
        check_response(method, url, response.status_code, answer_headers, response.body)
        self.seen.add((method.upper(), find_operation(method, url).path, response.status_code))
        answer = Answer(response.status_code, answer_headers, response.body)
        media = answer_headers.get("Content-Type", answer_headers.get("content-type", ""))
        if response.body and media.startswith("application/json"):
            answer.body = json.loads(response.body)
        return answer

    def call(self, method: str, path: str, headers: Mapping[str, str] | None = None,
             body: Any = None) -> tuple[int, Any]:
        answer = self.request(method, path, headers, body)
        return answer.status, answer.body
