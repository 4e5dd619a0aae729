"""The app's Lambda functions, as Chalice packages them (`chalice.cdk.Chalice`: `chalice package`
into a SAM template, imported into the stack), and what the stack adds that Chalice cannot say:

- every function's role (one per function, see `infra/access.py`), its name (`rcs-<stage>-<handler>`)
  and its log group;
- on every SQS event: `FunctionResponseTypes: [ReportBatchItemFailures]` (Chalice never sets it, so
  `batchItemFailures` would be ignored), `ScalingConfig.MaximumConcurrency`
  (`settings.sqs_max_concurrency`), the queue by reference (created before the mapping), and the
  worker's timeout from `QUEUE_SPECS` (its queue's visibility timeout is six times that);
- `@on_s3_event`: Chalice refuses to package it (CloudFormation cannot change an existing bucket's
  notifications); the stack owns the bucket, so it wires the notification itself
  (`infra/imports_bucket.py`).

The SAM template has no `AWS::Lambda::EventSourceMapping` yet: SQS and schedule triggers are
`Events` of each `AWS::Serverless::Function`, which the SAM transform turns into the mapping and
the EventBridge rule at deploy time. The overrides go there.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from chalice.app import Chalice as ChaliceApplication
from chalice.app import S3EventConfig, ScheduledEventConfig, SQSEventConfig
from chalice.cdk import Chalice
from chalice.package import SAMTemplateGenerator
from chalice.utils import to_cfn_resource_name
from constructs import Construct

SAM_FUNCTION = "AWS::Serverless::Function"
API_HANDLER = "APIHandler"
PLACEHOLDER_ROLE_ARN = "arn:aws:iam::000000000000:role/replaced-by-the-stack"
REPORT_BATCH_ITEM_FAILURES = "ReportBatchItemFailures"


@dataclass(frozen=True)
class FunctionSpec:
    """One Lambda function of the app and what triggers it."""

    logical_id: str
    handler: str
    kind: str
    queue_name: str | None = None
    sqs_events: tuple[str, ...] = ()
    schedule_events: tuple[str, ...] = ()
    s3: S3EventConfig | None = field(default=None, compare=False)
    maximum_concurrency: int | None = None

    def function_name(self, prefix: str) -> str:
        name = f"{prefix}-{self.handler}".replace("_", "-")
        if len(name) > 64:
            raise ValueError(f"function name {name!r} is longer than Lambda's 64 characters")
        return name


class UnsupportedHandler(ValueError):
    """A handler the stack does not know how to deploy or to grant."""


def discover(app: ChaliceApplication, sam: dict[str, Any]) -> list[FunctionSpec]:
    """Every function in Chalice's SAM template, with its trigger from `app.event_sources`."""
    resources: dict[str, Any] = sam.get("Resources", {})
    functions = {name: body for name, body in resources.items() if body.get("Type") == SAM_FUNCTION}
    specs: list[FunctionSpec] = []
    seen: set[str] = set()
    for source in app.event_sources:
        logical_id = to_cfn_resource_name(source.name)
        if logical_id not in functions:
            raise UnsupportedHandler(f"handler {source.name!r} is not in Chalice's template")
        events: dict[str, Any] = functions[logical_id].get("Properties", {}).get("Events", {}) or {}
        if isinstance(source, SQSEventConfig):
            if source.queue_arn or not source.queue:
                raise UnsupportedHandler(f"{source.name}: name the queue (settings.queue_name), not an ARN")
            specs.append(FunctionSpec(
                logical_id=logical_id, handler=source.name, kind="queue", queue_name=source.queue,
                sqs_events=tuple(name for name, event in events.items() if event.get("Type") == "SQS"),
                maximum_concurrency=source.maximum_concurrency,
            ))
        elif isinstance(source, ScheduledEventConfig):
            specs.append(FunctionSpec(
                logical_id=logical_id, handler=source.name, kind="schedule",
                schedule_events=tuple(name for name, event in events.items() if event.get("Type") == "Schedule"),
            ))
        elif isinstance(source, S3EventConfig):
            specs.append(FunctionSpec(logical_id=logical_id, handler=source.name, kind="s3", s3=source))
        else:
            raise UnsupportedHandler(
                f"{source.name}: {type(source).__name__} handlers are not deployed by infra/ yet"
            )
        seen.add(logical_id)
    if API_HANDLER in functions:
        specs.insert(0, FunctionSpec(logical_id=API_HANDLER, handler="api_handler", kind="api"))
        seen.add(API_HANDLER)
    unknown = sorted(set(functions) - seen)
    if unknown:
        raise UnsupportedHandler(f"functions with no known trigger (authorizers, pure lambdas?): {unknown}")
    return specs


@contextmanager
def _s3_notifications_left_to_the_stack() -> Iterator[None]:
    """Let `chalice package` emit an `@on_s3_event` handler's function without the bucket
    notification it refuses to write; `ImportsBucket.notify` adds it."""
    generator: Any = SAMTemplateGenerator
    original = generator._generate_s3bucketnotification

    def skip(self: Any, resource: Any, template: dict[str, Any]) -> None:
        return None

    generator._generate_s3bucketnotification = skip
    try:
        yield
    finally:
        generator._generate_s3bucketnotification = original


class ChaliceApp(Chalice):
    """`chalice.cdk.Chalice`, plus the SAM template it generated (`sam`) for discovery, and the
    `@on_s3_event` packaging described above. Chalice's stage is its scope's name: create it
    directly in a stack whose id is the stage."""

    def __init__(self, scope: Construct, construct_id: str, *, source_dir: str,
                 stage_config: dict[str, Any]) -> None:
        super().__init__(scope, construct_id, source_dir=source_dir, stage_config=stage_config)
        with open(os.path.join(self._sam_package_dir, "sam.json")) as handle:
            self.sam: dict[str, Any] = json.load(handle)

    def _package_app(self) -> None:
        with _s3_notifications_left_to_the_stack():
            super()._package_app()
