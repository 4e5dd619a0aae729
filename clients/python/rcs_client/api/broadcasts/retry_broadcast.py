from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conflict_error import ConflictError
from ...models.internal_error import InternalError
from ...models.not_found_error import NotFoundError
from ...models.payload_too_large_error import PayloadTooLargeError
from ...models.rate_limited_error import RateLimitedError
from ...models.retry_broadcast_response_201 import RetryBroadcastResponse201
from ...models.unauthorized_error import UnauthorizedError
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    broadcast_id: str,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/broadcasts/{broadcast_id}/retry".format(
            broadcast_id=quote(str(broadcast_id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ConflictError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | RetryBroadcastResponse201
    | UnauthorizedError
    | ValidationError
    | None
):
    if response.status_code == 201:
        response_201 = RetryBroadcastResponse201.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ValidationError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UnauthorizedError.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = NotFoundError.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = ConflictError.from_dict(response.json())

        return response_409

    if response.status_code == 413:
        response_413 = PayloadTooLargeError.from_dict(response.json())

        return response_413

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
    ConflictError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | RetryBroadcastResponse201
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
    broadcast_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    ConflictError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | RetryBroadcastResponse201
    | UnauthorizedError
    | ValidationError
]:
    """A new draft of a finished broadcast's targets that failed for a transient reason.

     Takes the targets that failed with provider_unavailable, throttled, timeout or internal_error (and
    the provider's rate_limited and connection_error), never the permanent failures (not_rcs_capable,
    opted_out, invalid_number, provider_rejected, missing_variable...), with the source's template
    snapshot and each target's variables. The draft's retry_of names the source; its messages get new
    ids. 409 when the source is not finished or nothing failed transiently.

    Args:
        broadcast_id (str): Opaque.
        idempotency_key (str | Unset): Printable characters.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConflictError | InternalError | NotFoundError | PayloadTooLargeError | RateLimitedError | RetryBroadcastResponse201 | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        broadcast_id=broadcast_id,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    broadcast_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> (
    ConflictError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | RetryBroadcastResponse201
    | UnauthorizedError
    | ValidationError
    | None
):
    """A new draft of a finished broadcast's targets that failed for a transient reason.

     Takes the targets that failed with provider_unavailable, throttled, timeout or internal_error (and
    the provider's rate_limited and connection_error), never the permanent failures (not_rcs_capable,
    opted_out, invalid_number, provider_rejected, missing_variable...), with the source's template
    snapshot and each target's variables. The draft's retry_of names the source; its messages get new
    ids. 409 when the source is not finished or nothing failed transiently.

    Args:
        broadcast_id (str): Opaque.
        idempotency_key (str | Unset): Printable characters.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConflictError | InternalError | NotFoundError | PayloadTooLargeError | RateLimitedError | RetryBroadcastResponse201 | UnauthorizedError | ValidationError
    """

    return sync_detailed(
        broadcast_id=broadcast_id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    broadcast_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    ConflictError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | RetryBroadcastResponse201
    | UnauthorizedError
    | ValidationError
]:
    """A new draft of a finished broadcast's targets that failed for a transient reason.

     Takes the targets that failed with provider_unavailable, throttled, timeout or internal_error (and
    the provider's rate_limited and connection_error), never the permanent failures (not_rcs_capable,
    opted_out, invalid_number, provider_rejected, missing_variable...), with the source's template
    snapshot and each target's variables. The draft's retry_of names the source; its messages get new
    ids. 409 when the source is not finished or nothing failed transiently.

    Args:
        broadcast_id (str): Opaque.
        idempotency_key (str | Unset): Printable characters.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConflictError | InternalError | NotFoundError | PayloadTooLargeError | RateLimitedError | RetryBroadcastResponse201 | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        broadcast_id=broadcast_id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    broadcast_id: str,
    *,
    client: AuthenticatedClient | Client,
    idempotency_key: str | Unset = UNSET,
) -> (
    ConflictError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | RetryBroadcastResponse201
    | UnauthorizedError
    | ValidationError
    | None
):
    """A new draft of a finished broadcast's targets that failed for a transient reason.

     Takes the targets that failed with provider_unavailable, throttled, timeout or internal_error (and
    the provider's rate_limited and connection_error), never the permanent failures (not_rcs_capable,
    opted_out, invalid_number, provider_rejected, missing_variable...), with the source's template
    snapshot and each target's variables. The draft's retry_of names the source; its messages get new
    ids. 409 when the source is not finished or nothing failed transiently.

    Args:
        broadcast_id (str): Opaque.
        idempotency_key (str | Unset): Printable characters.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConflictError | InternalError | NotFoundError | PayloadTooLargeError | RateLimitedError | RetryBroadcastResponse201 | UnauthorizedError | ValidationError
    """

    return (
        await asyncio_detailed(
            broadcast_id=broadcast_id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
