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

T = TypeVar("T", bound="GetVerifiedBrandsResponse200")


@_attrs_define
class GetVerifiedBrandsResponse200:
    """
    Attributes:
        success (Literal[True]):
        account_id (str):
        verified_brands (list[str]):
    """

    success: Literal[True]
    account_id: str
    verified_brands: list[str]

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        account_id = self.account_id

        verified_brands = self.verified_brands

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "account_id": account_id,
                "verified_brands": verified_brands,
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

        verified_brands = cast(list[str], d.pop("verified_brands"))

        get_verified_brands_response_200 = cls(
            success=success,
            account_id=account_id,
            verified_brands=verified_brands,
        )

        return get_verified_brands_response_200
