"""`python -m infra.local.moto_server -H 127.0.0.1 -p 5000`: a drop-in for the `moto_server`
command, with DynamoDB made atomic per request and TransactWriteItems costing time in proportion
to its items rather than to the tables it touches (see infra/local/moto_dynamodb.py). Without it,
concurrent workers can corrupt moto's tables and a large CSV import slows to a crawl. Its access log
is off unless RCS_ACCESS_LOGS=1 (the pump's long polls alone make a dozen lines a second)."""

from __future__ import annotations

import logging
import os

from moto.server import main as serve

from infra.local import moto_dynamodb


def main() -> None:
    moto_dynamodb.install()
    if os.environ.get("RCS_ACCESS_LOGS", "") not in ("1", "true"):
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # a line per request, a dozen a second
    serve()


if __name__ == "__main__":
    main()
