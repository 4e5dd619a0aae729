from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_broadcast_response_200 import GetBroadcastResponse200
from ...models.internal_error import InternalError
from ...models.not_found_error import NotFoundError
from ...models.rate_limited_error import RateLimitedError
from ...models.unauthorized_error import UnauthorizedError
from ...types import Response


def _get_kwargs(
    broadcast_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/broadcasts/{broadcast_id}".format(
            broadcast_id=quote(str(broadcast_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> GetBroadcastResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | None:
    if response.status_code == 200:
        response_200 = GetBroadcastResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = UnauthorizedError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = NotFoundError.from_dict(response.json())

        return response_404

    if response.status_code == 429:
        response_429 = RateLimitedError.from_dict(response.json())

        return response_429

    if response.status_code == 500:
        response_500 = InternalError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[GetBroadcastResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    broadcast_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[GetBroadcastResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError]:
    """One broadcast with its live counters.

    Args:
        broadcast_id (str): Opaque.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetBroadcastResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError]
    """

    kwargs = _get_kwargs(
        broadcast_id=broadcast_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    broadcast_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> GetBroadcastResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | None:
    """One broadcast with its live counters.

    Args:
        broadcast_id (str): Opaque.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetBroadcastResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError
    """

    return sync_detailed(
        broadcast_id=broadcast_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    broadcast_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[GetBroadcastResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError]:
    """One broadcast with its live counters.

    Args:
        broadcast_id (str): Opaque.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[GetBroadcastResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError]
    """

    kwargs = _get_kwargs(
        broadcast_id=broadcast_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    broadcast_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> GetBroadcastResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | None:
    """One broadcast with its live counters.

    Args:
        broadcast_id (str): Opaque.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        GetBroadcastResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError
    """

    return (
        await asyncio_detailed(
            broadcast_id=broadcast_id,
            client=client,
        )
    ).parsed
