"""SMS fallback claims and their settlement (chalicelib/services/fallback.py), on the targets and
chunks tables of chalicelib/store/targets.py.

A fallback step claims a few targets at a time for itself (a `holder` id, until a deadline) in one
transaction, sends their SMS, then records every outcome in one more transaction together with a
settle record (a chunks item keyed `sms:<holder>`) and the broadcast's `fallback_count`: the
outcome of a claim is recorded, and counted, exactly once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pynamodb.transactions import TransactWrite

from chalicelib.clock import format_time, utcnow
from chalicelib.store.broadcasts import BroadcastModel
from chalicelib.store.chunks import ChunkModel
from chalicelib.store.targets import Target, TargetModel
from chalicelib.store.transact import Cancelled, Contended, transact

SETTLE_PREFIX = "sms:"
MAX_CLAIM = 98  # a settle transaction holds the settle record, the broadcast and at most 98 targets


@dataclass(frozen=True)
class Settled:
    sent: int
    failed: int
    refund_due: int  # segments


class ClaimLost(Exception):
    """Another step claimed (or changed) one of the targets meanwhile: nothing of the claim was written."""


def claim(broadcast_id: str, targets: Sequence[Target], *, holder: str, until: float) -> None:
    """Claim `targets` for `holder` until `until` (epoch seconds), each only if it is still in the
    state read and still has the claim read (none, or a dead one being taken over). Raises
    ClaimLost when any of them moved (nothing is claimed then)."""
    if not targets:
        return
    if len(targets) > MAX_CLAIM:
        raise ValueError(f"at most {MAX_CLAIM} targets per claim")
    def build(transaction: TransactWrite) -> None:
        for target in targets:
            held = (TargetModel.fallback_claim.does_not_exist() if target.fallback_claim is None
                    else TargetModel.fallback_claim == target.fallback_claim)
            transaction.update(TargetModel(broadcast_id, target.phone),
                               actions=[TargetModel.fallback_claim.set(holder), TargetModel.fallback_until.set(until)],
                               condition=(TargetModel.state == target.state) & held)

    try:
        transact(TargetModel, build)
    except (Cancelled, Contended) as moved:
        raise ClaimLost(str(moved)) from None


def settle(account_id: str, broadcast_id: str, holder: str, outcomes: Sequence[tuple[Target, str]],
           *, refund_due: int) -> bool:
    """Record each claimed target's new state (`fallback_sent` or `fallback_failed`), the claim's
    settle record and the broadcast's `fallback_count`, in one transaction. False when the claim
    was settled before (nothing written); ClaimLost when a target is no longer in the state read."""
    if len(outcomes) > MAX_CLAIM:
        raise ValueError(f"at most {MAX_CLAIM} targets per claim")
    sent = sum(1 for _, state in outcomes if state == "fallback_sent")
    record = ChunkModel(broadcast_id, SETTLE_PREFIX + holder, sent=sent, failed=len(outcomes) - sent,
                        refund_due=refund_due, settled_at=format_time(utcnow()))
    def build(transaction: TransactWrite) -> None:
        transaction.save(record, condition=ChunkModel.chunk_key.does_not_exist())
        for target, state in outcomes:
            transaction.update(TargetModel(broadcast_id, target.phone),
                               actions=[TargetModel.state.set(state),
                                        TargetModel.broadcast_state.set(f"{broadcast_id}#{state}")],
                               condition=(TargetModel.fallback_claim == holder) & (TargetModel.state == target.state))
        if sent:
            actions: list[Any] = [BroadcastModel.fallback_count.add(sent)]
            transaction.update(BroadcastModel(account_id, broadcast_id), actions=actions,
                               condition=BroadcastModel.broadcast_id.exists())

    try:
        transact(ChunkModel, build)
    except Cancelled as cancelled:
        if cancelled.failed(0):
            return False
        raise ClaimLost(str(cancelled)) from None  # a target moved meanwhile (a late DELIVERED): read again
    except Contended as contended:
        raise ClaimLost(str(contended)) from None
    return True


def settled(broadcast_id: str, holder: str) -> Settled | None:
    try:
        item = ChunkModel.get(broadcast_id, SETTLE_PREFIX + holder, consistent_read=True)
    except ChunkModel.DoesNotExist:
        return None
    return Settled(sent=int(item.sent), failed=int(item.failed), refund_due=int(item.refund_due))
