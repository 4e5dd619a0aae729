"""Every protected operation against every way of being the wrong caller: no token, a bad
signature, an expired token, an unsigned (alg none) token, another account, a user on an admin
operation. The operations come from the route table, so a new route without an entry in MATRIX
fails here instead of escaping the matrix."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jwt
import pytest

from app import app
from chalicelib.api.routing import API_PREFIX, ROUTES, RouteSpec
from chalicelib.auth.tokens import issue
from tests.functional.api.conftest import ADMIN, Auth, World, template_body
from tests.support.openapi import Answer, ValidatingClient

WRONG_SECRET = "a-secret-that-is-not-the-stage-secret-0123456789abcdef"
ENVELOPE_KEYS = {"success", "error", "message"}


@dataclass(frozen=True)
class Entry:
    """How the owner calls the operation in a world, and what an account that does not own the
    path's ids gets: `owned` operations name acme's things (404 for anyone else); the others act
    on the caller's own account (`other_status`, with none of acme's data in the answer)."""

    ok: int
    owned: bool
    body: Callable[[World], Any] | None = None
    other_status: int | None = None


def _members(world: World) -> dict[str, Any]:
    return {"members": [{"phone": "+14155550199", "variables": {"1": "Zed"}}]}


def _broadcast(world: World) -> dict[str, Any]:
    return {"template_id": world.template_id, "list_id": world.list_id}


MATRIX: dict[tuple[str, str], Entry] = {
    ("POST", "/templates"): Entry(201, False, lambda world: template_body()),
    ("GET", "/templates"): Entry(200, False),
    ("GET", "/templates/{template_id}"): Entry(200, True),
    ("DELETE", "/templates/{template_id}"): Entry(200, True),
    ("POST", "/templates/{template_id}/test"): Entry(200, True, lambda world: {"phone": "+919876543210",
                                                                           "variables": {"1": "Ann"}}),
    ("GET", "/admin/templates"): Entry(200, False),
    ("POST", "/admin/templates/{template_id}/review"): Entry(200, False, lambda world: {"decision": "approved"}),
    ("POST", "/lists"): Entry(201, False, lambda world: {"name": "globex list"}),
    ("GET", "/lists"): Entry(200, False),
    ("GET", "/lists/{list_id}"): Entry(200, True),
    ("DELETE", "/lists/{list_id}"): Entry(200, True),
    ("POST", "/lists/{list_id}/members"): Entry(201, True, _members),
    ("GET", "/lists/{list_id}/members"): Entry(200, True),
    ("DELETE", "/lists/{list_id}/members/{phone}"): Entry(200, True),
    ("POST", "/lists/{list_id}/imports"): Entry(201, True, lambda world: {}),
    ("GET", "/lists/{list_id}/imports/{import_id}"): Entry(200, True),
    ("PUT", "/credentials"): Entry(200, False, lambda world: {"provider": "simulator", "latency_ms": 0,
                                                             "delivery_rate": 0.0, "read_rate": 0.0}),
    ("GET", "/credentials"): Entry(200, False),
    ("DELETE", "/credentials"): Entry(200, False, other_status=404),  # globex has none to delete
    ("GET", "/balance"): Entry(200, False),
    ("GET", "/settings"): Entry(200, False),
    ("PUT", "/settings"): Entry(200, False, lambda world: {"send_window": {"start": "09:00", "end": "20:00"}}),
    ("GET", "/ledger"): Entry(200, False),
    ("POST", "/admin/accounts/{account_id}/credit"): Entry(
        200, False, lambda world: {"amount": 100, "reference": "matrix-credit"}),
    ("GET", "/admin/accounts/{account_id}/brands"): Entry(200, False),
    ("PUT", "/admin/accounts/{account_id}/brands"): Entry(200, False, lambda world: {"brands": ["sbi"]}),
    ("GET", "/admin/accounts/{account_id}/send-rate"): Entry(200, False),
    ("PUT", "/admin/accounts/{account_id}/send-rate"): Entry(200, False, lambda world: {"send_rate_per_second": 50}),
    ("POST", "/broadcasts"): Entry(201, True, _broadcast),  # the body names acme's template and list
    ("GET", "/broadcasts"): Entry(200, False),
    ("GET", "/broadcasts/{broadcast_id}"): Entry(200, True),
    ("POST", "/broadcasts/{broadcast_id}/start"): Entry(200, True),
    ("POST", "/broadcasts/{broadcast_id}/cancel"): Entry(200, True),
    ("POST", "/broadcasts/{broadcast_id}/pause"): Entry(409, True),  # the world's broadcast is a draft
    ("POST", "/broadcasts/{broadcast_id}/resume"): Entry(409, True),
    ("POST", "/broadcasts/{broadcast_id}/retry"): Entry(409, True),  # a draft is not finished
    ("GET", "/broadcasts/{broadcast_id}/targets"): Entry(200, True),
    ("GET", "/optouts"): Entry(200, False),
    ("POST", "/optouts"): Entry(200, False, lambda world: {"phones": ["+919876543210"]}),
    # the world opted nobody out: the owner is answered that the number is not on its list
    ("DELETE", "/optouts/{phone}"): Entry(404, False),
}


def protected_routes() -> list[RouteSpec]:
    """Every route the app serves that needs a token (from ROUTES, limited to the app's own routes:
    tests may declare probe routes with api_route)."""
    served = {(method.upper(), path) for path, methods in app.routes.items() for method in methods}
    specs = {(spec.method, spec.path): spec for spec in ROUTES if (spec.method, spec.path) in served}
    assert len(specs) == len(served), "a route was not declared through api_route"
    return sorted((spec for spec in specs.values() if spec.access != "public"), key=lambda s: (s.path, s.method))


def bad_tokens(owner: str) -> dict[str, dict[str, str]]:
    now = int(time.time())
    claims = {"sub": owner, "account_id": owner, "iat": now, "exp": now + 600}
    unsigned = jwt.encode(claims, key=None, algorithm="none")  # type: ignore[arg-type]
    return {
        "no token": {},
        "not a bearer": {"Authorization": "Basic YWNtZTphY21l"},
        "bad signature": {"Authorization": f"Bearer {jwt.encode(claims, WRONG_SECRET, algorithm='HS256')}"},
        "expired": {"Authorization": f"Bearer {issue(owner, ttl_seconds=-30)}"},
        "alg none": {"Authorization": f"Bearer {unsigned}"},
        "truncated signature": {"Authorization": f"Bearer {issue(owner)[:-6]}"},
    }


def assert_refused(answer: Answer, status: int, code: str, world: World, label: str) -> None:
    assert answer.status == status, f"{label}: {answer.status} {answer.body}"
    assert answer.body["error"] == code and set(answer.body) <= ENVELOPE_KEYS | {"field"}, f"{label}: {answer.body}"
    leaked = [marker for marker in world.markers() if marker in answer.raw.decode()
              and marker not in {world.template_id, world.list_id, world.broadcast_id, world.import_id}]
    assert leaked == [], f"{label}: the refusal carries acme's data {leaked}"


@pytest.mark.parametrize("route", protected_routes(), ids=lambda spec: f"{spec.method} {spec.path}")
def test_a_protected_operation_refuses_every_wrong_caller_and_serves_its_owner(
        api: ValidatingClient, auth: Auth, world: World, route: RouteSpec) -> None:
    relative = route.path[len(API_PREFIX):]
    entry = MATRIX.get((route.method, relative))
    assert entry is not None, (f"{route.method} {relative} has no entry in MATRIX: say how its owner calls it "
                               "and whether it names the owner's ids")
    path = world.path(relative)
    body = entry.body(world) if entry.body else None

    def send(headers: dict[str, str]) -> Answer:
        return api.request(route.method, path, {**headers, "Content-Type": "application/json"}, body)

    for label, headers in bad_tokens(world.owner).items():
        assert_refused(send(headers), 401, "unauthorized", world, label)

    if route.access == "admin":
        assert_refused(send(auth(world.owner)), 403, "forbidden", world, "a user on an admin operation")
        assert_refused(send(auth(world.other)), 403, "forbidden", world, "another user on an admin operation")
        owner_headers = auth(ADMIN, admin=True)
    else:
        owner_headers = auth(world.owner)
        stranger = send(auth(world.other))
        if entry.owned:
            assert_refused(stranger, 404, "not_found", world, "another account")
        else:
            expected = entry.other_status or entry.ok
            assert stranger.status == expected, f"another account: {stranger.status} {stranger.body}"
            leaked = [marker for marker in world.markers() if marker in stranger.raw.decode()]
            assert leaked == [], f"another account sees acme's data: {leaked}"
        stranger_admin = send(auth(ADMIN, admin=True))  # an admin of no account owns nothing of acme's
        if entry.owned:
            assert_refused(stranger_admin, 404, "not_found", world, "an admin on a user operation")

    # nothing the wrong callers did changed acme's things: the owner's call still works
    answer = send(owner_headers)
    assert answer.status == entry.ok, f"the owner: {answer.status} {answer.body}"


def test_every_entry_of_the_matrix_is_a_route() -> None:
    routes = {(spec.method, spec.path[len(API_PREFIX):]) for spec in protected_routes()}
    assert sorted(set(MATRIX) - routes) == []
