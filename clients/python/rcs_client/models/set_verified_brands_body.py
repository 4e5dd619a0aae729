from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

T = TypeVar("T", bound="SetVerifiedBrandsBody")


@_attrs_define
class SetVerifiedBrandsBody:
    """
    Attributes:
        brands (list[str]): Ids of the review's brand registry (chalicelib/services/review/data; `sbi`, `hdfc_bank`); an
            id it does not hold is a 400 naming it (`brands.1`).
    """

    brands: list[str]

    def to_dict(self) -> dict[str, Any]:
        brands = self.brands

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "brands": brands,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        brands = cast(list[str], d.pop("brands"))

        set_verified_brands_body = cls(
            brands=brands,
        )

        return set_verified_brands_body
