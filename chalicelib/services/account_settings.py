"""An account's own settings: for now its default send window (docs/campaign-controls.md)."""

from __future__ import annotations

from chalicelib.services import quiet_hours
from chalicelib.store import accounts


def default_send_window(account_id: str) -> dict[str, str] | None:
    return accounts.get_default_send_window(account_id)


def set_default_send_window(account_id: str, value: object) -> dict[str, str] | None:
    """Set the window new broadcasts of the account get when they name none (None removes it)."""
    window = quiet_hours.parse_window(value)
    accounts.set_default_send_window(account_id, window)
    return window
