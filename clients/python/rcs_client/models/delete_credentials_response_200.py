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

T = TypeVar("T", bound="DeleteCredentialsResponse200")


@_attrs_define
class DeleteCredentialsResponse200:
    """
    Attributes:
        success (Literal[True]):
        configured (Literal[False]):
    """

    success: Literal[True]
    configured: Literal[False]

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        configured = self.configured

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "configured": configured,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        configured = cast(Literal[False], d.pop("configured"))
        if configured != False:
            raise ValueError(f"configured must match const False, got '{configured}'")

        delete_credentials_response_200 = cls(
            success=success,
            configured=configured,
        )

        return delete_credentials_response_200
