"""provider_for(credentials): the provider an account's credentials describe."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from chalicelib.providers import ProviderConfigError, provider_for
from chalicelib.providers.rbm import DEFAULT_ENDPOINT, RbmProvider, is_trusted_endpoint
from chalicelib.providers.receipts import WebhookReceiptEmitter
from chalicelib.providers.simulator import SimulatorProvider
from chalicelib.settings import get_settings
from tests.fakes.rbm_server import ServiceAccountKey, make_service_account


@dataclass(frozen=True)
class Credentials:
    """The shape of the credentials feature's ProviderCredentials."""

    provider: str
    agent_id: str = "acme_agent"
    endpoint: str = ""
    service_account: dict[str, Any] | None = None
    simulator: dict[str, float] = field(default_factory=dict)
    webhook_client_token: str = ""


@pytest.fixture(scope="module")
def key() -> ServiceAccountKey:
    return make_service_account()


def test_simulator_credentials_give_a_simulator_with_their_settings() -> None:
    provider = provider_for(Credentials("simulator", simulator={"latency_ms": 5, "failure_rate": 0.25}))

    assert isinstance(provider, SimulatorProvider)
    assert (provider.settings.latency_ms, provider.settings.failure_rate) == (5.0, 0.25)
    assert provider.agent_id == "acme_agent"


def test_a_simulator_with_a_webhook_token_posts_receipts_to_our_rbm_webhook() -> None:
    provider = provider_for(Credentials("simulator", webhook_client_token="tok"))

    assert isinstance(provider, SimulatorProvider)
    assert isinstance(provider.emitter, WebhookReceiptEmitter)
    assert provider.emitter.url == get_settings().public_api_url.rstrip("/") + "/api/v1/rcs/webhooks/rbm"


def test_a_simulator_without_a_webhook_token_sends_no_receipts() -> None:
    provider = provider_for(Credentials("simulator"))

    assert isinstance(provider, SimulatorProvider) and provider.emitter is None


def test_rbm_credentials_give_the_rbm_adapter_on_the_global_endpoint_by_default(key: ServiceAccountKey) -> None:
    provider = provider_for(Credentials("RBM", service_account=key.info))

    assert isinstance(provider, RbmProvider)
    assert provider.endpoint == DEFAULT_ENDPOINT
    assert provider.url_for("+919876543210") == (
        "https://rcsbusinessmessaging.googleapis.com/v1/phones/+919876543210/agentMessages"
    )


def test_rbm_credentials_with_a_regional_endpoint_send_there(key: ServiceAccountKey) -> None:
    regional = "https://europe-rcsbusinessmessaging.googleapis.com/"

    provider = provider_for(Credentials("rbm", endpoint=regional, service_account=key.info))

    assert isinstance(provider, RbmProvider)
    assert provider.url_for("+447700900123") == (
        "https://europe-rcsbusinessmessaging.googleapis.com/v1/phones/+447700900123/agentMessages"
    )


@pytest.mark.parametrize(
    "endpoint",
    ["http://rcsbusinessmessaging.googleapis.com", "https://evil.example", "http://169.254.169.254",
     "https://rcsbusinessmessaging.googleapis.com.evil.example", "https://x.europe-rcsbusinessmessaging.googleapis.com"],
)
def test_an_endpoint_that_is_not_googles_rbm_is_refused(key: ServiceAccountKey, endpoint: str) -> None:
    assert not is_trusted_endpoint(endpoint)
    with pytest.raises(ProviderConfigError, match="endpoint"):
        provider_for(Credentials("rbm", endpoint=endpoint, service_account=key.info))


def test_a_key_whose_token_uri_is_not_google_is_refused_unless_allowed(key: ServiceAccountKey) -> None:
    local = {**key.info, "token_uri": "http://127.0.0.1:9/token"}

    with pytest.raises(ProviderConfigError, match="token_uri"):
        provider_for(Credentials("rbm", service_account=local))
    assert isinstance(provider_for(Credentials("rbm", service_account=local), allow_any_endpoint=True), RbmProvider)


@pytest.mark.parametrize(
    ("credentials", "message"),
    [
        (Credentials("rbm"), "service_account"),
        (Credentials("rbm", agent_id="", service_account={"client_email": "x"}), "agent_id"),
        (Credentials("carrier_pigeon"), "unknown provider"),
    ],
    ids=["rbm-without-key", "rbm-without-agent", "unknown-provider"],
)
def test_credentials_that_cannot_work_are_a_config_error(credentials: Credentials, message: str) -> None:
    with pytest.raises(ProviderConfigError, match=message):
        provider_for(credentials)


def test_a_malformed_key_is_a_config_error_that_does_not_repeat_the_key(key: ServiceAccountKey) -> None:
    broken = {**key.info, "private_key": "-----BEGIN PRIVATE KEY-----\nnot-a-key\n-----END PRIVATE KEY-----\n"}

    with pytest.raises(ProviderConfigError) as caught:
        provider_for(Credentials("rbm", service_account=broken))

    assert "not-a-key" not in str(caught.value) and "PRIVATE" not in str(caught.value)
