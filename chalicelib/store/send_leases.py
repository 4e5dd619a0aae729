"""Send leases: a sender may start a send only while it holds an unexpired lease on its broadcast,
and a lease is granted (and renewed) only while the broadcast runs in the sender's epoch. A pause
flips the status, then waits until no lease is left: after that no new send can start.

Keys: one item per holder in the chunks table, (broadcast_id, "lease#<holder>"), with the lease's
end in epoch seconds (a crashed sender's lease simply runs out)."""

from __future__ import annotations

from pynamodb.attributes import NumberAttribute, UnicodeAttribute
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
    held_until = NumberAttribute()


def hold(account_id: str, broadcast_id: str, holder: str, *, until: float, epoch: int) -> bool:
    """Take or renew `holder`'s lease until `until`, if the broadcast runs in `epoch`."""
    running = (BroadcastModel.status == "running") & (
        (BroadcastModel.run_epoch == epoch) if epoch else
        (BroadcastModel.run_epoch.does_not_exist() | (BroadcastModel.run_epoch == 0)))

    def build(tx: TransactWrite) -> None:
        tx.condition_check(BroadcastModel, account_id, broadcast_id, condition=running)
        tx.save(LeaseModel(broadcast_id, PREFIX + holder, held_until=until))

    try:
        transact(LeaseModel, build)
    except Cancelled as cancelled:
        if cancelled.failed(0):
            return False
        raise
    return True


def release(broadcast_id: str, holder: str) -> None:
    LeaseModel(broadcast_id, PREFIX + holder).delete()


def held(broadcast_id: str, *, now: float) -> int:
    """How many leases on the broadcast have not run out at `now`."""
    return sum(1 for item in LeaseModel.query(broadcast_id, LeaseModel.chunk_key.startswith(PREFIX),
                                              consistent_read=True) if float(item.held_until) > now)
