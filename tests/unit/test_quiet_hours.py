"""Send windows as pure time arithmetic: local time per zone (zoneinfo), a country's zones from the
IANA table, across midnight, across DST changes, and in every zone of a country at once."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from chalicelib import errors
from chalicelib.services import quiet_hours, zones
from chalicelib.services.quiet_hours import Window, next_opening, open_everywhere, parse_window


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def window(start: str, end: str) -> Window:
    return quiet_hours._window({"start": start, "end": end})


def test_a_countrys_zones_come_from_the_iana_table() -> None:
    assert [z.key for z in zones.zones_of_country("IN")] == ["Asia/Kolkata"]
    us = {z.key for z in zones.zones_of_country("US")}
    assert {"America/New_York", "America/Chicago", "America/Los_Angeles", "Pacific/Honolulu"} <= us
    assert zones.country_of("+919876543210") == "IN" and zones.country_of("+4915112345678") == "DE"
    assert zones.zones_of("+999") == ()


def test_a_window_across_midnight_is_open_late_and_early_and_closed_by_day() -> None:
    india = zones.zones_of_country("IN")
    night = window("22:00", "06:00")
    assert open_everywhere(night, india, at("2026-06-01T17:00:00"))  # 22:30 IST
    assert open_everywhere(night, india, at("2026-06-01T23:00:00"))  # 04:30 IST the next day
    assert not open_everywhere(night, india, at("2026-06-02T00:30:00"))  # 06:00 IST: the end is excluded
    assert next_opening(night, india, at("2026-06-02T00:30:00")) == at("2026-06-02T16:30:00")


def test_the_opening_follows_the_dst_change() -> None:
    germany = zones.zones_of_country("DE")
    day = window("09:00", "17:00")
    assert next_opening(day, germany, at("2026-03-27T17:00:00")) == at("2026-03-28T08:00:00")  # CET
    assert next_opening(day, germany, at("2026-03-28T17:00:00")) == at("2026-03-29T07:00:00")  # CEST
    assert next_opening(day, germany, at("2026-10-24T16:00:00")) == at("2026-10-25T08:00:00")  # back to CET


def test_a_country_with_several_zones_opens_when_the_window_is_open_in_all_of_them() -> None:
    us = zones.zones_of_country("US")
    day = window("09:00", "17:00")
    assert next_opening(day, us, at("2026-06-15T14:00:00")) == at("2026-06-15T19:00:00")  # 09:00 in Honolulu
    assert open_everywhere(day, us, at("2026-06-15T20:59:00"))
    assert not open_everywhere(day, us, at("2026-06-15T21:00:00"))  # 17:00 in New York
    assert next_opening(window("09:00", "10:00"), us, at("2026-06-15T14:00:00")) is None


@pytest.mark.parametrize(("value", "field"), [
    ({"start": "9:00", "end": "17:00"}, "send_window.start"),
    ({"start": "09:00", "end": "17:60"}, "send_window.end"),
    ({"start": "09:00", "end": "09:00"}, "send_window.end"),
    ({"start": "09:00", "end": "17:00", "zone": "UTC"}, "send_window"),
    ("09:00-17:00", "send_window"),
])
def test_a_bad_window_names_its_field(value: object, field: str) -> None:
    with pytest.raises(errors.InvalidInput) as raised:
        parse_window(value)
    assert raised.value.field == field


def test_a_good_window_is_kept_as_given() -> None:
    assert parse_window({"start": "22:00", "end": "06:00"}) == {"start": "22:00", "end": "06:00"}
    assert parse_window(None) is None
