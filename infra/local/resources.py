"""Create every table, queue (with its dead-letter queue) and bucket the product uses, in moto."""

from __future__ import annotations

import json

from chalicelib.aws import client
from chalicelib.messaging import QUEUE_SPECS
from chalicelib.settings import get_settings
from chalicelib.store.tables import create_tables

S3_EVENTS_QUEUE_KEY = "s3-events"


def s3_events_queue_name() -> str:
    """The local-only queue that carries the import bucket's ObjectCreated notifications to the
    pump (in the cloud S3 invokes the Lambda directly)."""
    return f"{get_settings().prefix}-{S3_EVENTS_QUEUE_KEY}"


def create_queues() -> None:
    sqs = client("sqs")
    settings = get_settings()
    for spec in QUEUE_SPECS.values():
        dlq_url = sqs.create_queue(
            QueueName=settings.dead_letter_queue_name(spec.key),
            Attributes={"VisibilityTimeout": str(spec.dead_letter_visibility_timeout_seconds)},
        )["QueueUrl"]
        dlq_arn = sqs.get_queue_attributes(QueueUrl=dlq_url, AttributeNames=["QueueArn"])[
            "Attributes"
        ]["QueueArn"]
        sqs.create_queue(
            QueueName=settings.queue_name(spec.key),
            Attributes={
                "VisibilityTimeout": str(spec.visibility_timeout_seconds),
                "RedrivePolicy": json.dumps(
                    {"deadLetterTargetArn": dlq_arn, "maxReceiveCount": str(spec.max_receive_count)}
                ),
            },
        )
    sqs.create_queue(QueueName=s3_events_queue_name())


def create_bucket(console_origin: str = "http://127.0.0.1:8000") -> None:
    s3 = client("s3")
    sqs = client("sqs")
    bucket = get_settings().import_bucket
    s3.create_bucket(Bucket=bucket)
    # The console PUTs CSV files from the browser straight to a presigned URL (as in the cloud:
    # infra/imports_bucket.py allows the console's origin the same way).
    s3.put_bucket_cors(Bucket=bucket, CORSConfiguration={"CORSRules": [
        {"AllowedOrigins": [console_origin], "AllowedMethods": ["PUT"], "AllowedHeaders": ["*"],
         "ExposeHeaders": ["ETag"], "MaxAgeSeconds": 3000},
    ]})
    queue_url = sqs.get_queue_url(QueueName=s3_events_queue_name())["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    s3.put_bucket_notification_configuration(
        Bucket=bucket,
        NotificationConfiguration={
            "QueueConfigurations": [{"QueueArn": queue_arn, "Events": ["s3:ObjectCreated:*"]}]
        },
    )


def create_all(console_origin: str = "http://127.0.0.1:8000") -> None:
    create_tables()
    create_queues()
    create_bucket(console_origin)
