"""Retry the failed (docs/spec/campaigns.md, "Broadcast controls"): a new draft of the source's
targets that failed for a transient reason only, with the source's template snapshot and each
target's variables, new message ids, `retry_of` linking it; money reconciles across the two."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.test import Client

from chalicelib.providers.port import OutboundMessage, SendResult
from infra.local import pump
from tests.functional.controls.conftest import CREDIT, PRICE
from tests.support.drain import drain
from tests.support.money import assert_ledger_reconciles
from tests.support.providers import UseProvider
from tests.support.world import (
    Auth,
    all_targets,
    approved_template,
    balance,
    broadcast,
    call,
    contact_list,
    credit,
    members,
    simulator,
)

# 0-2: the provider is down for them (transient: `provider_unavailable` after the last attempt);
# 3-4: not RCS-capable (permanent); 5: refused content (permanent); 6: no variable (permanent).
DOWN = {"+14155550000", "+14155550001", "+14155550002"}
NOT_CAPABLE = {"+14155550003", "+14155550004"}
REJECTED = {"+14155550005"}


class ScriptedProvider:
    """Answers by phone, as told; records every message."""

    def __init__(self) -> None:
        self.down: set[str] = set(DOWN)
        self.messages: list[OutboundMessage] = []

    def send(self, message: OutboundMessage) -> SendResult:
        self.messages.append(message)
        if message.phone in self.down:
            return SendResult.retry(message.message_id, "provider_unavailable")
        if message.phone in NOT_CAPABLE:
            return SendResult.failed(message.message_id, "not_rcs_capable")
        if message.phone in REJECTED:
            return SendResult.failed(message.message_id, "provider_rejected")
        return SendResult.sent(message.message_id)


@pytest.fixture
def provider(monkeypatch: pytest.MonkeyPatch, use_provider: UseProvider, small_chunks: None) -> ScriptedProvider:
    scripted = ScriptedProvider()
    use_provider(lambda credentials: scripted)
    monkeypatch.setattr(pump, "RETRY_DELAY_SECONDS", 0)  # a chunk sent back is delivered again at once
    return scripted


def create_and_run(client: Client, auth: Auth, chalice_app: Any, body: dict[str, str]) -> str:
    status, answer = call(client, "POST", "/broadcasts", auth(), body)
    assert status == 201, answer
    broadcast_id = str(answer["broadcast_id"])
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[0] == 200
    drain(chalice_app, timeout=120)
    return broadcast_id


def test_a_retry_takes_only_the_transient_failures_and_money_reconciles_across_source_and_retries(
        client: Client, auth: Auth, chalice_app: Any, provider: ScriptedProvider) -> None:
    # GIVEN a completed broadcast of 10 whose targets failed: 3 transiently, 4 for good
    simulator(client, auth)
    credit(client, auth, amount=CREDIT)
    template_id = approved_template(client, auth)
    roster = [*members(6), {"phone": "+14155550006", "variables": {}}, *members(3, start=7)]
    source_id = create_and_run(client, auth, chalice_app, {"template_id": template_id,
                                                           "list_id": contact_list(client, auth, members=roster)})
    source = broadcast(client, auth, source_id)
    assert (source["status"], source["sent_count"], source["failed_count"]) == ("completed", 3, 7)
    reasons = {t["recipient_phone"]: t["failure_reason"] for t in all_targets(client, auth, source_id, state="failed")}
    assert {phone for phone, reason in reasons.items() if reason == "provider_unavailable"} == DOWN
    source_ids = {m.phone: m.message_id for m in provider.messages}
    # and the template is deleted meanwhile: the retry needs only the source's snapshot
    assert call(client, "DELETE", f"/templates/{template_id}", auth())[0] == 200

    # WHEN the failed are retried (the provider is back for two of the three)
    status, answer = call(client, "POST", f"/broadcasts/{source_id}/retry", auth())
    assert status == 201 and answer["success"] is True, answer
    retry_id = answer["broadcast_id"]
    draft = broadcast(client, auth, retry_id)
    assert (draft["status"], draft["retry_of"], draft["total_count"]) == ("draft", source_id, 3)
    assert broadcast(client, auth, source_id)["retry_of"] == ""
    assert {t["recipient_phone"] for t in all_targets(client, auth, retry_id)} == DOWN
    provider.down = {"+14155550002"}
    provider.messages.clear()
    assert call(client, "POST", f"/broadcasts/{retry_id}/start", auth())[0] == 200
    drain(chalice_app, timeout=120)

    # THEN only the transient failures were sent again, with their own variables and new message ids
    first_retry = broadcast(client, auth, retry_id)
    assert (first_retry["status"], first_retry["sent_count"], first_retry["failed_count"]) == ("completed", 2, 1)
    assert {m.phone for m in provider.messages} == DOWN
    assert all(m.message_id != source_ids[m.phone] for m in provider.messages)
    texts = {m.phone: str(m.agent_message) for m in provider.messages}
    assert "Ann 0" in texts["+14155550000"] and "Ann 1" in texts["+14155550001"]

    # WHEN the retry is retried, once the provider is back for the last one
    provider.down = set()
    provider.messages.clear()
    status, answer = call(client, "POST", f"/broadcasts/{retry_id}/retry", auth())
    assert status == 201, answer
    second_id = answer["broadcast_id"]
    assert broadcast(client, auth, second_id)["retry_of"] == retry_id
    assert call(client, "POST", f"/broadcasts/{second_id}/start", auth())[0] == 200
    drain(chalice_app, timeout=120)

    # THEN the last one went; nothing permanent was ever sent again; money adds up over all three
    assert [m.phone for m in provider.messages] == ["+14155550002"]
    assert broadcast(client, auth, second_id)["sent_count"] == 1
    assert balance(client, auth) == CREDIT - (3 + 2 + 1) * PRICE
    assert_ledger_reconciles(client, auth, price=PRICE, sent=3 + 2 + 1)

    # AND there is nothing left to retry
    status, answer = call(client, "POST", f"/broadcasts/{second_id}/retry", auth())
    assert (status, answer["error"]) == (409, "conflict") and "nothing to retry" in answer["message"]


def test_a_broadcast_that_is_not_finished_cannot_be_retried(
        client: Client, auth: Auth, chalice_app: Any, provider: ScriptedProvider) -> None:
    simulator(client, auth)
    credit(client, auth, amount=CREDIT)
    body = {"template_id": approved_template(client, auth), "list_id": contact_list(client, auth, members=members(2))}
    status, answer = call(client, "POST", "/broadcasts", auth(), body)
    draft_id = answer["broadcast_id"]
    status, answer = call(client, "POST", f"/broadcasts/{draft_id}/retry", auth())
    assert (status, answer["error"]) == (409, "conflict") and "draft" in answer["message"]
    assert call(client, "POST", f"/broadcasts/{draft_id}/retry", auth("other"))[0] == 404
