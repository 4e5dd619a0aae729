"""Provider credentials: validated per provider, kept in Secrets Manager, shown masked, found by
agent id for the webhook, and never echoed or logged."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from chalice.test import Client
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from chalicelib import errors
from chalicelib.aws import client as aws_client
from chalicelib.logs import logger
from chalicelib.services import credential_input, credentials
from chalicelib.store import accounts
from chalicelib.store.accounts import AccountModel
from tests.functional.lists.support import Auth, call

TOKEN = "webhook-client-token-0123456789abcdef"


def pem(key: Any) -> str:
    return str(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()).decode())


PRIVATE_KEY = pem(rsa.generate_private_key(public_exponent=65537, key_size=2048))


def service_account(**changes: Any) -> dict[str, Any]:
    key = {
        "type": "service_account",
        "project_id": "acme-rbm",
        "private_key_id": "0123456789abcdef",
        "private_key": PRIVATE_KEY,
        "client_email": "rbm-sender@acme-rbm.iam.gserviceaccount.com",
        "client_id": "1234567890",
        "auth_uri": "https://accounts.google.com/o/oauth2/auth",
        "token_uri": "https://oauth2.googleapis.com/token",
        "universe_domain": "googleapis.com",
    }
    key.update(changes)
    return {k: v for k, v in key.items() if v is not None}


def rbm(**changes: Any) -> dict[str, Any]:
    body = {"provider": "rbm", "agent_id": "acme_agent", "service_account": service_account(),
            "endpoint": "https://europe-rcsbusinessmessaging.googleapis.com", "webhook_client_token": TOKEN}
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


def secret_names() -> list[str]:
    return [s["Name"] for s in aws_client("secretsmanager").list_secrets()["SecretList"]]


def test_a_new_account_has_no_credentials(client: Client, auth: Auth) -> None:
    assert call(client, "GET", "/credentials", auth()) == (200, {"success": True, "provider": "", "configured": False})
    assert credentials.load_credentials("acme") is None


def test_rbm_credentials_are_stored_in_the_secret_store_and_shown_masked(client: Client, auth: Auth,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    level = logger.log_level
    logger.setLevel("DEBUG")
    try:
        status, saved = call(client, "PUT", "/credentials", auth(), rbm())
        _, shown = call(client, "GET", "/credentials", auth())
    finally:
        logger.setLevel(level)

    assert status == 200
    assert shown == saved
    assert {k: v for k, v in shown.items() if k != "updated_at"} == {
        "success": True, "provider": "rbm", "configured": True, "agent_id": "acme_agent",
        "endpoint": "https://europe-rcsbusinessmessaging.googleapis.com", "webhook_client_token": "****",
        "service_account": {"type": "service_account", "project_id": "acme-rbm",
                            "client_email": "rbm-sender@acme-rbm.iam.gserviceaccount.com",
                            "private_key_id": "****", "private_key": "****"},
    }
    # the secrets live in Secrets Manager; the account item only points at them
    assert secret_names() == ["rcs-test/credentials/acme"]
    item = AccountModel.get("acme").attribute_values
    assert TOKEN not in json.dumps(item, default=str) and "PRIVATE KEY" not in json.dumps(item, default=str)
    loaded = credentials.load_credentials("acme")
    assert loaded is not None
    assert (loaded.provider, loaded.agent_id, loaded.webhook_client_token) == ("rbm", "acme_agent", TOKEN)
    assert loaded.service_account == service_account()
    assert loaded.simulator == {}
    # nothing secret in a log line or the repr
    logged = capsys.readouterr()
    assert TOKEN not in logged.out + logged.err + repr(loaded)
    assert "PRIVATE KEY" not in logged.out + logged.err


def test_the_endpoint_defaults_to_the_global_rbm_host(client: Client, auth: Auth) -> None:
    _, saved = call(client, "PUT", "/credentials", auth(), rbm(endpoint=None))
    assert saved["endpoint"] == "https://rcsbusinessmessaging.googleapis.com"


def test_the_webhook_finds_credentials_by_agent_id_and_knows_the_token(client: Client, auth: Auth) -> None:
    call(client, "PUT", "/credentials", auth(), rbm())
    call(client, "PUT", "/credentials", auth("globex"), {"provider": "simulator"})

    found = credentials.find_credentials_by_agent("acme_agent")
    simulated = credentials.find_credentials_by_agent("sim-globex")

    assert found is not None and found.account_id == "acme" and found.webhook_client_token == TOKEN
    assert simulated is not None and simulated.account_id == "globex"
    assert credentials.find_credentials_by_agent("nobody") is None
    assert credentials.webhook_token_known(TOKEN)
    assert not credentials.webhook_token_known("some-other-token-000")


def test_another_account_cannot_take_an_agent_id_already_configured(client: Client, auth: Auth) -> None:
    call(client, "PUT", "/credentials", auth(), rbm())

    status, answer = call(client, "PUT", "/credentials", auth("globex"), rbm())

    assert (status, answer["error"]) == (409, "conflict")
    assert call(client, "PUT", "/credentials", auth(), rbm())[0] == 200, "the owner may save them again"


def test_simulator_credentials_get_an_agent_and_a_generated_token_kept_across_updates(client: Client,
                                                                                     auth: Auth) -> None:
    status, saved = call(client, "PUT", "/credentials", auth(), {"provider": "simulator", "latency_ms": 5,
                                                                 "failure_rate": 0.1, "read_rate": 1})
    first = credentials.load_credentials("acme")
    call(client, "PUT", "/credentials", auth(), {"provider": "simulator"})
    second = credentials.load_credentials("acme")

    assert status == 200
    assert {k: saved[k] for k in ("provider", "agent_id", "endpoint", "webhook_client_token", "latency_ms",
                                  "failure_rate", "not_capable_rate", "delivery_rate", "read_rate")} == {
        "provider": "simulator", "agent_id": "sim-acme", "endpoint": "", "webhook_client_token": "****",
        "latency_ms": 5, "failure_rate": 0.1, "not_capable_rate": 0.0, "delivery_rate": 1.0, "read_rate": 1.0}
    assert first is not None and second is not None
    assert len(first.webhook_client_token) >= 32
    assert second.webhook_client_token == first.webhook_client_token
    assert first.simulator == {**credential_input.SIMULATOR_DEFAULTS, "latency_ms": 5.0, "failure_rate": 0.1,
                               "read_rate": 1.0}
    assert second.simulator["latency_ms"] == 50.0 and first.service_account is None


def test_switching_provider_replaces_the_secret_and_the_agent(client: Client, auth: Auth) -> None:
    call(client, "PUT", "/credentials", auth(), rbm())
    call(client, "PUT", "/credentials", auth(), {"provider": "simulator"})

    loaded = credentials.load_credentials("acme")
    assert loaded is not None and loaded.provider == "simulator" and loaded.service_account is None
    assert credentials.find_credentials_by_agent("acme_agent") is None
    assert secret_names() == ["rcs-test/credentials/acme"]


def test_delete_removes_the_reference_and_the_secret(client: Client, auth: Auth) -> None:
    call(client, "PUT", "/credentials", auth(), rbm())

    status, _ = call(client, "DELETE", "/credentials", auth())
    again, answer = call(client, "DELETE", "/credentials", auth())

    assert status == 200
    assert (again, answer["error"]) == (404, "not_found")
    assert call(client, "GET", "/credentials", auth())[1]["configured"] is False
    assert secret_names() == []
    assert credentials.find_credentials_by_agent("acme_agent") is None
    assert not credentials.webhook_token_known(TOKEN)
    assert call(client, "PUT", "/credentials", auth(), rbm())[0] == 200, "credentials can be set again"


def _ec_key() -> str:
    return pem(ec.generate_private_key(ec.SECP256R1()))


@pytest.mark.parametrize(("body", "field"), [
    ({}, "provider"),
    ({"provider": "twilio"}, "provider"),
    (rbm(agent_id=None), "agent_id"),
    (rbm(agent_id="sim-acme"), "agent_id"),
    (rbm(agent_id="has space"), "agent_id"),
    (rbm(service_account=None), "service_account"),
    (rbm(service_account="{}"), "service_account"),
    (rbm(service_account=service_account(type="authorized_user")), "service_account.type"),
    (rbm(service_account=service_account(client_email="nobody")), "service_account.client_email"),
    (rbm(service_account=service_account(private_key=None)), "service_account.private_key"),
    (rbm(service_account=service_account(private_key="not a key")), "service_account.private_key"),
    (rbm(service_account=service_account(private_key="-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")),
     "service_account.private_key"),
    (rbm(service_account=service_account(token_uri="https://evil.example/token")), "service_account.token_uri"),
    (rbm(service_account=service_account(client_x509_cert_url=5)), "service_account"),
    (rbm(endpoint="http://europe-rcsbusinessmessaging.googleapis.com"), "endpoint"),
    (rbm(endpoint="https://rcsbusinessmessaging.googleapis.com.evil.example"), "endpoint"),
    (rbm(endpoint="https://rcsbusinessmessaging.googleapis.com/v1/phones"), "endpoint"),
    (rbm(endpoint="https://user@rcsbusinessmessaging.googleapis.com"), "endpoint"),
    (rbm(webhook_client_token=None), "webhook_client_token"),
    (rbm(webhook_client_token="short"), "webhook_client_token"),
    (rbm(webhook_client_token="x" * 31), "webhook_client_token"),
    (rbm(webhook_client_token="has a space in it"), "webhook_client_token"),
    (rbm(extra="x"), "extra"),
    ({"provider": "simulator", "failure_rate": 1.5}, "failure_rate"),
    ({"provider": "simulator", "read_rate": -0.1}, "read_rate"),
    ({"provider": "simulator", "delivery_rate": "1"}, "delivery_rate"),
    ({"provider": "simulator", "not_capable_rate": True}, "not_capable_rate"),
    ({"provider": "simulator", "latency_ms": 60_000}, "latency_ms"),
    ({"provider": "simulator", "latency_ms": 1.5}, "latency_ms"),
    ({"provider": "simulator", "agent_id": "mine"}, "agent_id"),
])
def test_bad_credentials_are_a_400_naming_the_field_and_store_nothing(client: Client, auth: Auth,
                                                                      body: dict[str, Any], field: str) -> None:
    status, answer = call(client, "PUT", "/credentials", auth(), body)

    assert status == 400, answer
    assert answer["field"] == field
    assert PRIVATE_KEY[40:80] not in json.dumps(answer) and TOKEN not in json.dumps(answer)
    assert secret_names() == []
    assert credentials.load_credentials("acme") is None


def test_a_non_rsa_private_key_is_refused(client: Client, auth: Auth) -> None:
    status, answer = call(client, "PUT", "/credentials", auth(),
                          rbm(service_account=service_account(private_key=_ec_key())))
    assert (status, answer["field"]) == (400, "service_account.private_key")
    assert "RSA" in answer["message"]


def test_credentials_need_a_token(client: Client) -> None:
    assert call(client, "GET", "/credentials", {})[0] == 401
    assert call(client, "PUT", "/credentials", {"Content-Type": "application/json"}, rbm())[0] == 401


def test_two_accounts_claiming_one_agent_at_once_end_with_exactly_one_owner(
        client: Client, monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN two accounts that both looked the agent up in the index and found it free
    both_looked = threading.Barrier(2, timeout=10)
    looked_up = accounts.accounts_of_agent

    def look_up_then_wait(agent_id: str) -> list[str]:
        owners = looked_up(agent_id)
        both_looked.wait()
        return owners

    monkeypatch.setattr(accounts, "accounts_of_agent", look_up_then_wait)

    def configure(account: str) -> str:
        try:
            credentials.put_credentials(account, credential_input.parse_input(rbm()))
            return "saved"
        except errors.Conflict:
            return "conflict"

    # WHEN both save credentials for it at the same moment
    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = dict(zip(["acme", "globex"], pool.map(configure, ["acme", "globex"]), strict=True))
    monkeypatch.undo()
    # THEN exactly one got it, and the webhook finds that one account (not none, as with two owners)
    assert sorted(outcomes.values()) == ["conflict", "saved"]
    winner = next(account for account, outcome in outcomes.items() if outcome == "saved")
    found = credentials.find_credentials_by_agent("acme_agent")
    assert found is not None and found.account_id == winner


def test_an_agent_let_go_can_be_claimed_by_another_account(client: Client, auth: Auth) -> None:
    # GIVEN acme held the agent, then moved to the simulator
    assert call(client, "PUT", "/credentials", auth(), rbm())[0] == 200
    assert call(client, "PUT", "/credentials", auth(), {"provider": "simulator"})[0] == 200
    # WHEN globex configures it THEN it is globex's
    assert call(client, "PUT", "/credentials", auth("globex"), rbm())[0] == 200
    # AND after globex deletes its credentials, acme may take it back
    assert call(client, "DELETE", "/credentials", auth("globex"))[0] == 200
    assert call(client, "PUT", "/credentials", auth(), rbm())[0] == 200


def test_an_accounts_provider_is_built_once_per_version_of_its_credentials_and_read_at_most_once_a_minute(
        client: Client, auth: Auth, monkeypatch: pytest.MonkeyPatch) -> None:
    from chalicelib.store import secrets as secret_store

    reads = {"item": 0, "secret": 0}
    built: list[Any] = []
    real_ref, real_secret = accounts.get_credentials_ref, secret_store.get_secret

    def counted_ref(account_id: str) -> Any:
        reads["item"] += 1
        return real_ref(account_id)

    def counted_secret(*args: Any) -> Any:
        reads["secret"] += 1
        return real_secret(*args)

    def build(found: credentials.ProviderCredentials) -> Any:
        built.append(found)
        return object()

    monkeypatch.setattr(accounts, "get_credentials_ref", counted_ref)
    monkeypatch.setattr(secret_store, "get_secret", counted_secret)
    assert credentials.account_provider("acme", build) is None, "no credentials yet: nothing is remembered"
    assert call(client, "PUT", "/credentials", auth(), {"provider": "simulator"})[0] == 200
    reads.update(item=0, secret=0)
    # WHEN a sender asks for the account's provider again and again
    first = credentials.account_provider("acme", build)
    assert credentials.account_provider("acme", build) is first
    # THEN it was built once, from one read of the item and one of the secret
    assert (len(built), reads["item"], reads["secret"]) == (1, 1, 1)
    # AND a minute later the item is read again, but an unchanged version is neither read nor built again
    monkeypatch.setattr(credentials, "PROVIDER_TTL_SECONDS", 0.0)
    assert credentials.account_provider("acme", build) is first
    assert (len(built), reads["item"], reads["secret"]) == (1, 2, 1)
    # AND new credentials give a new provider
    assert call(client, "PUT", "/credentials", auth(), {"provider": "simulator", "latency_ms": 5})[0] == 200
    second = credentials.account_provider("acme", build)
    assert second is not first and built[-1].simulator["latency_ms"] == 5
