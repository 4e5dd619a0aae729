"""Idempotency records of `POST` creates (Powertools' DynamoDB persistence layer over this table)."""

from __future__ import annotations

from functools import lru_cache

from aws_lambda_powertools.utilities.idempotency import DynamoDBPersistenceLayer
from pynamodb.attributes import NumberAttribute, TTLAttribute, UnicodeAttribute
from pynamodb.models import Model

from chalicelib.aws import client
from chalicelib.settings import get_settings
from chalicelib.store.base import table_meta


class IdempotencyRecordModel(Model):
    """The item Powertools writes: `id` is `<prefix>#<hash of the key>`; `expiration` is the TTL."""

    Meta = table_meta("idempotency")
    id = UnicodeAttribute(hash_key=True)
    expiration = TTLAttribute(null=True)
    in_progress_expiration = NumberAttribute(null=True)
    status = UnicodeAttribute(null=True)
    data = UnicodeAttribute(null=True)
    validation = UnicodeAttribute(null=True)


TTL_ATTRIBUTE = "expiration"


@lru_cache(maxsize=1)
def persistence_layer() -> DynamoDBPersistenceLayer:
    return DynamoDBPersistenceLayer(
        table_name=get_settings().table_name("idempotency"),
        key_attr="id",
        expiry_attr=TTL_ATTRIBUTE,
        boto3_client=client("dynamodb"),
    )


def reset_persistence_layer() -> None:
    persistence_layer.cache_clear()
