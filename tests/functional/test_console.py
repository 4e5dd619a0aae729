"""The web console's server side (chalicelib/api/console.py): its page and files, what a browser
needs to sign in, and the dev sign-in that only the local stack grants."""

from __future__ import annotations

import json
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.api import console as console_api
from chalicelib.auth.tokens import verify
from chalicelib.settings import Settings, get_settings


@pytest.fixture
def stage(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Serve the console as stage `name` would (the test client itself runs the `dev` stage)."""

    def use(name: str, **more: str) -> None:
        settings = Settings(stage=name, **more)  # type: ignore[arg-type]
        monkeypatch.setattr(console_api, "get_settings", lambda: settings)

    return use


def dev_token(client: Client, body: Any) -> Any:
    return client.http.post("/console/dev-token", body=json.dumps(body), headers={"Content-Type": "application/json"})


def test_the_console_page_is_served_with_its_base_and_a_strict_content_security_policy(client: Client) -> None:
    page = client.http.get("/console")
    assert page.status_code == 200
    assert page.headers["Content-Type"].startswith("text/html")
    html = page.body.decode()
    assert '<base href="/console/">' in html and '<script type="module" src="app.js">' in html
    policy = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy and "unsafe-inline" not in policy


def test_the_console_modules_are_javascript_and_unknown_or_crafted_names_are_404(client: Client) -> None:
    module = client.http.get("/console/app.js")
    assert module.status_code == 200 and module.headers["Content-Type"].startswith("text/javascript")
    assert b"import" in module.body
    assert client.http.get("/console/style.css").headers["Content-Type"].startswith("text/css")
    for name in ("nope.js", "index.html", "..%2Fapp.py", "APP.JS", "app.js.map"):
        missing = client.http.get(f"/console/{name}")
        assert missing.status_code == 404, name
        assert json.loads(missing.body)["error"] == "not_found"


def test_on_the_local_stage_a_dev_sign_in_gives_a_token_the_api_accepts(client: Client, stage: Any) -> None:
    stage("local")
    assert json.loads(client.http.get("/console/config.json").body) == {
        "success": True, "stage": "local", "dev_sign_in": True, "cognito": None}
    answer = dev_token(client, {"account": "web-acme", "admin": True})
    assert answer.status_code == 200, answer.body
    token = json.loads(answer.body)["token"]
    principal = verify(f"Bearer {token}", get_settings())
    assert principal.account_id == "web-acme" and principal.is_admin
    balance = client.http.get("/api/v1/rcs/balance", headers={"Authorization": f"Bearer {token}"})
    assert balance.status_code == 200


@pytest.mark.parametrize("name", ["dev", "prod", "test", "Local", ""])
def test_every_other_stage_refuses_the_dev_sign_in(client: Client, stage: Any, name: str) -> None:
    stage(name)
    answer = dev_token(client, {"account": "web-acme", "admin": True})
    assert answer.status_code == 403
    assert json.loads(answer.body)["error"] == "forbidden"
    assert json.loads(client.http.get("/console/config.json").body)["dev_sign_in"] is False


@pytest.mark.parametrize("body", [{}, {"account": ""}, {"account": "-x"}, {"account": "a b"},
                                  {"account": "x" * 129}, {"account": "acme", "admin": "yes"},
                                  {"account": "acme", "role": "admin"}, ["acme"]])
def test_a_bad_dev_sign_in_is_a_400_naming_the_field(client: Client, stage: Any, body: Any) -> None:
    stage("local")
    answer = dev_token(client, body)
    assert answer.status_code == 400
    error = json.loads(answer.body)
    assert error["success"] is False and error["error"] == "validation_error" and error["message"]


def test_a_stage_with_cognito_tells_the_browser_where_to_sign_in(client: Client, stage: Any) -> None:
    stage("prod", console_cognito_domain="https://rcs-prod.auth.us-east-1.amazoncognito.com/",
          console_client_id="abc123")
    assert json.loads(client.http.get("/console/config.json").body) == {
        "success": True, "stage": "prod", "dev_sign_in": False,
        "cognito": {"domain": "https://rcs-prod.auth.us-east-1.amazoncognito.com", "client_id": "abc123"}}
