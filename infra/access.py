"""Who may touch what: one access profile per kind of function, the single place to read (and to
change, together with the code) which tables, queues, bucket objects, secrets and model each
function's role may use. Every action is granted on named resources only: a table and its
`/index/*`, a queue, the import bucket's objects, the stage's secret prefix, one Bedrock model.

A function's kind comes from how it is triggered, so a worker added later gets its profile
without an edit here: the API handler is `api`; an `@on_sqs_message` handler of queue `<key>`
is `queue:<key>`; an `@schedule` handler is `schedule`; an `@on_s3_event` handler of the import
bucket is `s3:imports`. A handler of another kind stops the synthesis until it has a profile.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from chalicelib.settings import TABLES

TableAccess = Literal["read", "write"]
BucketAccess = Literal["read", "write"]
SecretAccess = Literal["none", "read", "manage"]

TABLE_READ_ACTIONS = (
    "dynamodb:BatchGetItem",
    "dynamodb:ConditionCheckItem",
    "dynamodb:DescribeTable",
    "dynamodb:GetItem",
    "dynamodb:Query",
)
TABLE_WRITE_ACTIONS = (
    "dynamodb:BatchWriteItem",
    "dynamodb:DeleteItem",
    "dynamodb:PutItem",
    "dynamodb:UpdateItem",
)
QUEUE_SEND_ACTIONS = ("sqs:GetQueueUrl", "sqs:SendMessage")
QUEUE_CONSUME_ACTIONS = (
    "sqs:ChangeMessageVisibility",
    "sqs:DeleteMessage",
    "sqs:GetQueueAttributes",
    "sqs:GetQueueUrl",
    "sqs:ReceiveMessage",
)
BUCKET_ACTIONS: Mapping[BucketAccess, tuple[str, ...]] = {
    "read": ("s3:GetObject",),
    "write": ("s3:PutObject",),
}
SECRET_ACTIONS: Mapping[SecretAccess, tuple[str, ...]] = {
    "none": (),
    "read": ("secretsmanager:DescribeSecret", "secretsmanager:GetSecretValue"),
    "manage": (
        "secretsmanager:CreateSecret",
        "secretsmanager:DeleteSecret",
        "secretsmanager:DescribeSecret",
        "secretsmanager:GetSecretValue",
        "secretsmanager:PutSecretValue",
        "secretsmanager:RestoreSecret",
        "secretsmanager:UpdateSecret",
    ),
}
LOG_ACTIONS = ("logs:CreateLogStream", "logs:PutLogEvents")
BEDROCK_ACTIONS = ("bedrock:InvokeModel",)


@dataclass(frozen=True)
class AccessProfile:
    tables: Mapping[str, TableAccess] = field(default_factory=dict)
    sends_to: tuple[str, ...] = ()
    bucket: tuple[BucketAccess, ...] = ()
    secrets: SecretAccess = "none"
    bedrock: bool = False


def _rw(*keys: str) -> dict[str, TableAccess]:
    return dict.fromkeys(keys, "write")


def _r(*keys: str) -> dict[str, TableAccess]:
    return dict.fromkeys(keys, "read")


# The domain, as the handlers use it (docs/spec/, GUIDE.md): keep in step with the code.
PROFILES: dict[str, AccessProfile] = {
    # Every route: templates, lists and members, imports (a presigned upload URL is signed with
    # this role, so it needs PutObject), broadcasts and their targets, balance and ledger,
    # idempotency records, credentials (kept in Secrets Manager), the receipts webhook (verifies
    # with the account's client token and enqueues), human review.
    "api": AccessProfile(
        tables=_rw(*TABLES),
        sends_to=("review", "dispatch", "send", "imports", "receipts"),
        bucket=("write",),
        secrets="manage",
    ),
    # Automated review of a template; the LLM opinion only when enabled. (The templates service
    # it shares with the API also submits to the review queue.)
    "queue:review": AccessProfile(
        tables={**_rw("templates", "idempotency"), **_r("accounts")},
        sends_to=("review",),
        bedrock=True,
    ),
    # Snapshot a broadcast's list into targets, charge the balance once per chunk, fan out sends.
    "queue:dispatch": AccessProfile(
        tables={**_rw("broadcasts", "targets", "accounts", "ledger", "idempotency"),
                **_r("templates", "lists", "members")},
        sends_to=("dispatch", "send"),
    ),
    # Send a chunk through the account's provider (credentials from Secrets Manager), record
    # outcomes, refund what failed for good.
    "queue:send": AccessProfile(
        tables={**_rw("targets", "broadcasts", "accounts", "ledger", "idempotency"), **_r("templates")},
        sends_to=("send",),
        secrets="read",
    ),
    # Read an uploaded CSV in slices, write members, continue itself.
    "queue:imports": AccessProfile(
        tables=_rw("imports", "lists", "members", "idempotency"),
        sends_to=("imports",),
        bucket=("read",),
    ),
    # Apply delivery/read receipts to targets and broadcast counters.
    "queue:receipts": AccessProfile(
        tables={**_rw("receipts", "targets", "broadcasts", "idempotency")},
    ),
    # An upload landed: start (or run) its import.
    "s3:imports": AccessProfile(
        tables=_rw("imports", "lists", "members"),
        sends_to=("imports",),
        bucket=("read",),
    ),
    # Start the scheduled broadcasts that are due.
    "schedule": AccessProfile(
        tables={**_rw("broadcasts"), **_r("templates", "lists", "accounts")},
        sends_to=("dispatch",),
    ),
}


# AWS services a kind's code imports a client for but never calls (checked by tests/infra with
# `infra/usage.py`): the API imports the templates service, which imports the LLM reviewer that
# only the review worker runs.
IMPORTED_NOT_CALLED: dict[str, set[str]] = {
    "api": {"bedrock-runtime"},
}
# The clients each profile field stands for.
SERVICE_OF_FIELD = {"secretsmanager": "secrets", "bedrock-runtime": "bedrock", "s3": "bucket"}


def profile_for(kind: str) -> AccessProfile:
    try:
        return PROFILES[kind]
    except KeyError:
        raise KeyError(
            f"no access profile for a function of kind {kind!r}: add one to infra/access.py PROFILES"
        ) from None
