"""Send windows (docs/spec/campaigns.md, `send_window`; docs/campaign-controls.md): which queued
targets may be sent now, and when the others' windows open.

A window is local time in the recipient's country. A country with several zones (the United States,
Russia, Brazil...) is sent to only when the window is open in every one of its zones, so no recipient
there gets the message outside the window, whatever zone the number is in."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from chalicelib import errors
from chalicelib.clock import utcnow
from chalicelib.services import zones
from chalicelib.settings import get_settings
from chalicelib.store.broadcasts import Broadcast
from chalicelib.store.targets import Target

_HH_MM = re.compile(r"^([01][0-9]|2[0-3]):([0-5][0-9])$")
SEARCH_DAYS = 8  # a window that is never open in every zone of a country within this is hopeless
NEVER_OPEN = "outside_send_window"


def now() -> datetime:
    """The clock the runner's windows read (tests set it)."""
    return utcnow()


@dataclass(frozen=True)
class Window:
    start: time
    end: time

    def is_open(self, local: time) -> bool:
        if self.start < self.end:
            return self.start <= local < self.end
        return local >= self.start or local < self.end  # across midnight


def parse_window(value: object, field_name: str = "send_window") -> dict[str, str] | None:
    """A send window as stored ({"start": "HH:MM", "end": "HH:MM"}), None for none; 400 naming the
    field otherwise."""
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"start", "end"}:
        raise errors.InvalidInput(field_name, f'{field_name} must be {{"start": "HH:MM", "end": "HH:MM"}} or null')
    for part in ("start", "end"):
        if not isinstance(value[part], str) or not _HH_MM.match(value[part]):
            raise errors.InvalidInput(f"{field_name}.{part}",
                                      f"{field_name}.{part} must be a time HH:MM (00:00 to 23:59)")
    if value["start"] == value["end"]:
        raise errors.InvalidInput(f"{field_name}.end", f"{field_name}.end must differ from start")
    return {"start": value["start"], "end": value["end"]}


def _window(stored: dict[str, str]) -> Window:
    return Window(time.fromisoformat(stored["start"]), time.fromisoformat(stored["end"]))


def india_promotional() -> dict[str, str]:
    start, _, end = get_settings().india_promotional_window.partition("-")
    return {"start": start, "end": end}


def window_for(broadcast: Broadcast, country: str | None) -> Window | None:
    """The broadcast's window; without one, India's promotional traffic keeps to its default hours."""
    if broadcast.send_window:
        return _window(broadcast.send_window)
    category = (broadcast.content or {}).get("category")
    if category == "promotional" and country == "IN":
        return _window(india_promotional())
    return None


def open_everywhere(window: Window, tzs: Sequence[ZoneInfo], moment: datetime) -> bool:
    return all(window.is_open(moment.astimezone(tz).time()) for tz in tzs)


def next_opening(window: Window, tzs: Sequence[ZoneInfo], moment: datetime) -> datetime | None:
    """The first instant at or after `moment` when the window is open in every zone (it can only
    begin when one zone's window begins), or None within SEARCH_DAYS."""
    if open_everywhere(window, tzs, moment):
        return moment
    candidates: set[datetime] = set()
    for tz in tzs:
        local_day = moment.astimezone(tz).date()
        for offset in range(-1, SEARCH_DAYS + 1):
            day = local_day + timedelta(days=offset)
            local = datetime.combine(day, window.start, tzinfo=tz)
            candidates.add(local.astimezone(moment.tzinfo))
    for candidate in sorted(c for c in candidates if c > moment):
        if open_everywhere(window, tzs, candidate):
            return candidate
    return None


@dataclass
class Plan:
    due: list[Target] = field(default_factory=list)
    waiting: list[Target] = field(default_factory=list)
    unsendable: list[tuple[Target, str]] = field(default_factory=list)
    next_opening: datetime | None = None


def plan(broadcast: Broadcast, queued: list[Target], *, now: datetime) -> Plan:
    """Split `queued` into the targets whose window is open now, those that wait (with the earliest
    opening among them) and those whose window never opens in every zone of their country."""
    result = Plan()
    if not broadcast.send_window and (broadcast.content or {}).get("category") != "promotional":
        result.due = list(queued)  # no window can apply: no number needs reading
        return result
    for target in queued:
        country = zones.country_of(target.phone)
        window = window_for(broadcast, country)
        tzs = zones.zones_of_country(country) if country else ()
        if window is None or not tzs or open_everywhere(window, tzs, now):
            result.due.append(target)
            continue
        opening = next_opening(window, tzs, now)
        if opening is None:
            result.unsendable.append((target, NEVER_OPEN))
            continue
        result.waiting.append(target)
        if result.next_opening is None or opening < result.next_opening:
            result.next_opening = opening
    return result
