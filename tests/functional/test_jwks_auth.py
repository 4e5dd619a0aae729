"""Tokens of an identity provider, verified through its JWKS: a real HTTP server on 127.0.0.1
publishes the keys, as a Cognito user pool does, and the product's app answers through moto."""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt
import pytest
from chalice.test import Client
from cryptography.hazmat.primitives.asymmetric import rsa
from jwt.algorithms import RSAAlgorithm

from chalicelib.auth.tokens import reset_jwks_clients
from chalicelib.settings import Settings, SettingsError

ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_example"
AUDIENCE = "rcs-clients"


@dataclass
class SigningKey:
    kid: str
    private: rsa.RSAPrivateKey = field(default_factory=lambda: rsa.generate_private_key(65537, 2048))

    def public_jwk(self) -> dict[str, Any]:
        jwk: dict[str, Any] = json.loads(RSAAlgorithm.to_jwk(self.private.public_key()))
        return {**jwk, "kid": self.kid, "alg": "RS256", "use": "sig"}


class IdentityProvider:
    """What the API sees of a user pool: a JWKS URL whose keys can rotate, and the tokens it signs."""

    def __init__(self) -> None:
        self.published: list[SigningKey] = [SigningKey("key-1")]
        self.fetches = 0
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                provider.fetches += 1
                body = json.dumps({"keys": [key.public_jwk() for key in provider.published]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/.well-known/jwks.json"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def token(self, account: str, *, key: SigningKey | None = None, **claims: Any) -> str:
        key = key or self.published[0]
        now = int(time.time())
        body: dict[str, Any] = {"sub": str(uuid.uuid4()), "account_id": account, "iss": ISSUER, "aud": AUDIENCE,
                                "iat": now, "exp": now + 600, **claims}
        return jwt.encode({k: v for k, v in body.items() if v is not None}, key.private, algorithm="RS256",
                          headers={"kid": key.kid})


@pytest.fixture(scope="module")
def idp() -> Iterator[IdentityProvider]:
    provider = IdentityProvider()
    yield provider
    provider.stop()


@pytest.fixture
def with_jwks(idp: IdentityProvider, settings_env: Callable[..., None]) -> Iterator[Callable[..., None]]:
    """The API trusts `idp` (its key set cached `lifespan` seconds, refetched for an unknown kid)."""

    def configure(*, lifespan: float = 300, cooldown: float = 0) -> None:
        settings_env(RCS_JWKS_URL=idp.url, RCS_JWT_ISSUER=ISSUER, RCS_JWT_AUDIENCE=AUDIENCE,
                     RCS_JWKS_CACHE_SECONDS=str(lifespan), RCS_JWKS_REFETCH_COOLDOWN_SECONDS=str(cooldown))
        reset_jwks_clients()

    idp.published = [SigningKey("key-1")]
    configure()
    yield configure
    reset_jwks_clients()


def call(client: Client, path: str, token: str) -> tuple[int, dict[str, Any]]:
    response = client.http.get(f"/api/v1/rcs{path}", headers={"Authorization": f"Bearer {token}"})
    return response.status_code, json.loads(response.body)


def test_a_token_of_the_identity_provider_for_this_api_is_accepted(
        client: Client, idp: IdentityProvider, with_jwks: Callable[..., None]) -> None:
    status, body = call(client, "/balance", idp.token("acme"))
    assert status == 200, body


@pytest.mark.parametrize("claims", [
    pytest.param({"aud": "another-app"}, id="wrong audience"),
    pytest.param({"aud": None}, id="no audience"),
    pytest.param({"iss": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_other"}, id="wrong issuer"),
    pytest.param({"iss": None}, id="no issuer"),
])
def test_a_token_of_the_identity_provider_for_another_app_or_issuer_is_refused(
        client: Client, idp: IdentityProvider, with_jwks: Callable[..., None], claims: dict[str, Any]) -> None:
    # GIVEN a token the provider's own key signed, but not for this API WHEN it is presented THEN 401
    status, body = call(client, "/balance", idp.token("acme", **claims))
    assert (status, body["error"]) == (401, "unauthorized")


def test_a_token_with_an_unknown_kid_is_refused_after_one_refetch_per_cooldown(
        client: Client, idp: IdentityProvider, with_jwks: Callable[..., None]) -> None:
    # GIVEN the key set is fetched, and refetches for an unknown kid are spaced 60 s apart
    with_jwks(cooldown=60)
    assert call(client, "/balance", idp.token("acme"))[0] == 200
    fetched = idp.fetches
    # WHEN tokens signed by keys the provider never published arrive, several times
    strangers = [SigningKey(f"made-up-{n}") for n in range(5)]
    answers = [call(client, "/balance", idp.token("acme", key=key)) for key in strangers]
    # THEN each is refused, and the JWKS was fetched once at most (not once per made-up kid)
    assert all((status, body["error"]) == (401, "unauthorized") for status, body in answers)
    assert idp.fetches - fetched <= 1


def test_a_key_the_provider_rotates_in_is_fetched_on_its_first_token(
        client: Client, idp: IdentityProvider, with_jwks: Callable[..., None]) -> None:
    # GIVEN the API has cached the key set while only key-1 was published
    assert call(client, "/balance", idp.token("acme"))[0] == 200
    fetched = idp.fetches
    # WHEN the provider rotates in key-2 and signs with it
    rotated = SigningKey("key-2")
    idp.published = [rotated, *idp.published]
    status, body = call(client, "/balance", idp.token("acme", key=rotated))
    # THEN the unknown kid made the API refetch the set, and the token is accepted
    assert status == 200, body
    assert idp.fetches == fetched + 1


def test_a_key_the_provider_retires_stops_working_when_the_cached_set_expires(
        client: Client, idp: IdentityProvider, with_jwks: Callable[..., None]) -> None:
    # GIVEN the key set is cached for half a second and a token signed by key-1 is accepted
    with_jwks(lifespan=0.5)
    retired = idp.published[0]
    assert call(client, "/balance", idp.token("acme", key=retired))[0] == 200
    # WHEN the provider replaces key-1 by key-2 and the lifespan passes
    idp.published = [SigningKey("key-2")]
    time.sleep(0.6)
    # THEN a token signed by the retired key is refused (it was not cached for ever)
    status, body = call(client, "/balance", idp.token("acme", key=retired))
    assert (status, body["error"]) == (401, "unauthorized")


@pytest.mark.parametrize("forged", [
    pytest.param({"role": "admin"}, id="role claim"),
    pytest.param({"cognito:groups": "administrators"}, id="another group"),
    pytest.param({"custom:role": "admin", "groups": ["admin"]}, id="look-alike claims"),
])
def test_an_admin_claim_a_user_can_write_does_not_make_an_admin(
        client: Client, idp: IdentityProvider, with_jwks: Callable[..., None], forged: dict[str, Any]) -> None:
    # GIVEN a user's genuine token carrying admin-looking claims that are not the configured one
    status, body = call(client, "/admin/templates", idp.token("acme", **forged))
    # THEN the admin operation is forbidden
    assert (status, body["error"]) == (403, "forbidden")


def test_the_cognito_admin_group_makes_an_admin(
        client: Client, idp: IdentityProvider, with_jwks: Callable[..., None]) -> None:
    status, body = call(client, "/admin/templates", idp.token("ops", **{"cognito:groups": ["staff", "admin"]}))
    assert status == 200, body


def test_an_admin_group_claim_signed_by_a_key_the_provider_never_published_is_refused(
        client: Client, idp: IdentityProvider, with_jwks: Callable[..., None]) -> None:
    forged = idp.token("ops", key=SigningKey("key-1"), **{"cognito:groups": ["admin"]})  # same kid, other key
    status, body = call(client, "/admin/templates", forged)
    assert (status, body["error"]) == (401, "unauthorized")


def test_the_admin_claim_is_configurable(client: Client, idp: IdentityProvider, with_jwks: Callable[..., None],
                                         settings_env: Callable[..., None]) -> None:
    settings_env(RCS_JWT_ADMIN_CLAIM="https://rcs.example/roles")
    assert call(client, "/admin/templates", idp.token("ops", **{"https://rcs.example/roles": ["admin"]}))[0] == 200
    assert call(client, "/admin/templates", idp.token("ops", **{"cognito:groups": ["admin"]}))[0] == 403


@pytest.mark.parametrize("missing", ["RCS_JWT_ISSUER", "RCS_JWT_AUDIENCE"])
def test_settings_with_a_jwks_url_refuse_to_load_without_issuer_and_audience(
        monkeypatch: pytest.MonkeyPatch, missing: str) -> None:
    monkeypatch.setenv("RCS_JWKS_URL", "https://idp.example/jwks.json")
    monkeypatch.setenv("RCS_JWT_ISSUER", ISSUER)
    monkeypatch.setenv("RCS_JWT_AUDIENCE", AUDIENCE)
    monkeypatch.delenv(missing)
    with pytest.raises(SettingsError, match="RCS_JWT_ISSUER and RCS_JWT_AUDIENCE"):
        Settings()
