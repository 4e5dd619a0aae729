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

from ..models.import_status import ImportStatus

T = TypeVar("T", bound="StartImportResponse201")


@_attrs_define
class StartImportResponse201:
    """
    Attributes:
        success (Literal[True]):
        import_id (str): Opaque.
        upload_url (str):
        upload_method (Literal['PUT']):
        upload_expires_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
        status (ImportStatus):
    """

    success: Literal[True]
    import_id: str
    upload_url: str
    upload_method: Literal["PUT"]
    upload_expires_at: str
    status: ImportStatus

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        import_id = self.import_id

        upload_url = self.upload_url

        upload_method = self.upload_method

        upload_expires_at = self.upload_expires_at

        status = self.status.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "import_id": import_id,
                "upload_url": upload_url,
                "upload_method": upload_method,
                "upload_expires_at": upload_expires_at,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        import_id = d.pop("import_id")

        upload_url = d.pop("upload_url")

        upload_method = cast(Literal["PUT"], d.pop("upload_method"))
        if upload_method != "PUT":
            raise ValueError(f"upload_method must match const 'PUT', got '{upload_method}'")

        upload_expires_at = d.pop("upload_expires_at")

        status = ImportStatus(d.pop("status"))

        start_import_response_201 = cls(
            success=success,
            import_id=import_id,
            upload_url=upload_url,
            upload_method=upload_method,
            upload_expires_at=upload_expires_at,
            status=status,
        )

        return start_import_response_201
