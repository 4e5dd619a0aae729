"""The SDK's client for one command, and the one way every answer is read: the expected model, or
an ApiFailure carrying the API's error envelope."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol, Self, TypeVar

import httpx
from rcs_client import AuthenticatedClient
from rcs_client.types import Response

from rcs_cli.failures import ApiFailure
from rcs_cli.settings import Settings

TIMEOUT = httpx.Timeout(30.0, connect=10.0)
UPLOAD_CHUNK = 256 * 1024


class FromDict(Protocol):
    @classmethod
    def from_dict(cls, src_dict: Any, /) -> Self: ...


Model = TypeVar("Model", bound=FromDict)


def client(settings: Settings) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=settings.api_url, token=settings.token, timeout=TIMEOUT,
                               headers={"User-Agent": "rcs-cli"})


def envelope(parsed: object) -> tuple[str, str, str | None] | None:
    """`(error, message, field)` of a parsed error envelope (the SDK has one model per error code:
    NotFoundError, ValidationError, ...), None for anything else."""
    message = getattr(parsed, "message", None)
    if getattr(parsed, "success", None) is not False or not isinstance(message, str):
        return None
    field = getattr(parsed, "field", None)
    return str(getattr(parsed, "error", "")), message, field if isinstance(field, str) else None


def answer(response: Response[Any], expected: type[Model]) -> Model:
    """The parsed answer when it is a success of the expected model; else the API's error."""
    parsed = response.parsed
    if response.status_code < 400 and isinstance(parsed, expected):
        return parsed
    if (error := envelope(parsed)) is not None:
        raise ApiFailure(int(response.status_code), *error)
    if response.status_code < 400:
        # A success the SDK could not read into its model: read it here, or say what came.
        try:
            return expected.from_dict(json.loads(response.content))
        except (ValueError, KeyError, TypeError) as error:
            raise ApiFailure(int(response.status_code), "", f"an answer this client cannot read: {error}") from error
    raise ApiFailure.from_body(int(response.status_code), response.content)


def send_json(api: AuthenticatedClient, method: str, path: str, body: Any, expected: type[Model]) -> Model:
    """A request whose body is sent as given (a file's JSON, a route the SDK has no function for):
    the server, not the client's models, judges it and names the field it refuses."""
    response = api.get_httpx_client().request(method, path, json=body)
    if response.status_code >= 400:
        raise ApiFailure.from_body(response.status_code, response.content)
    try:
        return expected.from_dict(response.json())
    except (ValueError, KeyError, TypeError) as error:
        raise ApiFailure(response.status_code, "", f"an answer this client cannot read: {error}") from error


def upload(url: str, path: Path, advance: Callable[[int], object], *, method: str = "PUT") -> None:
    """Send the file to a presigned URL in chunks, calling `advance(bytes)` after each one. The
    length is sent up front (object storage refuses a chunked upload)."""

    def chunks() -> Iterator[bytes]:
        with path.open("rb") as source:
            while chunk := source.read(UPLOAD_CHUNK):
                yield chunk
                advance(len(chunk))

    size = path.stat().st_size
    response = httpx.request(method, url, content=chunks(), headers={"Content-Length": str(size)},
                             timeout=httpx.Timeout(300.0, connect=10.0))
    if response.status_code >= 300:
        raise ApiFailure(response.status_code, "upload_failed",
                         f"the upload was refused (HTTP {response.status_code}): {response.text[:300]}")
