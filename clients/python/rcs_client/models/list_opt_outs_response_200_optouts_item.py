from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.list_opt_outs_response_200_optouts_item_source import (
    ListOptOutsResponse200OptoutsItemSource,
)

T = TypeVar("T", bound="ListOptOutsResponse200OptoutsItem")


@_attrs_define
class ListOptOutsResponse200OptoutsItem:
    """
    Attributes:
        phone (str):
        source (ListOptOutsResponse200OptoutsItemSource): inbound - the recipient wrote a stop keyword; import - a CSV
            import's opt_out column.
        created_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
    """

    phone: str
    source: ListOptOutsResponse200OptoutsItemSource
    created_at: str

    def to_dict(self) -> dict[str, Any]:
        phone = self.phone

        source = self.source.value

        created_at = self.created_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "phone": phone,
                "source": source,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        phone = d.pop("phone")

        source = ListOptOutsResponse200OptoutsItemSource(d.pop("source"))

        created_at = d.pop("created_at")

        list_opt_outs_response_200_optouts_item = cls(
            phone=phone,
            source=source,
            created_at=created_at,
        )

        return list_opt_outs_response_200_optouts_item
