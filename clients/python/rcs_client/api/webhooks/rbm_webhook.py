from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.internal_error import InternalError
from ...models.payload_too_large_error import PayloadTooLargeError
from ...models.rbm_webhook_event import RbmWebhookEvent
from ...models.rbm_webhook_handshake import RbmWebhookHandshake
from ...models.unauthorized_error import UnauthorizedError
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: RbmWebhookEvent | RbmWebhookHandshake,
    x_goog_signature: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(x_goog_signature, Unset):
        headers["X-Goog-Signature"] = x_goog_signature

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/webhooks/rbm",
    }

    if isinstance(body, RbmWebhookHandshake):
        _kwargs["json"] = body.to_dict()
    else:
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InternalError | PayloadTooLargeError | UnauthorizedError | ValidationError | str | None:
    if response.status_code == 200:
        response_200 = response.text
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

    if response.status_code == 500:
        response_500 = InternalError.from_dict(response.json())

        return response_500

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[InternalError | PayloadTooLargeError | UnauthorizedError | ValidationError | str]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RbmWebhookEvent | RbmWebhookHandshake,
    x_goog_signature: str | Unset = UNSET,
) -> Response[InternalError | PayloadTooLargeError | UnauthorizedError | ValidationError | str]:
    """Google RBM's webhook (the set-up handshake, signed delivery and read events, and user messages).

     No bearer token; the signature is the authentication. The handshake
    (`{"clientToken", "secret"}`, the client token of some account's credentials) is answered with the
    secret as text. An event (`{"message": {"data": base64 JSON}}`) must carry `X-Goog-Signature`, the
    base64 HMAC-SHA512 of the decoded data keyed with the agent's webhook client token; else 401 and
    nothing changes. A user message (RBM's UserMessage: a `text` reply or a `suggestionResponse` with
    its
    `postbackData`) is verified the same way, then counted once on the broadcast it answers
    (`replied_count`, `clicked_count`, `clicks`); a stop keyword puts the sender on the opt-out list.

    Args:
        x_goog_signature (str | Unset):
        body (RbmWebhookEvent | RbmWebhookHandshake):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InternalError | PayloadTooLargeError | UnauthorizedError | ValidationError | str]
    """

    kwargs = _get_kwargs(
        body=body,
        x_goog_signature=x_goog_signature,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient | Client,
    body: RbmWebhookEvent | RbmWebhookHandshake,
    x_goog_signature: str | Unset = UNSET,
) -> InternalError | PayloadTooLargeError | UnauthorizedError | ValidationError | str | None:
    """Google RBM's webhook (the set-up handshake, signed delivery and read events, and user messages).

     No bearer token; the signature is the authentication. The handshake
    (`{"clientToken", "secret"}`, the client token of some account's credentials) is answered with the
    secret as text. An event (`{"message": {"data": base64 JSON}}`) must carry `X-Goog-Signature`, the
    base64 HMAC-SHA512 of the decoded data keyed with the agent's webhook client token; else 401 and
    nothing changes. A user message (RBM's UserMessage: a `text` reply or a `suggestionResponse` with
    its
    `postbackData`) is verified the same way, then counted once on the broadcast it answers
    (`replied_count`, `clicked_count`, `clicks`); a stop keyword puts the sender on the opt-out list.

    Args:
        x_goog_signature (str | Unset):
        body (RbmWebhookEvent | RbmWebhookHandshake):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InternalError | PayloadTooLargeError | UnauthorizedError | ValidationError | str
    """

    return sync_detailed(
        client=client,
        body=body,
        x_goog_signature=x_goog_signature,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient | Client,
    body: RbmWebhookEvent | RbmWebhookHandshake,
    x_goog_signature: str | Unset = UNSET,
) -> Response[InternalError | PayloadTooLargeError | UnauthorizedError | ValidationError | str]:
    """Google RBM's webhook (the set-up handshake, signed delivery and read events, and user messages).

     No bearer token; the signature is the authentication. The handshake
    (`{"clientToken", "secret"}`, the client token of some account's credentials) is answered with the
    secret as text. An event (`{"message": {"data": base64 JSON}}`) must carry `X-Goog-Signature`, the
    base64 HMAC-SHA512 of the decoded data keyed with the agent's webhook client token; else 401 and
    nothing changes. A user message (RBM's UserMessage: a `text` reply or a `suggestionResponse` with
    its
    `postbackData`) is verified the same way, then counted once on the broadcast it answers
    (`replied_count`, `clicked_count`, `clicks`); a stop keyword puts the sender on the opt-out list.

    Args:
        x_goog_signature (str | Unset):
        body (RbmWebhookEvent | RbmWebhookHandshake):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InternalError | PayloadTooLargeError | UnauthorizedError | ValidationError | str]
    """

    kwargs = _get_kwargs(
        body=body,
        x_goog_signature=x_goog_signature,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient | Client,
    body: RbmWebhookEvent | RbmWebhookHandshake,
    x_goog_signature: str | Unset = UNSET,
) -> InternalError | PayloadTooLargeError | UnauthorizedError | ValidationError | str | None:
    """Google RBM's webhook (the set-up handshake, signed delivery and read events, and user messages).

     No bearer token; the signature is the authentication. The handshake
    (`{"clientToken", "secret"}`, the client token of some account's credentials) is answered with the
    secret as text. An event (`{"message": {"data": base64 JSON}}`) must carry `X-Goog-Signature`, the
    base64 HMAC-SHA512 of the decoded data keyed with the agent's webhook client token; else 401 and
    nothing changes. A user message (RBM's UserMessage: a `text` reply or a `suggestionResponse` with
    its
    `postbackData`) is verified the same way, then counted once on the broadcast it answers
    (`replied_count`, `clicked_count`, `clicks`); a stop keyword puts the sender on the opt-out list.

    Args:
        x_goog_signature (str | Unset):
        body (RbmWebhookEvent | RbmWebhookHandshake):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InternalError | PayloadTooLargeError | UnauthorizedError | ValidationError | str
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            x_goog_signature=x_goog_signature,
        )
    ).parsed
