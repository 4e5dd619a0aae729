"""The provider port: what the sender hands a provider, what it gets back, and the id of a send.

A provider sends one rendered AgentMessage to one phone and says what happened, as one of three
outcomes the sender can act on without knowing the provider:

- ``sent``: the provider accepted the message (or had already accepted it under the same id);
- ``failed``: it never will; ``failure_reason`` is a short code stored on the target;
- ``retry``: a transient trouble outlived the provider's own retries; put the work back on the
  queue (``retry_after`` is the provider's hint in seconds, when it gave one).

``send`` never raises for anything the network or the provider does; it raises only for a
programming error (see ``OutboundMessage``).
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from typing import Any, Literal, Protocol, runtime_checkable

Outcome = Literal["sent", "failed", "retry"]

# Failure reasons (`failed`): stored on the target, a program can act on them.
NOT_RCS_CAPABLE = "not_rcs_capable"  # RBM 404: the phone is not RCS-capable or not reachable
PROVIDER_REJECTED = "provider_rejected"  # RBM 400 (and other 4xx): content the platform refuses
PROVIDER_AUTH = "provider_auth"  # RBM 401 after a fresh token, or the token endpoint refused the key
PROVIDER_FORBIDDEN = "provider_forbidden"  # RBM 403: the agent may not send (launch state, tester, role)
INVALID_PHONE = "invalid_phone"  # not an E.164 number; never sent
MISSING_VARIABLE = "missing_variable"  # raised by the renderer, listed here for the sender
INVALID_TEMPLATE = "invalid_template"  # raised by the renderer, listed here for the sender

# Retry reasons (`retry`): why the provider gave up for now.
RATE_LIMITED = "rate_limited"  # 429
PROVIDER_UNAVAILABLE = "provider_unavailable"  # 5xx, 408, or the token endpoint in trouble
TIMEOUT = "timeout"  # connect or read timeout
CONNECTION_ERROR = "connection_error"  # refused, reset, DNS, TLS

# Failures that say the account's provider set-up is wrong rather than anything about one phone:
# the sender may stop the whole broadcast instead of failing every target one by one.
ACCOUNT_LEVEL_FAILURES = frozenset({PROVIDER_AUTH, PROVIDER_FORBIDDEN})

E164 = re.compile(r"^\+[1-9]\d{6,14}$")

# Fixed forever: changing it would give every (broadcast, phone) a new id, so a chunk redelivered
# across a deploy would be sent twice.
MESSAGE_ID_NAMESPACE = uuid.UUID("5b0f4c1e-8f6a-4d2b-9c7e-3a1d2e4f6b80")


def message_id_for(broadcast_id: str, phone: str) -> str:
    """The RBM messageId of the message of `broadcast_id` to `phone` (E.164): a UUID that is the
    same every time for the same pair, so a redelivered chunk resends under the same id and the
    platform ignores the duplicate."""
    if not broadcast_id or not phone:
        raise ValueError("broadcast_id and phone are required")
    return str(uuid.uuid5(MESSAGE_ID_NAMESPACE, f"{broadcast_id}\n{phone}"))


@dataclass(frozen=True)
class OutboundMessage:
    """One message to one phone. `message_id` is a UUID chosen by the caller (`message_id_for`);
    `agent_message` is the AgentMessage JSON body (`render_agent_message`)."""

    message_id: str
    phone: str
    agent_message: dict[str, Any]

    def __post_init__(self) -> None:
        try:
            uuid.UUID(self.message_id)
        except (ValueError, AttributeError, TypeError) as exc:
            raise ValueError(f"message_id must be a UUID, got {self.message_id!r}") from exc


@dataclass(frozen=True)
class SendResult:
    message_id: str
    outcome: Outcome
    failure_reason: str = ""
    retry_after: float | None = None
    status: int = 0  # the provider's last HTTP status (0: none, e.g. a timeout or the simulator)
    detail: str = ""  # the provider's own words, for logs; never a secret
    attempts: int = 1

    @classmethod
    def sent(cls, message_id: str, *, status: int = 0) -> SendResult:
        return cls(message_id, "sent", status=status)

    @classmethod
    def failed(cls, message_id: str, reason: str, *, status: int = 0, detail: str = "") -> SendResult:
        return cls(message_id, "failed", reason, status=status, detail=detail)

    @classmethod
    def retry(
        cls, message_id: str, reason: str, *, retry_after: float | None = None, status: int = 0, detail: str = ""
    ) -> SendResult:
        return cls(message_id, "retry", reason, retry_after=retry_after, status=status, detail=detail)


class MessageProvider(Protocol):
    """Sends one message. Implementations are safe to call from several threads at once."""

    def send(self, message: OutboundMessage) -> SendResult: ...


class ProviderConfigError(Exception):
    """The account's provider credentials cannot make a working provider (unknown provider, no
    key, a malformed key, an endpoint we do not send to). Never carries a secret."""


RevokeOutcome = Literal["revoked", "not_revoked", "retry"]


@dataclass(frozen=True)
class RevokeResult:
    """What a revocation did: ``revoked`` (taken back, it will never be delivered), ``not_revoked``
    (RBM's 404: the message was delivered, or is unknown), ``retry`` (transient trouble)."""

    message_id: str
    outcome: RevokeOutcome
    detail: str = ""
    status: int = 0


@runtime_checkable
class RevokingProvider(Protocol):
    """A provider that can take back a sent but undelivered message (RBM's agentMessages.delete)."""

    def revoke(self, phone: str, message_id: str) -> RevokeResult: ...


@runtime_checkable
class ReachProvider(Protocol):
    """A provider that can tell which numbers it can reach before sending (RBM's users:batchGet)."""

    def reachable_users(self, phones: list[str]) -> frozenset[str] | None:
        """The reachable ones among `phones`; None when the provider could not tell now (transient)."""
        ...
