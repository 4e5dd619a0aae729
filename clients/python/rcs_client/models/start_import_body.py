from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.region import Region
from ..types import UNSET, Unset

T = TypeVar("T", bound="StartImportBody")


@_attrs_define
class StartImportBody:
    """
    Attributes:
        default_region (None | Region | Unset):
    """

    default_region: None | Region | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        default_region: None | str | Unset
        if isinstance(self.default_region, Unset):
            default_region = UNSET
        elif isinstance(self.default_region, Region):
            default_region = self.default_region.value
        else:
            default_region = self.default_region

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if default_region is not UNSET:
            field_dict["default_region"] = default_region

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)

        def _parse_default_region(data: object) -> None | Region | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                componentsschemas_nullable_region_type_0 = Region(data)

                return componentsschemas_nullable_region_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Region | Unset, data)

        default_region = _parse_default_region(d.pop("default_region", UNSET))

        start_import_body = cls(
            default_region=default_region,
        )

        return start_import_body
