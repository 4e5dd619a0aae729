from __future__ import annotations

from rcs_cli.main import run

run()
