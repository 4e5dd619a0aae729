from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delete_opt_out_response_200 import DeleteOptOutResponse200
from ...models.internal_error import InternalError
from ...models.not_found_error import NotFoundError
from ...models.rate_limited_error import RateLimitedError
from ...models.unauthorized_error import UnauthorizedError
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    phone: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/optouts/{phone}".format(
            phone=quote(str(phone), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    DeleteOptOutResponse200
    | InternalError
    | NotFoundError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    if response.status_code == 200:
        response_200 = DeleteOptOutResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ValidationError.from_dict(response.json())

        return response_400

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
) -> Response[
    DeleteOptOutResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    phone: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    DeleteOptOutResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError
]:
    """Take a number off the opt-out list; broadcasts send to it again.

    Args:
        phone (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeleteOptOutResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        phone=phone,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    phone: str,
    *,
    client: AuthenticatedClient | Client,
) -> (
    DeleteOptOutResponse200
    | InternalError
    | NotFoundError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    """Take a number off the opt-out list; broadcasts send to it again.

    Args:
        phone (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeleteOptOutResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError
    """

    return sync_detailed(
        phone=phone,
        client=client,
    ).parsed


async def asyncio_detailed(
    phone: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    DeleteOptOutResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError
]:
    """Take a number off the opt-out list; broadcasts send to it again.

    Args:
        phone (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeleteOptOutResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        phone=phone,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    phone: str,
    *,
    client: AuthenticatedClient | Client,
) -> (
    DeleteOptOutResponse200
    | InternalError
    | NotFoundError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    """Take a number off the opt-out list; broadcasts send to it again.

    Args:
        phone (str):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeleteOptOutResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError
    """

    return (
        await asyncio_detailed(
            phone=phone,
            client=client,
        )
    ).parsed
