from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.internal_error import InternalError
from ...models.payload_too_large_error import PayloadTooLargeError
from ...models.put_settings_body import PutSettingsBody
from ...models.rate_limited_error import RateLimitedError
from ...models.settings_answer import SettingsAnswer
from ...models.unauthorized_error import UnauthorizedError
from ...models.validation_error import ValidationError
from ...types import Response


def _get_kwargs(
    *,
    body: PutSettingsBody,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "put",
        "url": "/settings",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    InternalError
    | PayloadTooLargeError
    | RateLimitedError
    | SettingsAnswer
    | UnauthorizedError
    | ValidationError
    | None
):
    if response.status_code == 200:
        response_200 = SettingsAnswer.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ValidationError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UnauthorizedError.from_dict(response.json())

        return response_401

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
    InternalError | PayloadTooLargeError | RateLimitedError | SettingsAnswer | UnauthorizedError | ValidationError
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PutSettingsBody,
) -> Response[
    InternalError | PayloadTooLargeError | RateLimitedError | SettingsAnswer | UnauthorizedError | ValidationError
]:
    """Set the account's default send window (null removes it); new broadcasts without one get it.

    Args:
        body (PutSettingsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InternalError | PayloadTooLargeError | RateLimitedError | SettingsAnswer | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: PutSettingsBody,
) -> (
    InternalError
    | PayloadTooLargeError
    | RateLimitedError
    | SettingsAnswer
    | UnauthorizedError
    | ValidationError
    | None
):
    """Set the account's default send window (null removes it); new broadcasts without one get it.

    Args:
        body (PutSettingsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InternalError | PayloadTooLargeError | RateLimitedError | SettingsAnswer | UnauthorizedError | ValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: PutSettingsBody,
) -> Response[
    InternalError | PayloadTooLargeError | RateLimitedError | SettingsAnswer | UnauthorizedError | ValidationError
]:
    """Set the account's default send window (null removes it); new broadcasts without one get it.

    Args:
        body (PutSettingsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InternalError | PayloadTooLargeError | RateLimitedError | SettingsAnswer | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: PutSettingsBody,
) -> (
    InternalError
    | PayloadTooLargeError
    | RateLimitedError
    | SettingsAnswer
    | UnauthorizedError
    | ValidationError
    | None
):
    """Set the account's default send window (null removes it); new broadcasts without one get it.

    Args:
        body (PutSettingsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InternalError | PayloadTooLargeError | RateLimitedError | SettingsAnswer | UnauthorizedError | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
