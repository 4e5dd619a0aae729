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

T = TypeVar("T", bound="ValidationError")


@_attrs_define
class ValidationError:
    """
    Attributes:
        success (Literal[False]):
        error (Literal['validation_error']):
        message (str):
        field (str): The field at fault (`components.cards.2.title`, `limit`, `body`).
    """

    success: Literal[False]
    error: Literal["validation_error"]
    message: str
    field: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        error = self.error

        message = self.message

        field = self.field

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "error": error,
                "message": message,
                "field": field,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = cast(Literal[False], d.pop("success"))
        if success != False:
            raise ValueError(f"success must match const False, got '{success}'")

        error = cast(Literal["validation_error"], d.pop("error"))
        if error != "validation_error":
            raise ValueError(f"error must match const 'validation_error', got '{error}'")

        message = d.pop("message")

        field = d.pop("field")

        validation_error = cls(
            success=success,
            error=error,
            message=message,
            field=field,
        )

        return validation_error
