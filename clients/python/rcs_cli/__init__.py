"""`rcs`: the RCS broadcast platform's API from a terminal, built on the generated SDK (rcs_client)."""

from __future__ import annotations

from rcs_cli.main import app, run

__all__ = ["app", "run"]
