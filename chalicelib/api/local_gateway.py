"""Outside Lambda, Chalice's LocalGateway stands in for API Gateway (`chalice local`, the test
client). API Gateway answers an unknown path with the gateway responses the stack configures
(infra/); the local gateway gets the same answer here: 404 in the envelope."""

from __future__ import annotations

import json
from typing import Any

from chalice.local import ForbiddenError, LocalGateway

_installed = False


def install_not_found_envelope() -> None:
    global _installed
    if _installed:
        return
    original = LocalGateway.handle_request

    def handle_request(self: LocalGateway, method: str, path: str, headers: Any,
                       body: bytes | None) -> Any:
        try:
            return original(self, method, path, headers, body)
        except ForbiddenError:
            return {
                "statusCode": 404,
                "headers": {"Content-Type": "application/json"},
                "multiValueHeaders": {},
                "body": json.dumps({"success": False, "error": "not_found",
                                    "message": f"no such path: {path.split('?')[0]}"}),
            }

    LocalGateway.handle_request = handle_request  # type: ignore[method-assign]
    _installed = True
