"""A world for the audience tests: an account's simulator, a template with suggestions, a list,
a broadcast run to its end, and user messages posted to the webhook as RBM pushes them."""

from __future__ import annotations

from typing import Any

from chalice.app import Chalice
from chalice.test import Client

from chalicelib.services.credentials import load_credentials
from tests.fakes.rbm_server import push, user_message
from tests.support.drain import drain
from tests.support.world import Auth, approved_template, call, contact_list, credit, simulator

WEBHOOK = "/api/v1/rcs/webhooks/rbm"
PRICE = 20  # a transactional message
SUGGESTIONS = [{"type": "reply", "text": "Track order", "postback_data": "track"},
               {"type": "reply", "text": "Talk to us", "postback_data": "agent"}]


def account(client: Client, auth: Auth, name: str = "acme") -> str:
    """GIVEN `name` with simulator credentials, money and an approved template with two suggestions."""
    simulator(client, auth, name)
    credit(client, auth, name, amount=100_000)
    return approved_template(client, auth, name, suggestions=SUGGESTIONS)


def run_broadcast(client: Client, auth: Auth, app: Chalice, template_id: str, phones: list[str],
                  name: str = "acme") -> str:
    """A broadcast of `template_id` to `phones`, started and drained to its end."""
    list_id = contact_list(client, auth, name, members=[{"phone": p, "variables": {"1": "Ann"}} for p in phones])
    status, body = call(client, "POST", "/broadcasts", auth(name), {"template_id": template_id, "list_id": list_id})
    assert status == 201, body
    broadcast_id = str(body["broadcast_id"])
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth(name))[0] == 200
    drain(app)
    return broadcast_id


def agent_and_token(name: str = "acme") -> tuple[str, str]:
    found = load_credentials(name)
    assert found is not None and found.webhook_client_token
    return found.agent_id, found.webhook_client_token


def reply(phone: str, text: str, name: str = "acme", **fields: Any) -> dict[str, Any]:
    return user_message(agent_and_token(name)[0], phone, text=text, **fields)


def tap(phone: str, postback_data: str, label: str, name: str = "acme", **fields: Any) -> dict[str, Any]:
    return user_message(agent_and_token(name)[0], phone, postback_data=postback_data, label=label, **fields)


def post(client: Client, event: dict[str, Any], name: str = "acme", *, token: str | None = None) -> Any:
    body, headers = push(event, token if token is not None else agent_and_token(name)[1])
    return client.http.post(WEBHOOK, headers=headers, body=body)
