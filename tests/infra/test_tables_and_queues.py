"""The tables and queues of the synthesised stack are the ones the code defines: every PynamoDB
model of ALL_MODELS and every queue of QUEUE_SPECS, named for the stage."""

from __future__ import annotations

from typing import Any

import pytest
from aws_cdk.assertions import Match, Template

from chalicelib.messaging import DEAD_LETTER_FUNCTION_TIMEOUT_SECONDS, QUEUE_SPECS
from chalicelib.metrics import NAMESPACE, RECONCILER_ENDED
from chalicelib.settings import get_settings
from chalicelib.store.tables import ALL_MODELS
from infra.tables import table_key
from tests.infra.conftest import Synthesis


def _by_name(synthesis: Synthesis, kind: str, name_property: str) -> dict[str, tuple[str, dict[str, Any]]]:
    return {body["Properties"][name_property]: (logical, body)
            for logical, body in synthesis.resources(kind).items()}


def _indexes(raw: list[dict[str, Any]] | None) -> dict[str, tuple[Any, Any]]:
    return {index["IndexName"]: (index["KeySchema"], index["Projection"]) for index in raw or []}


def _keys(raw: list[Any]) -> list[dict[str, str]]:
    """A model's key schema, HASH first as CloudFormation requires."""
    keys = [{"AttributeName": k["AttributeName"], "KeyType": k["KeyType"]} for k in raw]
    return sorted(keys, key=lambda k: k["KeyType"] != "HASH")


def _model_indexes(raw: list[Any]) -> dict[str, tuple[Any, Any]]:
    return {
        index["index_name"]: (
            _keys(index["key_schema"]),
            {key: (list(value) if isinstance(value, list | tuple) else value)
             for key, value in dict(index["projection"]).items()},
        )
        for index in raw
    }


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_every_model_has_a_table_with_its_keys_indexes_and_ttl(synthesized: dict[str, Synthesis],
                                                               stage: str) -> None:
    synthesis = synthesized[stage]
    tables = _by_name(synthesis, "AWS::DynamoDB::Table", "TableName")
    settings = get_settings()
    expected_names = {f"rcs-{stage}-{table_key(model, settings)}" for model in ALL_MODELS}
    assert set(tables) == expected_names
    Template.from_json(synthesis.template).resource_count_is("AWS::DynamoDB::Table", len(expected_names))
    for model in ALL_MODELS:
        _, table = tables[f"rcs-{stage}-{table_key(model, settings)}"]
        properties = table["Properties"]
        schema = model._get_schema()
        assert properties["KeySchema"] == _keys(schema["key_schema"]), model.__name__
        assert sorted(properties["AttributeDefinitions"], key=lambda d: d["AttributeName"]) == sorted(
            ({"AttributeName": d["AttributeName"], "AttributeType": d["AttributeType"]}
             for d in {d["AttributeName"]: d for d in schema["attribute_definitions"]}.values()),
            key=lambda d: d["AttributeName"],
        ), model.__name__
        assert _indexes(properties.get("GlobalSecondaryIndexes")) == _model_indexes(
            schema["global_secondary_indexes"]), model.__name__
        assert _indexes(properties.get("LocalSecondaryIndexes")) == _model_indexes(
            schema["local_secondary_indexes"]), model.__name__
        ttl = model._ttl_attribute()  # type: ignore[no-untyped-call]
        if ttl is None:
            assert "TimeToLiveSpecification" not in properties, model.__name__
        else:
            assert properties["TimeToLiveSpecification"] == {"AttributeName": ttl.attr_name, "Enabled": True}


def test_tables_are_on_demand_with_point_in_time_recovery(synthesized: dict[str, Synthesis]) -> None:
    Template.from_json(synthesized["dev"].template).all_resources_properties(
        "AWS::DynamoDB::Table",
        {"BillingMode": "PAY_PER_REQUEST",
         "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
         "ProvisionedThroughput": Match.absent()},
    )


def test_prod_tables_are_protected_and_retained_dev_tables_are_not(synthesized: dict[str, Synthesis]) -> None:
    for stage, protected, policy in (("prod", True, "Retain"), ("dev", False, "Delete")):
        template = Template.from_json(synthesized[stage].template)
        template.all_resources_properties("AWS::DynamoDB::Table", {"DeletionProtectionEnabled": protected})
        template.all_resources("AWS::DynamoDB::Table", {"DeletionPolicy": policy, "UpdateReplacePolicy": policy})
    assert synthesized["prod"].stack_properties().get("terminationProtection") is True
    assert not synthesized["dev"].stack_properties().get("terminationProtection")


@pytest.mark.parametrize("stage", ["dev", "prod"])
def test_every_queue_has_a_dead_letter_queue_and_six_times_its_workers_timeout(
        synthesized: dict[str, Synthesis], stage: str) -> None:
    synthesis = synthesized[stage]
    queues = _by_name(synthesis, "AWS::SQS::Queue", "QueueName")
    expected = {f"rcs-{stage}-{key}" for key in QUEUE_SPECS} | {f"rcs-{stage}-{key}-dlq" for key in QUEUE_SPECS}
    assert set(queues) == expected
    Template.from_json(synthesis.template).resource_count_is("AWS::SQS::Queue", 2 * len(QUEUE_SPECS))
    for key, spec in QUEUE_SPECS.items():
        _, queue = queues[f"rcs-{stage}-{key}"]
        dlq_logical, _ = queues[f"rcs-{stage}-{key}-dlq"]
        assert queue["Properties"]["VisibilityTimeout"] == 6 * spec.function_timeout_seconds
        assert queue["Properties"]["RedrivePolicy"] == {
            "deadLetterTargetArn": {"Fn::GetAtt": [dlq_logical, "Arn"]},
            "maxReceiveCount": spec.max_receive_count,
        }


def test_an_alarm_watches_every_dead_letter_queue(synthesized: dict[str, Synthesis]) -> None:
    template = Template.from_json(synthesized["dev"].template)
    for key in QUEUE_SPECS:
        template.has_resource_properties("AWS::CloudWatch::Alarm", {
            "Namespace": "AWS/SQS",
            "MetricName": "ApproximateNumberOfMessagesVisible",
            "Dimensions": [{"Name": "QueueName", "Value": f"rcs-dev-{key}-dlq"}],
            "Threshold": 0,
            "ComparisonOperator": "GreaterThanThreshold",
            "AlarmActions": Match.any_value(),
        })
        # its consumer drains it in seconds: what it handled is a metric of its own, alarmed too
        template.has_resource_properties("AWS::CloudWatch::Alarm", {
            "Namespace": NAMESPACE, "MetricName": "DeadLetters",
            "Dimensions": [{"Name": "queue", "Value": key}], "Statistic": "Sum", "Threshold": 0,
        })
    for action in RECONCILER_ENDED:
        template.has_resource_properties("AWS::CloudWatch::Alarm", {
            "Namespace": NAMESPACE, "MetricName": "Reconciled",
            "Dimensions": [{"Name": "action", "Value": action}], "Statistic": "Sum", "Threshold": 0,
        })


def test_every_dead_letter_queue_lets_its_consumer_finish_before_showing_a_message_again(
        synthesized: dict[str, Synthesis]) -> None:
    queues = _by_name(synthesized["dev"], "AWS::SQS::Queue", "QueueName")
    for key, spec in QUEUE_SPECS.items():
        _, dlq = queues[f"rcs-dev-{key}-dlq"]
        assert dlq["Properties"]["VisibilityTimeout"] == spec.dead_letter_visibility_timeout_seconds
        assert spec.dead_letter_visibility_timeout_seconds == 6 * DEAD_LETTER_FUNCTION_TIMEOUT_SECONDS


def test_the_import_bucket_is_private_and_forgets_uploads_after_a_week(synthesized: dict[str, Synthesis]) -> None:
    template = Template.from_json(synthesized["dev"].template)
    template.resource_count_is("AWS::S3::Bucket", 1)
    template.has_resource_properties("AWS::S3::Bucket", {
        "BucketName": "rcs-dev-imports",
        "PublicAccessBlockConfiguration": {"BlockPublicAcls": True, "BlockPublicPolicy": True,
                                           "IgnorePublicAcls": True, "RestrictPublicBuckets": True},
        "LifecycleConfiguration": {"Rules": [Match.object_like({
            "Status": "Enabled", "ExpirationInDays": 7,
            "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1},
        })]},
    })
    Template.from_json(synthesized["prod"].template).has_resource("AWS::S3::Bucket", {"DeletionPolicy": "Retain"})
