"""The sender: one pass over a chunk of a running broadcast (`send_chunk`), and the ways a pass ends
when it cannot run (a dead-lettered job, a broadcast whose send jobs are gone). The broadcast's own
steps (snapshot, pick-up, dispatch, completion) are `chalicelib/services/runner.py`'s.

Every step is safe to run twice (SQS delivers at least once): a pass holds the chunk's send lease; its
cost is reserved under a key of its own (the same key reserves nothing twice); its messages carry ids
derived from (broadcast, phone), so a resend is ignored by the provider; targets already settled are
skipped; and the pass's counts and refund are recorded in one transaction with a condition, so a pass
settles once.

One module for the pass and the ways it ends: each ending settles through the pass's own `_settle`
(the one place a chunk's counts and refund are written), so they are one thing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from chalicelib import jobs, messaging
from chalicelib.clock import TimeLeft, format_time, no_deadline, utcnow
from chalicelib.logs import logger
from chalicelib.providers.port import (
    ACCOUNT_LEVEL_FAILURES,
    PROVIDER_UNAVAILABLE,
    MessageProvider,
    OutboundMessage,
    message_id_for,
)
from chalicelib.providers.render import TRAFFIC_TYPES, MissingVariable, RenderError, render_agent_message
from chalicelib.services import balance, quiet_hours, reach, runner, suppression
from chalicelib.services.account_pacing import AccountPacer
from chalicelib.services.pacing import paced_stream
from chalicelib.services.runner import INTERNAL_ERROR
from chalicelib.services.send_lease import ChunkBusy, SendLease
from chalicelib.settings import get_settings
from chalicelib.store import broadcasts as store
from chalicelib.store import chunks as chunk_store
from chalicelib.store import targets as target_store
from chalicelib.store.broadcasts import Broadcast
from chalicelib.store.chunks import ChunkOutcome
from chalicelib.store.targets import ChunkBounds, Target

SEND_SAFETY_SECONDS = 30.0
BUSY_DELAY_SECONDS = 2


class ChunkNotFinished(Exception):
    """Some targets of the chunk met a transient provider error: the chunk goes back to the queue."""


@dataclass(frozen=True)
class SendJob:
    """One pass over a chunk: `epoch` is the broadcast's run epoch (one more per resume), `wave` counts
    the passes of the epoch that waited for targets' send windows. Each pass reserves, settles and
    refunds under keys of its own, and a target remembers the pass that settled it."""

    account_id: str
    broadcast_id: str
    bounds: ChunkBounds
    final_attempt: bool
    time_left: TimeLeft = no_deadline
    epoch: int = 0
    wave: int = 0

    @classmethod
    def of(cls, chunk: jobs.SendChunk, *, final_attempt: bool, time_left: TimeLeft = no_deadline) -> SendJob:
        return cls(chunk.account_id, chunk.broadcast_id, ChunkBounds(chunk.first, chunk.last, chunk.size),
                   final_attempt=final_attempt, time_left=time_left, epoch=chunk.epoch, wave=chunk.wave)

    @property
    def pass_key(self) -> str:
        return f"@{self.epoch}.{self.wave}" if self.epoch or self.wave else ""

    @property
    def chunk(self) -> ChunkBounds:
        """The chunk in this pass: its key (of the settle record and the reservation) names the pass."""
        return replace(self.bounds, suffix=self.pass_key)

    @property
    def reservation_key(self) -> str:
        return f"{self.broadcast_id}:{self.chunk.key}"

    def message(self) -> jobs.SendChunk:
        return jobs.SendChunk(self.account_id, self.broadcast_id, self.bounds.first_phone, self.bounds.last_phone,
                              self.bounds.size, epoch=self.epoch, wave=self.wave)


def parse_pass(key: str) -> tuple[str, int, int]:
    """(chunk key, epoch, wave) of a reservation key's chunk part (`first..last[@epoch.wave]`)."""
    chunk, _, tail = key.partition("@")
    epoch, _, wave = tail.partition(".")
    return chunk, int(epoch or 0), int(wave or 0)


def _settled(target: Target, **changes: Any) -> Target:
    return replace(target, **changes)


def _outbound(broadcast: Broadcast, target: Target) -> OutboundMessage | Target:
    """The message for `target`, or the target failed when its message cannot be rendered."""
    content = broadcast.content or {}
    try:
        body = render_agent_message(content.get("components", {}), content.get("suggestions", []), target.variables,
                                    ttl_seconds=broadcast.ttl_seconds,
                                    traffic_type=TRAFFIC_TYPES.get(str(content.get("category", ""))))
    except MissingVariable:
        return _settled(target, state="failed", failure_reason="missing_variable")
    except RenderError:
        return _settled(target, state="failed", failure_reason="invalid_template")
    return OutboundMessage(message_id_for(broadcast.broadcast_id, target.phone), target.phone, body)


TRANSIENT_MARK = "retry"  # on a target still queued after a transient error (never written)


def _send_all(provider: MessageProvider, broadcast: Broadcast, targets: list[Target],
              keep_going: Callable[[], bool] = lambda: True) -> Iterator[Target]:
    """Render and send `targets`, yielding each with its new state as soon as it is known (still
    `queued` after a transient error, or when the invocation ran short of time before its turn)."""
    by_phone = {target.phone: target for target in targets}
    to_send: list[OutboundMessage] = []
    for target in targets:
        item = _outbound(broadcast, target)
        if isinstance(item, Target):
            yield item
        else:
            to_send.append(item)
    settings = get_settings()
    # The account's rate, shared with its every other sender (docs/pacing.md).
    pacer = AccountPacer.for_account(broadcast.account_id, demand=len(to_send), keep_going=keep_going)
    for message, result in paced_stream(provider.send, to_send, concurrency=settings.send_concurrency,
                                        bucket=pacer, keep_going=keep_going):
        target = by_phone[message.phone]
        if result is None:
            yield target
        elif result.outcome == "retry":
            pacer.observe(result)  # a 429 slows the account down and honours Retry-After
            yield _settled(target, failure_reason=TRANSIENT_MARK)
        elif result.outcome == "sent":
            yield _settled(target, state="sent", rm_message_id=result.message_id, sent_at=format_time(utcnow()))
        else:
            yield _settled(target, state="failed", failure_reason=result.failure_reason)


def send_chunk(job: SendJob) -> ChunkOutcome | None:
    """Send one pass over a chunk of a running broadcast. When the broadcast no longer runs in the
    job's epoch (paused, resumed since, ended), nothing is sent, but what the pass owes is still paid
    (see `_wind_down`). None when the pass had nothing to settle."""
    broadcast = store.get_broadcast(job.account_id, job.broadcast_id)
    if (broadcast.status != "running" or broadcast.content is None or broadcast.unit_price is None
            or broadcast.run_epoch != job.epoch):
        return _wind_down(job, broadcast)
    if job.wave:  # a copy of a wave that is over would queue the next wave again: it stops here
        settled = chunk_store.settled_chunk(job.broadcast_id, job.chunk)
        if settled is not None:
            return _pay_settled(job, broadcast, settled)
    try:
        lease = SendLease.acquire(job.account_id, job.broadcast_id, job.bounds.key, job.epoch)
    except ChunkBusy:  # an earlier pass still has sends in flight: read the chunk once it has written them
        messaging.send("send", job.message(), delay_seconds=BUSY_DELAY_SECONDS)
        return None
    if lease is None:
        return _wind_down(job, store.get_broadcast(job.account_id, job.broadcast_id))
    try:
        targets = target_store.chunk_targets(job.broadcast_id, job.chunk)
        if (job.epoch and not any(t.state == "queued" or suppression.awaiting_screen(t) for t in targets)
                and balance.reservation(job.account_id, job.reservation_key) is None):
            runner.complete_if_settled(job.account_id, job.broadcast_id)  # after a resume: nothing left in this chunk
            return None
        return _send_pass(job, broadcast, targets, lease)
    finally:
        lease.release()


def _send_pass(job: SendJob, broadcast: Broadcast, targets: list[Target], lease: SendLease) -> ChunkOutcome:
    assert broadcast.unit_price is not None
    candidates = [target for target in targets if target.state == "queued" or suppression.awaiting_screen(target)]
    queued, suppressed = suppression.screen(job.account_id, candidates, screened_version=broadcast.optouts_version)
    plan = quiet_hours.plan(broadcast, queued, now=quiet_hours.now())
    provider = runner.account_provider(job.account_id)
    due, unreachable = reach.screen(broadcast, provider, plan.due)  # never sent, never charged
    price = broadcast.unit_price
    reserved = balance.reserve(job.account_id, job.reservation_key, len(due), price)
    changed: list[Target] = []
    if due or plan.unsendable or unreachable or suppressed:
        already_sent = sum(1 for target in targets
                           if _rcs_state(target) in SENT_STATES and target.settled_in == job.pass_key)
        budget = max(0, reserved - already_sent)
        payable, unpaid = due[:budget], due[budget:]
        if unpaid and balance.get_balance(job.account_id) >= price:
            # More came due than this pass reserved (a redelivery after a window opened): not a lack
            # of money. They wait for the next wave, which reserves for them.
            _defer(plan, unpaid)
            unpaid = []
        outcomes: Iterable[Target] = [_settled(target, state="failed", failure_reason="insufficient_balance")
                                      for target in unpaid]
        outcomes = [*outcomes, *unreachable, *suppressed, *(_settled(target, state="failed", failure_reason=reason)
                                                            for target, reason in plan.unsendable)]
        if payable and provider is None:
            outcomes = [*outcomes, *(_settled(target, state="failed", failure_reason="no_credentials")
                                     for target in payable)]
        elif payable and provider is not None:
            keep_going = _keep_going(lease, job.time_left)
            outcomes = itertools.chain(outcomes, _send_all(provider, broadcast, payable, keep_going))
        if job.final_attempt:
            outcomes = (_settled(target, state="failed", failure_reason=PROVIDER_UNAVAILABLE)
                        if target.state == "queued" and (target.failure_reason or not lease.lost) else target
                        for target in outcomes)
        changed = target_store.put_targets_as_they_come(
            job.broadcast_id, (replace(target, settled_in=job.pass_key) for target in outcomes))
        still_queued = [target for target in changed if target.state == "queued"]
        account_failures = {t.failure_reason for t in changed} & ACCOUNT_LEVEL_FAILURES
        if account_failures:
            logger.warning("provider refuses the account's credentials",
                           extra={"broadcast_id": job.broadcast_id, "reasons": sorted(account_failures)})
        if still_queued and not _stopped(job, lease):
            raise ChunkNotFinished(f"{len(still_queued)} targets met a transient provider error")
    if plan.waiting and plan.next_opening is not None:
        _wait_for_window(job, broadcast, plan.next_opening)
    return _settle(job, broadcast, targets, changed, reserved)


def _defer(plan: quiet_hours.Plan, targets: list[Target]) -> None:
    now = quiet_hours.now()
    plan.waiting.extend(targets)
    plan.next_opening = min(plan.next_opening or now, now)


def _keep_going(lease: SendLease, time_left: TimeLeft) -> Callable[[], bool]:
    return lambda: time_left() > SEND_SAFETY_SECONDS and lease.valid()


def _stopped(job: SendJob, lease: SendLease) -> bool:
    """Whether the sender stopped because the broadcast no longer runs in the job's epoch (its
    queued targets wait for a resume, not for a redelivery)."""
    if not lease.lost:
        return False
    now = store.get_broadcast(job.account_id, job.broadcast_id)
    return now.status != "running" or now.run_epoch != job.epoch


def _wait_for_window(job: SendJob, broadcast: Broadcast, opening: datetime) -> None:
    """Queue the chunk's next wave for when the earliest waiting target's window opens (at most
    MAX_DELAY_SECONDS ahead: a wave that finds nothing due just queues the next one)."""
    now = quiet_hours.now()
    delay = min(MAX_DELAY_SECONDS, max(1, int((opening - now).total_seconds())))
    store.note_next_window(broadcast, format_time(opening), now=format_time(now))
    messaging.send("send", replace(job, wave=job.wave + 1).message(), delay_seconds=delay)


# SQS allows 900 s; 600 keeps a waiting broadcast's passes (each notes progress) well inside the
# reconciler's stall mark (`stall_after_seconds`, 900 by default).
MAX_DELAY_SECONDS = 600
# Accepted by the provider (and charged): sent, and where a sent message can go from there.
SENT_STATES = ("sent", "delivered", "read", "expired", "revoked")


def _rcs_state(target: Target) -> str:
    """The target's RCS outcome: one whose SMS fallback went (or failed) was sent over RCS when RBM
    accepted it (it has a message id: expired, revoked), else it failed (unreachable, RBM 404)."""
    if target.state in ("fallback_sent", "fallback_failed"):
        return "sent" if target.rm_message_id else "failed"
    return target.state


def _pay_settled(job: SendJob, broadcast: Broadcast, settled: ChunkOutcome) -> ChunkOutcome:
    assert broadcast.unit_price is not None
    if settled.refund_due:
        balance.refund(job.account_id, job.reservation_key, settled.refund_due, broadcast.unit_price)
    runner.complete_if_settled(job.account_id, job.broadcast_id)
    return settled


def _settle(job: SendJob, broadcast: Broadcast, targets: list[Target], changed: list[Target],
            reserved: int) -> ChunkOutcome:
    """Settle the pass once (the targets it settled count on the broadcast), pay its refund (once
    per key) and complete the broadcast if this was the last pass to settle."""
    assert broadcast.unit_price is not None
    latest = {target.phone: target for target in targets}
    latest.update({target.phone: target for target in changed})
    mine = [_rcs_state(t) for t in latest.values() if t.state != "queued" and t.settled_in == job.pass_key]
    sent = sum(1 for state in mine if state in SENT_STATES)
    failed = sum(1 for state in mine if state == "failed")
    outcome = ChunkOutcome(sent=sent, failed=failed, refund_due=max(0, reserved - sent),
                           suppressed=sum(1 for state in mine if state == suppression.SUPPRESSED))
    if chunk_store.settle_chunk(broadcast, job.chunk, outcome):
        outcome.newly_settled = True
    else:
        outcome = chunk_store.settled_chunk(job.broadcast_id, job.chunk) or outcome
    if outcome.refund_due:
        balance.refund(job.account_id, job.reservation_key, outcome.refund_due, broadcast.unit_price)
    if broadcast.fallback == "sms":
        from chalicelib.services import fallback  # (only broadcasts that ask for it pay its import)

        fallback.enqueue(broadcast, (t.phone for t in latest.values()
                                     if t.settled_in == job.pass_key and fallback.owed(t)))
    runner.complete_if_settled(job.account_id, job.broadcast_id)
    return outcome


def _fail_queued(job: SendJob, broadcast: Broadcast, reserved: int, reason: str) -> ChunkOutcome:
    """Settle the pass without sending: its still-queued targets fail with `reason`."""
    targets = target_store.chunk_targets(job.broadcast_id, job.chunk)
    changed = target_store.put_targets_as_they_come(job.broadcast_id, (
        _settled(target, state="failed", failure_reason=reason, settled_in=job.pass_key)
        for target in targets if target.state == "queued"))
    return _settle(job, broadcast, targets, changed, reserved)


def _close_pass(job: SendJob, broadcast: Broadcast, reserved: int) -> ChunkOutcome:
    """Settle the pass of a paused (or since resumed) broadcast without sending: what it sent counts,
    the rest of its reservation is refunded, its queued targets stay queued for the next epoch."""
    return _settle(job, broadcast, target_store.chunk_targets(job.broadcast_id, job.chunk), [], reserved)


def _wind_down(job: SendJob, broadcast: Broadcast) -> ChunkOutcome | None:
    """A pass of a broadcast that no longer runs in the job's epoch: pay what it owes, send nothing.
    A pass that reserved nothing takes nothing (a paused broadcast's chunks not yet started)."""
    if broadcast.unit_price is None:
        return None  # never picked up: no chunk of it was ever charged
    settled = chunk_store.settled_chunk(job.broadcast_id, job.chunk)
    if settled is not None:
        if settled.refund_due:
            balance.refund(job.account_id, job.reservation_key, settled.refund_due, broadcast.unit_price)
        return settled
    reserved = balance.reservation(job.account_id, job.reservation_key)
    if reserved is None:
        return None
    if broadcast.status not in store.TERMINAL:
        return _close_pass(job, broadcast, reserved)
    reason = "cancelled" if broadcast.status == "cancelled" else INTERNAL_ERROR
    return _fail_queued(job, broadcast, reserved, reason)


def fail_dead_chunk(job: SendJob) -> ChunkOutcome | None:
    """The send job failed every delivery (its message is in the dead-letter queue): its reservation
    is closed (a late copy can charge nothing), its still-queued targets fail with `internal_error`,
    the chunk settles once, the unsent part of the reservation is refunded, and the broadcast
    completes if every chunk has settled. Safe to run twice."""
    broadcast = store.get_broadcast(job.account_id, job.broadcast_id)
    if broadcast.unit_price is None:
        return None
    settled = chunk_store.settled_chunk(job.broadcast_id, job.chunk)
    if settled is not None:
        return _pay_settled(job, broadcast, settled)
    reserved = balance.close_reservation(job.account_id, job.reservation_key, broadcast.unit_price)
    if broadcast.status == "paused" or broadcast.run_epoch != job.epoch:
        return _close_pass(job, broadcast, reserved)  # its queued targets go on in the next epoch
    return _fail_queued(job, broadcast, reserved, INTERNAL_ERROR)


def settle_reserved_chunks(broadcast: Broadcast) -> int:
    """Settle (queued targets failed, refund paid) every reserved chunk of an ended broadcast that
    has not settled: for a broadcast whose send jobs are gone. How many chunks it settled."""
    if broadcast.unit_price is None:
        return 0
    settled = 0
    for key, reserved in balance.reservations(broadcast.account_id, f"{broadcast.broadcast_id}:").items():
        chunk, epoch, wave = parse_pass(key.removeprefix(f"{broadcast.broadcast_id}:"))
        first, _, last = chunk.partition("..")
        job = SendJob(broadcast.account_id, broadcast.broadcast_id, ChunkBounds(first, last, 0), final_attempt=True,
                      epoch=epoch, wave=wave)
        if chunk_store.settled_chunk(broadcast.broadcast_id, job.chunk) is None:
            _fail_queued(job, broadcast, reserved, INTERNAL_ERROR)
            settled += 1
    return settled
