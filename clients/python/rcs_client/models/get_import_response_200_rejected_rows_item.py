from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

T = TypeVar("T", bound="GetImportResponse200RejectedRowsItem")


@_attrs_define
class GetImportResponse200RejectedRowsItem:
    """
    Attributes:
        row (int):
        phone (str):
        reason (str):
    """

    row: int
    phone: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        row = self.row

        phone = self.phone

        reason = self.reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "row": row,
                "phone": phone,
                "reason": reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        row = d.pop("row")

        phone = d.pop("phone")

        reason = d.pop("reason")

        get_import_response_200_rejected_rows_item = cls(
            row=row,
            phone=phone,
            reason=reason,
        )

        return get_import_response_200_rejected_rows_item
