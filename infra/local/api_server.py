"""`python -m infra.local.api_server local --stage local …`: `chalice local`, without a line per
request unless RCS_ACCESS_LOGS=1 (`make run ACCESS_LOGS=1`)."""

from __future__ import annotations

import os
import sys

from chalice import local
from chalice.cli import main as chalice_main


def main() -> None:
    if os.environ.get("RCS_ACCESS_LOGS", "") not in ("1", "true"):
        local.ChaliceRequestHandler.log_message = lambda self, *args: None
    sys.argv = ["chalice", *sys.argv[1:]]
    sys.exit(chalice_main())


if __name__ == "__main__":
    main()
