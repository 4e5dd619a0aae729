"""The SMS port and its Amazon SNS adapter: one text to one phone number (SNS `Publish` with
`PhoneNumber`), sent as Transactional or Promotional traffic (`AWS.SNS.SMS.SMSType`).

SNS has no idempotency key for an SMS: a Publish that is repeated sends a second SMS. The caller
(chalicelib/services/fallback.py) therefore claims a target before sending and never sends for
a claim twice. `send` never raises for what SNS or the network does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, Protocol

from botocore.exceptions import BotoCoreError, ClientError

from chalicelib.aws import client

SmsType = Literal["Transactional", "Promotional"]
SMS_TYPE_ATTRIBUTE = "AWS.SNS.SMS.SMSType"


def sms_type_of(category: str) -> SmsType:
    """Transactional for otp and transactional templates, Promotional for promotional ones."""
    return "Promotional" if category == "promotional" else "Transactional"


@dataclass(frozen=True)
class SmsResult:
    sent: bool
    message_id: str = ""
    detail: str = ""  # SNS's error code, for logs


class SmsSender(Protocol):
    """Sends one SMS. Implementations are safe to call from several threads at once."""

    def send(self, phone: str, text: str, sms_type: SmsType) -> SmsResult: ...


class SnsSmsSender:
    """Amazon SNS (moto in tests and in the local stack: `AWS_ENDPOINT_URL` points boto3 at it).
    Throttling is retried by the boto3 client's own adaptive retries (chalicelib/aws.py)."""

    def send(self, phone: str, text: str, sms_type: SmsType) -> SmsResult:
        try:
            answer = client("sns").publish(
                PhoneNumber=phone, Message=text,
                MessageAttributes={SMS_TYPE_ATTRIBUTE: {"DataType": "String", "StringValue": sms_type}})
        except ClientError as error:
            return SmsResult(False, detail=str(error.response.get("Error", {}).get("Code", "ClientError")))
        except BotoCoreError as error:
            return SmsResult(False, detail=type(error).__name__)
        return SmsResult(True, message_id=str(answer.get("MessageId", "")))


_sender: SmsSender | None = None


def sms_sender() -> SmsSender:
    global _sender
    if _sender is None:
        _sender = SnsSmsSender()
    return _sender
