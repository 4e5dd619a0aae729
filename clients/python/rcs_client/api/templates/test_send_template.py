from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.conflict_error import ConflictError
from ...models.forbidden_error import ForbiddenError
from ...models.internal_error import InternalError
from ...models.not_found_error import NotFoundError
from ...models.payload_too_large_error import PayloadTooLargeError
from ...models.rate_limited_error import RateLimitedError
from ...models.test_send_template_body import TestSendTemplateBody
from ...models.test_send_template_response_200 import TestSendTemplateResponse200
from ...models.unauthorized_error import UnauthorizedError
from ...models.validation_error import ValidationError
from ...types import UNSET, Response, Unset


def _get_kwargs(
    template_id: str,
    *,
    body: TestSendTemplateBody,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/templates/{template_id}/test".format(
            template_id=quote(str(template_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ConflictError
    | ForbiddenError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | TestSendTemplateResponse200
    | UnauthorizedError
    | ValidationError
    | None
):
    if response.status_code == 200:
        response_200 = TestSendTemplateResponse200.from_dict(response.json())

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
    ConflictError
    | ForbiddenError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | TestSendTemplateResponse200
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
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: TestSendTemplateBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    ConflictError
    | ForbiddenError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | TestSendTemplateResponse200
    | UnauthorizedError
    | ValidationError
]:
    """Send one message of an approved template now to one number (charged, rate limited).

     Approved templates only (403 otherwise). Charged the price of the template's category, as a
    broadcast message; the ledger's debit has the reference test:<template_id>:<Idempotency-Key or a
    random id>, and a refund under the same reference when the provider did not take the message. With
    an Idempotency-Key a repeated request is charged once and answers the first answer. 409
    (insufficient_balance) when the balance cannot pay for it, 409 (no_credentials) without provider
    credentials, 429 past the account's test-send limit (RCS_TEST_SENDS_PER_MINUTE).

    Args:
        template_id (str): Opaque.
        idempotency_key (str | Unset): Printable characters.
        body (TestSendTemplateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConflictError | ForbiddenError | InternalError | NotFoundError | PayloadTooLargeError | RateLimitedError | TestSendTemplateResponse200 | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: TestSendTemplateBody,
    idempotency_key: str | Unset = UNSET,
) -> (
    ConflictError
    | ForbiddenError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | TestSendTemplateResponse200
    | UnauthorizedError
    | ValidationError
    | None
):
    """Send one message of an approved template now to one number (charged, rate limited).

     Approved templates only (403 otherwise). Charged the price of the template's category, as a
    broadcast message; the ledger's debit has the reference test:<template_id>:<Idempotency-Key or a
    random id>, and a refund under the same reference when the provider did not take the message. With
    an Idempotency-Key a repeated request is charged once and answers the first answer. 409
    (insufficient_balance) when the balance cannot pay for it, 409 (no_credentials) without provider
    credentials, 429 past the account's test-send limit (RCS_TEST_SENDS_PER_MINUTE).

    Args:
        template_id (str): Opaque.
        idempotency_key (str | Unset): Printable characters.
        body (TestSendTemplateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConflictError | ForbiddenError | InternalError | NotFoundError | PayloadTooLargeError | RateLimitedError | TestSendTemplateResponse200 | UnauthorizedError | ValidationError
    """

    return sync_detailed(
        template_id=template_id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: TestSendTemplateBody,
    idempotency_key: str | Unset = UNSET,
) -> Response[
    ConflictError
    | ForbiddenError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | TestSendTemplateResponse200
    | UnauthorizedError
    | ValidationError
]:
    """Send one message of an approved template now to one number (charged, rate limited).

     Approved templates only (403 otherwise). Charged the price of the template's category, as a
    broadcast message; the ledger's debit has the reference test:<template_id>:<Idempotency-Key or a
    random id>, and a refund under the same reference when the provider did not take the message. With
    an Idempotency-Key a repeated request is charged once and answers the first answer. 409
    (insufficient_balance) when the balance cannot pay for it, 409 (no_credentials) without provider
    credentials, 429 past the account's test-send limit (RCS_TEST_SENDS_PER_MINUTE).

    Args:
        template_id (str): Opaque.
        idempotency_key (str | Unset): Printable characters.
        body (TestSendTemplateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ConflictError | ForbiddenError | InternalError | NotFoundError | PayloadTooLargeError | RateLimitedError | TestSendTemplateResponse200 | UnauthorizedError | ValidationError]
    """

    kwargs = _get_kwargs(
        template_id=template_id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    template_id: str,
    *,
    client: AuthenticatedClient | Client,
    body: TestSendTemplateBody,
    idempotency_key: str | Unset = UNSET,
) -> (
    ConflictError
    | ForbiddenError
    | InternalError
    | NotFoundError
    | PayloadTooLargeError
    | RateLimitedError
    | TestSendTemplateResponse200
    | UnauthorizedError
    | ValidationError
    | None
):
    """Send one message of an approved template now to one number (charged, rate limited).

     Approved templates only (403 otherwise). Charged the price of the template's category, as a
    broadcast message; the ledger's debit has the reference test:<template_id>:<Idempotency-Key or a
    random id>, and a refund under the same reference when the provider did not take the message. With
    an Idempotency-Key a repeated request is charged once and answers the first answer. 409
    (insufficient_balance) when the balance cannot pay for it, 409 (no_credentials) without provider
    credentials, 429 past the account's test-send limit (RCS_TEST_SENDS_PER_MINUTE).

    Args:
        template_id (str): Opaque.
        idempotency_key (str | Unset): Printable characters.
        body (TestSendTemplateBody):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ConflictError | ForbiddenError | InternalError | NotFoundError | PayloadTooLargeError | RateLimitedError | TestSendTemplateResponse200 | UnauthorizedError | ValidationError
    """

    return (
        await asyncio_detailed(
            template_id=template_id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
