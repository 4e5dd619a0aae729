"""The OpenAPI document against the code: every route documented, every documented operation a
route, each operation's security and error answers true to its access level, and the document
served as it ships."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from openapi_spec_validator import validate

from app import app
from chalicelib.api.console import CONSOLE_PREFIX
from chalicelib.api.openapi import DOCUMENT_PATH, document
from chalicelib.api.routing import API_PREFIX, ROUTES, RouteSpec
from tests.support.openapi import ValidatingClient, _registry, operations

PROJECT = Path(__file__).resolve().parents[3]


def app_operations() -> set[tuple[str, str]]:
    """(METHOD, path under the API prefix) of every route the Chalice app serves."""
    found = set()
    for path, methods in app.routes.items():
        if path == CONSOLE_PREFIX or path.startswith(CONSOLE_PREFIX + "/"):
            continue  # the web console's page, files and dev sign-in (tests/functional/test_console.py)
        assert path.startswith(API_PREFIX), f"{path} is outside {API_PREFIX}"
        for method in methods:
            found.add((method.upper(), path[len(API_PREFIX):]))
    return found


def route_spec(method: str, path: str) -> RouteSpec:
    matches = [spec for spec in ROUTES if spec.method == method and spec.path == API_PREFIX + path]
    assert matches, f"{method} {path} is served but was not declared with api_route"
    return matches[-1]


def test_the_document_is_a_valid_openapi_3_1_document() -> None:
    validate(document())
    assert document()["openapi"].startswith("3.1.")


def test_the_yaml_is_plain_json_data() -> None:
    # YAML would turn an unquoted 2026-05-28 into a date, `on` into True: the JSON form must be the same.
    assert json.loads(json.dumps(document())) == document()


def test_every_route_is_documented_and_every_documented_operation_is_a_route() -> None:
    documented = {(operation.method, operation.path) for operation in operations()}
    served = app_operations()
    assert sorted(served - documented) == [], "routes missing from the OpenAPI document"
    assert sorted(documented - served) == [], "documented operations that no route serves"


def test_every_route_goes_through_api_route() -> None:
    for method, path in app_operations():
        route_spec(method, path)


def test_each_operation_documents_the_security_and_errors_of_its_access_level() -> None:
    problems: list[str] = []
    for operation in operations():
        spec = operation.spec
        access = route_spec(operation.method, operation.path).access
        statuses = set(spec["responses"])
        label = f"{operation.method} {operation.path} ({access})"
        security = spec.get("security", document()["security"])
        if access == "public" and security != []:
            problems.append(f"{label}: a public operation must say security: []")
        if access != "public" and security != [{"bearer": []}]:
            problems.append(f"{label}: a protected operation must require the bearer scheme")
        if access != "public" and "401" not in statuses:
            problems.append(f"{label}: no 401")
        if access == "admin" and "403" not in statuses:
            problems.append(f"{label}: no 403")
        if "500" not in statuses:
            problems.append(f"{label}: no 500")
        if not any(status.startswith("2") for status in statuses):
            problems.append(f"{label}: no success answer")
        if "requestBody" in spec and not {"400", "413", "415"} <= statuses:
            problems.append(f"{label}: a body is taken, so 400, 413 and 415 are answered")
        query = [p for p in spec.get("parameters", []) if _resolve(p).get("in") == "query"]
        if query and "400" not in statuses:
            problems.append(f"{label}: query parameters are checked, so 400 is answered")
        ids = [p for p in _path_parameters(operation.path) if p != "account_id"]
        if ids and "404" not in statuses:
            problems.append(f"{label}: ids in the path, so 404 is answered")
    assert problems == []


def _resolve(node: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in node:
        target: Any = document()
        for part in node["$ref"].removeprefix("#/").split("/"):
            target = target[part]
        return target  # type: ignore[no-any-return]
    return node


def _path_parameters(path: str) -> list[str]:
    return [part[1:-1] for part in path.split("/") if part.startswith("{")]


def test_every_path_parameter_is_declared_once() -> None:
    for path, item in document()["paths"].items():
        for method, spec in item.items():
            if method == "parameters":
                continue
            declared = [_resolve(p)["name"] for p in item.get("parameters", []) + spec.get("parameters", [])
                        if _resolve(p)["in"] == "path"]
            assert sorted(declared) == sorted(_path_parameters(path)), f"{method.upper()} {path}"


def test_the_request_examples_match_their_own_schemas() -> None:
    checked = 0
    for operation in operations():
        media = operation.spec.get("requestBody", {}).get("content", {}).get("application/json", {})
        if "example" in media:
            pointer = "/".join(["paths", operation.path.replace("~", "~0").replace("/", "~1"),
                                operation.method.lower(), "requestBody", "content", "application~1json", "schema"])
            validator = Draft202012Validator({"$ref": f"urn:rcs-broadcast:openapi#/{pointer}"}, registry=_registry())
            errors = [error.message for error in validator.iter_errors(media["example"])]
            assert errors == [], f"{operation.method} {operation.path}: {errors}"
            checked += 1
    assert checked >= 8


def test_docs_openapi_yaml_is_the_document_that_ships(tmp_path: Path) -> None:
    docs = PROJECT / "docs" / "openapi.yaml"
    assert DOCUMENT_PATH.parent.name == "chalicelib", "the document must ship in the Lambda package"
    assert docs.resolve() == DOCUMENT_PATH.resolve() or docs.read_bytes() == DOCUMENT_PATH.read_bytes()
    assert yaml.safe_load(docs.read_text(encoding="utf-8")) == document()


def test_a_running_api_serves_the_document_as_json_without_a_token(api: ValidatingClient) -> None:
    answer = api.request("GET", "/openapi.json")
    assert answer.status == 200
    assert answer.headers["Content-Type"] == "application/json"
    assert answer.body == document()


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE"])
def test_the_document_route_takes_only_get(api: ValidatingClient, method: str) -> None:
    response = api.client.http.request(method, f"{API_PREFIX}/openapi.json", headers={}, body=b"")
    assert response.status_code == 405
    assert json.loads(response.body)["error"] == "not_found"
    assert response.headers.get("Allow") == "GET"
