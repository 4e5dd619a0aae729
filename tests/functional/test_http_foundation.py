"""The HTTP surface every feature stands on: health, auth, and the error envelope on every path."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from chalice.app import Blueprint, Chalice
from chalice.test import Client

from chalicelib.api.local_gateway import install_not_found_envelope
from chalicelib.api.middleware import http_middleware
from chalicelib.api.routing import ApiRequest, api_route
from chalicelib.errors import NotFound
from tests.support.settings import settings_changed

SECRET = "test-secret-at-least-32-bytes-long-0123456789"
OTHER_SECRET = "another-secret-that-is-long-enough-for-any-hmac-0123456789abcdef"
created: list[str] = []


def probe_routes() -> Blueprint:
    """The probe's routes on a blueprint of their own: Chalice takes a route's methods when it
    registers a blueprint, so each app the fixture builds gets a new one."""
    probe = Blueprint(__name__)

    @api_route(probe, "/probe", methods=["GET"])
    def whoami(request: ApiRequest) -> dict[str, Any]:
        return {"account_id": request.account_id, "admin": request.principal.is_admin}

    @api_route(probe, "/probe", methods=["POST"], status=201)
    def echo(request: ApiRequest) -> dict[str, Any]:
        return {"body": request.json()}

    @api_route(probe, "/probe/things", methods=["POST"], status=201, idempotent=True)
    def create_thing(request: ApiRequest) -> dict[str, Any]:
        if request.json().get("fail"):
            raise NotFound("refused")
        created.append(request.account_id)
        return {"thing_id": f"t{len(created)}"}

    @api_route(probe, "/probe/admin", methods=["GET"], access="admin")
    def admin_only(request: ApiRequest) -> dict[str, Any]:
        return {}

    @api_route(probe, "/probe/boom", methods=["GET"])
    def boom(request: ApiRequest) -> dict[str, Any]:
        raise RuntimeError("secret detail that must not leak")

    @api_route(probe, "/probe/missing", methods=["GET"])
    def missing(request: ApiRequest) -> dict[str, Any]:
        raise NotFound("no such thing")

    return probe


@pytest.fixture(scope="module")
def probe_client() -> Iterator[Client]:
    # No moto here (the probe routes touch no table): the rate limit, which needs DynamoDB, is off.
    with settings_changed(RCS_API_RATE_PER_SECOND="0"):
        # The product's blueprints are registered on the product's app (see `probe_routes`): the probe
        # app gets the middleware and its own routes.
        app = Chalice(app_name="probe")
        app.register_middleware(http_middleware, "http")
        install_not_found_envelope()
        app.register_blueprint(probe_routes(), url_prefix="/api/v1/rcs")
        with Client(app) as test_client:
            yield test_client


def bearer(claims: dict[str, Any], key: str = SECRET, algorithm: str = "HS256") -> dict[str, str]:
    return {"Authorization": f"Bearer {jwt.encode(claims, key, algorithm=algorithm)}"}


def later(seconds: int = 600) -> int:
    return int(time.time()) + seconds


def body(response: Any) -> Any:
    return json.loads(response.body)


def assert_envelope(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.body
    payload = body(response)
    assert payload["success"] is False
    assert payload["error"] == code
    assert isinstance(payload["message"], str) and payload["message"]
    return payload  # type: ignore[no-any-return]


def test_health_answers_without_a_token_and_names_the_stage(client: Client) -> None:
    response = client.http.get("/api/v1/rcs/health")
    assert response.status_code == 200
    assert body(response) == {"success": True, "stage": "test"}


@pytest.mark.parametrize(
    "headers",
    [
        pytest.param({}, id="no header"),
        pytest.param({"Authorization": "Basic dXNlcjpwYXNz"}, id="not bearer"),
        pytest.param({"Authorization": "Bearer"}, id="bearer without token"),
        pytest.param({"Authorization": "Bearer not.a.jwt"}, id="garbage"),
        pytest.param(bearer({"sub": "acme", "exp": later()}, key=OTHER_SECRET),
                     id="wrong signature"),
        pytest.param(bearer({"sub": "acme", "exp": int(time.time()) - 5}), id="expired"),
        pytest.param(bearer({"sub": "acme"}), id="missing exp"),
        pytest.param(bearer({"exp": later()}), id="no account claim"),
        pytest.param(bearer({"sub": "acme", "exp": later()}, key=SECRET * 2, algorithm="HS384"),
                     id="algorithm not accepted"),
    ],
)
def test_a_protected_route_refuses_unusable_credentials_with_401(probe_client: Client,
                                                                 headers: dict[str, str]) -> None:
    assert_envelope(probe_client.http.get("/api/v1/rcs/probe", headers=headers), 401, "unauthorized")


def test_the_account_is_account_id_else_sub(probe_client: Client) -> None:
    with_claim = probe_client.http.get(
        "/api/v1/rcs/probe", headers=bearer({"sub": "user-1", "account_id": "acme", "exp": later()}))
    only_sub = probe_client.http.get("/api/v1/rcs/probe", headers=bearer({"sub": "globex", "exp": later()}))
    assert body(with_claim) == {"success": True, "account_id": "acme", "admin": False}
    assert body(only_sub)["account_id"] == "globex"


def test_admin_routes_take_admins_and_refuse_users_with_403(probe_client: Client) -> None:
    admin = probe_client.http.get("/api/v1/rcs/probe/admin",
                                  headers=bearer({"sub": "ops", "cognito:groups": ["admin"], "exp": later()}))
    user = probe_client.http.get("/api/v1/rcs/probe/admin", headers=bearer({"sub": "acme", "exp": later()}))
    assert admin.status_code == 200
    assert_envelope(user, 403, "forbidden")


def test_a_role_claim_is_not_the_admin_claim(probe_client: Client) -> None:
    # GIVEN a token that says "role": "admin" but is in no admin group (the configured claim)
    forged = probe_client.http.get("/api/v1/rcs/probe/admin",
                                   headers=bearer({"sub": "acme", "role": "admin", "exp": later()}))
    # THEN it is a user
    assert_envelope(forged, 403, "forbidden")


def test_an_exception_in_a_view_is_a_bare_internal_error(probe_client: Client) -> None:
    response = probe_client.http.get("/api/v1/rcs/probe/boom", headers=bearer({"sub": "a", "exp": later()}))
    payload = assert_envelope(response, 500, "internal_error")
    assert "secret detail" not in response.body.decode()
    assert set(payload) == {"success", "error", "message"}


def test_a_domain_error_keeps_its_status_and_code(probe_client: Client) -> None:
    response = probe_client.http.get("/api/v1/rcs/probe/missing", headers=bearer({"sub": "a", "exp": later()}))
    assert_envelope(response, 404, "not_found")


def test_malformed_json_is_a_400_naming_the_body(probe_client: Client) -> None:
    headers = {**bearer({"sub": "a", "exp": later()}), "Content-Type": "application/json"}
    response = probe_client.http.post("/api/v1/rcs/probe", headers=headers, body=b'{"name": ')
    assert assert_envelope(response, 400, "validation_error")["field"] == "body"


def test_deeply_nested_json_is_a_400_not_a_crash(probe_client: Client) -> None:
    headers = {**bearer({"sub": "a", "exp": later()}), "Content-Type": "application/json"}
    response = probe_client.http.post("/api/v1/rcs/probe", headers=headers, body=b"[" * 100_000 + b"]" * 100_000)
    assert response.status_code in (400, 413)
    assert body(response)["success"] is False


def test_a_wrong_content_type_is_refused_in_the_envelope(probe_client: Client) -> None:
    headers = {**bearer({"sub": "a", "exp": later()}), "Content-Type": "text/plain"}
    response = probe_client.http.post("/api/v1/rcs/probe", headers=headers, body=b"hello")
    assert assert_envelope(response, 415, "validation_error")["field"] == "Content-Type"


def test_an_unknown_route_is_a_404_in_the_envelope(probe_client: Client) -> None:
    assert_envelope(probe_client.http.get("/api/v1/rcs/nowhere"), 404, "not_found")
    assert_envelope(probe_client.http.get("/api/v1/rcs/nowhere", headers=bearer({"sub": "a", "exp": later()})),
                    404, "not_found")


def test_a_method_the_route_lacks_is_refused_in_the_envelope(probe_client: Client) -> None:
    response = probe_client.http.delete("/api/v1/rcs/probe/admin")
    assert_envelope(response, 405, "not_found")
    assert response.headers["Allow"] == "GET"


def test_a_body_over_the_limit_is_a_413(probe_client: Client) -> None:
    headers = {**bearer({"sub": "a", "exp": later()}), "Content-Type": "application/json"}
    big = json.dumps({"x": "a" * 1_100_000}).encode()
    assert_envelope(probe_client.http.post("/api/v1/rcs/probe", headers=headers, body=big), 413,
                    "payload_too_large")


def test_a_valid_post_gets_its_status_and_a_success_body(probe_client: Client) -> None:
    headers = {**bearer({"sub": "a", "exp": later()}), "Content-Type": "application/json"}
    response = probe_client.http.post("/api/v1/rcs/probe", headers=headers, body=b'{"k": [1, "\\u202e"]}')
    assert response.status_code == 201
    assert body(response) == {"success": True, "body": {"k": [1, "\u202e"]}}


def test_an_idempotency_key_replays_the_first_response_and_creates_nothing_new(
        probe_client: Client, aws: None) -> None:
    headers = {**bearer({"sub": "acme", "exp": later()}), "Content-Type": "application/json",
               "Idempotency-Key": "create-1"}
    before = len(created)
    first = probe_client.http.post("/api/v1/rcs/probe/things", headers=headers, body=b'{"n": 1}')
    again = probe_client.http.post("/api/v1/rcs/probe/things", headers=headers, body=b'{"n": 1}')
    assert first.status_code == again.status_code == 201
    assert body(first) == body(again)
    assert len(created) == before + 1


def test_an_idempotency_key_reused_with_another_body_is_a_conflict(probe_client: Client, aws: None) -> None:
    headers = {**bearer({"sub": "acme", "exp": later()}), "Content-Type": "application/json",
               "Idempotency-Key": "create-2"}
    probe_client.http.post("/api/v1/rcs/probe/things", headers=headers, body=b'{"n": 1}')
    assert_envelope(probe_client.http.post("/api/v1/rcs/probe/things", headers=headers, body=b'{"n": 2}'),
                    409, "conflict")


def test_idempotency_keys_are_per_account_and_a_failed_request_can_be_retried(
        probe_client: Client, aws: None) -> None:
    def headers(account: str) -> dict[str, str]:
        return {**bearer({"sub": account, "exp": later()}), "Content-Type": "application/json",
                "Idempotency-Key": "same-key"}

    acme = probe_client.http.post("/api/v1/rcs/probe/things", headers=headers("acme"), body=b"{}")
    globex = probe_client.http.post("/api/v1/rcs/probe/things", headers=headers("globex"), body=b"{}")
    assert body(acme)["thing_id"] != body(globex)["thing_id"]
    failing = {**headers("initech"), "Idempotency-Key": "retry-me"}
    assert probe_client.http.post("/api/v1/rcs/probe/things", headers=failing,
                                  body=b'{"fail": true}').status_code == 404
    retried = probe_client.http.post("/api/v1/rcs/probe/things", headers=failing, body=b'{"fail": true}')
    assert retried.status_code == 404
