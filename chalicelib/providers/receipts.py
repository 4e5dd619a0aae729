"""Delivery and read receipts as RBM sends them, for the simulator to post back to our webhook.

RBM delivers agent events through Pub/Sub push: a POST whose JSON body is
``{"message": {"data": base64(event JSON), "messageId", "publishTime"}, "subscription"}`` with the
header ``X-Goog-Signature: base64(HMAC-SHA512(clientToken, decoded data))``. The event JSON is
``{"agentId", "senderPhoneNumber", "eventType", "eventId", "messageId", "sendTime"}``.

`webhook_request` builds exactly that (the receipts feature can also use it to build signed test
calls); `WebhookReceiptEmitter` is the `ReceiptEmitter` the simulator uses: it posts each event
after its delay from one background thread per process (`DelayedPoster`). A post that fails is
tried again with backoff, as Google would. In Lambda the thread only runs while the process is
thawed, so a receipt due after the invocation ends goes out at the next invocation (good enough
for a simulator; the local stack runs in one long-lived process). `drain()` waits for what is due.
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import hmac
import itertools
import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from typing import Any, Literal, Protocol

import requests

from chalicelib.logs import logger

WEBHOOK_PATH = "/api/v1/rcs/webhooks/rbm"
SIGNATURE_HEADER = "X-Goog-Signature"
EVENT_ID_NAMESPACE = uuid.UUID("0c3e9b8a-2f4d-4e61-a7b5-9d8c6f1e2a43")

EventType = Literal["DELIVERED", "READ", "TTL_EXPIRATION_REVOKED", "TTL_EXPIRATION_REVOKE_FAILED"]
# Server-generated events (ServerEvent) name the recipient `phoneNumber`; user events `senderPhoneNumber`.
SERVER_EVENTS = frozenset({"TTL_EXPIRATION_REVOKED", "TTL_EXPIRATION_REVOKE_FAILED"})


def receipt_event_id(message_id: str, event_type: str) -> str:
    """The same event of the same message always has the same id, so a resend's receipts are
    recognisable as duplicates."""
    return str(uuid.uuid5(EVENT_ID_NAMESPACE, f"{message_id}\n{event_type}"))


@dataclass(frozen=True)
class ReceiptEvent:
    agent_id: str
    phone: str
    message_id: str
    event_type: EventType
    send_time: datetime
    event_id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.event_id:
            object.__setattr__(self, "event_id", receipt_event_id(self.message_id, self.event_type))

    def payload(self) -> dict[str, str]:
        """The event JSON as RBM sends it."""
        return {
            "agentId": self.agent_id,
            ("phoneNumber" if self.event_type in SERVER_EVENTS else "senderPhoneNumber"): self.phone,
            "eventType": self.event_type,
            "eventId": self.event_id,
            "messageId": self.message_id,
            "sendTime": _rfc3339(self.send_time),
        }


SuggestionType = Literal["REPLY", "ACTION", "UNKNOWN"]


@dataclass(frozen=True)
class UserMessageEvent:
    """A message the user sent to the agent (RBM's UserMessage): a text, or a tap on a suggestion
    (`suggestionResponse` with the suggestion's `postbackData`, label and type). `message_id` is the
    user's RCS client's id of the message; RBM's UserMessage carries no eventType nor eventId."""

    agent_id: str
    phone: str
    message_id: str
    send_time: datetime
    text: str = ""
    postback_data: str | None = None  # set for a suggestion tap
    suggestion_text: str = ""
    suggestion_type: SuggestionType = "REPLY"

    @property
    def event_id(self) -> str:
        return self.message_id

    def payload(self) -> dict[str, Any]:
        """The UserMessage JSON as RBM sends it."""
        body: dict[str, Any] = {"senderPhoneNumber": self.phone, "messageId": self.message_id,
                                "sendTime": _rfc3339(self.send_time), "agentId": self.agent_id}
        if self.postback_data is not None:
            body["suggestionResponse"] = {"postbackData": self.postback_data, "text": self.suggestion_text,
                                          "type": self.suggestion_type}
        else:
            body["text"] = self.text
        return body


WebhookEvent = ReceiptEvent | UserMessageEvent


class ReceiptEmitter(Protocol):
    """Delivers `event` to whoever listens, `delay_seconds` from now."""

    def schedule(self, event: WebhookEvent, delay_seconds: float) -> None: ...


def sign(data: bytes, client_token: str) -> str:
    """RBM's webhook signature of the decoded `message.data`."""
    digest = hmac.new(client_token.encode("utf-8"), data, hashlib.sha512).digest()
    return base64.b64encode(digest).decode("ascii")


def webhook_request(
    event: WebhookEvent, client_token: str, *, publish_time: datetime | None = None
) -> tuple[bytes, dict[str, str]]:
    """The body and headers of RBM's POST of `event` to a webhook."""
    data = json.dumps(event.payload(), separators=(",", ":")).encode("utf-8")
    body = {
        "message": {
            "data": base64.b64encode(data).decode("ascii"),
            "messageId": str(int(hashlib.sha256(event.event_id.encode()).hexdigest()[:15], 16)),
            "publishTime": _rfc3339(publish_time or event.send_time),
        },
        "subscription": f"projects/rbm-{event.agent_id or 'agent'}/subscriptions/rbm-agent-subscription",
    }
    headers = {"Content-Type": "application/json", SIGNATURE_HEADER: sign(data, client_token)}
    return json.dumps(body).encode("utf-8"), headers


class WebhookReceiptEmitter:
    """Posts RBM-format, signed events to `url` (our `/api/v1/rcs/webhooks/rbm`)."""

    def __init__(self, url: str, client_token: str, poster: DelayedPoster | None = None) -> None:
        if not client_token:
            raise ValueError("a webhook client token is required to sign receipts")
        self.url = url
        self._client_token = client_token
        self._poster = poster or shared_poster()

    def schedule(self, event: WebhookEvent, delay_seconds: float) -> None:
        body, headers = webhook_request(event, self._client_token)
        self._poster.post_later(self.url, body, headers, delay_seconds)


@dataclass(order=True)
class _Job:
    due: float
    seq: int
    url: str = field(compare=False)
    body: bytes = field(compare=False)
    headers: dict[str, str] = field(compare=False)
    attempt: int = field(default=1, compare=False)


class DelayedPoster:
    """One daemon thread posting queued requests when they fall due; failed posts (network, or
    anything but 2xx) are tried again after 1, 2, 4... seconds, `max_attempts` times in all."""

    def __init__(
        self,
        *,
        session: requests.Session | None = None,
        timeout: tuple[float, float] = (3.05, 5.0),
        max_attempts: int = 5,
        backoff: float = 1.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._session = session or requests.Session()
        self._timeout = timeout
        self._max_attempts = max_attempts
        self._backoff = backoff
        self._clock = clock
        self._jobs: list[_Job] = []
        self._seq = itertools.count()
        self._busy = 0
        self._closed = False
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self.delivered = 0
        self.abandoned = 0

    def post_later(self, url: str, body: bytes, headers: dict[str, str], delay_seconds: float) -> None:
        with self._cond:
            if self._closed:
                raise RuntimeError("poster is closed")
            due = self._clock() + max(0.0, delay_seconds)
            heapq.heappush(self._jobs, _Job(due, next(self._seq), url, body, headers))
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="receipt-poster", daemon=True)
                self._thread.start()
            self._cond.notify_all()

    def pending(self) -> int:
        with self._cond:
            return len(self._jobs) + self._busy

    def drain(self, timeout: float) -> bool:
        """Wait until nothing is queued or being posted; False if `timeout` passed first."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._jobs or self._busy:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._cond.wait(min(left, 0.05))
        return True

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._closed and (not self._jobs or self._jobs[0].due > self._clock()):
                    wait = (self._jobs[0].due - self._clock()) if self._jobs else None
                    self._cond.wait(timeout=min(wait, 0.5) if wait is not None else 0.5)
                if self._closed:
                    return
                job = heapq.heappop(self._jobs)
                self._busy += 1
            ok = False
            try:
                ok = self._post(job)
            except Exception:  # the thread must outlive any one post
                logger.exception("receipt webhook post crashed")
            finally:
                with self._cond:
                    self._busy -= 1
                    if ok:
                        self.delivered += 1
                    elif job.attempt < self._max_attempts:
                        job.due = self._clock() + self._backoff * 2 ** (job.attempt - 1)
                        job.attempt += 1
                        heapq.heappush(self._jobs, job)
                    else:
                        self.abandoned += 1
                        logger.warning("receipt webhook post abandoned", extra={"attempts": job.attempt})
                    self._cond.notify_all()

    def _post(self, job: _Job) -> bool:
        try:
            response = self._session.post(job.url, data=job.body, headers=job.headers, timeout=self._timeout)
        except requests.RequestException as exc:
            logger.info("receipt webhook post failed", extra={"error": type(exc).__name__, "attempt": job.attempt})
            return False
        if 200 <= response.status_code < 300:
            return True
        logger.info("receipt webhook refused", extra={"status": response.status_code, "attempt": job.attempt})
        return False


@cache
def shared_poster() -> DelayedPoster:
    """The process's one poster (a thread is started on the first receipt, not at import)."""
    return DelayedPoster()


def _rfc3339(moment: datetime) -> str:
    """RFC 3339 UTC with milliseconds, as Google writes times (a naive time is taken as UTC)."""
    utc = moment.astimezone(UTC) if moment.tzinfo is not None else moment
    return utc.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
