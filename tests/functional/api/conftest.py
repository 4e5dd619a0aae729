"""Fixtures of the API tests: a client that checks every answer against the OpenAPI document, and
a world of one account built through the API with one of everything.

Creating every table in moto takes seconds, so a module shares one moto account (`shared_aws`);
each test gets accounts of its own (`acme3`, `globex3`), so tests cannot see each other's data."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from chalice.test import Client
from moto import mock_aws

from tests.support.caches import reset_caches
from tests.support.openapi import ValidatingClient

Auth = Callable[..., dict[str, str]]
ADMIN = "ops"
_names = itertools.count(1)


@pytest.fixture(scope="module")
def shared_client(chalice_app_module: Any) -> Iterator[Client]:
    """One moto account with every table, queue and bucket, and a test client, for the module."""
    with mock_aws():
        reset_caches()
        from infra.local.resources import create_all

        create_all()
        with Client(chalice_app_module) as test_client:
            yield test_client
    reset_caches()


@pytest.fixture(scope="module")
def chalice_app_module() -> Any:
    from app import app

    return app


@pytest.fixture
def api(shared_client: Client) -> ValidatingClient:
    return ValidatingClient(shared_client)


@dataclass(frozen=True)
class Accounts:
    owner: str
    other: str


@pytest.fixture
def accounts() -> Accounts:
    """Account names of this test alone."""
    n = next(_names)
    return Accounts(owner=f"acme{n}", other=f"globex{n}")


@dataclass(frozen=True)
class World:
    """The owner's things, named so that another account's answer can be searched for them."""

    owner: str
    other: str
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
        """Strings that only the owner's data holds: none may appear in an answer to another account."""
        return [self.template_id, self.template_name, self.pending_template_id, self.list_id, self.list_name,
                self.phone, self.import_id, self.broadcast_id, self.reference, f"sim-{self.owner}"]

    def path(self, template: str) -> str:
        """A documented path with acme's ids in it."""
        return (template.replace("{template_id}", self.template_id).replace("{list_id}", self.list_id)
                .replace("{phone}", "%2B" + self.phone[1:]).replace("{import_id}", self.import_id)
                .replace("{broadcast_id}", self.broadcast_id).replace("{account_id}", self.owner))


def template_body(name: str | None = None, text: str = "Hello {{1}}, your order has shipped.") -> dict[str, Any]:
    return {"name": name or f"order_shipped_{next(_names)}", "category": "transactional", "language": "en_US",
            "components": {"type": "text", "text": text},
            "suggestions": [{"type": "url", "text": "Track order", "url": "https://t.example/{{1}}"}]}


def build_world(api: ValidatingClient, auth: Auth, accounts: Accounts) -> World:
    """Through the API: an approved template and one waiting for review, a list with two members,
    an import waiting for its upload, simulator credentials, a credit, and a draft broadcast."""
    owner, admin = auth(accounts.owner), auth(ADMIN, admin=True)
    name = f"secret_template_{next(_names)}"
    status, body = api.call("POST", "/templates", owner, template_body(name))
    assert status == 201, body
    template_id = body["template_id"]
    status, body = api.call("POST", f"/admin/templates/{template_id}/review", admin,
                            {"decision": "approved", "reason": "checked by a person"})
    assert status == 200, body
    status, body = api.call("POST", "/templates", owner, template_body())
    assert status == 201, body
    pending_template_id = body["template_id"]
    list_name = f"secret list {next(_names)}"
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
    reference = f"secret-topup-{next(_names)}"
    status, body = api.call("POST", f"/admin/accounts/{accounts.owner}/credit", admin,
                            {"amount": 10_000, "reference": reference})
    assert status == 200, body
    status, body = api.call("POST", "/broadcasts", owner, {"template_id": template_id, "list_id": list_id})
    assert status == 201, body
    return World(owner=accounts.owner, other=accounts.other, template_id=template_id, template_name=name,
                 pending_template_id=pending_template_id,
                 list_id=list_id, list_name=list_name, phone=phone, import_id=import_id,
                 broadcast_id=body["broadcast_id"], reference=reference)


@pytest.fixture
def world(api: ValidatingClient, auth: Auth, accounts: Accounts) -> World:
    return build_world(api, auth, accounts)
