"""The functions: every handler of the app (whatever it registers by synth time) is deployed with
its own least-privilege role, its trigger wired the way the code expects (partial batch failures,
maximum concurrency, the schedule, the S3 notification), a log group and an error alarm."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from aws_cdk.assertions import Match, Template
from chalice.app import S3EventConfig, ScheduledEventConfig, SQSEventConfig
from chalice.utils import to_cfn_resource_name

from chalicelib.messaging import DEAD_LETTER_FUNCTION_TIMEOUT_SECONDS, QUEUE_SPECS
from chalicelib.settings import Settings, default_of, get_settings
from infra.deploy_config import CDK_CLI_VERSION, PROJECT_DIR
from tests.infra.conftest import SAMPLE_CONTEXT, Synthesis

FUNCTION = "AWS::Serverless::Function"
ALL = ("dev", "prod", "sample")


def _flat(value: Any) -> str:
    """An IAM resource as text: references become `<Logical.Arn>`, pseudo parameters `<AWS::…>`."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and "Fn::Join" in value:
        separator, parts = value["Fn::Join"]
        return str(separator).join(_flat(part) for part in parts)
    if isinstance(value, dict) and "Fn::GetAtt" in value:
        return "<{}.{}>".format(*value["Fn::GetAtt"])
    if isinstance(value, dict) and "Ref" in value:
        return f"<{value['Ref']}>"
    return json.dumps(value)


def _statements(role: dict[str, Any]) -> list[dict[str, Any]]:
    return [statement for policy in role["Properties"].get("Policies", [])
            for statement in policy["PolicyDocument"]["Statement"]]


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _role_of(synthesis: Synthesis, function: dict[str, Any]) -> dict[str, Any]:
    logical = function["Properties"]["Role"]["Fn::GetAtt"][0]
    return synthesis.template["Resources"][logical]


@pytest.mark.parametrize("name", ALL)
def test_every_function_has_its_own_role_name_log_group_and_error_alarm(synthesized: dict[str, Synthesis],
                                                                        name: str) -> None:
    synthesis = synthesized[name]
    template = Template.from_json(synthesis.template)
    functions = synthesis.resources(FUNCTION)
    assert functions
    roles = [function["Properties"]["Role"] for function in functions.values()]
    assert all(set(role) == {"Fn::GetAtt"} for role in roles)
    assert len({json.dumps(role) for role in roles}) == len(functions), "one role per function"
    template.resource_count_is("AWS::IAM::Role", len(functions))
    for logical, function in functions.items():
        function_name = function["Properties"]["FunctionName"]
        assert function_name.startswith(f"rcs-{synthesis.stage}-")
        assert function["Properties"]["Environment"]["Variables"]["RCS_STAGE"] == synthesis.stage
        log_group = f"{logical}LogGroup"
        assert log_group in function["DependsOn"]
        group_name = synthesis.template["Resources"][log_group]["Properties"]["LogGroupName"]
        assert group_name == f"/aws/lambda/{function_name}"
        template.has_resource_properties("AWS::CloudWatch::Alarm", {
            "Namespace": "AWS/Lambda", "MetricName": "Errors",
            "Dimensions": [{"Name": "FunctionName", "Value": function_name}],
        })


@pytest.mark.parametrize("name", ALL)
def test_every_sqs_trigger_reports_batch_item_failures_with_a_maximum_concurrency(
        synthesized: dict[str, Synthesis], name: str) -> None:
    synthesis = synthesized[name]
    queues = {logical: body["Properties"] for logical, body in synthesis.resources("AWS::SQS::Queue").items()}
    for function in synthesis.resources(FUNCTION).values():
        properties = function["Properties"]
        for event in (properties.get("Events") or {}).values():
            if event["Type"] != "SQS":
                continue
            trigger = event["Properties"]
            assert trigger["FunctionResponseTypes"] == ["ReportBatchItemFailures"]
            # The synthesis runs without RCS_* variables: the setting's default.
            assert trigger["ScalingConfig"] == {
                "MaximumConcurrency": default_of("sqs_max_concurrency")}
            queue = queues[trigger["Queue"]["Fn::GetAtt"][0]]
            key = queue["QueueName"].removeprefix(f"rcs-{synthesis.stage}-")
            if key.endswith("-dlq"):  # a dead-letter queue's consumer
                assert key.removesuffix("-dlq") in QUEUE_SPECS
                assert properties["Timeout"] == DEAD_LETTER_FUNCTION_TIMEOUT_SECONDS
            else:
                assert properties["Timeout"] == QUEUE_SPECS[key].function_timeout_seconds
            assert queue["VisibilityTimeout"] == 6 * properties["Timeout"]


def test_the_sample_deploys_a_worker_per_queue_the_schedule_and_the_s3_import(
        synthesized: dict[str, Synthesis]) -> None:
    synthesis = synthesized["sample"]
    template = Template.from_json(synthesis.template)
    functions = synthesis.resources(FUNCTION)
    assert set(functions) == {"APIHandler", "Scheduler", "ImportUpload",
                              *(to_cfn_resource_name(f"{key}_worker") for key in QUEUE_SPECS)}
    template.has_resource_properties(FUNCTION, {
        "FunctionName": "rcs-dev-scheduler",
        "Events": {"SchedulerEvent": {"Type": "Schedule", "Properties": {"Schedule": "rate(1 minute)"}}},
    })
    template.has_resource_properties("AWS::S3::Bucket", {"NotificationConfiguration": {"LambdaConfigurations": [{
        "Event": "s3:ObjectCreated:*",
        "Function": {"Fn::GetAtt": ["ImportUpload", "Arn"]},
        "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "uploads/"}, {"Name": "suffix", "Value": ".csv"}]}},
    }]}})
    permissions = synthesis.resources("AWS::Lambda::Permission")
    s3_permission = next(name for name, body in permissions.items()
                         if body["Properties"]["Principal"] == "s3.amazonaws.com")
    assert _flat(permissions[s3_permission]["Properties"]["SourceArn"]) == "arn:<AWS::Partition>:s3:::rcs-dev-imports"
    bucket = next(iter(synthesis.resources("AWS::S3::Bucket").values()))
    assert s3_permission in bucket["DependsOn"], "S3 checks the destination when the notification is set"


def _real_name(source_name: str) -> str:
    return to_cfn_resource_name(source_name)


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_every_handler_the_app_registers_is_deployed_with_its_trigger(synthesized: dict[str, Synthesis],
                                                                      stage: str) -> None:
    from app import app

    synthesis = synthesized[stage]
    functions = synthesis.resources(FUNCTION)
    here = get_settings()
    there = Settings(stage=stage)
    bucket = next(iter(synthesis.resources("AWS::S3::Bucket").values()))
    for source in app.event_sources:
        function = functions[_real_name(source.name)]
        events = list((function["Properties"].get("Events") or {}).values())
        if isinstance(source, SQSEventConfig):
            names = {here.queue_name(k): there.queue_name(k) for k in QUEUE_SPECS}
            names |= {here.dead_letter_queue_name(k): there.dead_letter_queue_name(k) for k in QUEUE_SPECS}
            assert [e["Type"] for e in events] == ["SQS"]
            assert events[0]["Properties"]["BatchSize"] == source.batch_size
            queue_logical = events[0]["Properties"]["Queue"]["Fn::GetAtt"][0]
            queue = synthesis.template["Resources"][queue_logical]["Properties"]
            assert queue["QueueName"] == names[source.queue or ""]
        elif isinstance(source, ScheduledEventConfig):
            assert [e["Type"] for e in events] == ["Schedule"]
        elif isinstance(source, S3EventConfig):
            targets = [c["Function"] for c in bucket["Properties"]["NotificationConfiguration"]["LambdaConfigurations"]]
            assert {"Fn::GetAtt": [_real_name(source.name), "Arn"]} in targets
        else:
            pytest.fail(f"{type(source).__name__} is not deployed by infra/")
    expected = {_real_name(source.name) for source in app.event_sources} | ({"APIHandler"} if app.routes else set())
    assert set(functions) == expected


# A wildcard is allowed only as the last character, after a name that pins it to this stack:
# a table's ARN (`/index/*`), a log group (`:*`), the bucket's objects, the stage's secret prefix.
_SCOPED_WILDCARD = re.compile(
    r"^(<\w+\.Arn>/index/\*"
    r"|arn:<AWS::Partition>:logs:<AWS::Region>:<AWS::AccountId>:log-group:/aws/lambda/rcs-(dev|prod)-[\w-]+:\*"
    r"|arn:<AWS::Partition>:s3:::rcs-(dev|prod)-imports/\*"
    r"|arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:rcs-(dev|prod)/credentials/\*)$"
)


@pytest.mark.parametrize("name", ALL)
def test_no_role_grants_a_wildcard_action_or_resource(synthesized: dict[str, Synthesis], name: str) -> None:
    synthesis = synthesized[name]
    for logical, role in synthesis.resources("AWS::IAM::Role").items():
        assert not role["Properties"].get("ManagedPolicyArns"), logical
        for statement in _statements(role):
            assert statement["Effect"] == "Allow"
            for action in _as_list(statement["Action"]):
                assert "*" not in action, (logical, action)
            if "NotResource" in statement:  # only SMS to phone numbers: no SNS topic, application or platform
                assert (statement["Sid"], statement["Action"]) == ("Sms", "sns:Publish"), (logical, statement)
                assert _flat(statement["NotResource"]) == "arn:<AWS::Partition>:sns:*:*:*", (logical, statement)
                continue
            for resource in map(_flat, _as_list(statement["Resource"])):
                assert "*" not in resource or _SCOPED_WILDCARD.match(resource), (logical, resource)
    assert not synthesis.resources("AWS::IAM::Policy"), "policies are inline in their role"


def test_each_worker_consumes_only_its_own_queue_and_only_the_reviewer_may_call_the_model(
        synthesized: dict[str, Synthesis]) -> None:
    synthesis = synthesized["sample"]
    settings = Settings(stage="dev")
    model_arn = f"arn:<AWS::Partition>:bedrock:<AWS::Region>::foundation-model/{settings.bedrock_model_id}"
    for logical, function in synthesis.resources(FUNCTION).items():
        statements = {s.get("Sid"): s for s in _statements(_role_of(synthesis, function))}
        events = [e for e in (function["Properties"].get("Events") or {}).values() if e["Type"] == "SQS"]
        if events:
            assert _as_list(statements["QueueConsume"]["Resource"]) == [events[0]["Properties"]["Queue"]]
        else:
            assert "QueueConsume" not in statements, logical
        if logical == "ReviewWorker":
            assert statements["Model"]["Action"] == "bedrock:InvokeModel"
            assert _flat(statements["Model"]["Resource"]) == model_arn
        else:
            assert "Model" not in statements, logical
    for name in ("dev", "prod"):
        assert not any(s.get("Sid") == "Model" for role in synthesized[name].resources("AWS::IAM::Role").values()
                       for s in _statements(role)), "the model is granted only when llm_review_enabled"


def test_secrets_are_granted_under_the_stages_credentials_prefix_only(synthesized: dict[str, Synthesis]) -> None:
    synthesis = synthesized["dev"]
    api_role = _role_of(synthesis, synthesis.resources(FUNCTION)["APIHandler"])
    secrets = next(s for s in _statements(api_role) if s.get("Sid") == "Secrets")
    assert _flat(secrets["Resource"]) == (
        "arn:<AWS::Partition>:secretsmanager:<AWS::Region>:<AWS::AccountId>:secret:rcs-dev/credentials/*")


def test_functions_get_the_identity_providers_settings_and_never_a_jwt_secret(
        synthesized: dict[str, Synthesis]) -> None:
    for synthesis in synthesized.values():
        assert "RCS_JWT_SECRET" not in json.dumps(synthesis.template)
    variables = synthesized["sample"].resources(FUNCTION)["APIHandler"]["Properties"]["Environment"]["Variables"]
    assert variables["RCS_JWKS_URL"] == SAMPLE_CONTEXT["jwks_url"]
    assert variables["RCS_JWT_ISSUER"] == SAMPLE_CONTEXT["jwt_issuer"]
    assert variables["RCS_JWT_AUDIENCE"] == SAMPLE_CONTEXT["jwt_audience"]
    assert variables["RCS_LLM_REVIEW_ENABLED"] == "true"
    worker = synthesized["dev"].resources(FUNCTION)
    for logical, function in worker.items():
        url = function["Properties"]["Environment"]["Variables"].get("RCS_PUBLIC_API_URL")
        if logical == "APIHandler":
            assert url is None, "the API cannot name itself (a cycle); public_api_url sets it"
        else:
            assert _flat(url) == "https://<RestAPI>.execute-api.<AWS::Region>.<AWS::URLSuffix>/api"
    Template.from_json(synthesized["sample"].template).has_resource_properties(
        "AWS::SNS::Subscription", {"Protocol": "email", "Endpoint": SAMPLE_CONTEXT["alarm_email"]})


def test_unknown_paths_and_gateway_errors_answer_in_the_apps_envelope(synthesized: dict[str, Synthesis]) -> None:
    template = Template.from_json(synthesized["dev"].template)
    template.has_resource_properties("AWS::Serverless::Api", {"DefinitionBody": Match.object_like({
        "x-amazon-apigateway-gateway-responses": Match.object_like({
            "MISSING_AUTHENTICATION_TOKEN": Match.object_like({"statusCode": "404"}),
            "DEFAULT_4XX": Match.any_value(),
            "DEFAULT_5XX": Match.any_value(),
        })
    })})
    api = next(iter(synthesized["dev"].resources("AWS::Serverless::Api").values()))
    responses = api["Properties"]["DefinitionBody"]["x-amazon-apigateway-gateway-responses"]
    codes = {"validation_error", "unauthorized", "forbidden", "not_found", "conflict", "payload_too_large",
             "rate_limited", "internal_error"}
    for response_type, response in responses.items():
        assert response["responseParameters"] == {"gatewayresponse.header.Content-Type": "'application/json'"}
        body = json.loads(response["responseTemplates"]["application/json"].replace(
            "$context.error.messageString", '"what API Gateway says"'))
        assert body["success"] is False and body["error"] in codes and body["message"], response_type
    unknown = json.loads(responses["MISSING_AUTHENTICATION_TOKEN"]["responseTemplates"]["application/json"])
    assert unknown == {"success": False, "error": "not_found", "message": "no such path"}


def _version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def test_the_documented_cdk_cli_can_deploy_what_aws_cdk_lib_synthesises(synthesized: dict[str, Synthesis]) -> None:
    minimum = synthesized["dev"].manifest.get("minimumCliVersion", "0")
    assert _version(CDK_CLI_VERSION) >= _version(minimum), f"bump CDK_CLI_VERSION and docs/deploy.md to {minimum}+"
    guide = (PROJECT_DIR / "docs" / "deploy.md").read_text()
    assert set(re.findall(r"aws-cdk@([0-9.]+)", guide)) == {CDK_CLI_VERSION}


def test_only_the_send_worker_may_publish_sms(synthesized: dict[str, Synthesis]) -> None:
    synthesis = synthesized["sample"]
    publishers = {logical for logical, function in synthesis.resources(FUNCTION).items()
                  if "Sms" in {s.get("Sid") for s in _statements(_role_of(synthesis, function))}}
    assert publishers == {"SendWorker"}
