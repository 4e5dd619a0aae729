"""Every table of the product, as PynamoDB models: the one definition the app, the local stack,
the tests and the infrastructure all read."""

from __future__ import annotations

from pynamodb.models import Model

from chalicelib.store.accounts import AccountModel
from chalicelib.store.base import reset_connection
from chalicelib.store.broadcasts import BroadcastModel
from chalicelib.store.chunks import ChunkModel
from chalicelib.store.idempotency import IdempotencyRecordModel
from chalicelib.store.imports import ImportModel
from chalicelib.store.inbound import ClickModel, InboundEventModel
from chalicelib.store.ledger import LedgerModel
from chalicelib.store.lists import ListModel, MemberModel
from chalicelib.store.optouts import OptOutModel
from chalicelib.store.rate_limits import RateLimitModel
from chalicelib.store.targets import TargetModel
from chalicelib.store.templates import TemplateModel

ALL_MODELS: list[type[Model]] = [
    IdempotencyRecordModel,
    TemplateModel,
    AccountModel,
    LedgerModel,
    ListModel,
    MemberModel,
    ImportModel,
    BroadcastModel,
    TargetModel,
    ChunkModel,
    RateLimitModel,
    OptOutModel,
    InboundEventModel,
    ClickModel,
]


def create_tables(models: list[type[Model]] | None = None) -> None:
    for model in models if models is not None else ALL_MODELS:
        if not model.exists():
            model.create_table(wait=True)


def reset_connections() -> None:
    for model in ALL_MODELS:
        reset_connection(model)
