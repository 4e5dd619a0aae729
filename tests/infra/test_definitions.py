"""What the stack is generated from, checked without synthesising: the deployment inputs, the
access profiles against the code that uses them, the gateway responses, the table specs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from chalice.app import S3EventConfig, ScheduledEventConfig, SQSEventConfig

from chalicelib.messaging import QUEUE_SPECS
from chalicelib.settings import TABLES, get_settings
from chalicelib.store.tables import ALL_MODELS
from infra.access import IMPORTED_NOT_CALLED, PROFILES, SERVICE_OF_FIELD, profile_for, schedule_kind
from infra.deploy_config import DeployConfigError, from_context
from infra.gateway import gateway_responses
from infra.tables import table_key, table_specs
from infra.usage import handler_roots, reach


def _config(tmp_path: Path, stages: dict[str, Any]) -> Path:
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"version": "2.0", "app_name": "rcs-broadcast", "stages": stages}))
    return path


def test_a_stage_is_dev_or_prod_and_reads_its_identity_provider_from_context(tmp_path: Path) -> None:
    path = _config(tmp_path, {"prod": {"environment_variables": {"RCS_STAGE": "prod"}}})
    context = {"stage": "prod", "jwks_url": "https://idp.example/jwks.json", "jwt_issuer": "https://idp.example",
               "jwt_audience": "rcs-clients"}
    deploy = from_context(context.get, {"CDK_DEFAULT_REGION": "eu-west-1"}, path)
    assert deploy.is_production and deploy.region == "eu-west-1" and deploy.log_retention_days == 90
    assert deploy.function_environment() == {"RCS_STAGE": "prod", "RCS_JWKS_URL": "https://idp.example/jwks.json",
                                             "RCS_JWT_ISSUER": "https://idp.example",
                                             "RCS_JWT_AUDIENCE": "rcs-clients"}
    for stage in ("local", "test", "staging"):
        with pytest.raises(DeployConfigError):
            from_context({"stage": stage}.get, {}, path)


@pytest.mark.parametrize("missing", ["jwt_issuer", "jwt_audience"])
def test_a_jwks_url_without_issuer_or_audience_stops_the_synthesis(tmp_path: Path, missing: str) -> None:
    # GIVEN a stage whose identity provider is named by its JWKS only partly pinned
    path = _config(tmp_path, {"dev": {}})
    context = {"stage": "dev", "jwks_url": "https://idp.example/jwks.json", "jwt_issuer": "https://idp.example",
               "jwt_audience": "rcs-clients"}
    del context[missing]
    # WHEN it is synthesised THEN it is refused, naming what is missing
    with pytest.raises(DeployConfigError, match="jwt_issuer and jwt_audience"):
        from_context(context.get, {}, path)


def test_a_jwt_secret_in_the_stage_config_stops_the_deployment(tmp_path: Path) -> None:
    path = _config(tmp_path, {"dev": {"environment_variables": {"RCS_STAGE": "dev", "RCS_JWT_SECRET": "x" * 40}}})
    with pytest.raises(DeployConfigError, match="RCS_JWT_SECRET"):
        from_context({"stage": "dev"}.get, {}, path)


def test_a_jwks_url_must_be_https_and_a_retention_one_cloudwatch_knows(tmp_path: Path) -> None:
    path = _config(tmp_path, {"dev": {}})
    with pytest.raises(DeployConfigError, match="https"):
        from_context({"stage": "dev", "jwks_url": "http://idp.example/jwks.json", "jwt_issuer": "i",
                      "jwt_audience": "a"}.get, {}, path)
    with pytest.raises(DeployConfigError, match="log_retention_days"):
        from_context({"stage": "dev", "log_retention_days": "10"}.get, {}, path)
    assert from_context({"stage": "dev", "log_retention_days": "14"}.get, {}, path).log_retention_days == 14


def test_the_repositorys_cloud_stages_carry_no_secret() -> None:
    for stage in ("dev", "prod"):
        assert from_context({"stage": stage}.get, {}).stage == stage


def test_profiles_name_only_tables_and_queues_the_code_defines() -> None:
    for kind, profile in PROFILES.items():
        assert set(profile.tables) <= set(TABLES), kind
        assert set(profile.sends_to) <= set(QUEUE_SPECS), kind
    for key in QUEUE_SPECS:
        assert profile_for(f"queue:{key}") is PROFILES[f"queue:{key}"]
        assert profile_for(f"dlq:{key}") is PROFILES[f"dlq:{key}"]
    assert schedule_kind("reconcile") == "schedule:reconcile"
    assert schedule_kind("a_schedule_added_later") == "schedule"
    with pytest.raises(KeyError, match=r"infra/access\.py"):
        profile_for("queue:nothing")


def _kind(source: Any) -> str:
    if isinstance(source, SQSEventConfig):
        settings = get_settings()
        key = next((k for k in QUEUE_SPECS if settings.queue_name(k) == source.queue), None)
        if key is not None:
            return f"queue:{key}"
        key = next(k for k in QUEUE_SPECS if settings.dead_letter_queue_name(k) == source.queue)
        return f"dlq:{key}"
    if isinstance(source, ScheduledEventConfig):
        return schedule_kind(source.name)
    if isinstance(source, S3EventConfig):
        return "s3:imports"
    raise AssertionError(f"no kind for {type(source).__name__}")


def test_every_dead_letter_queue_has_a_consumer_and_the_reconciler_a_schedule() -> None:
    from app import app

    settings = get_settings()
    consumed = {source.queue for source in app.event_sources if isinstance(source, SQSEventConfig)}
    assert {settings.dead_letter_queue_name(key) for key in QUEUE_SPECS} <= consumed
    schedules = {source.name: source for source in app.event_sources if isinstance(source, ScheduledEventConfig)}
    assert schedules["reconcile"].schedule_expression == f"rate({settings.reconcile_every_minutes} minutes)"


def test_every_handlers_profile_grants_what_its_code_reaches() -> None:
    """GIVEN each function of the app (the API, every worker registered so far)
    WHEN the tables, queues and AWS clients its module reaches are read from the imports
        (infra/usage.py; handlers sharing a module are checked together, against their profiles' union)
    THEN a profile grants each of them, or infra/access.py IMPORTED_NOT_CALLED says why not."""
    from app import app

    settings = get_settings()
    kinds = {"api_handler": "api"} | {source.name: _kind(source) for source in app.event_sources}
    groups: dict[frozenset[str], set[str]] = {}
    for handler, roots in handler_roots(app).items():
        groups.setdefault(frozenset(roots), set()).add(kinds[handler])
    for roots, group in groups.items():
        profiles = [profile_for(kind) for kind in group]
        excused = set().union(*(IMPORTED_NOT_CALLED.get(kind, set()) for kind in group))
        usage = reach(set(roots))
        tables = {f"table:{name.removeprefix(f'{settings.prefix}-')}" for name in usage.tables}
        granted = {f"table:{key}" for profile in profiles for key in profile.tables}
        queues = {f"queue:{key}" for key in usage.sends_to}
        granted |= {f"queue:{key}" for profile in profiles for key in profile.sends_to}
        for service, field in SERVICE_OF_FIELD.items():
            if any(getattr(profile, field) not in ((), False, "none") for profile in profiles):
                granted.add(service)
        services = usage.services & set(SERVICE_OF_FIELD)
        missing = (tables | queues | services) - granted - excused
        assert not missing, f"{sorted(roots)} ({sorted(group)}) reaches {sorted(missing)}: grant it in infra/access.py"


def test_every_model_maps_to_a_settings_table_and_specs_list_hash_before_range() -> None:
    settings = get_settings()
    specs = table_specs(list(ALL_MODELS), settings)
    assert {spec.key for spec in specs} == {table_key(model, settings) for model in ALL_MODELS}
    for spec in specs:
        for schema in [spec.key_schema] + [index.key_schema for index in spec.global_indexes + spec.local_indexes]:
            assert schema[0]["KeyType"] == "HASH"


def test_every_gateway_response_is_the_error_envelope() -> None:
    responses = gateway_responses()
    assert {"DEFAULT_4XX", "DEFAULT_5XX", "MISSING_AUTHENTICATION_TOKEN"} <= set(responses)
    for response_type, response in responses.items():
        text = response["responseTemplates"]["application/json"].replace("$context.error.messageString", '"m"')
        body = json.loads(text)
        assert set(body) == {"success", "error", "message"} and body["success"] is False, response_type
