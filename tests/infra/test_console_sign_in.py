"""The console's cloud side in the synthesised stack: the Cognito user pool, its `admin` group and
the console's app client; the API told to verify the pool's tokens; the import bucket open to the
console's PUT (infra/console_sign_in.py, docs/deploy.md)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from infra.deploy_config import DeployConfigError, from_context
from tests.infra.conftest import Synthesis


def _config(tmp_path: Path) -> Path:
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"version": "2.0", "app_name": "rcs-broadcast",
                                "stages": {"dev": {"environment_variables": {"RCS_STAGE": "dev"}}}}))
    return path


def _one(synthesis: Synthesis, kind: str) -> dict[str, Any]:
    found = synthesis.resources(kind)
    assert len(found) == 1, f"{kind}: {sorted(found)}"
    return next(iter(found.values()))["Properties"]


def test_a_stage_without_another_identity_provider_gets_a_user_pool_with_an_admin_group(
        synthesized: dict[str, Synthesis]) -> None:
    dev = synthesized["dev"]
    pool = _one(dev, "AWS::Cognito::UserPool")
    assert pool["AdminCreateUserConfig"]["AllowAdminCreateUserOnly"] is True
    assert _one(dev, "AWS::Cognito::UserPoolGroup")["GroupName"] == "admin"
    assert _one(dev, "AWS::Cognito::UserPoolDomain")["Domain"] == "rcs-dev-console"
    client = _one(dev, "AWS::Cognito::UserPoolClient")
    assert client["GenerateSecret"] is False
    # the console's URL is not known before the first deployment: no hosted-UI flow yet
    assert client["AllowedOAuthFlowsUserPoolClient"] is False

    variables = dev.template["Resources"]["APIHandler"]["Properties"]["Environment"]["Variables"]
    pool_id = next(iter(dev.resources("AWS::Cognito::UserPool")))
    client_id = next(iter(dev.resources("AWS::Cognito::UserPoolClient")))
    assert variables["RCS_JWT_ISSUER"] == {"Fn::Join": ["", ["https://", {"Fn::GetAtt": [pool_id, "ProviderURL"]}]]}
    assert variables["RCS_JWT_AUDIENCE"] == {"Ref": client_id}
    assert "RCS_JWKS_URL" in variables and variables["RCS_JWT_ADMIN_CLAIM"] == "cognito:groups"
    assert "RCS_CONSOLE_CLIENT_ID" not in variables


def test_a_stage_given_another_identity_providers_jwks_gets_no_user_pool(synthesized: dict[str, Synthesis]) -> None:
    sample = synthesized["sample"]
    assert sample.resources("AWS::Cognito::UserPool") == {}


def test_the_import_bucket_takes_a_put_from_the_consoles_origin_only(synthesized: dict[str, Synthesis]) -> None:
    for name in ("dev", "prod"):
        buckets = [b["Properties"] for b in synthesized[name].resources("AWS::S3::Bucket").values()
                   if str(b["Properties"].get("BucketName", "")).endswith("-imports")]
        (rule,) = buckets[0]["CorsConfiguration"]["CorsRules"]
        assert rule["AllowedMethods"] == ["PUT"]
        (origin,) = rule["AllowedOrigins"]
        assert "*" not in json.dumps(origin) and "RestAPI" in json.dumps(origin)


def test_the_console_url_comes_from_context_or_the_custom_domain_and_must_be_https(tmp_path: Path) -> None:
    path = _config(tmp_path)
    assert from_context({"stage": "dev"}.get, {}, path).console_callback_url == ""
    assert from_context({"stage": "dev", "public_api_url": "https://rcs.example.com/"}.get, {},
                        path).console_callback_url == "https://rcs.example.com/console"
    deploy = from_context({"stage": "dev", "console_url": "https://abc.execute-api.eu-west-1.amazonaws.com/api/console",
                           "public_api_url": "https://rcs.example.com"}.get, {}, path)
    assert deploy.console_callback_url == "https://abc.execute-api.eu-west-1.amazonaws.com/api/console"
    with pytest.raises(DeployConfigError):
        from_context({"stage": "dev", "console_url": "http://abc.example/console"}.get, {}, path)


@pytest.mark.parametrize("prefix", ["Acme", "-acme", "acme-", "my-aws-rcs", "cognito-rcs", "a" * 64, "acme_rcs"])
def test_a_hosted_ui_domain_cognito_would_refuse_stops_the_synthesis(tmp_path: Path, prefix: str) -> None:
    with pytest.raises(DeployConfigError):
        from_context({"stage": "dev", "cognito_domain_prefix": prefix}.get, {}, _config(tmp_path))
    assert from_context({"stage": "dev", "cognito_domain_prefix": "acme-rcs-dev"}.get, {},
                        _config(tmp_path)).cognito_domain_prefix == "acme-rcs-dev"
