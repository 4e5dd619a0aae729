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

from ..models.import_status import ImportStatus

if TYPE_CHECKING:
    from ..models.get_import_response_200_rejected_rows_item import (
        GetImportResponse200RejectedRowsItem,
    )


T = TypeVar("T", bound="GetImportResponse200")


@_attrs_define
class GetImportResponse200:
    """
    Attributes:
        success (Literal[True]):
        import_id (str): Opaque.
        list_id (str): Opaque.
        status (ImportStatus):
        rows_read (int):
        added (int):
        updated (int):
        rejected (int):
        opted_out (int):
        rejected_rows (list[GetImportResponse200RejectedRowsItem]): The first rejected rows (`row` counts the header as
            row 1).
        bytes_read (int):
        bytes_total (int):
        failure_reason (str):
        created_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
        started_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
        completed_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
    """

    success: Literal[True]
    import_id: str
    list_id: str
    status: ImportStatus
    rows_read: int
    added: int
    updated: int
    rejected: int
    opted_out: int
    rejected_rows: list[GetImportResponse200RejectedRowsItem]
    bytes_read: int
    bytes_total: int
    failure_reason: str
    created_at: str
    started_at: str
    completed_at: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        import_id = self.import_id

        list_id = self.list_id

        status = self.status.value

        rows_read = self.rows_read

        added = self.added

        updated = self.updated

        rejected = self.rejected

        opted_out = self.opted_out

        rejected_rows = []
        for rejected_rows_item_data in self.rejected_rows:
            rejected_rows_item = rejected_rows_item_data.to_dict()
            rejected_rows.append(rejected_rows_item)

        bytes_read = self.bytes_read

        bytes_total = self.bytes_total

        failure_reason = self.failure_reason

        created_at = self.created_at

        started_at = self.started_at

        completed_at = self.completed_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "import_id": import_id,
                "list_id": list_id,
                "status": status,
                "rows_read": rows_read,
                "added": added,
                "updated": updated,
                "rejected": rejected,
                "opted_out": opted_out,
                "rejected_rows": rejected_rows,
                "bytes_read": bytes_read,
                "bytes_total": bytes_total,
                "failure_reason": failure_reason,
                "created_at": created_at,
                "started_at": started_at,
                "completed_at": completed_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.get_import_response_200_rejected_rows_item import (
            GetImportResponse200RejectedRowsItem,
        )

        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        import_id = d.pop("import_id")

        list_id = d.pop("list_id")

        status = ImportStatus(d.pop("status"))

        rows_read = d.pop("rows_read")

        added = d.pop("added")

        updated = d.pop("updated")

        rejected = d.pop("rejected")

        opted_out = d.pop("opted_out")

        rejected_rows = []
        _rejected_rows = d.pop("rejected_rows")
        for rejected_rows_item_data in _rejected_rows:
            rejected_rows_item = GetImportResponse200RejectedRowsItem.from_dict(rejected_rows_item_data)

            rejected_rows.append(rejected_rows_item)

        bytes_read = d.pop("bytes_read")

        bytes_total = d.pop("bytes_total")

        failure_reason = d.pop("failure_reason")

        created_at = d.pop("created_at")

        started_at = d.pop("started_at")

        completed_at = d.pop("completed_at")

        get_import_response_200 = cls(
            success=success,
            import_id=import_id,
            list_id=list_id,
            status=status,
            rows_read=rows_read,
            added=added,
            updated=updated,
            rejected=rejected,
            opted_out=opted_out,
            rejected_rows=rejected_rows,
            bytes_read=bytes_read,
            bytes_total=bytes_total,
            failure_reason=failure_reason,
            created_at=created_at,
            started_at=started_at,
            completed_at=completed_at,
        )

        return get_import_response_200
