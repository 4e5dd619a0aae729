from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.create_broadcast_body_fallback import CreateBroadcastBodyFallback
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.send_window import SendWindow


T = TypeVar("T", bound="CreateBroadcastBody")


@_attrs_define
class CreateBroadcastBody:
    """
    Attributes:
        template_id (str):
        list_id (str):
        name (None | str | Unset): One line of text, not blank, without control characters; omitted or null, "<template>
            to <list>".
        scheduled_at (datetime.datetime | None | Unset): RFC 3339 with a zone (Z or an offset), at most a year ahead
            (later is a 400 naming scheduled_at); omitted, "", null or past, it runs on /start.
        send_window (None | SendWindow | Unset): The recipients' local hours to send in (from each number's country; a
            country with several zones only when the window is open in all of them). Omitted or null, the account's default
            (PUT /settings); India's promotional traffic keeps to 10:00-21:00 IST when neither is set.
        ttl_seconds (int | None | Unset): Sent to RBM as each message's ttl: a message still undelivered when it passes
            is revoked by RBM (the target becomes expired). Omitted or null, 600 for an otp template and none for the
            others.
        check_reach (bool | Unset): Ask RBM (users:batchGet) which numbers it can reach: in the background after create
            (the broadcast's reach), and before each send; unreachable numbers end failed / not_rcs_capable, never sent and
            never charged. Default: True.
        fallback (CreateBroadcastBodyFallback | Unset): sms - targets RCS cannot deliver (unreachable by the reach
            check, RBM's 404, expired by their ttl, revoked on cancel) get the template's sms_fallback text with their
            variables by SMS (Amazon SNS; Transactional for otp and transactional templates, Promotional for promotional
            ones), charged per segment from the balance. The template must have sms_fallback (else 400 naming fallback).
            Default: CreateBroadcastBodyFallback.NONE.
    """

    template_id: str
    list_id: str
    name: None | str | Unset = UNSET
    scheduled_at: datetime.datetime | None | Unset = UNSET
    send_window: None | SendWindow | Unset = UNSET
    ttl_seconds: int | None | Unset = UNSET
    check_reach: bool | Unset = True
    fallback: CreateBroadcastBodyFallback | Unset = CreateBroadcastBodyFallback.NONE

    def to_dict(self) -> dict[str, Any]:
        from ..models.send_window import SendWindow

        template_id = self.template_id

        list_id = self.list_id

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        scheduled_at: None | str | Unset
        if isinstance(self.scheduled_at, Unset):
            scheduled_at = UNSET
        elif isinstance(self.scheduled_at, datetime.datetime):
            scheduled_at = self.scheduled_at.isoformat()
        else:
            scheduled_at = self.scheduled_at

        send_window: dict[str, Any] | None | Unset
        if isinstance(self.send_window, Unset):
            send_window = UNSET
        elif isinstance(self.send_window, SendWindow):
            send_window = self.send_window.to_dict()
        else:
            send_window = self.send_window

        ttl_seconds: int | None | Unset
        if isinstance(self.ttl_seconds, Unset):
            ttl_seconds = UNSET
        else:
            ttl_seconds = self.ttl_seconds

        check_reach = self.check_reach

        fallback: str | Unset = UNSET
        if not isinstance(self.fallback, Unset):
            fallback = self.fallback.value

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "template_id": template_id,
                "list_id": list_id,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name
        if scheduled_at is not UNSET:
            field_dict["scheduled_at"] = scheduled_at
        if send_window is not UNSET:
            field_dict["send_window"] = send_window
        if ttl_seconds is not UNSET:
            field_dict["ttl_seconds"] = ttl_seconds
        if check_reach is not UNSET:
            field_dict["check_reach"] = check_reach
        if fallback is not UNSET:
            field_dict["fallback"] = fallback

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.send_window import SendWindow

        d = dict(src_dict)
        template_id = d.pop("template_id")

        list_id = d.pop("list_id")

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_scheduled_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_at_type_0 = datetime.datetime.fromisoformat(data)

                return scheduled_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        scheduled_at = _parse_scheduled_at(d.pop("scheduled_at", UNSET))

        def _parse_send_window(data: object) -> None | SendWindow | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                send_window_type_0 = SendWindow.from_dict(data)

                return send_window_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SendWindow | Unset, data)

        send_window = _parse_send_window(d.pop("send_window", UNSET))

        def _parse_ttl_seconds(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        ttl_seconds = _parse_ttl_seconds(d.pop("ttl_seconds", UNSET))

        check_reach = d.pop("check_reach", UNSET)

        _fallback = d.pop("fallback", UNSET)
        fallback: CreateBroadcastBodyFallback | Unset
        if isinstance(_fallback, Unset):
            fallback = UNSET
        else:
            fallback = CreateBroadcastBodyFallback(_fallback)

        create_broadcast_body = cls(
            template_id=template_id,
            list_id=list_id,
            name=name,
            scheduled_at=scheduled_at,
            send_window=send_window,
            ttl_seconds=ttl_seconds,
            check_reach=check_reach,
            fallback=fallback,
        )

        return create_broadcast_body
