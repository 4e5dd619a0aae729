from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    Self,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define

if TYPE_CHECKING:
    from ..models.contact_list import ContactList


T = TypeVar("T", bound="CreateListResponse201")


@_attrs_define
class CreateListResponse201:
    """
    Attributes:
        success (Literal[True]):
        list_id (str): Opaque.
        list_ (ContactList):
    """

    success: Literal[True]
    list_id: str
    list_: ContactList

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        list_id = self.list_id

        list_ = self.list_.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "list_id": list_id,
                "list": list_,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.contact_list import ContactList

        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        list_id = d.pop("list_id")

        list_ = ContactList.from_dict(d.pop("list"))

        create_list_response_201 = cls(
            success=success,
            list_id=list_id,
            list_=list_,
        )

        return create_list_response_201
