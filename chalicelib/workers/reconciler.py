"""The reconciler's schedule (EventBridge, every `settings.reconcile_every_minutes`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chalice.app import Blueprint, CloudWatchEvent

from chalicelib.lazy import lazy_module
from chalicelib.settings import get_settings

if TYPE_CHECKING:
    from chalicelib.services import reconciler
else:
    reconciler = lazy_module("chalicelib.services.reconciler")

bp = Blueprint(__name__)
_MINUTES = get_settings().reconcile_every_minutes


@bp.schedule(f"rate({_MINUTES} minute{'s' if _MINUTES != 1 else ''})", name="reconcile")
def reconcile(event: CloudWatchEvent) -> None:
    context: Any = event.context
    if context is not None and hasattr(context, "get_remaining_time_in_millis"):
        reconciler.reconcile(time_left=lambda: float(context.get_remaining_time_in_millis()) / 1000)
    else:
        reconciler.reconcile()
