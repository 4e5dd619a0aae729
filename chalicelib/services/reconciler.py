"""The reconciler: finds the work that made no progress for too long and either queues its missing
job again or ends it, so that nothing stays `running` or `pending` for ever.

It runs on a schedule (`settings.reconcile_every_minutes`) and looks at three things:

- broadcasts `running` whose last step (start, snapshot page, dispatch batch, settled chunk) is
  older than `settings.stall_after_seconds`: the snapshot job or the dispatch job is queued again
  (both advance a cursor with a condition, so a second copy does nothing); a broadcast whose
  chunks are all dispatched is completed if they have all settled. When the last step is older
  than `settings.give_up_after_seconds` the broadcast fails (`internal_error`) and every chunk
  that reserved money and never settled is settled now (its queued targets failed, the unsent
  part refunded);
- imports `running` with no step recorded for as long: their continuation is queued again from
  the recorded offset, or they fail;
- templates still waiting for their automatic review: the review is queued again (a reviewed
  template makes it a no-op), or they go to a human (`needs_admin`, "automatic review
  unavailable").

Every action is safe to repeat: the next run finds the same items in the same state and does
the same idempotent thing, or finds them gone from its indexes. A run that is short of time stops
between items and leaves the rest to the next run (measured in moto: about 37 ms an item).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from chalicelib import errors, jobs, messaging, metrics
from chalicelib.clock import TimeLeft, format_time, no_deadline, utcnow
from chalicelib.logs import logger
from chalicelib.services import imports, runner, sender, templates
from chalicelib.settings import get_settings
from chalicelib.store import broadcasts as store

SAFETY_SECONDS = 10.0


class OutOfTime(Exception):
    """The invocation is about to end: the rest waits for the next run."""


@dataclass
class Report:
    broadcasts_requeued: int = 0
    broadcasts_completed: int = 0
    broadcasts_failed: int = 0
    chunks_settled: int = 0
    imports_requeued: int = 0
    imports_failed: int = 0
    reviews_requeued: int = 0
    reviews_to_admin: int = 0
    stopped_early: int = 0

    def as_dict(self) -> dict[str, int]:
        return dict(self.__dict__)


def reconcile(now: datetime | None = None, *, time_left: TimeLeft = no_deadline) -> Report:
    """One pass over everything that stalled (until the time runs short); what it did."""
    now = now or utcnow()
    settings = get_settings()
    stalled = now - timedelta(seconds=settings.stall_after_seconds)
    give_up = now - timedelta(seconds=settings.give_up_after_seconds)
    report = Report()

    def keep_going() -> bool:
        if time_left() < SAFETY_SECONDS:
            raise OutOfTime
        return True

    try:
        _broadcasts(format_time(stalled), format_time(give_up), report, keep_going)
        report.imports_requeued, report.imports_failed = imports.retry_stalled(
            format_time(stalled), format_time(give_up), keep_going=keep_going)
        report.reviews_requeued, report.reviews_to_admin = templates.retry_stale_reviews(
            stalled, give_up, keep_going=keep_going)
    except OutOfTime:
        report.stopped_early = 1
        logger.warning("reconciler ran short of time; the next run continues")
    counts = report.as_dict()
    if any(counts.values()):
        logger.warning("reconciler acted on stalled work", extra=counts)
    else:
        logger.info("reconciler found nothing stalled")
    for name, value in counts.items():
        if value:
            metrics.count("Reconciled", value, action=name)
    return report


def _broadcasts(stalled: str, give_up: str, report: Report, keep_going: Callable[[], bool]) -> None:
    for account_id, broadcast_id in store.stalled_broadcasts(stalled):
        keep_going()
        try:
            broadcast = store.get_broadcast(account_id, broadcast_id)
        except errors.NotFound:
            continue
        if broadcast.status != "running":
            store.leave_progress_index(account_id, broadcast_id)
            continue
        last = broadcast.progress_at or broadcast.started_at or ""
        extra = {"broadcast_id": broadcast_id, "last_progress": last}
        if last < give_up:
            if runner.fail_broadcast(account_id, broadcast_id):
                report.broadcasts_failed += 1
            report.chunks_settled += sender.settle_reserved_chunks(store.get_broadcast(account_id, broadcast_id))
            logger.error("reconciler: broadcast made no progress for too long; failed", extra=extra)
        elif not broadcast.snapshot_done:
            messaging.send("dispatch", jobs.Snapshot(account_id, broadcast_id))
            report.broadcasts_requeued += 1
            logger.warning("reconciler: snapshot stalled; its job is queued again", extra=extra)
        elif not broadcast.dispatch_done:
            messaging.send("dispatch", jobs.Dispatch(account_id, broadcast_id))
            report.broadcasts_requeued += 1
            logger.warning("reconciler: dispatch stalled; its job is queued again", extra=extra)
        elif runner.complete_if_settled(account_id, broadcast_id):
            report.broadcasts_completed += 1
            logger.warning("reconciler: every chunk had settled; broadcast completed", extra=extra)
        else:
            logger.warning("reconciler: broadcast waits for chunks still on the send queue or its "
                           "dead-letter queue", extra=extra)
