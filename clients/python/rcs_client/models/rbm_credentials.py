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

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.service_account_key import ServiceAccountKey


T = TypeVar("T", bound="RbmCredentials")


@_attrs_define
class RbmCredentials:
    """
    Attributes:
        provider (Literal['rbm']):
        agent_id (str): Not starting with `sim-` (reserved for the simulator's agents); one account per agent (else
            409).
        service_account (ServiceAccountKey): The Google service-account JSON key, as downloaded (other string fields of
            the key, up to 16 of at most 2,048 characters, are kept).
        webhook_client_token (str): The HMAC key of every receipt, so at least 32 printable ASCII characters without
            spaces.
        endpoint (None | str | Unset): https://[region-]rcsbusinessmessaging.googleapis.com (no path, port or user);
            omitted or null, the global endpoint.
    """

    provider: Literal["rbm"]
    agent_id: str
    service_account: ServiceAccountKey
    webhook_client_token: str
    endpoint: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        provider = self.provider

        agent_id = self.agent_id

        service_account = self.service_account.to_dict()

        webhook_client_token = self.webhook_client_token

        endpoint: None | str | Unset
        if isinstance(self.endpoint, Unset):
            endpoint = UNSET
        else:
            endpoint = self.endpoint

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "provider": provider,
                "agent_id": agent_id,
                "service_account": service_account,
                "webhook_client_token": webhook_client_token,
            }
        )
        if endpoint is not UNSET:
            field_dict["endpoint"] = endpoint

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.service_account_key import ServiceAccountKey

        d = dict(src_dict)
        provider = cast(Literal["rbm"], d.pop("provider"))
        if provider != "rbm":
            raise ValueError(f"provider must match const 'rbm', got '{provider}'")

        agent_id = d.pop("agent_id")

        service_account = ServiceAccountKey.from_dict(d.pop("service_account"))

        webhook_client_token = d.pop("webhook_client_token")

        def _parse_endpoint(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        endpoint = _parse_endpoint(d.pop("endpoint", UNSET))

        rbm_credentials = cls(
            provider=provider,
            agent_id=agent_id,
            service_account=service_account,
            webhook_client_token=webhook_client_token,
            endpoint=endpoint,
        )

        return rbm_credentials
