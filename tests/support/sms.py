"""What Amazon SNS (moto) received as SMS: moto records each Publish to a phone number (number
and text); the SMS type attribute, which moto does not keep, is read off the product's own SNS
client as the request leaves it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from moto.core import DEFAULT_ACCOUNT_ID
from moto.sns.models import sns_backends

from chalicelib.aws import client


@dataclass(frozen=True)
class Sms:
    phone: str
    text: str
    sms_type: str


class Outbox:
    """Every SMS published since it was made (moto's record, in order)."""

    def __init__(self, region: str = "us-east-1") -> None:
        self._backend = sns_backends[DEFAULT_ACCOUNT_ID][region]
        self._types: list[tuple[str, str, str]] = []
        client("sns").meta.events.register("provide-client-params.sns.Publish", self._seen)

    def _seen(self, params: dict[str, Any], **_: Any) -> None:
        attribute = params.get("MessageAttributes", {}).get("AWS.SNS.SMS.SMSType", {})
        self._types.append((params.get("PhoneNumber", ""), params.get("Message", ""), attribute.get("StringValue", "")))

    @property
    def messages(self) -> list[Sms]:
        recorded = list(self._backend.sms_messages.values())
        types = {(phone, text): sms_type for phone, text, sms_type in self._types}
        return [Sms(phone, text, types.get((phone, text), "")) for phone, text in recorded]

    def to(self, phone: str) -> list[Sms]:
        return [sms for sms in self.messages if sms.phone == phone]
