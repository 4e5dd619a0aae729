"""The one way tests change settings: environment variables set for a while, the settings read again
at once and again once the variables are restored (`settings_env` in tests/conftest.py wraps it)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from chalicelib.settings import reset_settings


@contextmanager
def settings_changed(**values: str) -> Iterator[Callable[..., None]]:
    """Yields `change(RCS_X="1", ...)`, which sets more of them the same way."""
    patch = pytest.MonkeyPatch()

    def change(**more: str) -> None:
        for name, value in more.items():
            patch.setenv(name, value)
        reset_settings()

    try:
        change(**values)
        yield change
    finally:
        patch.undo()
        reset_settings()
