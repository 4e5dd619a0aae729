"""The test send (docs/spec/campaigns.md, "Templates"): one message of an approved template, now, to
one number, charged like a broadcast message (its ledger entries name the template), rate limited."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from chalicelib import errors
from chalicelib.providers.port import OutboundMessage, message_id_for
from chalicelib.providers.render import TRAFFIC_TYPES, MissingVariable, RenderError, render_agent_message
from chalicelib.services import balance, phones, rate_limit, runner, templates
from chalicelib.settings import get_settings


@dataclass(frozen=True)
class SentTest:
    rm_message_id: str
    state: str  # sent | failed
    failure_reason: str = ""


def send_test(account_id: str, template_id: str, *, phone: str, variables: object,
              key: str | None = None) -> SentTest:
    """Send one message. `key` (the request's Idempotency-Key) makes a repeat charge nothing more and
    reuse the message id, which RBM ignores as a duplicate."""
    template = templates.get_template(account_id, template_id)
    if template.effective_status != "approved":
        raise errors.Forbidden(f"template is not approved (effective_status: {template.effective_status})")
    try:
        number = phones.to_e164(phone)
    except phones.Rejected as rejected:
        raise errors.InvalidInput("phone", f"phone: {rejected.reason}") from None
    try:
        values = phones.check_variables(variables)
    except phones.Rejected as rejected:
        raise errors.InvalidInput("variables", f"variables: {rejected.reason}") from None
    try:
        body = render_agent_message(template.components, template.suggestions, values,
                                    traffic_type=TRAFFIC_TYPES.get(template.category))
    except MissingVariable as missing:
        raise errors.InvalidInput("variables", f"variables: {missing}") from None
    except RenderError as error:
        raise errors.Conflict(f"the template cannot be rendered: {error}") from None
    provider = runner.account_provider(account_id)
    if provider is None:
        raise errors.Conflict("no_credentials: configure the account's provider (PUT /credentials) first")
    price = get_settings().price_of(template.category)
    reference = f"test:{template_id}:{key or uuid.uuid4().hex}"
    if balance.reservation(account_id, reference) is None:
        rate_limit.check_test_send(account_id)
        available = balance.get_balance(account_id)
        if available < price:
            raise errors.Conflict(f"insufficient_balance: a {template.category} message costs {price}, "
                                  f"the balance is {available}")
    elif balance.refunded(account_id, reference):  # this key's send failed and was refunded: it stays so
        return SentTest(message_id_for(reference, number), "failed", "provider_unavailable")
    if balance.reserve(account_id, reference, 1, price) < 1:
        raise errors.Conflict(f"insufficient_balance: a {template.category} message costs {price}")
    message_id = message_id_for(reference, number)
    result = provider.send(OutboundMessage(message_id, number, body))
    if result.outcome == "sent":
        return SentTest(result.message_id or message_id, "sent")
    balance.refund(account_id, reference, 1, price)
    return SentTest(message_id, "failed", result.failure_reason)
