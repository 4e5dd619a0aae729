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

from ..models.error_code import ErrorCode
from ..types import UNSET, Unset

T = TypeVar("T", bound="Error")


@_attrs_define
class Error:
    """
    Attributes:
        success (Literal[False]):
        error (ErrorCode):
        message (str):
        field (str | Unset):
    """

    success: Literal[False]
    error: ErrorCode
    message: str
    field: str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        error = self.error.value

        message = self.message

        field = self.field

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "error": error,
                "message": message,
            }
        )
        if field is not UNSET:
            field_dict["field"] = field

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = cast(Literal[False], d.pop("success"))
        if success != False:
            raise ValueError(f"success must match const False, got '{success}'")

        error = ErrorCode(d.pop("error"))

        message = d.pop("message")

        field = d.pop("field", UNSET)

        error = cls(
            success=success,
            error=error,
            message=message,
            field=field,
        )

        return error
