"""Broadcasts skip the account's opted-out numbers (chalicelib/services/optouts.py).

The snapshot writes their targets `suppressed` (reason `opted_out`, `settled_in` SNAPSHOT_PASS),
and the sender looks at the list again just before each send pass (`screen`) when it changed
since (the list's version, chalicelib/store/optouts.py): a number that opted out after the
snapshot is not sent either, and one taken off the list meanwhile is sent after all. Suppressed
targets are never reserved nor charged; they count in the broadcast's `suppressed_count` when the
pass that screened them settles its chunk (the snapshot counts nothing, so a snapshot page written
twice cannot count a number twice or not at all).
"""

from __future__ import annotations

from dataclasses import replace

from chalicelib.store import optouts as store
from chalicelib.store.targets import Target

OPTED_OUT = "opted_out"
SUPPRESSED = "suppressed"
SNAPSHOT_PASS = "snapshot"  # `settled_in` of a target the snapshot found suppressed (its chunk settles it)


def mark_snapshot(account_id: str, targets: list[Target]) -> tuple[list[Target], int]:
    """The snapshot's page with its opted-out numbers `suppressed` (the chunk's pass settles them),
    and the list's version it was screened against (an empty list is not looked up)."""
    state = store.list_state(account_id)
    suppressed = store.opted_out(account_id, (target.phone for target in targets)) if state.entries else set()
    return [replace(target, state=SUPPRESSED, failure_reason=OPTED_OUT, settled_in=SNAPSHOT_PASS)
            if target.phone in suppressed else target for target in targets], state.version


def screen(account_id: str, candidates: list[Target], *, screened_version: int | None = None
           ) -> tuple[list[Target], list[Target]]:
    """Just before a send pass: (the targets to send, queued; the suppressed ones). The candidates
    are the pass's queued targets and those the snapshot suppressed. The list is read again (one
    BatchGetItem per 100 numbers) only when it changed since the snapshot screened them
    (`screened_version`) and is not empty."""
    if not candidates:
        return [], []
    state = store.list_state(account_id)
    if state.version == screened_version:
        return ([target for target in candidates if target.state != SUPPRESSED],
                [replace(target, failure_reason=OPTED_OUT) for target in candidates if target.state == SUPPRESSED])
    suppressed = store.opted_out(account_id, (target.phone for target in candidates)) if state.entries else set()
    keep = [replace(target, state="queued", failure_reason="", settled_in="")
            if target.state == SUPPRESSED else target for target in candidates if target.phone not in suppressed]
    return keep, [replace(target, state=SUPPRESSED, failure_reason=OPTED_OUT)
                  for target in candidates if target.phone in suppressed]


def awaiting_screen(target: Target) -> bool:
    """A target the snapshot suppressed, not yet settled by its chunk."""
    return target.state == SUPPRESSED and target.settled_in == SNAPSHOT_PASS
