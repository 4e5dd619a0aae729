"""A broadcast's settled chunks: one item per settled pass over a chunk, written in the same
transaction as the broadcast's counters, so a chunk is counted exactly once.

Keys: chunks (broadcast_id, chunk_key): the chunk's bounds and its pass (`ChunkBounds.key`); the SMS
fallback's settlements share the table under their own prefix (`chalicelib/store/fallbacks.py`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.clock import format_time, utcnow
from chalicelib.store.base import table_meta
from chalicelib.store.broadcasts import Broadcast, BroadcastModel, progress_actions
from chalicelib.store.targets import ChunkBounds
from chalicelib.store.transact import Cancelled, transact


class ChunkModel(Model):
    Meta = table_meta("chunks")

    broadcast_id = UnicodeAttribute(hash_key=True)
    chunk_key = UnicodeAttribute(range_key=True)
    sent = NumberAttribute(default=0)
    failed = NumberAttribute(default=0)
    suppressed = NumberAttribute(default=0)
    refund_due = NumberAttribute(default=0)
    settled_at = UnicodeAttribute()


@dataclass
class ChunkOutcome:
    sent: int = 0
    failed: int = 0
    refund_due: int = 0
    suppressed: int = 0
    newly_settled: bool = field(default=False)


def settle_chunk(broadcast: Broadcast, bounds: ChunkBounds, outcome: ChunkOutcome) -> bool:
    """Record the chunk (in its pass, see `ChunkBounds.suffix`) as settled and add its counts to the
    broadcast, in one transaction. False when it was settled before (its counts are already in)."""
    chunk = ChunkModel(broadcast.broadcast_id, bounds.key, sent=outcome.sent, failed=outcome.failed,
                       suppressed=outcome.suppressed, refund_due=outcome.refund_due,
                       settled_at=format_time(utcnow()))
    def build(transaction: TransactWrite) -> None:
        transaction.save(chunk, condition=ChunkModel.chunk_key.does_not_exist())
        actions: list[Any] = [BroadcastModel.sent_count.add(outcome.sent),
                              BroadcastModel.failed_count.add(outcome.failed)]
        if outcome.suppressed:
            actions.append(BroadcastModel.suppressed_count.add(outcome.suppressed))
        if broadcast.status == "running":
            actions += progress_actions()
        transaction.update(BroadcastModel(broadcast.account_id, broadcast.broadcast_id), actions=actions,
                           condition=BroadcastModel.broadcast_id.exists())

    try:
        transact(ChunkModel, build)
    except Cancelled as cancelled:
        if cancelled.failed(0):
            return False
        raise
    return True


def settled_chunk(broadcast_id: str, bounds: ChunkBounds) -> ChunkOutcome | None:
    try:
        item = ChunkModel.get(broadcast_id, bounds.key, consistent_read=True)
    except ChunkModel.DoesNotExist:
        return None
    return ChunkOutcome(sent=int(item.sent), failed=int(item.failed), refund_due=int(item.refund_due),
                        suppressed=int(item.suppressed or 0))
