"""The local stack (`make run`) runs the dead-letter consumers and the reconciler: the pump polls
every dead-letter queue into its consumer and its ticker calls the reconciler's schedule."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from chalicelib.messaging import QUEUE_SPECS
from chalicelib.services import reconciler
from infra.local.pump import LocalEventSources


def test_the_local_pump_polls_every_dead_letter_queue_and_ticks_the_reconciler(
        aws: None, chalice_app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    ticked = threading.Event()
    monkeypatch.setattr(reconciler, "reconcile", lambda *args, **kwargs: ticked.set())
    monkeypatch.setattr("chalicelib.services.runner.fire_due_schedules", lambda: 0)
    sources = LocalEventSources(chalice_app, region="us-east-1", s3_events_queue="rcs-test-s3-events",
                                tick_seconds=0.05, threads_per_queue=1)
    sources.start()
    try:
        assert ticked.wait(10), "the ticker never called the reconciler"
        pollers = {thread.name.partition("#")[0] for thread in sources.threads}
    finally:
        sources.close()
    assert {f"{key}_dead_letters" for key in QUEUE_SPECS} <= pollers
