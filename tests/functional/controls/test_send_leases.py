"""A chunk's passes take turns: a pass holds the chunk's lease while it works on it, a heartbeat keeps
the lease while its sends are in flight (even after a pause stops new sends), and a crashed pass's
lease runs out so the next pass can take the chunk."""

from __future__ import annotations

import time
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.services import send_lease
from chalicelib.services.send_lease import ChunkBusy, SendLease
from chalicelib.store import broadcasts as broadcast_store
from chalicelib.store import send_leases
from tests.functional.controls.conftest import started
from tests.support.world import Auth


def test_a_second_pass_over_a_held_chunk_is_told_the_chunk_is_busy_and_other_chunks_stay_free(
        client: Client, auth: Auth, world: dict[str, str]) -> None:
    broadcast_id = started(client, auth, world)
    lease = SendLease.acquire("acme", broadcast_id, "a..b", 0)
    assert lease is not None
    try:
        with pytest.raises(ChunkBusy):
            SendLease.acquire("acme", broadcast_id, "a..b", 0)
        other = SendLease.acquire("acme", broadcast_id, "c..d", 0)
        assert other is not None
        other.release()
    finally:
        lease.release()
    again = SendLease.acquire("acme", broadcast_id, "a..b", 0)
    assert again is not None
    again.release()


def test_a_crashed_pass_leaves_a_lease_that_runs_out_and_the_next_pass_takes_the_chunk(
        client: Client, auth: Auth, world: dict[str, str]) -> None:
    broadcast_id = started(client, auth, world)
    long_ago = time.time() - 3600
    crashed = SendLease.acquire("acme", broadcast_id, "a..b", 0, clock=lambda: long_ago)
    assert crashed is not None
    try:
        taken = SendLease.acquire("acme", broadcast_id, "a..b", 0)
        assert taken is not None
        taken.release()
    finally:
        crashed.release()  # (its heartbeat is stopped; the lease is another holder's by now)


def test_after_a_pause_the_heartbeat_keeps_the_lease_of_a_pass_in_flight_but_no_new_send_may_start(
        client: Client, auth: Auth, world: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(send_lease, "LEASE_SECONDS", 0.6)
    monkeypatch.setattr(send_lease, "KEEP_ALIVE_SECONDS", 0.1)
    monkeypatch.setattr(send_lease, "RENEW_SECONDS", 0.0)
    monkeypatch.setattr(send_lease, "STOP_MARGIN_SECONDS", 0.1)
    broadcast_id = started(client, auth, world)
    lease = SendLease.acquire("acme", broadcast_id, "a..b", 0)
    assert lease is not None and lease.valid()
    assert broadcast_store.mark_paused("acme", broadcast_id) is not None
    try:
        assert not lease.valid()
        time.sleep(3 * send_lease.LEASE_SECONDS)
        assert send_leases.held(broadcast_id, now=time.time()) == 1
        with pytest.raises(ChunkBusy):
            _resumed_pass(broadcast_id)
    finally:
        lease.release()
    assert send_leases.held(broadcast_id, now=time.time()) == 0


def _resumed_pass(broadcast_id: str) -> Any:
    resumed = broadcast_store.mark_resumed("acme", broadcast_id, epoch=0)
    assert resumed is not None
    return SendLease.acquire("acme", broadcast_id, "a..b", resumed.run_epoch)
