"""`python -m infra.local.api_server local --stage local …`: `chalice local`, without a line per
request unless RCS_ACCESS_LOGS=1 (`make run ACCESS_LOGS=1`)."""

from __future__ import annotations

import logging
import os
import socketserver
import sys
from http import HTTPStatus
from typing import Any

from chalice import local
from chalice.cli import main as chalice_main

_handle_error = socketserver.BaseServer.handle_error
_send_error = local.ChaliceRequestHandler.send_error


def _quiet_handle_error(self: socketserver.BaseServer, request: Any, client_address: Any) -> None:
    """A browser that closes a connection (a page left mid-poll) is no error worth a traceback."""
    if isinstance(sys.exc_info()[1], ConnectionError):
        return
    _handle_error(self, request, client_address)


def _unknown_method(self: local.ChaliceRequestHandler, code: int, message: str | None = None,
                    explain: str | None = None) -> None:
    """http.server answers a method it has no `do_*` for (TRACE, CONNECT, made-up ones) with a 501
    page before the app sees it; the gateway refuses them with a 4xx, so hand them to the app,
    which answers 405 with the path's Allow in the envelope (or 404 for no such path)."""
    if code != HTTPStatus.NOT_IMPLEMENTED:
        _send_error(self, code, message, explain)
        return
    self._generic_handle()


def main() -> None:
    local.ChaliceRequestHandler.send_error = _unknown_method
    if os.environ.get("RCS_ACCESS_LOGS", "") not in ("1", "true"):
        local.ChaliceRequestHandler.log_message = lambda self, *args: None
        # `chalice local` sends the root logger to stdout at INFO: the AWS SDK's and PynamoDB's
        # start-up chatter would print on every first call.
        for name in ("botocore", "pynamodb.settings"):
            logging.getLogger(name).setLevel(logging.WARNING)
        socketserver.BaseServer.handle_error = _quiet_handle_error  # type: ignore[method-assign]
    sys.argv = ["chalice", *sys.argv[1:]]
    sys.exit(chalice_main())


if __name__ == "__main__":
    main()
