"""One IAM role per function, its policy written from the function's access profile
(`infra/access.py`) against the stack's named resources. The policy is inline in the role, so it
exists before the function and its event source mapping are created."""

from __future__ import annotations

from dataclasses import dataclass

import aws_cdk as cdk
from aws_cdk import aws_iam as iam
from constructs import Construct

from infra.access import (
    BEDROCK_ACTIONS,
    BUCKET_ACTIONS,
    BUCKET_LIST_ACTIONS,
    LOG_ACTIONS,
    QUEUE_CONSUME_ACTIONS,
    QUEUE_SEND_ACTIONS,
    SECRET_ACTIONS,
    SMS_ACTIONS,
    TABLE_READ_ACTIONS,
    TABLE_WRITE_ACTIONS,
    AccessProfile,
)
from infra.imports_bucket import ImportsBucket
from infra.queues import Queues
from infra.tables import Tables


@dataclass(frozen=True)
class Resources:
    """What a profile is granted on, for one stage."""

    tables: Tables
    queues: Queues
    bucket: ImportsBucket
    secret_prefix: str
    bedrock_model_id: str
    bedrock_enabled: bool

    @property
    def secrets_arn(self) -> str:
        return (f"arn:{cdk.Aws.PARTITION}:secretsmanager:{cdk.Aws.REGION}:{cdk.Aws.ACCOUNT_ID}"
                f":secret:{self.secret_prefix}*")

    @property
    def bedrock_model_arn(self) -> str:
        if self.bedrock_model_id.startswith("arn:"):
            return self.bedrock_model_id
        return f"arn:{cdk.Aws.PARTITION}:bedrock:{cdk.Aws.REGION}::foundation-model/{self.bedrock_model_id}"


def log_group_arn(function_name: str) -> str:
    return (f"arn:{cdk.Aws.PARTITION}:logs:{cdk.Aws.REGION}:{cdk.Aws.ACCOUNT_ID}"
            f":log-group:/aws/lambda/{function_name}:*")


def statements(profile: AccessProfile, resources: Resources, *, function_name: str,
               consumes: str | None = None, consumes_dead_letters: bool = False) -> list[iam.PolicyStatement]:
    """The statements of one function: its logs, then the profile's tables, queues, bucket,
    secrets and model; tables that no model defines yet are skipped."""
    result = [iam.PolicyStatement(sid="Logs", actions=list(LOG_ACTIONS), resources=[log_group_arn(function_name)])]
    for access in ("read", "write"):
        keys = sorted(key for key, level in profile.tables.items()
                      if level == access and key in resources.tables.tables)
        if keys:
            actions = TABLE_READ_ACTIONS if access == "read" else TABLE_READ_ACTIONS + TABLE_WRITE_ACTIONS
            result.append(iam.PolicyStatement(
                sid=f"Tables{access.capitalize()}",
                actions=sorted(actions),
                resources=[arn for key in keys for arn in resources.tables.arns(key)],
            ))
    if consumes is not None:
        result.append(iam.PolicyStatement(
            sid="QueueConsume", actions=list(QUEUE_CONSUME_ACTIONS),
            resources=[(resources.queues.dead_letter_queues if consumes_dead_letters
                        else resources.queues.queues)[consumes].queue_arn],
        ))
    sends = [key for key in profile.sends_to if key in resources.queues.queues]
    if sends:
        result.append(iam.PolicyStatement(
            sid="QueueSend", actions=list(QUEUE_SEND_ACTIONS),
            resources=[resources.queues.queues[key].queue_arn for key in sends],
        ))
    bucket_actions = sorted({action for access in profile.bucket for action in BUCKET_ACTIONS[access]})
    if bucket_actions:
        result.append(iam.PolicyStatement(sid="ImportObjects", actions=bucket_actions,
                                          resources=[resources.bucket.objects_arn]))
    if "read" in profile.bucket:
        result.append(iam.PolicyStatement(sid="ImportBucket", actions=list(BUCKET_LIST_ACTIONS),
                                          resources=[resources.bucket.arn]))
    secret_actions = SECRET_ACTIONS[profile.secrets]
    if secret_actions:
        result.append(iam.PolicyStatement(sid="Secrets", actions=list(secret_actions),
                                          resources=[resources.secrets_arn]))
    if profile.bedrock and resources.bedrock_enabled:
        result.append(iam.PolicyStatement(sid="Model", actions=list(BEDROCK_ACTIONS),
                                          resources=[resources.bedrock_model_arn]))
    if profile.sms:
        result.append(iam.PolicyStatement(sid="Sms", actions=list(SMS_ACTIONS),
                                          not_resources=[f"arn:{cdk.Aws.PARTITION}:sns:*:*:*"]))
    return result


def function_role(scope: Construct, construct_id: str, *, description: str,
                  policy: list[iam.PolicyStatement]) -> iam.Role:
    return iam.Role(
        scope,
        construct_id,
        assumed_by=iam.ServicePrincipal("lambda.amazonaws.com"),
        description=description,
        inline_policies={"access": iam.PolicyDocument(statements=policy)},
    )
