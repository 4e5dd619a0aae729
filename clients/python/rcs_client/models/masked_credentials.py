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

from ..models.masked_credentials_provider import MaskedCredentialsProvider
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.masked_credentials_service_account import (
        MaskedCredentialsServiceAccount,
    )


T = TypeVar("T", bound="MaskedCredentials")


@_attrs_define
class MaskedCredentials:
    """
    Attributes:
        success (Literal[True]):
        provider (MaskedCredentialsProvider):
        configured (bool):
        agent_id (str | Unset):
        endpoint (str | Unset):
        webhook_client_token (Literal['****'] | Unset):
        updated_at (str | Unset): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
        service_account (MaskedCredentialsServiceAccount | Unset):
        latency_ms (int | Unset):
        failure_rate (float | Unset):
        not_capable_rate (float | Unset):
        delivery_rate (float | Unset):
        read_rate (float | Unset):
        delivery_delay_ms (int | Unset):
        read_delay_ms (int | Unset):
        throttle_rate (float | Unset):
        reply_rate (float | Unset):
        stop_rate (float | Unset):
        click_rate (float | Unset):
        reply_delay_ms (int | Unset):
    """

    success: Literal[True]
    provider: MaskedCredentialsProvider
    configured: bool
    agent_id: str | Unset = UNSET
    endpoint: str | Unset = UNSET
    webhook_client_token: Literal["****"] | Unset = UNSET
    updated_at: str | Unset = UNSET
    service_account: MaskedCredentialsServiceAccount | Unset = UNSET
    latency_ms: int | Unset = UNSET
    failure_rate: float | Unset = UNSET
    not_capable_rate: float | Unset = UNSET
    delivery_rate: float | Unset = UNSET
    read_rate: float | Unset = UNSET
    delivery_delay_ms: int | Unset = UNSET
    read_delay_ms: int | Unset = UNSET
    throttle_rate: float | Unset = UNSET
    reply_rate: float | Unset = UNSET
    stop_rate: float | Unset = UNSET
    click_rate: float | Unset = UNSET
    reply_delay_ms: int | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        provider = self.provider.value

        configured = self.configured

        agent_id = self.agent_id

        endpoint = self.endpoint

        webhook_client_token = self.webhook_client_token

        updated_at = self.updated_at

        service_account: dict[str, Any] | Unset = UNSET
        if not isinstance(self.service_account, Unset):
            service_account = self.service_account.to_dict()

        latency_ms = self.latency_ms

        failure_rate = self.failure_rate

        not_capable_rate = self.not_capable_rate

        delivery_rate = self.delivery_rate

        read_rate = self.read_rate

        delivery_delay_ms = self.delivery_delay_ms

        read_delay_ms = self.read_delay_ms

        throttle_rate = self.throttle_rate

        reply_rate = self.reply_rate

        stop_rate = self.stop_rate

        click_rate = self.click_rate

        reply_delay_ms = self.reply_delay_ms

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "provider": provider,
                "configured": configured,
            }
        )
        if agent_id is not UNSET:
            field_dict["agent_id"] = agent_id
        if endpoint is not UNSET:
            field_dict["endpoint"] = endpoint
        if webhook_client_token is not UNSET:
            field_dict["webhook_client_token"] = webhook_client_token
        if updated_at is not UNSET:
            field_dict["updated_at"] = updated_at
        if service_account is not UNSET:
            field_dict["service_account"] = service_account
        if latency_ms is not UNSET:
            field_dict["latency_ms"] = latency_ms
        if failure_rate is not UNSET:
            field_dict["failure_rate"] = failure_rate
        if not_capable_rate is not UNSET:
            field_dict["not_capable_rate"] = not_capable_rate
        if delivery_rate is not UNSET:
            field_dict["delivery_rate"] = delivery_rate
        if read_rate is not UNSET:
            field_dict["read_rate"] = read_rate
        if delivery_delay_ms is not UNSET:
            field_dict["delivery_delay_ms"] = delivery_delay_ms
        if read_delay_ms is not UNSET:
            field_dict["read_delay_ms"] = read_delay_ms
        if throttle_rate is not UNSET:
            field_dict["throttle_rate"] = throttle_rate
        if reply_rate is not UNSET:
            field_dict["reply_rate"] = reply_rate
        if stop_rate is not UNSET:
            field_dict["stop_rate"] = stop_rate
        if click_rate is not UNSET:
            field_dict["click_rate"] = click_rate
        if reply_delay_ms is not UNSET:
            field_dict["reply_delay_ms"] = reply_delay_ms

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.masked_credentials_service_account import (
            MaskedCredentialsServiceAccount,
        )

        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        provider = MaskedCredentialsProvider(d.pop("provider"))

        configured = d.pop("configured")

        agent_id = d.pop("agent_id", UNSET)

        endpoint = d.pop("endpoint", UNSET)

        webhook_client_token = cast(Literal["****"] | Unset, d.pop("webhook_client_token", UNSET))
        if webhook_client_token != "****" and not isinstance(webhook_client_token, Unset):
            raise ValueError(f"webhook_client_token must match const '****', got '{webhook_client_token}'")

        updated_at = d.pop("updated_at", UNSET)

        _service_account = d.pop("service_account", UNSET)
        service_account: MaskedCredentialsServiceAccount | Unset
        if isinstance(_service_account, Unset):
            service_account = UNSET
        else:
            service_account = MaskedCredentialsServiceAccount.from_dict(_service_account)

        latency_ms = d.pop("latency_ms", UNSET)

        failure_rate = d.pop("failure_rate", UNSET)

        not_capable_rate = d.pop("not_capable_rate", UNSET)

        delivery_rate = d.pop("delivery_rate", UNSET)

        read_rate = d.pop("read_rate", UNSET)

        delivery_delay_ms = d.pop("delivery_delay_ms", UNSET)

        read_delay_ms = d.pop("read_delay_ms", UNSET)

        throttle_rate = d.pop("throttle_rate", UNSET)

        reply_rate = d.pop("reply_rate", UNSET)

        stop_rate = d.pop("stop_rate", UNSET)

        click_rate = d.pop("click_rate", UNSET)

        reply_delay_ms = d.pop("reply_delay_ms", UNSET)

        masked_credentials = cls(
            success=success,
            provider=provider,
            configured=configured,
            agent_id=agent_id,
            endpoint=endpoint,
            webhook_client_token=webhook_client_token,
            updated_at=updated_at,
            service_account=service_account,
            latency_ms=latency_ms,
            failure_rate=failure_rate,
            not_capable_rate=not_capable_rate,
            delivery_rate=delivery_rate,
            read_rate=read_rate,
            delivery_delay_ms=delivery_delay_ms,
            read_delay_ms=read_delay_ms,
            throttle_rate=throttle_rate,
            reply_rate=reply_rate,
            stop_rate=stop_rate,
            click_rate=click_rate,
            reply_delay_ms=reply_delay_ms,
        )

        return masked_credentials
