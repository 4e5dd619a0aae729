"""Retrying the failed (docs/spec/campaigns.md, "Broadcast controls"): which failures a retry takes
again, read page by page as the snapshot of the retry's draft."""

from __future__ import annotations

from collections.abc import Iterator

from chalicelib.services.lists import Member
from chalicelib.store import targets as target_store

# Transient: the trouble was the provider's or ours, and the same message may go through later. The
# spec's four, plus the provider port's own names for a throttle and a broken connection.
TRANSIENT_REASONS = frozenset({"provider_unavailable", "throttled", "timeout", "internal_error",
                               "rate_limited", "connection_error"})


def failed_member_pages(source_id: str, *, page_size: int, cursor: str | None) -> Iterator[tuple[list[Member], str]]:
    """The source broadcast's targets that failed for a transient reason, as members (phone and
    variables), a page of failed targets at a time, each with the cursor after it ("" after the last).
    A page may hold none (its failures were all permanent)."""
    for page in target_store.failed_target_pages(source_id, page_size=page_size, cursor=cursor):
        yield [Member(t.phone, dict(t.variables)) for t in page.items
               if t.failure_reason in TRANSIENT_REASONS], page.next_cursor


def has_transient_failures(source_id: str) -> bool:
    return any(members for members, _ in failed_member_pages(source_id, page_size=1000, cursor=None))
