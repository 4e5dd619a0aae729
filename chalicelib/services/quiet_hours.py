"""Send windows (docs/spec/campaigns.md, `send_window`): which queued targets may be sent now."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from chalicelib.clock import utcnow
from chalicelib.store.broadcasts import Broadcast, Target


def now() -> datetime:
    """The clock the runner's windows read (tests set it)."""
    return utcnow()


@dataclass
class Plan:
    due: list[Target] = field(default_factory=list)
    waiting: list[Target] = field(default_factory=list)
    unsendable: list[tuple[Target, str]] = field(default_factory=list)
    next_opening: datetime | None = None


def plan(broadcast: Broadcast, queued: list[Target], *, now: datetime) -> Plan:
    return Plan(due=list(queued))
