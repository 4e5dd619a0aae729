from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delete_member_response_200 import DeleteMemberResponse200
from ...models.internal_error import InternalError
from ...models.not_found_error import NotFoundError
from ...models.rate_limited_error import RateLimitedError
from ...models.region import Region
from ...models.unauthorized_error import UnauthorizedError
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    list_id: str,
    phone: str,
    *,
    default_region: Region | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_default_region: str | Unset = UNSET
    if not isinstance(default_region, Unset):
        json_default_region = default_region.value

    params["default_region"] = json_default_region

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/lists/{list_id}/members/{phone}".format(
            list_id=quote(str(list_id), safe=""),
            phone=quote(str(phone), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    DeleteMemberResponse200
    | InternalError
    | NotFoundError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    if response.status_code == 200:
        response_200 = DeleteMemberResponse200.from_dict(response.json())

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
    DeleteMemberResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    list_id: str,
    phone: str,
    *,
    client: AuthenticatedClient | Client,
    default_region: Region | Unset = UNSET,
) -> Response[
    DeleteMemberResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError
]:
    """Remove one member from the list.

    Args:
        list_id (str): Opaque.
        phone (str):
        default_region (Region | Unset): The ISO 3166 alpha-2 region (IN, US) national numbers are
            read in, one of the regions libphonenumber knows; "" (or null where allowed) for none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeleteMemberResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        list_id=list_id,
        phone=phone,
        default_region=default_region,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    list_id: str,
    phone: str,
    *,
    client: AuthenticatedClient | Client,
    default_region: Region | Unset = UNSET,
) -> (
    DeleteMemberResponse200
    | InternalError
    | NotFoundError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    """Remove one member from the list.

    Args:
        list_id (str): Opaque.
        phone (str):
        default_region (Region | Unset): The ISO 3166 alpha-2 region (IN, US) national numbers are
            read in, one of the regions libphonenumber knows; "" (or null where allowed) for none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeleteMemberResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError
    """

    return sync_detailed(
        list_id=list_id,
        phone=phone,
        client=client,
        default_region=default_region,
    ).parsed


async def asyncio_detailed(
    list_id: str,
    phone: str,
    *,
    client: AuthenticatedClient | Client,
    default_region: Region | Unset = UNSET,
) -> Response[
    DeleteMemberResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError
]:
    """Remove one member from the list.

    Args:
        list_id (str): Opaque.
        phone (str):
        default_region (Region | Unset): The ISO 3166 alpha-2 region (IN, US) national numbers are
            read in, one of the regions libphonenumber knows; "" (or null where allowed) for none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeleteMemberResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        list_id=list_id,
        phone=phone,
        default_region=default_region,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    list_id: str,
    phone: str,
    *,
    client: AuthenticatedClient | Client,
    default_region: Region | Unset = UNSET,
) -> (
    DeleteMemberResponse200
    | InternalError
    | NotFoundError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    """Remove one member from the list.

    Args:
        list_id (str): Opaque.
        phone (str):
        default_region (Region | Unset): The ISO 3166 alpha-2 region (IN, US) national numbers are
            read in, one of the regions libphonenumber knows; "" (or null where allowed) for none.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeleteMemberResponse200 | InternalError | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError
    """

    return (
        await asyncio_detailed(
            list_id=list_id,
            phone=phone,
            client=client,
            default_region=default_region,
        )
    ).parsed
