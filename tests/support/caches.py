"""The one reset of the product's module state (settings, clients, connections, caches): every fresh
moto account starts from it, and a test that must see its own new clients (a request counter installed
on them) or an uncached read calls it."""

from __future__ import annotations

from chalicelib.aws import reset_clients
from chalicelib.messaging import reset_queue_urls
from chalicelib.services import account_pacing, credentials, idempotency
from chalicelib.settings import reset_settings
from chalicelib.store.idempotency import reset_persistence_layer
from chalicelib.store.tables import reset_connections


def reset_caches() -> None:
    reset_settings()
    reset_clients()
    reset_queue_urls()
    reset_connections()
    reset_persistence_layer()
    credentials.reset_cache()
    account_pacing.reset()
    idempotency.reset()
