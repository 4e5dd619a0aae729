from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.rbm_webhook_event_message import RbmWebhookEventMessage


T = TypeVar("T", bound="RbmWebhookEvent")


@_attrs_define
class RbmWebhookEvent:
    """
    Attributes:
        message (RbmWebhookEventMessage):
        subscription (str | Unset):
    """

    message: RbmWebhookEventMessage
    subscription: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        message = self.message.to_dict()

        subscription = self.subscription

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "message": message,
            }
        )
        if subscription is not UNSET:
            field_dict["subscription"] = subscription

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.rbm_webhook_event_message import RbmWebhookEventMessage

        d = dict(src_dict)
        message = RbmWebhookEventMessage.from_dict(d.pop("message"))

        subscription = d.pop("subscription", UNSET)

        rbm_webhook_event = cls(
            message=message,
            subscription=subscription,
        )

        rbm_webhook_event.additional_properties = d
        return rbm_webhook_event

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
