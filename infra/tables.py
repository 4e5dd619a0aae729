"""The DynamoDB tables, generated from the PynamoDB models (`ALL_MODELS`): the same key schema,
attribute types, indexes, projections and TTL attribute that `Model.create_table()` uses locally
and in the tests, so the stack cannot drift from the code. On-demand billing, point-in-time
recovery (encrypted at rest with DynamoDB's own key, at no cost); deletion protection and retention in prod."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_dynamodb as dynamodb
from constructs import Construct
from pynamodb.models import Model

from chalicelib.settings import TABLES, Settings


@dataclass(frozen=True)
class IndexSpec:
    name: str
    key_schema: list[dict[str, str]]
    projection: dict[str, Any]


@dataclass(frozen=True)
class TableSpec:
    """One table as the model defines it, in CloudFormation's (and DynamoDB's) casing."""

    key: str
    name: str
    key_schema: list[dict[str, str]]
    attribute_definitions: list[dict[str, str]]
    global_indexes: list[IndexSpec] = field(default_factory=list)
    local_indexes: list[IndexSpec] = field(default_factory=list)
    ttl_attribute: str | None = None
    stream_view_type: str | None = None
    model: str = ""


def table_key(model: type[Model], settings: Settings) -> str:
    """The settings key (`templates`, …) of a model's table, checked against the stage's naming."""
    name = str(model.Meta.table_name)
    prefix = f"{settings.prefix}-"
    key = name[len(prefix):] if name.startswith(prefix) else ""
    if key not in TABLES or settings.table_name(key) != name:
        raise ValueError(
            f"{model.__name__}.Meta.table_name is {name!r}, which is not settings.table_name(<key>) for "
            f"stage {settings.stage!r}: use Meta = table_meta(<key>) with a key from settings.TABLES"
        )
    return key


def table_spec(model: type[Model], settings: Settings) -> TableSpec:
    schema = model._get_schema()
    definitions: list[dict[str, str]] = []
    for definition in schema["attribute_definitions"]:
        entry = {"AttributeName": str(definition["AttributeName"]),
                 "AttributeType": str(definition["AttributeType"])}
        if entry not in definitions:
            definitions.append(entry)

    def index(raw: Any) -> IndexSpec:
        projection = {str(k): v for k, v in dict(raw["projection"]).items()}
        return IndexSpec(
            name=str(raw["index_name"]),
            key_schema=_hash_first(raw["key_schema"]),
            projection=projection,
        )

    ttl = model._ttl_attribute()  # type: ignore[no-untyped-call]
    stream = getattr(model.Meta, "stream_view_type", None)
    return TableSpec(
        key=table_key(model, settings),
        name=str(model.Meta.table_name),
        key_schema=_hash_first(schema["key_schema"]),
        attribute_definitions=definitions,
        global_indexes=[index(raw) for raw in schema["global_secondary_indexes"]],
        local_indexes=[index(raw) for raw in schema["local_secondary_indexes"]],
        ttl_attribute=ttl.attr_name if ttl is not None else None,
        stream_view_type=str(stream) if stream else None,
        model=model.__name__,
    )


def _hash_first(keys: Any) -> list[dict[str, str]]:
    """A key schema as CloudFormation wants it: the HASH key, then the RANGE key (PynamoDB lists
    them in the order the model declares the attributes)."""
    schema = [{"AttributeName": str(k["AttributeName"]), "KeyType": str(k["KeyType"])} for k in keys]
    return sorted(schema, key=lambda k: 0 if k["KeyType"] == "HASH" else 1)


def table_specs(models: list[type[Model]], settings: Settings) -> list[TableSpec]:
    """One spec per table; two models on one table (single-table design) must agree on it."""
    specs: dict[str, TableSpec] = {}
    for model in models:
        spec = table_spec(model, settings)
        seen = specs.get(spec.name)
        if seen is None:
            specs[spec.name] = spec
        elif (seen.key_schema, seen.global_indexes, seen.local_indexes, seen.ttl_attribute) != (
            spec.key_schema, spec.global_indexes, spec.local_indexes, spec.ttl_attribute
        ):
            raise ValueError(f"{seen.model} and {spec.model} both use table {spec.name} with different schemas")
    return list(specs.values())


class Tables(Construct):
    """Every table of the product, by settings key."""

    def __init__(self, scope: Construct, construct_id: str, *, specs: list[TableSpec],
                 production: bool) -> None:
        super().__init__(scope, construct_id)
        self.specs = {spec.key: spec for spec in specs}
        self.tables: dict[str, dynamodb.CfnTable] = {}
        for spec in specs:
            table = dynamodb.CfnTable(
                self,
                _logical(spec.key),
                table_name=spec.name,
                billing_mode="PAY_PER_REQUEST",
                key_schema=[dynamodb.CfnTable.KeySchemaProperty(attribute_name=k["AttributeName"],
                                                                key_type=k["KeyType"]) for k in spec.key_schema],
                attribute_definitions=[
                    dynamodb.CfnTable.AttributeDefinitionProperty(attribute_name=d["AttributeName"],
                                                                  attribute_type=d["AttributeType"])
                    for d in spec.attribute_definitions
                ],
                global_secondary_indexes=[
                    dynamodb.CfnTable.GlobalSecondaryIndexProperty(
                        index_name=index.name,
                        key_schema=_keys(index.key_schema),
                        projection=_projection(index.projection),
                    )
                    for index in spec.global_indexes
                ] or None,
                local_secondary_indexes=[
                    dynamodb.CfnTable.LocalSecondaryIndexProperty(
                        index_name=index.name,
                        key_schema=_keys(index.key_schema),
                        projection=_projection(index.projection),
                    )
                    for index in spec.local_indexes
                ] or None,
                time_to_live_specification=dynamodb.CfnTable.TimeToLiveSpecificationProperty(
                    enabled=True, attribute_name=spec.ttl_attribute
                ) if spec.ttl_attribute else None,
                stream_specification=dynamodb.CfnTable.StreamSpecificationProperty(
                    stream_view_type=spec.stream_view_type
                ) if spec.stream_view_type else None,
                point_in_time_recovery_specification=(
                    dynamodb.CfnTable.PointInTimeRecoverySpecificationProperty(
                        point_in_time_recovery_enabled=True
                    )
                ),
                deletion_protection_enabled=production,
            )
            table.apply_removal_policy(cdk.RemovalPolicy.RETAIN if production else cdk.RemovalPolicy.DESTROY)
            self.tables[spec.key] = table

    def arns(self, key: str) -> list[str]:
        """The table's ARN and its indexes' (`<table>/index/*`), for IAM statements."""
        arn = str(self.tables[key].attr_arn)
        spec = self.specs[key]
        if spec.global_indexes or spec.local_indexes:
            return [arn, f"{arn}/index/*"]
        return [arn]


def _logical(key: str) -> str:
    return "".join(part.capitalize() for part in key.replace("-", "_").split("_")) + "Table"


def _keys(schema: list[dict[str, str]]) -> list[Any]:
    return [dynamodb.CfnTable.KeySchemaProperty(attribute_name=k["AttributeName"], key_type=k["KeyType"])
            for k in schema]


def _projection(projection: dict[str, Any]) -> Any:
    non_key = projection.get("NonKeyAttributes")
    return dynamodb.CfnTable.ProjectionProperty(
        projection_type=str(projection.get("ProjectionType", "ALL")),
        non_key_attributes=list(non_key) if non_key else None,
    )
