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

T = TypeVar("T", bound="GetHealthResponse200")


@_attrs_define
class GetHealthResponse200:
    """
    Attributes:
        success (Literal[True]):
        stage (str):
    """

    success: Literal[True]
    stage: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        stage = self.stage

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "stage": stage,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        stage = d.pop("stage")

        get_health_response_200 = cls(
            success=success,
            stage=stage,
        )

        return get_health_response_200
