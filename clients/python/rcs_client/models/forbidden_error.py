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

T = TypeVar("T", bound="ForbiddenError")


@_attrs_define
class ForbiddenError:
    """
    Attributes:
        success (Literal[False]):
        error (Literal['forbidden']):
        message (str):
    """

    success: Literal[False]
    error: Literal["forbidden"]
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

        error = cast(Literal["forbidden"], d.pop("error"))
        if error != "forbidden":
            raise ValueError(f"error must match const 'forbidden', got '{error}'")

        message = d.pop("message")

        forbidden_error = cls(
            success=success,
            error=error,
            message=message,
        )

        return forbidden_error
