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

from ..types import UNSET, Unset

T = TypeVar("T", bound="SimulatorCredentials")


@_attrs_define
class SimulatorCredentials:
    """
    Attributes:
        provider (Literal['simulator']):
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

    provider: Literal["simulator"]
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
        provider = self.provider

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
                "provider": provider,
            }
        )
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
        d = dict(src_dict)
        provider = cast(Literal["simulator"], d.pop("provider"))
        if provider != "simulator":
            raise ValueError(f"provider must match const 'simulator', got '{provider}'")

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

        simulator_credentials = cls(
            provider=provider,
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

        return simulator_credentials
