"""Fixtures of the API tests: a client that checks every answer against the OpenAPI document, and
a world of one account ("acme") built through the API with one of everything."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from chalice.test import Client

from tests.support.openapi import ValidatingClient

Auth = Callable[..., dict[str, str]]
OWNER, OTHER, ADMIN = "acme", "globex", "ops"
_names = itertools.count(1)


@pytest.fixture
def api(client: Client) -> ValidatingClient:
    return ValidatingClient(client)


@dataclass(frozen=True)
class World:
    """acme's things, named so that another account's answer can be searched for them."""

    template_id: str
    template_name: str
    pending_template_id: str
    list_id: str
    list_name: str
    phone: str
    import_id: str
    broadcast_id: str
    reference: str

    def markers(self) -> list[str]:
        """Strings that only acme's data holds: none may appear in an answer to another account."""
        return [self.template_id, self.template_name, self.pending_template_id, self.list_id, self.list_name,
                self.phone, self.import_id, self.broadcast_id, self.reference, "sim-acme"]

    def path(self, template: str) -> str:
        """A documented path with acme's ids in it."""
        return (template.replace("{template_id}", self.template_id).replace("{list_id}", self.list_id)
                .replace("{phone}", "%2B" + self.phone[1:]).replace("{import_id}", self.import_id)
                .replace("{broadcast_id}", self.broadcast_id).replace("{account_id}", OWNER))


def template_body(name: str | None = None, text: str = "Hello {{1}}, your order has shipped.") -> dict[str, Any]:
    return {"name": name or f"order_shipped_{next(_names)}", "category": "transactional", "language": "en_US",
            "components": {"type": "text", "text": text},
            "suggestions": [{"type": "url", "text": "Track order", "url": "https://t.example/{{1}}"}]}


def build_world(api: ValidatingClient, auth: Auth) -> World:
    """Through the API: an approved template and one waiting for review, a list with two members,
    an import waiting for its upload, simulator credentials, a credit, and a draft broadcast."""
    owner, admin = auth(OWNER), auth(ADMIN, admin=True)
    name = f"acme_secret_template_{next(_names)}"
    status, body = api.call("POST", "/templates", owner, template_body(name))
    assert status == 201, body
    template_id = body["template_id"]
    status, body = api.call("POST", f"/admin/templates/{template_id}/review", admin,
                            {"decision": "approved", "reason": "checked by a person"})
    assert status == 200, body
    status, body = api.call("POST", "/templates", owner, template_body())
    assert status == 201, body
    pending_template_id = body["template_id"]
    list_name = f"acme secret list {next(_names)}"
    status, body = api.call("POST", "/lists", owner, {"name": list_name})
    assert status == 201, body
    list_id = body["list"]["list_id"]
    phone = "+14155550123"
    status, body = api.call("POST", f"/lists/{list_id}/members", owner, {"members": [
        {"phone": phone, "variables": {"1": "Ann"}}, {"phone": "+14155550124", "variables": {"1": "Bob"}}]})
    assert status == 201, body
    status, body = api.call("POST", f"/lists/{list_id}/imports", owner, {})
    assert status == 201, body
    import_id = body["import_id"]
    status, body = api.call("PUT", "/credentials", owner, {"provider": "simulator", "latency_ms": 0,
                                                            "delivery_rate": 0.0, "read_rate": 0.0})
    assert status == 200, body
    reference = f"acme-topup-{next(_names)}"
    status, body = api.call("POST", f"/admin/accounts/{OWNER}/credit", admin,
                            {"amount": 10_000, "reference": reference})
    assert status == 200, body
    status, body = api.call("POST", "/broadcasts", owner, {"template_id": template_id, "list_id": list_id})
    assert status == 201, body
    return World(template_id=template_id, template_name=name, pending_template_id=pending_template_id,
                 list_id=list_id, list_name=list_name, phone=phone, import_id=import_id,
                 broadcast_id=body["broadcast_id"], reference=reference)


@pytest.fixture
def world(api: ValidatingClient, auth: Auth) -> World:
    return build_world(api, auth)
