from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Self, TypeVar, cast

from attrs import define as _attrs_define

from ..models.broadcast_fallback import BroadcastFallback
from ..models.broadcast_status import BroadcastStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.broadcast_clicks_item import BroadcastClicksItem
    from ..models.broadcast_reach import BroadcastReach
    from ..models.broadcast_snapshot import BroadcastSnapshot
    from ..models.send_window import SendWindow


T = TypeVar("T", bound="Broadcast")


@_attrs_define
class Broadcast:
    """
    Attributes:
        broadcast_id (str): Opaque.
        name (str):
        status (BroadcastStatus):
        template_id (str): Opaque.
        list_id (str): Opaque.
        template_name (str):
        list_name (str):
        total_count (int):
        sent_count (int):
        delivered_count (int):
        read_count (int):
        failed_count (int):
        suppressed_count (int):
        replied_count (int):
        clicked_count (int):
        queued_count (int):
        failure_reason (str): "", no_credentials, insufficient_balance, template_missing, or internal_error (a job of
            the broadcast failed on every attempt, or it made no progress for too long: docs/operations.md).
        created_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
        scheduled_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
        started_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
        completed_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
        snapshot (BroadcastSnapshot):
        retry_of (str): The broadcast this one retries (POST /broadcasts/{id}/retry); "" for any other.
        send_window (None | SendWindow):
        next_window_at (str): RFC 3339 UTC to the second; unset is 0001-01-01T00:00:00Z.
        ttl_seconds (int | None): The ttl each message carries to RBM (null for none).
        check_reach (bool):
        reach (BroadcastReach): The background reach check's count so far (filled after create, so a draft shows its
            reach before it is started; zeros when check_reach is false).
        fallback (BroadcastFallback):
        fallback_count (int):
        clicks (list[BroadcastClicksItem] | Unset): Only on GET /broadcasts/{broadcast_id} - each tapped suggestion with
            its taps, most first.
    """

    broadcast_id: str
    name: str
    status: BroadcastStatus
    template_id: str
    list_id: str
    template_name: str
    list_name: str
    total_count: int
    sent_count: int
    delivered_count: int
    read_count: int
    failed_count: int
    suppressed_count: int
    replied_count: int
    clicked_count: int
    queued_count: int
    failure_reason: str
    created_at: str
    scheduled_at: str
    started_at: str
    completed_at: str
    snapshot: BroadcastSnapshot
    retry_of: str
    send_window: None | SendWindow
    next_window_at: str
    ttl_seconds: int | None
    check_reach: bool
    reach: BroadcastReach
    fallback: BroadcastFallback
    fallback_count: int
    clicks: list[BroadcastClicksItem] | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.send_window import SendWindow

        broadcast_id = self.broadcast_id

        name = self.name

        status = self.status.value

        template_id = self.template_id

        list_id = self.list_id

        template_name = self.template_name

        list_name = self.list_name

        total_count = self.total_count

        sent_count = self.sent_count

        delivered_count = self.delivered_count

        read_count = self.read_count

        failed_count = self.failed_count

        suppressed_count = self.suppressed_count

        replied_count = self.replied_count

        clicked_count = self.clicked_count

        queued_count = self.queued_count

        failure_reason = self.failure_reason

        created_at = self.created_at

        scheduled_at = self.scheduled_at

        started_at = self.started_at

        completed_at = self.completed_at

        snapshot = self.snapshot.to_dict()

        retry_of = self.retry_of

        send_window: dict[str, Any] | None
        if isinstance(self.send_window, SendWindow):
            send_window = self.send_window.to_dict()
        else:
            send_window = self.send_window

        next_window_at = self.next_window_at

        ttl_seconds: int | None
        ttl_seconds = self.ttl_seconds

        check_reach = self.check_reach

        reach = self.reach.to_dict()

        fallback = self.fallback.value

        fallback_count = self.fallback_count

        clicks: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.clicks, Unset):
            clicks = []
            for clicks_item_data in self.clicks:
                clicks_item = clicks_item_data.to_dict()
                clicks.append(clicks_item)

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "broadcast_id": broadcast_id,
                "name": name,
                "status": status,
                "template_id": template_id,
                "list_id": list_id,
                "template_name": template_name,
                "list_name": list_name,
                "total_count": total_count,
                "sent_count": sent_count,
                "delivered_count": delivered_count,
                "read_count": read_count,
                "failed_count": failed_count,
                "suppressed_count": suppressed_count,
                "replied_count": replied_count,
                "clicked_count": clicked_count,
                "queued_count": queued_count,
                "failure_reason": failure_reason,
                "created_at": created_at,
                "scheduled_at": scheduled_at,
                "started_at": started_at,
                "completed_at": completed_at,
                "snapshot": snapshot,
                "retry_of": retry_of,
                "send_window": send_window,
                "next_window_at": next_window_at,
                "ttl_seconds": ttl_seconds,
                "check_reach": check_reach,
                "reach": reach,
                "fallback": fallback,
                "fallback_count": fallback_count,
            }
        )
        if clicks is not UNSET:
            field_dict["clicks"] = clicks

        return field_dict

    @classmethod
    def from_dict(cls, src_dict: Mapping[str, Any]) -> Self:
        from ..models.broadcast_clicks_item import BroadcastClicksItem
        from ..models.broadcast_reach import BroadcastReach
        from ..models.broadcast_snapshot import BroadcastSnapshot
        from ..models.send_window import SendWindow

        d = dict(src_dict)
        broadcast_id = d.pop("broadcast_id")

        name = d.pop("name")

        status = BroadcastStatus(d.pop("status"))

        template_id = d.pop("template_id")

        list_id = d.pop("list_id")

        template_name = d.pop("template_name")

        list_name = d.pop("list_name")

        total_count = d.pop("total_count")

        sent_count = d.pop("sent_count")

        delivered_count = d.pop("delivered_count")

        read_count = d.pop("read_count")

        failed_count = d.pop("failed_count")

        suppressed_count = d.pop("suppressed_count")

        replied_count = d.pop("replied_count")

        clicked_count = d.pop("clicked_count")

        queued_count = d.pop("queued_count")

        failure_reason = d.pop("failure_reason")

        created_at = d.pop("created_at")

        scheduled_at = d.pop("scheduled_at")

        started_at = d.pop("started_at")

        completed_at = d.pop("completed_at")

        snapshot = BroadcastSnapshot.from_dict(d.pop("snapshot"))

        retry_of = d.pop("retry_of")

        def _parse_send_window(data: object) -> None | SendWindow:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                send_window_type_0 = SendWindow.from_dict(data)

                return send_window_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | SendWindow, data)

        send_window = _parse_send_window(d.pop("send_window"))

        next_window_at = d.pop("next_window_at")

        def _parse_ttl_seconds(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        ttl_seconds = _parse_ttl_seconds(d.pop("ttl_seconds"))

        check_reach = d.pop("check_reach")

        reach = BroadcastReach.from_dict(d.pop("reach"))

        fallback = BroadcastFallback(d.pop("fallback"))

        fallback_count = d.pop("fallback_count")

        _clicks = d.pop("clicks", UNSET)
        clicks: list[BroadcastClicksItem] | Unset = UNSET
        if _clicks is not UNSET:
            clicks = []
            for clicks_item_data in _clicks:
                clicks_item = BroadcastClicksItem.from_dict(clicks_item_data)

                clicks.append(clicks_item)

        broadcast = cls(
            broadcast_id=broadcast_id,
            name=name,
            status=status,
            template_id=template_id,
            list_id=list_id,
            template_name=template_name,
            list_name=list_name,
            total_count=total_count,
            sent_count=sent_count,
            delivered_count=delivered_count,
            read_count=read_count,
            failed_count=failed_count,
            suppressed_count=suppressed_count,
            replied_count=replied_count,
            clicked_count=clicked_count,
            queued_count=queued_count,
            failure_reason=failure_reason,
            created_at=created_at,
            scheduled_at=scheduled_at,
            started_at=started_at,
            completed_at=completed_at,
            snapshot=snapshot,
            retry_of=retry_of,
            send_window=send_window,
            next_window_at=next_window_at,
            ttl_seconds=ttl_seconds,
            check_reach=check_reach,
            reach=reach,
            fallback=fallback,
            fallback_count=fallback_count,
            clicks=clicks,
        )

        return broadcast
