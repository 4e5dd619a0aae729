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

from ..models.test_send_template_response_200_state import (
    TestSendTemplateResponse200State,
)

T = TypeVar("T", bound="TestSendTemplateResponse200")


@_attrs_define
class TestSendTemplateResponse200:
    """
    Attributes:
        success (Literal[True]):
        rm_message_id (str):
        state (TestSendTemplateResponse200State):
        failure_reason (str): "" when sent; the provider's reason otherwise (refunded).
    """

    success: Literal[True]
    rm_message_id: str
    state: TestSendTemplateResponse200State
    failure_reason: str

    def to_dict(self) -> dict[str, Any]:
        success = self.success

        rm_message_id = self.rm_message_id

        state = self.state.value

        failure_reason = self.failure_reason

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "success": success,
                "rm_message_id": rm_message_id,
                "state": state,
                "failure_reason": failure_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        d = dict(src_dict)
        success = cast(Literal[True], d.pop("success"))
        if success != True:
            raise ValueError(f"success must match const True, got '{success}'")

        rm_message_id = d.pop("rm_message_id")

        state = TestSendTemplateResponse200State(d.pop("state"))

        failure_reason = d.pop("failure_reason")

        test_send_template_response_200 = cls(
            success=success,
            rm_message_id=rm_message_id,
            state=state,
            failure_reason=failure_reason,
        )

        return test_send_template_response_200
