"""The event handlers: SQS workers, the schedule, S3 imports. Each is thin and calls a service."""

from __future__ import annotations

from chalice.app import Blueprint, Chalice

from chalicelib.workers.broadcasts import bp as broadcast_runner
from chalicelib.workers.dead_letters import bp as dead_letters
from chalicelib.workers.imports import bp as imports
from chalicelib.workers.receipts import bp as receipts
from chalicelib.workers.reconciler import bp as reconciler
from chalicelib.workers.review import bp as review

BLUEPRINTS: list[Blueprint] = [review, imports, broadcast_runner, receipts, dead_letters, reconciler]


def register_workers(app: Chalice) -> None:
    for blueprint in BLUEPRINTS:
        app.register_blueprint(blueprint)
