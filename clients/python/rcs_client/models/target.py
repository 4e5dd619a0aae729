from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Self, TypeVar

from attrs import define as _attrs_define

from ..models.target_state import TargetState

T = TypeVar("T", bound="Target")


@_attrs_define
class Target:
    """
    Attributes:
        recipient_phone (str):
        state (TargetState): expired - RBM revoked the message when its ttl passed undelivered; revoked - taken back
            undelivered when the broadcast was cancelled. Both stay counted in sent_count (RBM accepted them, they are
            charged); a DELIVERED receipt that arrives later moves either to delivered. fallback_sent / fallback_failed -
            with fallback sms, the SMS fallback of an unreachable (failed, not_rcs_capable), expired or revoked target was
            sent (charged per segment) or could not be (not charged); failure_reason keeps the RCS reason, and later
            receipts leave the target as it is. suppressed - the number is on the account's opt-out list (failure_reason
            opted_out): never sent, never charged, counted in suppressed_count once its chunk is settled.
        rm_message_id (str):
        failure_reason (str): A short code (insufficient_balance, not_rcs_capable, missing_variable, provider_rejected,
            provider_unavailable, internal_error, cancelled, …), "" unless failed. internal_error - its send job failed on
            every attempt (it was not sent, or not known to be, and it is refunded); cancelled - its chunk was paid for when
            the broadcast was cancelled (refunded); expired - on an expired target; opted_out - on a suppressed target (the
            number is on the account's opt-out list).
        sent_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
        delivered_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
        read_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
    """

    recipient_phone: str
    state: TargetState
    rm_message_id: str
    failure_reason: str
    sent_at: str
    delivered_at: str
    read_at: str

    def to_dict(self) -> dict[str, Any]:
        recipient_phone = self.recipient_phone

        state = self.state.value

        rm_message_id = self.rm_message_id

        failure_reason = self.failure_reason

        sent_at = self.sent_at

        delivered_at = self.delivered_at

        read_at = self.read_at

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "recipient_phone": recipient_phone,
                "state": state,
                "rm_message_id": rm_message_id,
                "failure_reason": failure_reason,
                "sent_at": sent_at,
                "delivered_at": delivered_at,
                "read_at": read_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        recipient_phone = d.pop("recipient_phone")

        state = TargetState(d.pop("state"))

        rm_message_id = d.pop("rm_message_id")

        failure_reason = d.pop("failure_reason")

        sent_at = d.pop("sent_at")

        delivered_at = d.pop("delivered_at")

        read_at = d.pop("read_at")

        target = cls(
            recipient_phone=recipient_phone,
            state=state,
            rm_message_id=rm_message_id,
            failure_reason=failure_reason,
            sent_at=sent_at,
            delivered_at=delivered_at,
            read_at=read_at,
        )

        return target
