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
from attrs import field as _attrs_field

from ..models.service_account_key_token_uri import ServiceAccountKeyTokenUri
from ..types import UNSET, Unset

T = TypeVar("T", bound="ServiceAccountKey")


@_attrs_define
class ServiceAccountKey:
    """The Google service-account JSON key, as downloaded (other string fields of the key, up to 16 of at most 2,048
    characters, are kept).

        Attributes:
            type_ (Literal['service_account']):
            client_email (str):
            private_key (str): An unencrypted RSA private key in PEM (-----BEGIN PRIVATE KEY----- or -----BEGIN RSA PRIVATE
                KEY-----); one that does not load is a 400.
            token_uri (ServiceAccountKeyTokenUri):
            private_key_id (None | str | Unset):
            project_id (None | str | Unset):
            client_id (None | str | Unset):
    """

    type_: Literal["service_account"]
    client_email: str
    private_key: str
    token_uri: ServiceAccountKeyTokenUri
    private_key_id: None | str | Unset = UNSET
    project_id: None | str | Unset = UNSET
    client_id: None | str | Unset = UNSET
    additional_properties: dict[str, str] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        type_ = self.type_

        client_email = self.client_email

        private_key = self.private_key

        token_uri = self.token_uri.value

        private_key_id: None | str | Unset
        if isinstance(self.private_key_id, Unset):
            private_key_id = UNSET
        else:
            private_key_id = self.private_key_id

        project_id: None | str | Unset
        if isinstance(self.project_id, Unset):
            project_id = UNSET
        else:
            project_id = self.project_id

        client_id: None | str | Unset
        if isinstance(self.client_id, Unset):
            client_id = UNSET
        else:
            client_id = self.client_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "type": type_,
                "client_email": client_email,
                "private_key": private_key,
                "token_uri": token_uri,
            }
        )
        if private_key_id is not UNSET:
            field_dict["private_key_id"] = private_key_id
        if project_id is not UNSET:
            field_dict["project_id"] = project_id
        if client_id is not UNSET:
            field_dict["client_id"] = client_id

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        type_ = cast(Literal["service_account"], d.pop("type"))
        if type_ != "service_account":
            raise ValueError(f"type must match const 'service_account', got '{type_}'")

        client_email = d.pop("client_email")

        private_key = d.pop("private_key")

        token_uri = ServiceAccountKeyTokenUri(d.pop("token_uri"))

        def _parse_private_key_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        private_key_id = _parse_private_key_id(d.pop("private_key_id", UNSET))

        def _parse_project_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        project_id = _parse_project_id(d.pop("project_id", UNSET))

        def _parse_client_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        client_id = _parse_client_id(d.pop("client_id", UNSET))

        service_account_key = cls(
            type_=type_,
            client_email=client_email,
            private_key=private_key,
            token_uri=token_uri,
            private_key_id=private_key_id,
            project_id=project_id,
            client_id=client_id,
        )

        service_account_key.additional_properties = d
        return service_account_key

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> str:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: str) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
