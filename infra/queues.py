"""The SQS work queues, generated from `QUEUE_SPECS`: each with a dead-letter queue behind it
(`maxReceiveCount` from the spec) and a visibility timeout six times its worker's timeout. Each
dead-letter queue has a consumer of its own (chalicelib/workers/dead_letters.py), so it too has a
visibility timeout six times that consumer's timeout."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_sqs as sqs
from constructs import Construct

from chalicelib.messaging import QueueSpec
from chalicelib.settings import Settings

DLQ_RETENTION = cdk.Duration.days(14)
QUEUE_RETENTION = cdk.Duration.days(4)


class Queues(Construct):
    """Every work queue and its dead-letter queue, by settings key."""

    def __init__(self, scope: Construct, construct_id: str, *, specs: dict[str, QueueSpec],
                 settings: Settings) -> None:
        super().__init__(scope, construct_id)
        self.specs = dict(specs)
        self.queues: dict[str, sqs.Queue] = {}
        self.dead_letter_queues: dict[str, sqs.Queue] = {}
        for key, spec in specs.items():
            logical = "".join(part.capitalize() for part in key.replace("-", "_").split("_"))
            dlq = sqs.Queue(
                self,
                f"{logical}DeadLetterQueue",
                queue_name=settings.dead_letter_queue_name(key),
                retention_period=DLQ_RETENTION,
                visibility_timeout=cdk.Duration.seconds(spec.dead_letter_visibility_timeout_seconds),
                encryption=sqs.QueueEncryption.SQS_MANAGED,
                enforce_ssl=True,
                removal_policy=cdk.RemovalPolicy.DESTROY,
            )
            queue = sqs.Queue(
                self,
                f"{logical}Queue",
                queue_name=settings.queue_name(key),
                visibility_timeout=cdk.Duration.seconds(spec.visibility_timeout_seconds),
                retention_period=QUEUE_RETENTION,
                encryption=sqs.QueueEncryption.SQS_MANAGED,
                enforce_ssl=True,
                dead_letter_queue=sqs.DeadLetterQueue(max_receive_count=spec.max_receive_count, queue=dlq),
                removal_policy=cdk.RemovalPolicy.DESTROY,
            )
            self.queues[key] = queue
            self.dead_letter_queues[key] = dlq

    def key_of(self, queue_name: str, settings: Settings) -> str:
        """The key of the queue called `queue_name` for this stage, or an error naming the choices."""
        key, dead_letters = self.source_of(queue_name, settings)
        if dead_letters:
            raise ValueError(f"{queue_name!r} is a dead-letter queue")
        return key

    def source_of(self, queue_name: str, settings: Settings) -> tuple[str, bool]:
        """(key, whether it is the dead-letter queue) of the queue called `queue_name` for this stage,
        or an error naming the choices."""
        for key in self.queues:
            if settings.queue_name(key) == queue_name:
                return key, False
            if settings.dead_letter_queue_name(key) == queue_name:
                return key, True
        known = ", ".join(settings.queue_name(key) for key in self.queues)
        raise ValueError(f"a handler listens to queue {queue_name!r}, which QUEUE_SPECS does not define ({known})")
