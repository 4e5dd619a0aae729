"""Build the world a broadcast needs through the public API: an approved template, a list with
members, simulator credentials and a balance."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from typing import Any

from chalice.test import Client

Auth = Callable[..., dict[str, str]]
_names = itertools.count(1)


def call(client: Client, method: str, path: str, headers: dict[str, str], body: Any = None) -> tuple[int, Any]:
    raw = json.dumps(body).encode() if body is not None else b""
    response = getattr(client.http, method.lower())(f"/api/v1/rcs{path}", headers=headers, body=raw)
    return response.status_code, json.loads(response.body) if response.body else None


def approved_template(client: Client, auth: Auth, account: str = "acme", *,
                      text: str = "Hello {{1}}, your order has shipped.", category: str = "transactional",
                      suggestions: list[dict[str, Any]] | None = None) -> str:
    status, body = call(client, "POST", "/templates", auth(account), {
        "name": f"template_{next(_names)}", "category": category, "language": "en_US",
        "components": {"type": "text", "text": text}, "suggestions": suggestions or [],
    })
    assert status in (200, 201), body
    template_id = str(body["template_id"])
    status, body = call(client, "POST", f"/admin/templates/{template_id}/review", auth("ops", admin=True),
                        {"decision": "approved", "reason": "checked by a person"})
    assert status == 200, body
    return template_id


def contact_list(client: Client, auth: Auth, account: str = "acme", *, members: list[dict[str, Any]]) -> str:
    status, body = call(client, "POST", "/lists", auth(account), {"name": f"list {next(_names)}"})
    assert status in (200, 201), body
    list_id = str(body["list_id"] if "list_id" in body else body["list"]["list_id"])
    for start in range(0, len(members), 1000):
        status, body = call(client, "POST", f"/lists/{list_id}/members", auth(account),
                            {"members": members[start:start + 1000]})
        assert status in (200, 201), body
    return list_id


def members(count: int, *, variables: dict[str, str] | None = None, start: int = 0) -> list[dict[str, Any]]:
    return [{"phone": f"+1415555{n:04d}", "variables": dict(variables or {"1": f"Ann {n}"})}
            for n in range(start, start + count)]


def simulator(client: Client, auth: Auth, account: str = "acme", **settings: Any) -> None:
    body = {"provider": "simulator", "latency_ms": 0, "failure_rate": 0.0, "not_capable_rate": 0.0,
            "delivery_rate": 0.0, "read_rate": 0.0, **settings}
    status, answer = call(client, "PUT", "/credentials", auth(account), body)
    assert status == 200, answer


def credit(client: Client, auth: Auth, account: str = "acme", amount: int = 100_000) -> None:
    status, body = call(client, "POST", f"/admin/accounts/{account}/credit", auth("ops", admin=True),
                        {"amount": amount, "reference": f"topup-{next(_names)}"})
    assert status == 200, body


def balance(client: Client, auth: Auth, account: str = "acme") -> int:
    status, body = call(client, "GET", "/balance", auth(account))
    assert status == 200, body
    return int(body["balance"])


def broadcast(client: Client, auth: Auth, broadcast_id: str, account: str = "acme") -> dict[str, Any]:
    status, body = call(client, "GET", f"/broadcasts/{broadcast_id}", auth(account))
    assert status == 200, body
    return body["broadcast"]  # type: ignore[no-any-return]


def all_targets(client: Client, auth: Auth, broadcast_id: str, account: str = "acme",
                state: str | None = None) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    cursor = ""
    while True:
        query = f"?size=1000&cursor={cursor}" + (f"&state={state}" if state else "")
        status, body = call(client, "GET", f"/broadcasts/{broadcast_id}/targets{query}", auth(account))
        assert status == 200, body
        rows += body["targets"]
        cursor = body["next_cursor"]
        if not cursor:
            return rows
