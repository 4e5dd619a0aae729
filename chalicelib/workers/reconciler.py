"""The reconciler's schedule (EventBridge, every `settings.reconcile_every_minutes`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from chalice.app import Blueprint, CloudWatchEvent

from chalicelib.lazy import lazy_module
from chalicelib.settings import get_settings
from chalicelib.workers.sqs_batch import time_left

if TYPE_CHECKING:
    from chalicelib.services import reconciler
else:
    reconciler = lazy_module("chalicelib.services.reconciler")

bp = Blueprint(__name__)
_MINUTES = get_settings().reconcile_every_minutes


@bp.schedule(f"rate({_MINUTES} minute{'s' if _MINUTES != 1 else ''})", name="reconcile")
def reconcile(event: CloudWatchEvent) -> None:
    reconciler.reconcile(time_left=time_left(event.context))
