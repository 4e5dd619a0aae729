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

T = TypeVar("T", bound="MaskedCredentialsServiceAccount")


@_attrs_define
class MaskedCredentialsServiceAccount:
    """
    Attributes:
        type_ (str):
        project_id (str):
        client_email (str):
        private_key_id (Literal['****']):
        private_key (Literal['****']):
    """

    type_: str
    project_id: str
    client_email: str
    private_key_id: Literal["****"]
    private_key: Literal["****"]

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        project_id = self.project_id

        client_email = self.client_email

        private_key_id = self.private_key_id

        private_key = self.private_key

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "type": type_,
                "project_id": project_id,
                "client_email": client_email,
                "private_key_id": private_key_id,
                "private_key": private_key,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = d.pop("type")

        project_id = d.pop("project_id")

        client_email = d.pop("client_email")

        private_key_id = cast(Literal["****"], d.pop("private_key_id"))
        if private_key_id != "****":
            raise ValueError(f"private_key_id must match const '****', got '{private_key_id}'")

        private_key = cast(Literal["****"], d.pop("private_key"))
        if private_key != "****":
            raise ValueError(f"private_key must match const '****', got '{private_key}'")

        masked_credentials_service_account = cls(
            type_=type_,
            project_id=project_id,
            client_email=client_email,
            private_key_id=private_key_id,
            private_key=private_key,
        )

        return masked_credentials_service_account
