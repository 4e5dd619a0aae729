"""The whole product for one stage, in one stack (`rcs-<stage>`): read top to bottom, this is
every AWS resource it runs on.

- DynamoDB tables from the PynamoDB models (`infra/tables.py`)
- SQS work queues and their dead-letter queues from `QUEUE_SPECS` (`infra/queues.py`)
- the S3 import bucket, its lifecycle and its notifications (`infra/imports_bucket.py`)
- the Chalice app: API Gateway + the API handler, every `@on_sqs_message` worker, the `@schedule`
  handler and its EventBridge rule, the `@on_s3_event` handler (`infra/functions.py`)
- one IAM role per function, least privilege (`infra/access.py`, `infra/roles.py`), including
  the stage's Secrets Manager prefix and the Bedrock model
- log groups with retention, alarms on dead letters and function errors (`infra/alarms.py`)
- API Gateway's own error responses in the app's envelope (`infra/gateway.py`)
- the console's sign-in: a Cognito user pool, hosted UI, app client and `admin` group, whose ID
  tokens the API verifies, unless `jwks_url` names another identity provider
  (`infra/console_sign_in.py`); the import bucket's CORS rule for the console's uploads

Names are the app's own (`settings.table_name`, `queue_name`, `import_bucket`), computed for the
stage the process runs as (`RCS_STAGE`), which the functions get in their environment.
"""

from __future__ import annotations

import importlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_logs as logs
from chalice.app import Chalice as ChaliceApplication
from constructs import Construct
from pynamodb.models import Model

from chalicelib.messaging import DEAD_LETTER_FUNCTION_TIMEOUT_SECONDS, QueueSpec, maximum_concurrency
from chalicelib.metrics import RECONCILER_ENDED
from chalicelib.settings import Settings
from infra.access import profile_for, schedule_kind
from infra.alarms import Alarms
from infra.console_sign_in import ConsoleSignIn
from infra.deploy_config import PROJECT_DIR, DeployConfig
from infra.functions import PLACEHOLDER_ROLE_ARN, REPORT_BATCH_ITEM_FAILURES, ChaliceApp, FunctionSpec, discover
from infra.gateway import GATEWAY_RESPONSES_KEY, gateway_responses
from infra.imports_bucket import ImportsBucket, Notification
from infra.queues import Queues
from infra.roles import Resources, function_role, statements
from infra.tables import Tables, table_specs

REST_API = "RestAPI"


@dataclass(frozen=True)
class Product:
    """The definitions the stack is generated from (the app's own)."""

    settings: Settings
    models: list[type[Model]]
    queue_specs: dict[str, QueueSpec]
    source_dir: Path = PROJECT_DIR


class RcsStack(cdk.Stack):
    def __init__(self, scope: Construct, deploy: DeployConfig, product: Product) -> None:
        settings = product.settings
        if settings.stage != deploy.stage or settings.prefix != f"rcs-{deploy.stage}":
            raise ValueError(
                f"this process computes names for stage {settings.stage!r} (prefix {settings.prefix!r}); "
                f"synthesise stage {deploy.stage!r} in a process started with RCS_STAGE={deploy.stage} "
                "and no RCS_RESOURCE_PREFIX (python -m infra does)"
            )
        if not 2 <= settings.sqs_max_concurrency <= 1000:
            raise ValueError(f"RCS_SQS_MAX_CONCURRENCY={settings.sqs_max_concurrency}: an SQS event source's "
                             "maximum concurrency is 2 to 1000")
        env = cdk.Environment(account=deploy.account, region=deploy.region) if deploy.region else None
        # The id is the stage: chalice.cdk takes its Chalice stage from its scope's name.
        super().__init__(
            scope, deploy.stage, stack_name=settings.prefix, env=env,
            description=f"RCS broadcast platform, stage {deploy.stage}",
            termination_protection=deploy.is_production,
        )
        self.deploy = deploy
        self.settings = settings
        cdk.Tags.of(self).add("project", "rcs-broadcast")
        cdk.Tags.of(self).add("stage", deploy.stage)

        self.tables = Tables(self, "Tables", specs=table_specs(product.models, settings),
                             production=deploy.is_production)
        self.queues = Queues(self, "Queues", specs=product.queue_specs, settings=settings)
        self.bucket = ImportsBucket(self, "Imports", bucket_name=settings.import_bucket,
                                    production=deploy.is_production)
        self.alarms = Alarms(self, "Alarms", prefix=settings.prefix, email=deploy.alarm_email)
        for key in self.queues.queues:
            self.alarms.dead_letters(key, settings.dead_letter_queue_name(key))
            self.alarms.dead_letters_handled(key)
        for action in RECONCILER_ENDED:
            self.alarms.reconciler_ended(action)

        # The console's sign-in (Cognito hosted UI) and the API's identity provider, unless the
        # deployment names another one (`jwks_url`).
        self.sign_in = ConsoleSignIn(
            self, "ConsoleSignIn", prefix=settings.prefix,
            domain_prefix=deploy.cognito_domain_prefix or f"{settings.prefix}-console",
            console_url=deploy.console_callback_url, production=deploy.is_production,
        ) if deploy.signs_in_with_cognito else None

        environment = deploy.function_environment()
        if deploy.llm_review_enabled:
            environment["RCS_BEDROCK_MODEL_ID"] = settings.bedrock_model_id
        self.app = ChaliceApp(
            self, "App", source_dir=str(product.source_dir),
            stage_config={
                "autogen_policy": False,
                # Dependencies in a layer of their own, rebuilt only when requirements.txt changes.
                "automatic_layer": True,
                "manage_iam_role": False,
                "iam_role_arn": PLACEHOLDER_ROLE_ARN,
                "environment_variables": environment,
            },
        )
        self.resources = Resources(
            tables=self.tables, queues=self.queues, bucket=self.bucket,
            secret_prefix=f"{settings.prefix}/credentials/",
            bedrock_model_id=settings.bedrock_model_id, bedrock_enabled=deploy.llm_review_enabled,
        )
        self.functions = discover(_loaded_app(product.source_dir), self.app.sam)
        self.api_url = deploy.public_api_url or self._endpoint_url()
        self.function_names: dict[str, str] = {}
        self.function_kinds: dict[str, str] = {}
        notifications = [self._function(spec) for spec in self.functions]
        self.bucket.notify([n for n in notifications if n is not None])

        if REST_API in self.app.sam.get("Resources", {}):
            self.app.get_resource(REST_API).add_property_override(
                f"DefinitionBody.{GATEWAY_RESPONSES_KEY}", gateway_responses()
            )
        # The console PUTs CSV files from the browser straight to the presigned upload URL.
        self.bucket.allow_uploads_from(self._console_origin())
        cdk.CfnOutput(self, "ConsoleUrl", value=f"{self.api_url}/console" if self.api_url else "")
        cdk.CfnOutput(self, "ImportBucketName", value=settings.import_bucket)
        cdk.CfnOutput(self, "AlarmTopicArn", value=self.alarms.topic.topic_arn)

    def _console_origin(self) -> str:
        """The scheme and host the console is served from (its page calls S3 from there)."""
        url = self.deploy.console_callback_url or self.api_url
        if not url:
            return ""
        if cdk.Token.is_unresolved(url):  # the execute-api URL: https://<api>.execute-api.<region>.<suffix>/<stage>
            rest_api = self.app.get_resource(REST_API)
            return f"https://{rest_api.ref}.execute-api.{cdk.Aws.REGION}.{cdk.Aws.URL_SUFFIX}"
        scheme, _, rest = url.partition("://")
        return f"{scheme}://{rest.split('/', 1)[0]}"

    def _endpoint_url(self) -> str:
        """The API's default URL (what Chalice's `EndpointURL` output gives), without the slash."""
        api = self.app.sam.get("Resources", {}).get(REST_API)
        if api is None:
            return ""
        stage = api.get("Properties", {}).get("StageName", "api")
        rest_api = self.app.get_resource(REST_API)
        return f"https://{rest_api.ref}.execute-api.{cdk.Aws.REGION}.{cdk.Aws.URL_SUFFIX}/{stage}"

    def _function(self, spec: FunctionSpec) -> Notification | None:
        """Role, name, log group, timeout, trigger settings and alarm of one function."""
        settings = self.settings
        name = spec.function_name(settings.prefix)
        consumes: str | None = None
        dead_letters = False
        if spec.kind == "queue":
            consumes, dead_letters = self.queues.source_of(spec.queue_name or "", settings)
            kind = f"dlq:{consumes}" if dead_letters else f"queue:{consumes}"
        elif spec.kind == "s3":
            assert spec.s3 is not None
            if spec.s3.bucket != settings.import_bucket:
                raise ValueError(f"{spec.handler} listens to bucket {spec.s3.bucket!r}; the stack has "
                                 f"only {settings.import_bucket!r} (settings.import_bucket)")
            kind = "s3:imports"
        else:
            kind = schedule_kind(spec.handler) if spec.kind == "schedule" else spec.kind
        self.function_names[spec.logical_id] = name
        self.function_kinds[spec.logical_id] = kind

        log_group = logs.CfnLogGroup(
            self, f"{spec.logical_id}LogGroup", log_group_name=f"/aws/lambda/{name}",
            retention_in_days=self.deploy.log_retention_days,
        )
        log_group.apply_removal_policy(cdk.RemovalPolicy.DESTROY)
        role = function_role(
            self, f"{spec.logical_id}Role", description=f"{name} ({kind})",
            policy=statements(profile_for(kind), self.resources, function_name=name, consumes=consumes,
                              consumes_dead_letters=dead_letters),
        )
        function = self.app.get_resource(spec.logical_id)
        function.add_property_override("FunctionName", name)
        if self.api_url and spec.kind != "api" and not self.deploy.public_api_url:
            # Where workers tell others to call back (the simulator's receipts webhook). The API
            # function cannot name its own API (a cycle); `public_api_url` (a custom domain) covers all.
            function.add_property_override("Environment.Variables.RCS_PUBLIC_API_URL", self.api_url)
        if spec.kind == "api" and self.sign_in is not None:
            for variable, value in self.sign_in.environment().items():
                function.add_property_override(f"Environment.Variables.{variable}", value)
        function.add_property_override("Role", role.role_arn)
        function.add_resource_dependency(log_group)
        if consumes is not None:
            queue_spec = self.queues.specs[consumes]
            function.add_property_override("Timeout", DEAD_LETTER_FUNCTION_TIMEOUT_SECONDS if dead_letters
                                           else queue_spec.function_timeout_seconds)
            concurrency = maximum_concurrency(spec.maximum_concurrency, settings)
            queue = (self.queues.dead_letter_queues if dead_letters else self.queues.queues)[consumes]
            for event in spec.sqs_events:
                path = f"Events.{event}.Properties"
                function.add_property_override(f"{path}.Queue", queue.queue_arn)
                function.add_property_override(f"{path}.FunctionResponseTypes", [REPORT_BATCH_ITEM_FAILURES])
                function.add_property_override(f"{path}.ScalingConfig", {"MaximumConcurrency": concurrency})
        self.alarms.function_errors(spec.logical_id, name)
        if spec.s3 is not None:
            return Notification(
                function_logical_id=spec.logical_id,
                function_arn=function.get_att("Arn").to_string(),
                events=tuple(spec.s3.events),
                prefix=spec.s3.prefix or "",
                suffix=spec.s3.suffix or "",
            )
        return None


def _loaded_app(source_dir: Path) -> ChaliceApplication:
    """The Chalice app object `chalice package` just loaded (module `app` of `source_dir`)."""
    module: Any = importlib.import_module("app")
    if Path(os.path.dirname(os.path.abspath(module.__file__))) != Path(source_dir).resolve():
        raise RuntimeError(f"module 'app' comes from {module.__file__}, not from {source_dir}")
    application: ChaliceApplication = module.app
    return application
