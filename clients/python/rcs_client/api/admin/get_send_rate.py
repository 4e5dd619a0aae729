from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.forbidden_error import ForbiddenError
from ...models.get_send_rate_response_200 import GetSendRateResponse200
from ...models.internal_error import InternalError
from ...models.rate_limited_error import RateLimitedError
from ...models.unauthorized_error import UnauthorizedError
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    account_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/admin/accounts/{account_id}/send-rate".format(
            account_id=quote(str(account_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ForbiddenError
    | GetSendRateResponse200
    | InternalError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    if response.status_code == 200:
        response_200 = GetSendRateResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ValidationError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UnauthorizedError.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ForbiddenError.from_dict(response.json())

        return response_403

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
    ForbiddenError | GetSendRateResponse200 | InternalError | RateLimitedError | UnauthorizedError | ValidationError
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    ForbiddenError | GetSendRateResponse200 | InternalError | RateLimitedError | UnauthorizedError | ValidationError
]:
    """How many messages a second all the account's senders together may send (admin; docs/pacing.md).

    Args:
        account_id (str): Letters, digits and `._:@+-`, starting with a letter or digit, at most
            128.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ForbiddenError | GetSendRateResponse200 | InternalError | RateLimitedError | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> (
    ForbiddenError
    | GetSendRateResponse200
    | InternalError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    """How many messages a second all the account's senders together may send (admin; docs/pacing.md).

    Args:
        account_id (str): Letters, digits and `._:@+-`, starting with a letter or digit, at most
            128.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ForbiddenError | GetSendRateResponse200 | InternalError | RateLimitedError | UnauthorizedError | ValidationError
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> Response[
    ForbiddenError | GetSendRateResponse200 | InternalError | RateLimitedError | UnauthorizedError | ValidationError
]:
    """How many messages a second all the account's senders together may send (admin; docs/pacing.md).

    Args:
        account_id (str): Letters, digits and `._:@+-`, starting with a letter or digit, at most
            128.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ForbiddenError | GetSendRateResponse200 | InternalError | RateLimitedError | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
) -> (
    ForbiddenError
    | GetSendRateResponse200
    | InternalError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    """How many messages a second all the account's senders together may send (admin; docs/pacing.md).

    Args:
        account_id (str): Letters, digits and `._:@+-`, starting with a letter or digit, at most
            128.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ForbiddenError | GetSendRateResponse200 | InternalError | RateLimitedError | UnauthorizedError | ValidationError
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
        )
    ).parsed
