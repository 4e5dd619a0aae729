"""Where things are printed: results on stdout (a table, or JSON with --json, or CSV), progress and
errors on stderr, so that a script can pipe stdout."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def print_json(value: Any) -> None:
    out.print_json(json.dumps(value, ensure_ascii=False), highlight=False, indent=2)


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "-"
