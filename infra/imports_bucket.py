"""The S3 bucket CSV imports are uploaded to: private, encrypted, TLS only, uploads deleted after
a week and unfinished multipart uploads aborted after a day. Its ObjectCreated notifications go
straight to the app's `@on_s3_event` handlers (plain CloudFormation, no custom resource)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import aws_cdk as cdk
from aws_cdk import aws_lambda as lambda_
from aws_cdk import aws_s3 as s3
from constructs import Construct

UPLOAD_EXPIRY_DAYS = 7
ABORT_MULTIPART_DAYS = 1


@dataclass(frozen=True)
class Notification:
    """One `@on_s3_event` handler: which function, which events, which keys."""

    function_logical_id: str
    function_arn: str
    events: tuple[str, ...]
    prefix: str = ""
    suffix: str = ""


class ImportsBucket(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, bucket_name: str, production: bool) -> None:
        super().__init__(scope, construct_id)
        self.bucket_name = bucket_name
        self.bucket = s3.Bucket(
            self,
            "Bucket",
            bucket_name=bucket_name,
            block_public_access=s3.BlockPublicAccess.BLOCK_ALL,
            encryption=s3.BucketEncryption.S3_MANAGED,
            enforce_ssl=True,
            object_ownership=s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
            versioned=False,
            lifecycle_rules=[
                s3.LifecycleRule(
                    id="delete-uploads",
                    enabled=True,
                    expiration=cdk.Duration.days(UPLOAD_EXPIRY_DAYS),
                    abort_incomplete_multipart_upload_after=cdk.Duration.days(ABORT_MULTIPART_DAYS),
                )
            ],
            removal_policy=cdk.RemovalPolicy.RETAIN if production else cdk.RemovalPolicy.DESTROY,
        )

    def allow_uploads_from(self, origin: str) -> None:
        """Let a browser on `origin` (the console) PUT to presigned URLs: S3 answers its CORS
        preflight. The presigned URL is still what authorises each upload."""
        if not origin:
            return
        self.bucket.add_cors_rule(allowed_methods=[s3.HttpMethods.PUT], allowed_origins=[origin],
                                  allowed_headers=["*"], exposed_headers=["ETag"], max_age=3000)

    @property
    def arn(self) -> str:
        """The bucket's ARN from its name: IAM statements and the Lambda permission use it without a
        reference to the bucket, so the bucket can depend on them (no cycle)."""
        return f"arn:{cdk.Aws.PARTITION}:s3:::{self.bucket_name}"

    @property
    def objects_arn(self) -> str:
        return f"{self.arn}/*"

    def notify(self, notifications: list[Notification]) -> None:
        """S3 invokes each function on its events; the permission exists before the bucket is
        configured (S3 checks the destination when the notification is set)."""
        if not notifications:
            return
        configurations = []
        cfn_bucket: Any = self.bucket.node.default_child
        for notification in notifications:
            permission = lambda_.CfnPermission(
                self,
                f"{notification.function_logical_id}S3Permission",
                action="lambda:InvokeFunction",
                function_name=notification.function_arn,
                principal="s3.amazonaws.com",
                source_account=cdk.Aws.ACCOUNT_ID,
                source_arn=self.arn,
            )
            cfn_bucket.add_resource_dependency(permission)
            rules = [s3.CfnBucket.FilterRuleProperty(name=name, value=value)
                     for name, value in (("prefix", notification.prefix), ("suffix", notification.suffix)) if value]
            for event in notification.events:
                configurations.append(
                    s3.CfnBucket.LambdaConfigurationProperty(
                        event=event,
                        function=notification.function_arn,
                        filter=s3.CfnBucket.NotificationFilterProperty(
                            s3_key=s3.CfnBucket.S3KeyFilterProperty(rules=rules)
                        ) if rules else None,
                    )
                )
        cfn_bucket.notification_configuration = s3.CfnBucket.NotificationConfigurationProperty(
            lambda_configurations=configurations
        )
