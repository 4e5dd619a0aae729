from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.add_members_body_members_item_variables_type_0 import (
        AddMembersBodyMembersItemVariablesType0,
    )


T = TypeVar("T", bound="AddMembersBodyMembersItem")


@_attrs_define
class AddMembersBodyMembersItem:
    """
    Attributes:
        phone (str): E.164, or national with `default_region`. Not a valid number is a rejected row.
        variables (AddMembersBodyMembersItemVariablesType0 | None | Unset): Fills the template's {{n}} placeholders;
            keys "1".."99", at most 20, values strings of 1 to 500 characters. Anything else is a rejected row.
    """

    phone: str
    variables: AddMembersBodyMembersItemVariablesType0 | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.add_members_body_members_item_variables_type_0 import (
            AddMembersBodyMembersItemVariablesType0,
        )

        phone = self.phone

        variables: dict[str, Any] | None | Unset
        if isinstance(self.variables, Unset):
            variables = UNSET
        elif isinstance(self.variables, AddMembersBodyMembersItemVariablesType0):
            variables = self.variables.to_dict()
        else:
            variables = self.variables

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "phone": phone,
            }
        )
        if variables is not UNSET:
            field_dict["variables"] = variables

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.add_members_body_members_item_variables_type_0 import (
            AddMembersBodyMembersItemVariablesType0,
        )

        d = dict(src_dict)
        phone = d.pop("phone")

        def _parse_variables(data: object) -> AddMembersBodyMembersItemVariablesType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                variables_type_0 = AddMembersBodyMembersItemVariablesType0.from_dict(data)

                return variables_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AddMembersBodyMembersItemVariablesType0 | None | Unset, data)

        variables = _parse_variables(d.pop("variables", UNSET))

        add_members_body_members_item = cls(
            phone=phone,
            variables=variables,
        )

        return add_members_body_members_item
