"""An account's own settings: its default send window (docs/campaign-controls.md) and its send limit
(docs/pacing.md)."""

from __future__ import annotations

from chalicelib.services import quiet_hours
from chalicelib.settings import get_settings
from chalicelib.store import accounts


def default_send_window(account_id: str) -> dict[str, str] | None:
    return accounts.get_default_send_window(account_id)


def set_default_send_window(account_id: str, value: object) -> dict[str, str] | None:
    """Set the window new broadcasts of the account get when they name none (None removes it)."""
    window = quiet_hours.parse_window(value)
    accounts.set_default_send_window(account_id, window)
    return window


def send_rate(account_id: str) -> int:
    """How many messages a second all the account's senders together may send: its own limit, else
    RCS_SEND_RATE_PER_SECOND."""
    own = accounts.get_send_rate(account_id)
    return own if own is not None else get_settings().send_rate_per_second


def own_send_rate(account_id: str) -> int | None:
    return accounts.get_send_rate(account_id)


def set_send_rate(account_id: str, rate: int | None) -> int:
    """Set the account's own send limit (None: back to the default); returns the limit now in force.
    Senders read it within a minute."""
    accounts.set_send_rate(account_id, rate)
    return rate if rate is not None else get_settings().send_rate_per_second
