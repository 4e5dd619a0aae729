"""The Google RBM adapter: a REST client of `phones.agentMessages.create` and `.delete` (revoke), and
of `users:batchGet` (reach: at most MAX_USERS_PER_CALL numbers a call, at most 600 calls a minute
from one provider object; the endpoint must be the agent's regional one). One module: every call
shares the provider's token, session and the mapping of Google's answers to our outcomes.

- Auth: a service-account key -> OAuth2 access token (scope `rcsbusinessmessaging`) through
  google-auth; the token is cached on the provider until google-auth deems it expired (it
  refreshes 3 min 45 s early) and refreshed under a lock, so concurrent sends share one token.
  The token endpoint is the key's `token_uri`.
- Send: `POST {endpoint}/v1/phones/{E.164}/agentMessages?messageId=<uuid>&agentId=<agent>` with
  the AgentMessage JSON. The messageId is the idempotency key: RBM ignores a message whose id it
  has already seen and answers 409 ALREADY_EXISTS, which we count as sent.
- Outcomes: 200/409 sent; 404 not_rcs_capable; 400 (and other 4xx) provider_rejected; 401 ->
  one fresh token and a second try, then provider_auth; 403 provider_forbidden; 429, 408, 5xx,
  timeouts and connection errors are retried within the call (exponential backoff with jitter,
  bounded attempts and time), then `retry` (the sender puts the work back on the queue).
- Thread-safe: one `requests.Session` (its connection pool is shared by the sender's threads),
  token refresh under a lock, no other mutable state.
"""

from __future__ import annotations

import email.utils
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote, urlsplit

import requests
from google.auth import exceptions as google_exceptions
from google.auth.transport.requests import Request as GoogleRequest
from google.oauth2 import service_account
from requests.adapters import HTTPAdapter
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_result,
    stop_after_attempt,
    stop_any,
    stop_before_delay,
    wait_exponential_jitter,
)
from tenacity.stop import stop_base

from chalicelib.logs import logger
from chalicelib.providers.port import (
    CONNECTION_ERROR,
    E164,
    INVALID_PHONE,
    NOT_RCS_CAPABLE,
    PROVIDER_AUTH,
    PROVIDER_FORBIDDEN,
    PROVIDER_REJECTED,
    PROVIDER_UNAVAILABLE,
    RATE_LIMITED,
    TIMEOUT,
    OutboundMessage,
    ProviderConfigError,
    RevokeResult,
    SendResult,
)

RBM_SCOPE = "https://www.googleapis.com/auth/rcsbusinessmessaging"
DEFAULT_ENDPOINT = "https://rcsbusinessmessaging.googleapis.com"
DEFAULT_TIMEOUT = (3.05, 6.0)  # (connect, read) seconds; RBM answers a send in well under a second
TRANSIENT_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
# users:batchGet: Google's reference caps it at 600 queries a minute; it names no size limit per
# call, so we keep each call to 10,000 numbers (the fake RBM refuses more).
MAX_USERS_PER_CALL = 10_000
BATCH_GET_PER_MINUTE = 600


@dataclass(frozen=True)
class RetryPolicy:
    """Retries of transient trouble within one `send`: at most `max_attempts` tries and
    `max_elapsed` seconds; waits grow `initial_wait * 2**n` (+ up to `jitter`), capped at
    `max_wait`. A server asking (Retry-After) for more than `max_retry_after` seconds is not
    waited for: the call returns `retry` with that hint at once.

    No new try starts after `max_elapsed`, so one call lasts at most about `max_elapsed` plus one
    try (connect + read timeout): ~21 s with the defaults against a server that hangs."""

    max_attempts: int = 3
    initial_wait: float = 0.5
    max_wait: float = 4.0
    jitter: float = 0.5
    max_elapsed: float = 12.0
    max_retry_after: float = 5.0


@dataclass(frozen=True)
class _BatchGet:
    """One users:batchGet call: `ok` with the reachable numbers, `retry`, or `refused` (a 4xx)."""

    outcome: str
    status: int = 0
    found: set[str] | None = None


class _TimeoutRequest(GoogleRequest):
    """google-auth's transport with our timeout (its default is 120 s)."""

    def __init__(self, session: requests.Session, timeout: tuple[float, float]) -> None:
        super().__init__(session=session)
        self._timeout = timeout

    def __call__(self, url: str, method: str = "GET", body: Any = None, headers: Any = None,
                 timeout: Any = None, **kwargs: Any) -> Any:
        return super().__call__(  # type: ignore[no-untyped-call]
            url, method=method, body=body, headers=headers, timeout=timeout or self._timeout, **kwargs
        )


class RbmProvider:
    def __init__(
        self,
        *,
        agent_id: str,
        service_account_info: Mapping[str, Any],
        endpoint: str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
        pool_size: int = 32,
    ) -> None:
        if not agent_id:
            raise ProviderConfigError("rbm credentials need an agent_id")
        try:
            self._credentials = service_account.Credentials.from_service_account_info(  # type: ignore[no-untyped-call]
                dict(service_account_info), scopes=[RBM_SCOPE]
            )
        except (ValueError, KeyError, TypeError) as exc:  # never echo the key itself
            raise ProviderConfigError(f"the service-account key is not usable ({type(exc).__name__})") from None
        self.agent_id = agent_id
        self.endpoint = (endpoint or DEFAULT_ENDPOINT).rstrip("/")
        self._timeout = timeout
        self._retry = retry or RetryPolicy()
        self._sleep = sleep
        self._lock = threading.Lock()
        self._session = requests.Session()
        adapter = HTTPAdapter(pool_connections=4, pool_maxsize=pool_size, max_retries=0)
        self._session.mount("https://", adapter)
        self._session.mount("http://", adapter)
        self._auth_session = requests.Session()
        self._auth_request = _TimeoutRequest(self._auth_session, timeout)
        self._batch_get_lock = threading.Lock()
        self._next_batch_get = 0.0
        self.max_users_per_call = MAX_USERS_PER_CALL

    def url_for(self, phone: str) -> str:
        return f"{self.endpoint}/v1/phones/{quote(phone, safe='+')}/agentMessages"

    def send(self, message: OutboundMessage) -> SendResult:
        if not E164.match(message.phone):
            return SendResult.failed(message.message_id, INVALID_PHONE, detail="phone is not E.164")
        attempts = 0

        def attempt() -> SendResult:
            nonlocal attempts
            attempts += 1
            return self._attempt(message)

        result: SendResult = self._retrying()(attempt)
        if result.outcome == "retry":
            logger.warning(
                "rbm send deferred",
                extra={"message_id": message.message_id, "reason": result.failure_reason,
                       "status": result.status, "attempts": attempts},
            )
        elif result.failure_reason in (PROVIDER_AUTH, PROVIDER_FORBIDDEN):
            logger.error(
                "rbm refused the agent's credentials",
                extra={"agent_id": self.agent_id, "reason": result.failure_reason, "detail": result.detail},
            )
        return replace(result, attempts=attempts)

    def revoke(self, phone: str, message_id: str) -> RevokeResult:
        """`DELETE /v1/phones/{E.164}/agentMessages/{messageId}?agentId=`: 200 revoked (never delivered),
        404 not revoked (RBM delivered it). Transient trouble is retried within the call like a send."""
        if not E164.match(phone):
            return RevokeResult(message_id, "not_revoked", detail="phone is not E.164")
        result: RevokeResult = self._retrying()(lambda: self._revoke_once(phone, message_id))
        if result.outcome == "retry":
            logger.warning("rbm revoke deferred", extra={"message_id": message_id, "detail": result.detail})
        return result

    def _revoke_once(self, phone: str, message_id: str) -> RevokeResult:
        try:
            response = self._authorized(lambda token: self._session.delete(
                f"{self.url_for(phone)}/{quote(message_id, safe='')}", params={"agentId": self.agent_id},
                headers={"Authorization": f"Bearer {token}"}, timeout=self._timeout))
        except (google_exceptions.RefreshError, google_exceptions.TransportError) as exc:
            return RevokeResult(message_id, "retry", detail=f"token: {type(exc).__name__}")
        except requests.RequestException as exc:
            return RevokeResult(message_id, "retry", detail=type(exc).__name__)
        status = response.status_code
        if 200 <= status < 300:
            return RevokeResult(message_id, "revoked", status=status)
        if _transient(status):
            return RevokeResult(message_id, "retry", detail=_error_detail(response), status=status)
        return RevokeResult(message_id, "not_revoked", detail=_error_detail(response), status=status)

    def reachable_users(self, phones: list[str]) -> frozenset[str] | None:
        """`POST /v1/users:batchGet {"users", "agentId"}` per MAX_USERS_PER_CALL numbers, paced to
        600 calls a minute: the numbers RBM can reach (`reachableUsers`), or None when a call met
        trouble (the caller sends anyway: RBM's 404 then tells)."""
        reachable: set[str] = set()
        numbers = [phone for phone in dict.fromkeys(phones) if E164.match(phone)]
        for start in range(0, len(numbers), self.max_users_per_call):
            found = self._batch_get(numbers[start:start + self.max_users_per_call])
            if found is None:
                return None
            reachable |= found
        return frozenset(reachable)

    def _pace_batch_get(self) -> None:
        with self._batch_get_lock:
            now = time.monotonic()
            wait = self._next_batch_get - now
            self._next_batch_get = max(now, self._next_batch_get) + 60.0 / BATCH_GET_PER_MINUTE
        if wait > 0:
            self._sleep(wait)

    def _batch_get(self, users: list[str]) -> set[str] | None:
        def paced() -> _BatchGet:
            self._pace_batch_get()
            return self._batch_get_once(users)

        answer: _BatchGet = self._retrying()(paced)
        if answer.outcome == "refused":
            logger.warning("rbm users:batchGet refused", extra={"status": answer.status, "users": len(users)})
        return answer.found

    def _batch_get_once(self, users: list[str]) -> _BatchGet:
        try:
            response = self._authorized(lambda token: self._session.post(
                f"{self.endpoint}/v1/users:batchGet", json={"users": users, "agentId": self.agent_id},
                headers={"Authorization": f"Bearer {token}"}, timeout=self._timeout))
        except (google_exceptions.RefreshError, google_exceptions.TransportError, requests.RequestException):
            return _BatchGet("retry")
        status = response.status_code
        if status != 200:
            return _BatchGet("retry" if _transient(status) else "refused", status)
        try:
            listed = response.json().get("reachableUsers") or []
        except (ValueError, AttributeError):
            return _BatchGet("retry", status)
        return _BatchGet("ok", status, {str(phone) for phone in listed})

    def _authorized(self, request: Callable[[str], requests.Response]) -> requests.Response:
        """`request(token)`, asked once more with a fresh token when RBM answers 401. Errors getting a
        token (google-auth's) or reaching RBM (requests') are the caller's to classify."""
        token = self._token()
        response = request(token)
        if response.status_code == 401:
            self._forget(token)
            response = request(self._token())
        return response

    def _retrying(self) -> Retrying:
        """Tries of one call under the policy, while its result's `outcome` is `retry`."""
        policy = self._retry
        return Retrying(
            retry=retry_if_result(lambda result: result.outcome == "retry"),
            stop=stop_any(
                stop_after_attempt(policy.max_attempts),
                stop_before_delay(policy.max_elapsed),
                _ServerWaitTooLong(policy.max_retry_after),
            ),
            wait=_backoff(policy),
            sleep=self._sleep,
            retry_error_callback=_last_result,
        )

    def close(self) -> None:
        self._session.close()
        self._auth_session.close()

    # one try (plus one immediate try with a fresh token after a 401)
    def _attempt(self, message: OutboundMessage) -> SendResult:
        message_id = message.message_id
        try:
            response = self._authorized(lambda token: self._session.post(
                self.url_for(message.phone),
                params={"messageId": message_id, "agentId": self.agent_id},
                json=message.agent_message,
                headers={"Authorization": f"Bearer {token}"},
                timeout=self._timeout,
            ))
        except google_exceptions.RefreshError as exc:
            if getattr(exc, "retryable", False):
                return SendResult.retry(message_id, PROVIDER_UNAVAILABLE, detail="token endpoint unavailable")
            return SendResult.failed(message_id, PROVIDER_AUTH, detail="the token endpoint refused the key")
        except google_exceptions.TransportError:
            return SendResult.retry(message_id, CONNECTION_ERROR, detail="token endpoint unreachable")
        except requests.Timeout:
            return SendResult.retry(message_id, TIMEOUT)
        except requests.RequestException as exc:
            return SendResult.retry(message_id, CONNECTION_ERROR, detail=type(exc).__name__)
        return _classify(message_id, response)

    def _token(self) -> str:
        with self._lock:
            if not self._credentials.valid:
                self._credentials.refresh(self._auth_request)
            return str(self._credentials.token)

    def _forget(self, token: str) -> None:
        """Drop a token RBM no longer accepts, unless another thread already replaced it."""
        with self._lock:
            if self._credentials.token == token:
                self._credentials.token = None


def _transient(status: int) -> bool:
    return status in TRANSIENT_STATUSES or status >= 500


def _classify(message_id: str, response: requests.Response) -> SendResult:
    status = response.status_code
    if status in (200, 409):  # 409 ALREADY_EXISTS: this messageId was accepted before
        return SendResult.sent(message_id, status=status)
    detail = _error_detail(response)
    if status == 404:
        return SendResult.failed(message_id, NOT_RCS_CAPABLE, status=status, detail=detail)
    if status == 401:
        return SendResult.failed(message_id, PROVIDER_AUTH, status=status, detail=detail)
    if status == 403:
        return SendResult.failed(message_id, PROVIDER_FORBIDDEN, status=status, detail=detail)
    if _transient(status):
        reason = RATE_LIMITED if status == 429 else PROVIDER_UNAVAILABLE
        return SendResult.retry(message_id, reason, retry_after=_retry_after(response), status=status, detail=detail)
    if 200 <= status < 300:  # another success code: accepted
        return SendResult.sent(message_id, status=status)
    return SendResult.failed(message_id, PROVIDER_REJECTED, status=status, detail=detail)


def _error_detail(response: requests.Response) -> str:
    """Google's `{"error": {"status", "message"}}` as one short line."""
    try:
        error = response.json().get("error", {})
        text = f"{error.get('status', '')}: {error.get('message', '')}".strip(": ")
    except (ValueError, AttributeError):
        text = response.text
    return (text or f"HTTP {response.status_code}")[:300]


def _retry_after(response: requests.Response) -> float | None:
    value = response.headers.get("Retry-After", "").strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        moment = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return max(0.0, (moment - datetime.now(UTC)).total_seconds())


def _backoff(policy: RetryPolicy) -> Callable[[RetryCallState], float]:
    exponential = wait_exponential_jitter(multiplier=policy.initial_wait, max=policy.max_wait, jitter=policy.jitter)

    def wait(state: RetryCallState) -> float:
        asked = getattr(_outcome(state), "retry_after", None) or 0.0
        return max(float(exponential(state)), asked)

    return wait


class _ServerWaitTooLong(stop_base):
    """Stop when the server asks us to wait longer than we wait inside one call."""

    def __init__(self, limit: float) -> None:
        self.limit = limit

    def __call__(self, retry_state: RetryCallState) -> bool:
        asked = getattr(_outcome(retry_state), "retry_after", None)
        return asked is not None and asked > self.limit


def _outcome(state: RetryCallState) -> Any:
    assert state.outcome is not None
    return state.outcome.result()


def _last_result(state: RetryCallState) -> Any:
    return _outcome(state)


def is_trusted_endpoint(url: str) -> bool:
    """Google's RBM API over https: the global host or a regional one (`europe-`, `us-`, `asia-`)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    return parts.scheme == "https" and (
        host == "rcsbusinessmessaging.googleapis.com"
        or (host.endswith("-rcsbusinessmessaging.googleapis.com") and host.count(".") == 2)
    )


def is_trusted_token_uri(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" and (parts.hostname or "").lower() in {
        "oauth2.googleapis.com",
        "accounts.google.com",
        "www.googleapis.com",
    }
