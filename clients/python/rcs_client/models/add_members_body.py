from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.region import Region
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.add_members_body_members_item import AddMembersBodyMembersItem


T = TypeVar("T", bound="AddMembersBody")


@_attrs_define
class AddMembersBody:
    """
    Attributes:
        members (list[AddMembersBodyMembersItem]):
        default_region (None | Region | Unset):
    """

    members: list[AddMembersBodyMembersItem]
    default_region: None | Region | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        members = []
        for members_item_data in self.members:
            members_item = members_item_data.to_dict()
            members.append(members_item)

        default_region: None | str | Unset
        if isinstance(self.default_region, Unset):
            default_region = UNSET
        elif isinstance(self.default_region, Region):
            default_region = self.default_region.value
        else:
            default_region = self.default_region

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "members": members,
            }
        )
        if default_region is not UNSET:
            field_dict["default_region"] = default_region

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.add_members_body_members_item import AddMembersBodyMembersItem

        d = dict(src_dict)
        members = []
        _members = d.pop("members")
        for members_item_data in _members:
            members_item = AddMembersBodyMembersItem.from_dict(members_item_data)

            members.append(members_item)

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

        add_members_body = cls(
            members=members,
            default_region=default_region,
        )

        return add_members_body
