from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.add_opt_outs_body import AddOptOutsBody
from ...models.add_opt_outs_response_200 import AddOptOutsResponse200
from ...models.conflict_error import ConflictError
from ...models.internal_error import InternalError
from ...models.payload_too_large_error import PayloadTooLargeError
from ...models.rate_limited_error import RateLimitedError
from ...models.unauthorized_error import UnauthorizedError
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: AddOptOutsBody,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/optouts",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    AddOptOutsResponse200
    | ConflictError
    | InternalError
    | PayloadTooLargeError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    if response.status_code == 200:
        response_200 = AddOptOutsResponse200.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = ValidationError.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UnauthorizedError.from_dict(response.json())

        return response_401

    if response.status_code == 409:
        response_409 = ConflictError.from_dict(response.json())

        return response_409

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
    AddOptOutsResponse200
    | ConflictError
    | InternalError
    | PayloadTooLargeError
    | RateLimitedError
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
    *,
    client: AuthenticatedClient | Client,
    body: AddOptOutsBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    AddOptOutsResponse200
    | ConflictError
    | InternalError
    | PayloadTooLargeError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
]:
    """Put numbers on the opt-out list (source api); broadcasts skip them from now on.

     Each number in E.164; one that libphonenumber does not hold valid is a 400 naming it (`phones.3`)
    and nothing is added. `added` counts the numbers that were not on the list (one already there keeps
    its source and time).

    Args:
        idempotency_key (str | Unset): Printable characters.
        body (AddOptOutsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddOptOutsResponse200 | ConflictError | InternalError | PayloadTooLargeError | RateLimitedError | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: AddOptOutsBody,
    idempotency_key: str | Unset = UNSET,
) -> (
    AddOptOutsResponse200
    | ConflictError
    | InternalError
    | PayloadTooLargeError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    """Put numbers on the opt-out list (source api); broadcasts skip them from now on.

     Each number in E.164; one that libphonenumber does not hold valid is a 400 naming it (`phones.3`)
    and nothing is added. `added` counts the numbers that were not on the list (one already there keeps
    its source and time).

    Args:
        idempotency_key (str | Unset): Printable characters.
        body (AddOptOutsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddOptOutsResponse200 | ConflictError | InternalError | PayloadTooLargeError | RateLimitedError | UnauthorizedError | ValidationError
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: AddOptOutsBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    AddOptOutsResponse200
    | ConflictError
    | InternalError
    | PayloadTooLargeError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
]:
    """Put numbers on the opt-out list (source api); broadcasts skip them from now on.

     Each number in E.164; one that libphonenumber does not hold valid is a 400 naming it (`phones.3`)
    and nothing is added. `added` counts the numbers that were not on the list (one already there keeps
    its source and time).

    Args:
        idempotency_key (str | Unset): Printable characters.
        body (AddOptOutsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddOptOutsResponse200 | ConflictError | InternalError | PayloadTooLargeError | RateLimitedError | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: AddOptOutsBody,
    idempotency_key: str | Unset = UNSET,
) -> (
    AddOptOutsResponse200
    | ConflictError
    | InternalError
    | PayloadTooLargeError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    """Put numbers on the opt-out list (source api); broadcasts skip them from now on.

     Each number in E.164; one that libphonenumber does not hold valid is a 400 naming it (`phones.3`)
    and nothing is added. `added` counts the numbers that were not on the list (one already there keeps
    its source and time).

    Args:
        idempotency_key (str | Unset): Printable characters.
        body (AddOptOutsBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddOptOutsResponse200 | ConflictError | InternalError | PayloadTooLargeError | RateLimitedError | UnauthorizedError | ValidationError
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
