from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="SetSendRateBody")


@_attrs_define
class SetSendRateBody:
    """
    Attributes:
        send_rate_per_second (int | None):
    """

    send_rate_per_second: int | None

    def to_dict(self) -> dict[str, Any]:
        send_rate_per_second: int | None
        send_rate_per_second = self.send_rate_per_second

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "send_rate_per_second": send_rate_per_second,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_send_rate_per_second(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        send_rate_per_second = _parse_send_rate_per_second(d.pop("send_rate_per_second"))

        set_send_rate_body = cls(
            send_rate_per_second=send_rate_per_second,
        )

        return set_send_rate_body
