"""Send leases: one per chunk, held by the pass that works on it. A pass may start a send only
while its lease is valid, and the lease is granted (and renewed) only while the broadcast runs in
the pass's epoch. A pause flips the status, then waits until no lease is left: after that no new
send can start. The lease also makes the chunk's passes take turns: a pass of a later epoch (after a
resume) cannot read the chunk's targets while an earlier pass still has sends in flight, whose
outcomes it would otherwise count a second time.

Keys: one item per chunk in the chunks table, (broadcast_id, "lease#<first>..<last>"), with its
holder and the lease's end in epoch seconds (a crashed sender's lease simply runs out)."""

from __future__ import annotations

from enum import Enum

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
from pynamodb.exceptions import DeleteError, UpdateError
from pynamodb.models import Model
from pynamodb.transactions import TransactWrite

from chalicelib.store.base import table_meta
from chalicelib.store.broadcasts import BroadcastModel
from chalicelib.store.transact import Cancelled, transact

PREFIX = "lease#"


class LeaseModel(Model):
    Meta = table_meta("chunks")

    broadcast_id = UnicodeAttribute(hash_key=True)
    chunk_key = UnicodeAttribute(range_key=True)
    holder = UnicodeAttribute(null=True)
    held_until = NumberAttribute()


class Hold(Enum):
    HELD = "held"
    STOPPED = "stopped"  # the broadcast does not run in the pass's epoch
    BUSY = "busy"  # another pass holds the chunk's lease


def hold(account_id: str, broadcast_id: str, chunk: str, holder: str, *, until: float, now: float,
         epoch: int) -> Hold:
    """Take or renew `holder`'s lease on `chunk` until `until`, if the broadcast runs in `epoch` and
    no other holder's lease on the chunk runs at `now`."""
    running = (BroadcastModel.status == "running") & (
        (BroadcastModel.run_epoch == epoch) if epoch else
        (BroadcastModel.run_epoch.does_not_exist() | (BroadcastModel.run_epoch == 0)))
    free = (LeaseModel.chunk_key.does_not_exist() | (LeaseModel.holder == holder)
            | (LeaseModel.held_until < now))

    def build(tx: TransactWrite) -> None:
        tx.condition_check(BroadcastModel, account_id, broadcast_id, condition=running)
        tx.save(LeaseModel(broadcast_id, PREFIX + chunk, holder=holder, held_until=until), condition=free)

    try:
        transact(LeaseModel, build)
    except Cancelled as cancelled:
        if cancelled.failed(0):
            return Hold.STOPPED
        if cancelled.failed(1):
            return Hold.BUSY
        raise
    return Hold.HELD


def keep(broadcast_id: str, chunk: str, holder: str, *, until: float) -> bool:
    """Extend `holder`'s lease whatever the broadcast's status: its sends are still in flight."""
    try:
        LeaseModel(broadcast_id, PREFIX + chunk).update(actions=[LeaseModel.held_until.set(until)],
                                                       condition=LeaseModel.holder == holder)
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise
    return True


def release(broadcast_id: str, chunk: str, holder: str) -> None:
    try:
        LeaseModel(broadcast_id, PREFIX + chunk).delete(condition=LeaseModel.holder == holder)
    except DeleteError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise


def held(broadcast_id: str, *, now: float) -> int:
    """How many leases on the broadcast have not run out at `now`."""
    return sum(1 for item in LeaseModel.query(broadcast_id, LeaseModel.chunk_key.startswith(PREFIX),
                                              consistent_read=True) if float(item.held_until) > now)
