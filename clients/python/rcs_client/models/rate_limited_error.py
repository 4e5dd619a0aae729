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

T = TypeVar("T", bound="RateLimitedError")


@_attrs_define
class RateLimitedError:
    """
    Attributes:
        success (Literal[False]):
        error (Literal['rate_limited']):
        message (str):
    """

    success: Literal[False]
    error: Literal["rate_limited"]
    message: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        error = self.error

        message = self.message

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "error": error,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = cast(Literal[False], d.pop("success"))
        if success != False:
            raise ValueError(f"success must match const False, got '{success}'")

        error = cast(Literal["rate_limited"], d.pop("error"))
        if error != "rate_limited":
            raise ValueError(f"error must match const 'rate_limited', got '{error}'")

        message = d.pop("message")

        rate_limited_error = cls(
            success=success,
            error=error,
            message=message,
        )

        return rate_limited_error
