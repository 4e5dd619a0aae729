"""SMS fallback (docs/spec/campaigns.md, `fallback: "sms"`): a target RCS cannot deliver gets the
template's SMS text, filled with its variables, through Amazon SNS (chalicelib/providers/sms.py).

Owed an SMS: a target `failed` / `not_rcs_capable` (the reach check, or RBM's 404), `expired`
(RBM's TTL revocation) or `revoked` (cancel). The sender, the receipts worker and the revoke step
queue `fallback` jobs on the send queue (a job names at most 98 of one broadcast's phones); the
job runs here, apart from them, so none of them waits for SMS.

A job works through its owed targets a claim at a time (`send_concurrency` targets): it claims them
(one transaction), reserves their segments at `price_sms_segment` under the claim's own ledger
key, sends, then records every outcome with the claim's settle record and `fallback_count` (one
transaction) and refunds what was not sent. A target ends `fallback_sent` (its RCS
`failure_reason` kept) or `fallback_failed`.

SNS has no idempotency key for an SMS, so a claim is never sent twice. Safe to run twice and to
die anywhere: a copy of a job finds its targets settled, or claimed. A claim whose holder died
(its deadline passed without a settle record) is taken over when nothing was reserved for it
(nothing was sent), else settled as `fallback_failed` and refunded whole: an SMS that may have
gone is not sent again. A live claim of another step sends the job back to the queue.

A revoked target's job runs `fallback_revoked_delay_seconds` after the revocation: RBM answers a
revocation of a message it is delivering with 404 and its DELIVERED follows; a target that is no
longer revoked or expired when its claim is made (a late DELIVERED won) gets no SMS. Once the SMS
has gone, later receipts leave the target as it is.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from itertools import groupby

from chalicelib import errors, jobs, messaging
from chalicelib.clock import TimeLeft, no_deadline
from chalicelib.logs import logger
from chalicelib.providers.port import NOT_RCS_CAPABLE
from chalicelib.providers.render import MissingVariable, fill
from chalicelib.providers.sms import SmsResult, SmsSender, sms_sender, sms_type_of
from chalicelib.services import balance, sms_segments
from chalicelib.services.pacing import TokenBucket, paced_stream
from chalicelib.settings import get_settings
from chalicelib.store import broadcasts as store
from chalicelib.store import fallbacks as claims
from chalicelib.store import targets as target_store
from chalicelib.store.broadcasts import Broadcast
from chalicelib.store.targets import Target

QUEUE = "send"
JOB_PHONES = claims.MAX_CLAIM
# Longer than the send queue's function timeout (120 s): past it, the holder of a claim is dead.
CLAIM_SECONDS = 150.0
SAFETY_SECONDS = 20.0
SENT, FAILED = "fallback_sent", "fallback_failed"
STATES = (SENT, FAILED)


class FallbackNotFinished(Exception):
    """Another step holds a claim on some of the job's targets: the job goes back to the queue."""


def owed(target: Target) -> bool:
    """Whether the target is owed an SMS (when its broadcast asks for fallback)."""
    return ((target.state == "failed" and target.failure_reason == NOT_RCS_CAPABLE)
            or target.state in ("expired", "revoked"))


def job(account_id: str, broadcast_id: str, phones: Sequence[str]) -> jobs.Fallback:
    return jobs.Fallback(account_id, broadcast_id, tuple(phones))


def enqueue(broadcast: Broadcast, phones: Iterable[str], *, delay_seconds: int = 0) -> int:
    """Queue the SMS fallback of `phones` (nothing unless the broadcast asks for it); how many jobs."""
    if broadcast.fallback != "sms":
        return 0
    ordered = sorted(set(phones))
    bodies = [job(broadcast.account_id, broadcast.broadcast_id, ordered[i:i + JOB_PHONES])
              for i in range(0, len(ordered), JOB_PHONES)]
    if delay_seconds:
        for body in bodies:
            messaging.send(QUEUE, body, delay_seconds=delay_seconds)
        return len(bodies)
    return messaging.send_batch(QUEUE, bodies)


def enqueue_for(account_id: str, broadcast_id: str, phones: Iterable[str]) -> int:
    """`enqueue` for a caller that has not read the broadcast (the receipts worker)."""
    try:
        broadcast = store.get_broadcast(account_id, broadcast_id)
    except errors.NotFound:
        return 0
    return enqueue(broadcast, phones)


def reference(broadcast_id: str, holder: str) -> str:
    """The ledger key of a claim's reservation and refund ("sms:" never starts a send pass's key)."""
    return f"{claims.SETTLE_PREFIX}{broadcast_id}:{holder}"


def render(text: str, variables: dict[str, str]) -> str | None:
    """The SMS text with the target's variables, as the RCS message fills them; None when one is
    missing or blank."""
    try:
        return str(fill(text, variables))
    except MissingVariable:
        return None


@dataclass
class Outcome:
    sent: int = 0
    failed: int = 0
    taken_over: int = 0
    phones_sent: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Sms:
    target: Target
    text: str
    segments: int


def run(account_id: str, broadcast_id: str, phones: Sequence[str], *,
        time_left: TimeLeft = no_deadline, sender: SmsSender | None = None) -> Outcome:
    """Send the SMS fallback of the job's owed targets (see the module's docstring)."""
    outcome = Outcome()
    broadcast = store.get_broadcast(account_id, broadcast_id)
    text = str((broadcast.content or {}).get("sms_fallback") or "")
    if broadcast.fallback != "sms" or not phones:
        return outcome
    if not text:
        logger.warning("a broadcast asks for SMS fallback but its content has none",
                       extra={"broadcast_id": broadcast_id})
        return outcome
    targets = _read(broadcast_id, phones)
    busy, released = _settle_earlier_claims(broadcast, targets, outcome)
    free = [t for t in targets if owed(t) and (t.fallback_claim is None or t.fallback_claim in released)]
    step = max(1, min(get_settings().send_concurrency, claims.MAX_CLAIM))
    for start in range(0, len(free), step):
        if time_left() < SAFETY_SECONDS:
            messaging.send(QUEUE, job(account_id, broadcast_id, phones))
            return outcome
        _send_claim(broadcast, text, free[start:start + step], outcome, sender or sms_sender())
    if busy:
        raise FallbackNotFinished(f"{busy} targets are claimed by another fallback step")
    return outcome


def give_up(account_id: str, broadcast_id: str, phones: Sequence[str]) -> int:
    """The job failed every delivery (its message is in the dead-letter queue): earlier claims are
    settled, and the targets still owed an SMS end `fallback_failed`, unsent and uncharged. How many
    targets it failed."""
    broadcast = store.get_broadcast(account_id, broadcast_id)
    outcome = Outcome()
    targets = _read(broadcast_id, phones)
    _, released = _settle_earlier_claims(broadcast, targets, outcome, ignore_deadlines=True)
    left = [t for t in _read(broadcast_id, phones)
            if owed(t) and (t.fallback_claim is None or t.fallback_claim in released)]
    for start in range(0, len(left), claims.MAX_CLAIM):
        part = left[start:start + claims.MAX_CLAIM]
        holder = os.urandom(8).hex()
        claims.claim(broadcast_id, part, holder=holder, until=time.time() + CLAIM_SECONDS)
        claims.settle(account_id, broadcast_id, holder, [(_claimed(t, holder), FAILED) for t in part], refund_due=0)
    return len(left) + outcome.failed


def _read(broadcast_id: str, phones: Sequence[str]) -> list[Target]:
    found = target_store.target_states((broadcast_id, phone) for phone in phones)
    return sorted(found.values(), key=lambda target: target.phone)


def _claimed(target: Target, holder: str) -> Target:
    return replace(target, fallback_claim=holder)


def _holder(target: Target) -> str:
    return target.fallback_claim or ""


def _settle_earlier_claims(broadcast: Broadcast, targets: list[Target], outcome: Outcome, *,
                           ignore_deadlines: bool = False) -> tuple[int, set[str]]:
    """Finish what earlier steps left on these targets: pay a settled claim's refund (once per key);
    release a dead claim that reserved nothing (its reservation is closed at zero, so the dead step
    can charge nothing); settle a dead claim that reserved as fallback_failed, refunded whole.
    (targets held by live claims of other steps, the released holders)."""
    busy, released = 0, set[str]()
    now = time.time()
    price = get_settings().price_sms_segment
    claimed = sorted((t for t in targets if t.fallback_claim), key=_holder)
    for holder, group in groupby(claimed, key=_holder):
        held = list(group)
        unsettled = [t for t in held if t.state not in STATES]
        done = claims.settled(broadcast.broadcast_id, holder)
        if done is not None:
            if done.refund_due:  # (the step may have died between its settle and its refund)
                balance.refund(broadcast.account_id, reference(broadcast.broadcast_id, holder), done.refund_due, price)
            continue  # its unsettled targets (if any) moved on meanwhile: a late DELIVERED won
        if not unsettled:
            continue
        if not ignore_deadlines and any((t.fallback_until or 0) >= now for t in unsettled):
            busy += len(unsettled)
            continue
        reserved = balance.close_reservation(broadcast.account_id, reference(broadcast.broadcast_id, holder), price)
        if reserved == 0:
            released.add(holder)
            outcome.taken_over += len(unsettled)
            continue
        logger.warning("a fallback step died while sending; its SMS are not sent again",
                       extra={"broadcast_id": broadcast.broadcast_id, "targets": len(unsettled)})
        _settle(broadcast, holder, [(t, FAILED, 0) for t in unsettled], reserved, outcome)
    return busy, released


def _send_claim(broadcast: Broadcast, text: str, targets: list[Target], outcome: Outcome, sender: SmsSender) -> None:
    """Claim, reserve, send, settle and refund one claim's worth of targets."""
    holder = os.urandom(8).hex()
    try:
        claims.claim(broadcast.broadcast_id, targets, holder=holder, until=time.time() + CLAIM_SECONDS)
    except claims.ClaimLost:
        raise FallbackNotFinished("another step claimed some of these targets meanwhile") from None
    targets = [_claimed(t, holder) for t in targets]
    planned: list[_Sms] = []
    results: list[tuple[Target, str, int]] = []
    for target in targets:
        body = render(text, target.variables)
        if body is None or len(body) > sms_segments.MAX_SMS_TEXT:
            results.append((target, FAILED, 0))  # a variable missing, or a text SNS would refuse
        else:
            planned.append(_Sms(target, body, sms_segments.count(body).count))
    price = get_settings().price_sms_segment
    ref = reference(broadcast.broadcast_id, holder)
    reserved = balance.reserve(broadcast.account_id, ref, sum(sms.segments for sms in planned), price)
    budget, payable = reserved, []
    for sms in planned:
        if sms.segments <= budget:
            budget -= sms.segments
            payable.append(sms)
        else:
            results.append((sms.target, FAILED, 0))  # the balance ran out
    sms_type = sms_type_of(str((broadcast.content or {}).get("category", "")))
    settings = get_settings()

    def send(sms: _Sms) -> SmsResult:
        return sender.send(sms.target.phone, sms.text, sms_type)

    for sms, result in paced_stream(send, payable, concurrency=settings.send_concurrency,
                                    bucket=TokenBucket(settings.sms_rate_per_second)):
        if result is not None and result.sent:
            results.append((sms.target, SENT, sms.segments))
        else:
            logger.warning("an SMS fallback was refused", extra={"broadcast_id": broadcast.broadcast_id,
                                                                 "detail": result.detail if result else ""})
            results.append((sms.target, FAILED, 0))
    _settle(broadcast, holder, results, reserved, outcome)


def _settle(broadcast: Broadcast, holder: str, results: list[tuple[Target, str, int]], reserved: int,
            outcome: Outcome) -> None:
    """Record a claim's outcomes once (a target a late DELIVERED moved meanwhile keeps its state; its
    SMS, if sent, stays charged), then refund the segments not sent."""
    charged = sum(segments for _, _, segments in results)
    for _ in range(5):
        try:
            if claims.settle(broadcast.account_id, broadcast.broadcast_id, holder,
                             [(target, state) for target, state, _ in results], refund_due=reserved - charged):
                sent = [target.phone for target, state, _ in results if state == SENT]
                outcome.sent += len(sent)
                outcome.failed += len(results) - len(sent)
                outcome.phones_sent += sent
            break
        except claims.ClaimLost:
            now = {t.phone: t for t in _read(broadcast.broadcast_id, [t.phone for t, _, _ in results])}
            results = [(now[t.phone], state, segments) for t, state, segments in results
                       if t.phone in now and now[t.phone].state == t.state]
    else:
        raise FallbackNotFinished("the claim's targets kept changing while it settled")
    if reserved > charged:
        balance.refund(broadcast.account_id, reference(broadcast.broadcast_id, holder), reserved - charged,
                       get_settings().price_sms_segment)
