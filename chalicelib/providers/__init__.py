"""Message providers behind one port: the Google RBM REST adapter and the local simulator.

The sender needs only what is exported here: `provider_for(credentials)`, `message_id_for`,
`render_agent_message`, `OutboundMessage`, `SendResult` and the reason codes.
"""

from __future__ import annotations

from chalicelib.providers.factory import ProviderCredentialsLike, provider_for
from chalicelib.providers.port import (
    ACCOUNT_LEVEL_FAILURES,
    CONNECTION_ERROR,
    INVALID_PHONE,
    INVALID_TEMPLATE,
    MISSING_VARIABLE,
    NOT_RCS_CAPABLE,
    PROVIDER_AUTH,
    PROVIDER_FORBIDDEN,
    PROVIDER_REJECTED,
    PROVIDER_UNAVAILABLE,
    RATE_LIMITED,
    TIMEOUT,
    MessageProvider,
    OutboundMessage,
    ProviderConfigError,
    SendResult,
    message_id_for,
)
from chalicelib.providers.render import (
    TRAFFIC_TYPES,
    InvalidTemplate,
    MissingVariable,
    RenderError,
    render_agent_message,
)

__all__ = [
    "ACCOUNT_LEVEL_FAILURES",
    "CONNECTION_ERROR",
    "INVALID_PHONE",
    "INVALID_TEMPLATE",
    "MISSING_VARIABLE",
    "NOT_RCS_CAPABLE",
    "PROVIDER_AUTH",
    "PROVIDER_FORBIDDEN",
    "PROVIDER_REJECTED",
    "PROVIDER_UNAVAILABLE",
    "RATE_LIMITED",
    "TIMEOUT",
    "TRAFFIC_TYPES",
    "InvalidTemplate",
    "MessageProvider",
    "MissingVariable",
    "OutboundMessage",
    "ProviderConfigError",
    "ProviderCredentialsLike",
    "RenderError",
    "SendResult",
    "message_id_for",
    "provider_for",
    "render_agent_message",
]
