"""Broadcasts as the API offers them: create (with the snapshot), start, cancel, read."""

from __future__ import annotations

from datetime import datetime, timedelta

from chalicelib import errors
from chalicelib.clock import format_time, no_deadline, parse_time, utcnow
from chalicelib.services import (
    account_settings,
    lists,
    quiet_hours,
    reach,
    retries,
    revoke,
    runner,
    send_lease,
    templates,
)
from chalicelib.settings import get_settings
from chalicelib.store import broadcasts as store
from chalicelib.store import targets as target_store
from chalicelib.store.broadcasts import Broadcast as Broadcast  # the area's records
from chalicelib.store.paging import Page
from chalicelib.store.targets import Target as Target

MAX_SCHEDULE_AHEAD = timedelta(days=365)
INLINE_SNAPSHOT_PAGES = 1
TTL_RANGE = (60, 1_296_000)  # a minute .. RBM's 15 days
OTP_TTL_SECONDS = 600  # an OTP is stale after ten minutes: RBM revokes it if undelivered by then


def message_ttl(ttl_seconds: int | None, category: str) -> int | None:
    """The `ttl` of the broadcast's messages: the one asked for, else ten minutes for an OTP."""
    if ttl_seconds is None:
        return OTP_TTL_SECONDS if category == "otp" else None
    if isinstance(ttl_seconds, bool) or not TTL_RANGE[0] <= ttl_seconds <= TTL_RANGE[1]:
        raise errors.InvalidInput("ttl_seconds", f"ttl_seconds must be {TTL_RANGE[0]}..{TTL_RANGE[1]} (15 days)")
    return ttl_seconds


def parse_schedule(value: str | None) -> datetime | None:
    if value is None or value == "":
        return None
    try:
        moment = parse_time(value)
    except (ValueError, OverflowError):  # OverflowError: an offset that moves year 1 or 9999 out of range
        raise errors.InvalidInput("scheduled_at", "scheduled_at must be an RFC 3339 time such as "
                                                  "2026-05-28T08:00:00Z") from None
    if moment - utcnow() > MAX_SCHEDULE_AHEAD:
        raise errors.InvalidInput("scheduled_at", "scheduled_at must be within a year")
    return moment


def create(account_id: str, *, name: str | None, template_id: str, list_id: str,
           scheduled_at: str | None, send_window: object = None, ttl_seconds: int | None = None,
           check_reach: bool = True, fallback: str = "none") -> Broadcast:
    """Create a draft and snapshot the list: the first page now, the rest in the background. Without
    a send window of its own it gets the account's default one."""
    when = parse_schedule(scheduled_at)
    window = quiet_hours.parse_window(send_window) or account_settings.default_send_window(account_id)
    template = templates.get_template(account_id, template_id)
    contact_list = lists.get_list(account_id, list_id)
    if template.effective_status != "approved":
        raise errors.Forbidden(f"template is not approved (effective_status: {template.effective_status})")
    ttl = message_ttl(ttl_seconds, template.category)
    if fallback == "sms" and not template.sms_fallback_text:
        raise errors.InvalidInput("fallback", "fallback: the template has no sms_fallback text to send")
    check_draft_caps(account_id, contact_list.member_count)
    broadcast = store.create_broadcast(
        account_id=account_id, name=name or f"{template.name} to {contact_list.name}", template_id=template_id,
        list_id=list_id, template_name=template.name, list_name=contact_list.name,
        scheduled_at=format_time(when) if when else None, total_count=contact_list.member_count,
        send_window=window, ttl_seconds=ttl, check_reach=check_reach, fallback=fallback,
    )
    broadcast = runner.continue_snapshot(broadcast, time_left=no_deadline, pages=INLINE_SNAPSHOT_PAGES)
    reach.start(broadcast)
    return broadcast


def check_draft_caps(account_id: str, new_targets: int) -> None:
    """Conflict when one more draft of `new_targets` targets would pass the account's caps: open
    drafts (`max_open_drafts`) and targets held by them (`max_draft_targets`). A draft costs its
    list's snapshot, so drafts are capped; they expire after `draft_ttl_days`. Checked before the
    write, not in it: two creates at the same instant may both pass (the rate limit bounds that)."""
    settings = get_settings()
    drafts = store.open_drafts(account_id)
    if len(drafts) >= settings.max_open_drafts:
        raise errors.Conflict(f"the account has {len(drafts)} open drafts, the most it may have "
                              "(max_open_drafts): start, cancel or let one expire first")
    held = sum(draft.total_count for draft in drafts)
    if held + new_targets > settings.max_draft_targets:
        raise errors.Conflict(f"the account's drafts would hold {held + new_targets} targets, more than "
                              f"{settings.max_draft_targets} (max_draft_targets): start or cancel a draft first")


def next_window_at(broadcast: Broadcast) -> str | None:
    """When the next send window opens for targets that wait for theirs (None when none waits)."""
    waiting = broadcast.status in ("running", "paused") and broadcast.settled_count < broadcast.total_count
    return broadcast.next_window_at if waiting else None


def get(account_id: str, broadcast_id: str) -> Broadcast:
    return store.get_broadcast(account_id, broadcast_id)


def list_page(account_id: str, *, limit: int, cursor: str | None) -> Page[Broadcast]:
    return store.list_broadcasts(account_id, limit=limit, cursor=cursor)


def start(account_id: str, broadcast_id: str) -> str:
    broadcast = store.get_broadcast(account_id, broadcast_id)
    if broadcast.status != "draft":
        raise errors.Conflict(f"broadcast is already {broadcast.status}")
    if store.draft_expired(broadcast):
        raise errors.Conflict(f"the draft has expired (untouched for {get_settings().draft_ttl_days} days): "
                              "create it again")
    if broadcast.scheduled_at and parse_time(broadcast.scheduled_at) > utcnow():
        if store.mark_scheduled(account_id, broadcast_id, broadcast.scheduled_at) is None:
            raise errors.Conflict("broadcast changed state while starting")
        return "scheduled"
    if runner.start_running(broadcast, from_statuses=("draft",)) is None:
        raise errors.Conflict("broadcast changed state while starting")
    if broadcast.check_reach and not broadcast.reach_done:
        reach.start(broadcast)  # again: the draft's check may have found no credentials yet (a page counts once)
    return "running"


def cancel(account_id: str, broadcast_id: str) -> str:
    broadcast = store.get_broadcast(account_id, broadcast_id)
    if broadcast.status in store.TERMINAL or store.mark_cancelled(account_id, broadcast_id) is None:
        current = store.get_broadcast(account_id, broadcast_id).status
        raise errors.Conflict(f"broadcast is already {current}")
    if broadcast.status in ("running", "paused"):
        revoke.start(broadcast)  # its sent-but-undelivered messages are taken back, in the background
    return "cancelled"


def pause(account_id: str, broadcast_id: str) -> str:
    """running -> paused; answers once no new send can start (sends in flight finish and count)."""
    broadcast = store.get_broadcast(account_id, broadcast_id)
    if broadcast.status != "running" or store.mark_paused(account_id, broadcast_id) is None:
        raise errors.Conflict(f"only a running broadcast can be paused; this one is "
                              f"{store.get_broadcast(account_id, broadcast_id).status}")
    send_lease.wait_until_released(broadcast_id)
    return "paused"


def resume(account_id: str, broadcast_id: str) -> str:
    """paused -> running: the rest goes on from where it stopped."""
    broadcast = store.get_broadcast(account_id, broadcast_id)
    if broadcast.status != "paused" or runner.resume_running(broadcast) is None:
        raise errors.Conflict(f"only a paused broadcast can be resumed; this one is "
                              f"{store.get_broadcast(account_id, broadcast_id).status}")
    return "running"


def retry(account_id: str, source_id: str) -> Broadcast:
    """A new draft of the source's targets that failed for a transient reason, with the source's
    template snapshot and each target's variables (new broadcast id, so new message ids). The first
    page is copied now, the rest in the background, as for a list."""
    source = store.get_broadcast(account_id, source_id)
    if source.status not in store.TERMINAL:
        raise errors.Conflict(f"only a finished broadcast can be retried; this one is {source.status}")
    if source.content is None or not retries.has_transient_failures(source_id):
        raise errors.Conflict("nothing to retry: no target of this broadcast failed for a transient reason")
    check_draft_caps(account_id, 0)
    draft = store.create_broadcast(
        account_id=account_id, name=f"Retry of {source.name}"[:200], template_id=source.template_id,
        list_id=source.list_id, template_name=source.template_name, list_name=source.list_name,
        scheduled_at=None, total_count=0, send_window=source.send_window, retry_of=source_id,
        content=source.content, ttl_seconds=source.ttl_seconds, check_reach=source.check_reach,
        fallback=source.fallback,
    )
    draft = runner.continue_snapshot(draft, time_left=no_deadline, pages=INLINE_SNAPSHOT_PAGES)
    reach.start(draft)
    return draft


def targets(account_id: str, broadcast_id: str, *, size: int, state: str | None, cursor: str | None) -> Page[Target]:
    store.get_broadcast(account_id, broadcast_id)
    if state is not None and state not in target_store.TARGET_STATES:
        raise errors.InvalidInput("state", f"state must be one of {', '.join(target_store.TARGET_STATES)}")
    return target_store.list_targets(broadcast_id, size=size, state=state, cursor=cursor)
