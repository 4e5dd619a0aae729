"""Options several commands share."""

from __future__ import annotations

from typing import Annotated

import typer

AsJson = Annotated[bool, typer.Option("--json", help="Print the API's answer as JSON (for scripts).")]
Timeout = Annotated[float, typer.Option("--timeout", min=1, help="Seconds to wait at most.")]
