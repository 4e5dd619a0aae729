from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.forbidden_error import ForbiddenError
from ...models.internal_error import InternalError
from ...models.payload_too_large_error import PayloadTooLargeError
from ...models.rate_limited_error import RateLimitedError
from ...models.set_send_rate_body import SetSendRateBody
from ...models.set_send_rate_response_200 import SetSendRateResponse200
from ...models.unauthorized_error import UnauthorizedError
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    account_id: str,
    *,
    body: SetSendRateBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/admin/accounts/{account_id}/send-rate".format(
            account_id=quote(str(account_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ForbiddenError
    | InternalError
    | PayloadTooLargeError
    | RateLimitedError
    | SetSendRateResponse200
    | UnauthorizedError
    | ValidationError
    | None
):
    if response.status_code == 200:
        response_200 = SetSendRateResponse200.from_dict(response.json())

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

    if response.status_code == 413:
        response_413 = PayloadTooLargeError.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = ValidationError.from_dict(response.json())

        return response_415

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
    ForbiddenError
    | InternalError
    | PayloadTooLargeError
    | RateLimitedError
    | SetSendRateResponse200
    | UnauthorizedError
    | ValidationError
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
    body: SetSendRateBody,
) -> Response[
    ForbiddenError
    | InternalError
    | PayloadTooLargeError
    | RateLimitedError
    | SetSendRateResponse200
    | UnauthorizedError
    | ValidationError
]:
    """Set the account's own send limit in messages a second (admin); null returns it to the platform's
    default (RCS_SEND_RATE_PER_SECOND). One limit for all the account's broadcasts and senders; senders
    read it within a minute.

    Args:
        account_id (str): Letters, digits and `._:@+-`, starting with a letter or digit, at most
            128.
        body (SetSendRateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ForbiddenError | InternalError | PayloadTooLargeError | RateLimitedError | SetSendRateResponse200 | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SetSendRateBody,
) -> (
    ForbiddenError
    | InternalError
    | PayloadTooLargeError
    | RateLimitedError
    | SetSendRateResponse200
    | UnauthorizedError
    | ValidationError
    | None
):
    """Set the account's own send limit in messages a second (admin); null returns it to the platform's
    default (RCS_SEND_RATE_PER_SECOND). One limit for all the account's broadcasts and senders; senders
    read it within a minute.

    Args:
        account_id (str): Letters, digits and `._:@+-`, starting with a letter or digit, at most
            128.
        body (SetSendRateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ForbiddenError | InternalError | PayloadTooLargeError | RateLimitedError | SetSendRateResponse200 | UnauthorizedError | ValidationError
    """

    return sync_detailed(
        account_id=account_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SetSendRateBody,
) -> Response[
    ForbiddenError
    | InternalError
    | PayloadTooLargeError
    | RateLimitedError
    | SetSendRateResponse200
    | UnauthorizedError
    | ValidationError
]:
    """Set the account's own send limit in messages a second (admin); null returns it to the platform's
    default (RCS_SEND_RATE_PER_SECOND). One limit for all the account's broadcasts and senders; senders
    read it within a minute.

    Args:
        account_id (str): Letters, digits and `._:@+-`, starting with a letter or digit, at most
            128.
        body (SetSendRateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ForbiddenError | InternalError | PayloadTooLargeError | RateLimitedError | SetSendRateResponse200 | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        account_id=account_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    account_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: SetSendRateBody,
) -> (
    ForbiddenError
    | InternalError
    | PayloadTooLargeError
    | RateLimitedError
    | SetSendRateResponse200
    | UnauthorizedError
    | ValidationError
    | None
):
    """Set the account's own send limit in messages a second (admin); null returns it to the platform's
    default (RCS_SEND_RATE_PER_SECOND). One limit for all the account's broadcasts and senders; senders
    read it within a minute.

    Args:
        account_id (str): Letters, digits and `._:@+-`, starting with a letter or digit, at most
            128.
        body (SetSendRateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ForbiddenError | InternalError | PayloadTooLargeError | RateLimitedError | SetSendRateResponse200 | UnauthorizedError | ValidationError
    """

    return (
        await asyncio_detailed(
            account_id=account_id,
            client=client,
            body=body,
        )
    ).parsed
