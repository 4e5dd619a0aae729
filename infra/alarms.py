"""Alarms: a message waiting in any dead-letter queue, a message its dead-letter consumer handled
(metric `DeadLetters`), work the reconciler ended (metric `Reconciled`), and any function error go
to one SNS topic (`rcs-<stage>-alarms`; subscribe an address with the `alarm_email` context
value). docs/operations.md says what each means and what to do."""

from __future__ import annotations

import aws_cdk as cdk
from aws_cdk import aws_cloudwatch as cloudwatch
from aws_cdk import aws_sns as sns
from constructs import Construct

from chalicelib.metrics import NAMESPACE

PERIOD = cdk.Duration.minutes(5)


class Alarms(Construct):
    def __init__(self, scope: Construct, construct_id: str, *, prefix: str, email: str = "") -> None:
        super().__init__(scope, construct_id)
        self.prefix = prefix
        self.topic = sns.Topic(self, "Topic", topic_name=f"{prefix}-alarms", enforce_ssl=True)
        if email:
            sns.CfnSubscription(self, "Email", protocol="email", endpoint=email, topic_arn=self.topic.topic_arn)
        self.alarms: list[cloudwatch.CfnAlarm] = []

    def _alarm(self, construct_id: str, *, name: str, description: str, namespace: str, metric: str,
               dimension: tuple[str, str], statistic: str) -> None:
        alarm = cloudwatch.CfnAlarm(
            self,
            construct_id,
            alarm_name=name,
            alarm_description=description,
            namespace=namespace,
            metric_name=metric,
            dimensions=[cloudwatch.CfnAlarm.DimensionProperty(name=dimension[0], value=dimension[1])],
            statistic=statistic,
            period=int(PERIOD.to_seconds()),
            evaluation_periods=1,
            threshold=0,
            comparison_operator="GreaterThanThreshold",
            treat_missing_data="notBreaching",
            alarm_actions=[self.topic.topic_arn],
            ok_actions=[self.topic.topic_arn],
        )
        self.alarms.append(alarm)

    def dead_letters(self, key: str, queue_name: str) -> None:
        self._alarm(
            f"{_camel(key)}DeadLetters",
            name=f"{queue_name}-not-empty",
            description=f"Messages of queue {key} failed every attempt and wait in {queue_name}.",
            namespace="AWS/SQS",
            metric="ApproximateNumberOfMessagesVisible",
            dimension=("QueueName", queue_name),
            statistic="Maximum",
        )

    def dead_letters_handled(self, key: str) -> None:
        """The dead-letter consumer of queue `key` ended an item (it drains the queue within seconds,
        so the depth alarm above only sees messages the consumer itself cannot handle)."""
        self._alarm(
            f"{_camel(key)}DeadLettersHandled",
            name=f"{self.prefix}-{key}-dead-letters-handled",
            description=f"A message of queue {key} failed every attempt; its dead-letter consumer ended the item.",
            namespace=NAMESPACE,
            metric="DeadLetters",
            dimension=("queue", key),
            statistic="Sum",
        )

    def reconciler_ended(self, action: str) -> None:
        """The reconciler ended stalled work (`action` is a field of its report)."""
        self._alarm(
            f"Reconciler{_camel(action)}",
            name=f"{self.prefix}-reconciler-{action.replace('_', '-')}",
            description=f"The reconciler ended work that made no progress for too long ({action}).",
            namespace=NAMESPACE,
            metric="Reconciled",
            dimension=("action", action),
            statistic="Sum",
        )

    def function_errors(self, logical_id: str, function_name: str) -> None:
        self._alarm(
            f"{logical_id}Errors",
            name=f"{function_name}-errors",
            description=f"Function {function_name} failed (an unhandled error or a timeout).",
            namespace="AWS/Lambda",
            metric="Errors",
            dimension=("FunctionName", function_name),
            statistic="Sum",
        )


def _camel(key: str) -> str:
    return "".join(part.capitalize() for part in key.replace("-", "_").split("_"))
