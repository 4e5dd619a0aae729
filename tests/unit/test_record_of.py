"""The store maps a model item to its area's record field by field (chalicelib/store/base.record_of)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from pynamodb.attributes import BooleanAttribute, MapAttribute, NumberAttribute, UnicodeAttribute
from pynamodb.models import Model

from chalicelib.store.base import record_of


class ThingModel(Model):
    class Meta:
        table_name = "things"
        region = "us-east-1"

    thing_id = UnicodeAttribute(hash_key=True)
    count = NumberAttribute(null=True)
    price = NumberAttribute(null=True)
    share = NumberAttribute(null=True)
    done = BooleanAttribute(null=True)
    checked = BooleanAttribute(null=True)
    label = UnicodeAttribute(null=True)
    note = UnicodeAttribute(null=True)
    window = MapAttribute(null=True)  # type: ignore[var-annotated]


@dataclass(frozen=True)
class Thing:
    thing_id: str
    count: int
    price: int | None
    share: float | None
    done: bool
    label: str
    checked: bool = True
    note: str = "none"
    window: dict[str, str] | None = None
    tags: list[str] = field(default_factory=list)
    shown: str = ""


def test_numbers_come_back_as_the_records_types_and_maps_as_plain_dicts() -> None:
    item = ThingModel("t1", count=Decimal("3"), price=12.0, share=Decimal("0.25"), done=True, checked=False,
                      label="a", window={"start": "09:00"})
    thing = record_of(item, Thing, shown="given")
    assert thing == Thing("t1", 3, 12, 0.25, True, "a", checked=False, note="none", window={"start": "09:00"},
                          tags=[], shown="given")
    assert type(thing.count) is int and type(thing.price) is int and type(thing.share) is float


def test_a_missing_value_takes_the_fields_default_else_none_where_allowed_else_the_empty_value() -> None:
    thing = record_of(ThingModel("t2"), Thing)
    assert (thing.count, thing.price, thing.share, thing.done, thing.label) == (0, None, None, False, "")
    assert (thing.checked, thing.note, thing.window, thing.tags) == (True, "none", None, [])
