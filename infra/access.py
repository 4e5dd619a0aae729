"""Who may touch what: one access profile per kind of function, the single place to read (and to
change, together with the code) which tables, queues, bucket objects, secrets and model each
function's role may use. Every action is granted on named resources only: a table and its
`/index/*`, a queue, the import bucket's objects, the stage's secret prefix, one Bedrock model.

A function's kind comes from how it is triggered, so a worker added later gets its profile
without an edit here: the API handler is `api`; an `@on_sqs_message` handler of queue `<key>`
is `queue:<key>`, and one of its dead-letter queue `dlq:<key>`; an `@schedule` handler is
`schedule:<handler name>` when that has a profile, else `schedule`; an `@on_s3_event` handler of
the import bucket is `s3:imports`. A handler of another kind stops the synthesis until it has a profile.
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
# On the bucket itself, for readers: without it S3 answers a missing key with 403, not 404
# (NoSuchKey), and the import worker tells "deleted" from "forbidden" by that.
BUCKET_LIST_ACTIONS = ("s3:ListBucket",)
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
# SMS straight to a phone number (the SMS fallback): SNS gives a phone number no ARN, so the grant
# is every SNS resource that is not an ARN of SNS's own, i.e. no topic, application or platform.
SMS_ACTIONS = ("sns:Publish",)


@dataclass(frozen=True)
class AccessProfile:
    tables: Mapping[str, TableAccess] = field(default_factory=dict)
    sends_to: tuple[str, ...] = ()
    bucket: tuple[BucketAccess, ...] = ()
    secrets: SecretAccess = "none"
    bedrock: bool = False
    sms: bool = False  # publish SMS to phone numbers (Amazon SNS)


def _rw(*keys: str) -> dict[str, TableAccess]:
    return dict.fromkeys(keys, "write")


def _r(*keys: str) -> dict[str, TableAccess]:
    return dict.fromkeys(keys, "read")


# The domain, as the handlers use it (docs/spec/, the services and stores they call): keep in
# step with the code; tests/infra checks every table, queue and client the code reaches is here.
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
    # Automated review of a template (rules, and the model when llm_review_enabled).
    "queue:review": AccessProfile(
        tables={**_rw("templates"), **_r("accounts")},  # the brands an account is verified as
        sends_to=("review",),
        bedrock=True,
    ),
    # Snapshot a broadcast's list into targets, charge the balance once per chunk, fan out sends,
    # continue itself.
    "queue:dispatch": AccessProfile(
        tables={**_rw("broadcasts", "targets", "chunks", "accounts", "ledger"),
                **_r("templates", "lists", "members", "optouts")},
        sends_to=("dispatch", "send"),
        secrets="read",
    ),
    # Send a chunk through the account's provider (its credentials from Secrets Manager), settle
    # the chunk, refund what failed for good; send the SMS fallback of the targets RCS could not
    # deliver (Amazon SNS), reserved and refunded like the chunks.
    "queue:send": AccessProfile(
        tables={**_rw("targets", "broadcasts", "chunks", "accounts", "ledger", "rate_limits"),
                **_r("templates", "lists", "members", "optouts")},
        sends_to=("send", "dispatch"),
        secrets="read",
        sms=True,
    ),
    # Read an uploaded CSV in slices (ranged GETs), write members, continue itself.
    "queue:imports": AccessProfile(
        tables=_rw("imports", "lists", "members", "optouts"),
        sends_to=("imports",),
        bucket=("read",),
    ),
    # Apply delivery/read receipts to targets and broadcast counters; retry a receipt later. Count
    # user messages (replies, taps) once on their broadcast; a stop keyword opts the sender out.
    "queue:receipts": AccessProfile(
        tables=_rw("targets", "broadcasts", "inbound", "optouts"),
        sends_to=("receipts", "send"),  # (the SMS fallback of a target a TTL event expired)
    ),
    # An upload landed: check it and start its import.
    "s3:imports": AccessProfile(
        tables=_rw("imports", "lists", "members", "optouts"),
        sends_to=("imports",),
        bucket=("read",),
    ),
    # Claim the scheduled broadcasts that are due and hand each to the dispatch queue.
    "schedule": AccessProfile(
        tables=_rw("broadcasts"),
        sends_to=("dispatch",),
    ),
    # The reconciler: queue again the snapshot/dispatch job of a stalled broadcast, an import's
    # continuation, a template's review; or end them (a broadcast's reserved chunks are settled and
    # refunded, an import fails, a template goes to a human).
    "schedule:reconcile": AccessProfile(
        tables=_rw("broadcasts", "targets", "chunks", "accounts", "ledger", "imports", "templates"),
        sends_to=("dispatch", "imports", "review"),
    ),
    # The dead-letter consumers (chalicelib/workers/dead_letters.py): each ends the item its message
    # names. A send job: its queued targets fail, its chunk settles, its reservation is refunded.
    "dlq:send": AccessProfile(tables=_rw("targets", "broadcasts", "chunks", "accounts", "ledger")),
    # A snapshot or dispatch job: its broadcast fails.
    "dlq:dispatch": AccessProfile(tables=_rw("broadcasts")),
    # A review: its template goes to a human.
    "dlq:review": AccessProfile(tables=_rw("templates")),
    # An import step: its import fails.
    "dlq:imports": AccessProfile(tables=_rw("imports")),
    # A receipt: logged and counted only.
    "dlq:receipts": AccessProfile(),
}

# What the code of a kind imports but never calls, as `infra/usage.py` reads it: an AWS client
# (`bedrock-runtime`), a table (`table:<key>`) or a queue (`queue:<key>`). Each entry is a
# judgement made reading the code; tests/infra excuses exactly these.
_VIA_TEMPLATES_SERVICE = {"bedrock-runtime"}  # the templates service imports the model reviewer
# The SMS fallback is sent by the send worker alone; the runner, revoke and receipts only queue it.
_VIA_FALLBACK = {"sns"}
_VIA_LISTS_SERVICE = {"table:imports", "queue:imports"}  # the lists service also starts imports
IMPORTED_NOT_CALLED: dict[str, set[str]] = {
    "api": _VIA_TEMPLATES_SERVICE | _VIA_FALLBACK,
    # The send worker's module also holds the dispatcher and the scheduler; only a send leases the
    # account's rate (table:rate_limits).
    "queue:dispatch": _VIA_TEMPLATES_SERVICE | _VIA_LISTS_SERVICE | {"queue:review", "table:rate_limits"},
    "queue:send": _VIA_TEMPLATES_SERVICE | _VIA_LISTS_SERVICE | {"queue:review"},
    "schedule": _VIA_TEMPLATES_SERVICE | _VIA_LISTS_SERVICE | {"queue:review", "table:rate_limits"},
    # The chunks table through the SMS fallback's store (its settlements share it); the receipts
    # service imports the credentials service for the webhook's verification, which the API runs.
    # It imports the runner (for the fallback job) and with it the send pacer (table:rate_limits).
    "queue:receipts": {"table:chunks", "table:accounts", "table:ledger", "secretsmanager", "sns", "table:rate_limits"},
    # The reconciler imports the runner (providers, lists) and the imports service (S3), but only
    # ends or re-queues work; it sends nothing and reads no list or upload.
    # Nor does it read the opt-out list (only a send pass does).
    "schedule:reconcile": _VIA_TEMPLATES_SERVICE | _VIA_FALLBACK | {"table:lists", "table:members", "queue:send",
                                                    "secretsmanager", "s3", "table:optouts",
                                                    "table:rate_limits"},
}
# The dead-letter consumers share one module, which imports the services of every queue; none of
# them sends (nor leases a send rate), reads lists, uploads or opt-outs, counts user messages, or calls
# a provider or the model.
_DEAD_LETTER_CONSUMERS = _VIA_TEMPLATES_SERVICE | _VIA_FALLBACK | {
    "table:lists", "table:members", "secretsmanager", "s3", "table:optouts", "table:inbound", "table:rate_limits",
    "queue:review", "queue:dispatch", "queue:send", "queue:imports", "queue:receipts",
}
IMPORTED_NOT_CALLED.update({f"dlq:{key}": _DEAD_LETTER_CONSUMERS
                            for key in ("send", "dispatch", "review", "imports", "receipts")})
# The client each profile field stands for.
SERVICE_OF_FIELD = {"secretsmanager": "secrets", "bedrock-runtime": "bedrock", "s3": "bucket", "sns": "sms"}


def schedule_kind(handler: str) -> str:
    """The kind of the `@schedule` handler `handler`: its own profile's, if it has one."""
    own = f"schedule:{handler}"
    return own if own in PROFILES else "schedule"


def profile_for(kind: str) -> AccessProfile:
    try:
        return PROFILES[kind]
    except KeyError:
        raise KeyError(
            f"no access profile for a function of kind {kind!r}: add one to infra/access.py PROFILES"
        ) from None
