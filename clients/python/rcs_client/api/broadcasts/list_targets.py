from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.internal_error import InternalError
from ...models.list_targets_response_200 import ListTargetsResponse200
from ...models.not_found_error import NotFoundError
from ...models.rate_limited_error import RateLimitedError
from ...models.target_state import TargetState
from ...models.unauthorized_error import UnauthorizedError
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    broadcast_id: str,
    *,
    size: int | Unset = 200,
    state: TargetState | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["size"] = size

    json_state: str | Unset = UNSET
    if not isinstance(state, Unset):
        json_state = state.value

    params["state"] = json_state

    params["cursor"] = cursor

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/broadcasts/{broadcast_id}/targets".format(
            broadcast_id=quote(str(broadcast_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    InternalError
    | ListTargetsResponse200
    | NotFoundError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    if response.status_code == 200:
        response_200 = ListTargetsResponse200.from_dict(response.json())

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
    InternalError | ListTargetsResponse200 | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError
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
    size: int | Unset = 200,
    state: TargetState | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> Response[
    InternalError | ListTargetsResponse200 | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError
]:
    """The broadcast's recipients and their states.

    Args:
        broadcast_id (str): Opaque.
        size (int | Unset):  Default: 200.
        state (TargetState | Unset): expired - RBM revoked the message when its ttl passed
            undelivered; revoked - taken back undelivered when the broadcast was cancelled. Both stay
            counted in sent_count (RBM accepted them, they are charged); a DELIVERED receipt that
            arrives later moves either to delivered. fallback_sent / fallback_failed - with fallback
            sms, the SMS fallback of an unreachable (failed, not_rcs_capable), expired or revoked
            target was sent (charged per segment) or could not be (not charged); failure_reason keeps
            the RCS reason, and later receipts leave the target as it is. suppressed - the number is
            on the account's opt-out list (failure_reason opted_out): never sent, never charged,
            counted in suppressed_count once its chunk is settled.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InternalError | ListTargetsResponse200 | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        broadcast_id=broadcast_id,
        size=size,
        state=state,
        cursor=cursor,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    broadcast_id: str,
    *,
    client: AuthenticatedClient | Client,
    size: int | Unset = 200,
    state: TargetState | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> (
    InternalError
    | ListTargetsResponse200
    | NotFoundError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    """The broadcast's recipients and their states.

    Args:
        broadcast_id (str): Opaque.
        size (int | Unset):  Default: 200.
        state (TargetState | Unset): expired - RBM revoked the message when its ttl passed
            undelivered; revoked - taken back undelivered when the broadcast was cancelled. Both stay
            counted in sent_count (RBM accepted them, they are charged); a DELIVERED receipt that
            arrives later moves either to delivered. fallback_sent / fallback_failed - with fallback
            sms, the SMS fallback of an unreachable (failed, not_rcs_capable), expired or revoked
            target was sent (charged per segment) or could not be (not charged); failure_reason keeps
            the RCS reason, and later receipts leave the target as it is. suppressed - the number is
            on the account's opt-out list (failure_reason opted_out): never sent, never charged,
            counted in suppressed_count once its chunk is settled.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InternalError | ListTargetsResponse200 | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError
    """

    return sync_detailed(
        broadcast_id=broadcast_id,
        client=client,
        size=size,
        state=state,
        cursor=cursor,
    ).parsed


async def asyncio_detailed(
    broadcast_id: str,
    *,
    client: AuthenticatedClient | Client,
    size: int | Unset = 200,
    state: TargetState | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> Response[
    InternalError | ListTargetsResponse200 | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError
]:
    """The broadcast's recipients and their states.

    Args:
        broadcast_id (str): Opaque.
        size (int | Unset):  Default: 200.
        state (TargetState | Unset): expired - RBM revoked the message when its ttl passed
            undelivered; revoked - taken back undelivered when the broadcast was cancelled. Both stay
            counted in sent_count (RBM accepted them, they are charged); a DELIVERED receipt that
            arrives later moves either to delivered. fallback_sent / fallback_failed - with fallback
            sms, the SMS fallback of an unreachable (failed, not_rcs_capable), expired or revoked
            target was sent (charged per segment) or could not be (not charged); failure_reason keeps
            the RCS reason, and later receipts leave the target as it is. suppressed - the number is
            on the account's opt-out list (failure_reason opted_out): never sent, never charged,
            counted in suppressed_count once its chunk is settled.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InternalError | ListTargetsResponse200 | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        broadcast_id=broadcast_id,
        size=size,
        state=state,
        cursor=cursor,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    broadcast_id: str,
    *,
    client: AuthenticatedClient | Client,
    size: int | Unset = 200,
    state: TargetState | Unset = UNSET,
    cursor: str | Unset = UNSET,
) -> (
    InternalError
    | ListTargetsResponse200
    | NotFoundError
    | RateLimitedError
    | UnauthorizedError
    | ValidationError
    | None
):
    """The broadcast's recipients and their states.

    Args:
        broadcast_id (str): Opaque.
        size (int | Unset):  Default: 200.
        state (TargetState | Unset): expired - RBM revoked the message when its ttl passed
            undelivered; revoked - taken back undelivered when the broadcast was cancelled. Both stay
            counted in sent_count (RBM accepted them, they are charged); a DELIVERED receipt that
            arrives later moves either to delivered. fallback_sent / fallback_failed - with fallback
            sms, the SMS fallback of an unreachable (failed, not_rcs_capable), expired or revoked
            target was sent (charged per segment) or could not be (not charged); failure_reason keeps
            the RCS reason, and later receipts leave the target as it is. suppressed - the number is
            on the account's opt-out list (failure_reason opted_out): never sent, never charged,
            counted in suppressed_count once its chunk is settled.
        cursor (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InternalError | ListTargetsResponse200 | NotFoundError | RateLimitedError | UnauthorizedError | ValidationError
    """

    return (
        await asyncio_detailed(
            broadcast_id=broadcast_id,
            client=client,
            size=size,
            state=state,
            cursor=cursor,
        )
    ).parsed
