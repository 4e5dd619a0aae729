from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.add_members_body import AddMembersBody
from ...models.add_members_response_201 import AddMembersResponse201
from ...models.conflict_error import ConflictError
from ...models.internal_error import InternalError
from ...models.not_found_error import NotFoundError
from ...models.payload_too_large_error import PayloadTooLargeError
from ...models.rate_limited_error import RateLimitedError
from ...models.unauthorized_error import UnauthorizedError
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    list_id: str,
    *,
    body: AddMembersBody,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/lists/{list_id}/members".format(
            list_id=quote(str(list_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    AddMembersResponse201
    | ConflictError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    if response.status_code == 201:
        response_201 = AddMembersResponse201.from_dict(response.json())

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
    AddMembersResponse201
    | ConflictError
    | InternalError
    | NotFoundError
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
    list_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AddMembersBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    AddMembersResponse201
    | ConflictError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
]:
    """Add or update up to 1,000 members; invalid phones are rejected row by row.

    Args:
        list_id (str): Opaque.
        idempotency_key (str | Unset): Printable characters.
        body (AddMembersBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddMembersResponse201 | ConflictError | InternalError | NotFoundError | PayloadTooLargeError | RateLimitedError | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        list_id=list_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    list_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AddMembersBody,
    idempotency_key: str | Unset = UNSET,
) -> (
    AddMembersResponse201
    | ConflictError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    """Add or update up to 1,000 members; invalid phones are rejected row by row.

    Args:
        list_id (str): Opaque.
        idempotency_key (str | Unset): Printable characters.
        body (AddMembersBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddMembersResponse201 | ConflictError | InternalError | NotFoundError | PayloadTooLargeError | RateLimitedError | UnauthorizedError | ValidationError
    """

    return sync_detailed(
        list_id=list_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    list_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AddMembersBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    AddMembersResponse201
    | ConflictError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
]:
    """Add or update up to 1,000 members; invalid phones are rejected row by row.

    Args:
        list_id (str): Opaque.
        idempotency_key (str | Unset): Printable characters.
        body (AddMembersBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[AddMembersResponse201 | ConflictError | InternalError | NotFoundError | PayloadTooLargeError | RateLimitedError | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        list_id=list_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    list_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: AddMembersBody,
    idempotency_key: str | Unset = UNSET,
) -> (
    AddMembersResponse201
    | ConflictError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    """Add or update up to 1,000 members; invalid phones are rejected row by row.

    Args:
        list_id (str): Opaque.
        idempotency_key (str | Unset): Printable characters.
        body (AddMembersBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        AddMembersResponse201 | ConflictError | InternalError | NotFoundError | PayloadTooLargeError | RateLimitedError | UnauthorizedError | ValidationError
    """

    return (
        await asyncio_detailed(
            list_id=list_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
