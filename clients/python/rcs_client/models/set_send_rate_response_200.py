from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

T = TypeVar("T", bound="SetSendRateResponse200")


@_attrs_define
class SetSendRateResponse200:
    """
    Attributes:
        success (Literal[True]):
        account_id (str):
        send_rate_per_second (int):
        custom (bool):
    """

    success: Literal[True]
    account_id: str
    send_rate_per_second: int
    custom: bool

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        account_id = self.account_id

        send_rate_per_second = self.send_rate_per_second

        custom = self.custom

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "account_id": account_id,
                "send_rate_per_second": send_rate_per_second,
                "custom": custom,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        account_id = d.pop("account_id")

        send_rate_per_second = d.pop("send_rate_per_second")

        custom = d.pop("custom")

        set_send_rate_response_200 = cls(
            success=success,
            account_id=account_id,
            send_rate_per_second=send_rate_per_second,
            custom=custom,
        )

        return set_send_rate_response_200
