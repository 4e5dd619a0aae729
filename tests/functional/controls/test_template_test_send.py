"""The test send (docs/spec/campaigns.md, "Templates"): one message of an approved template now to
one number, charged like a broadcast message with the template id in the ledger, rate limited, and
charged once under a repeated request with the same Idempotency-Key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from chalice.test import Client

from chalicelib.services import template_test_send
from tests.functional.controls.conftest import CREDIT, PRICE, Sends
from tests.support.money import ledger
from tests.support.world import Auth, approved_template, balance, call, credit, simulator

BODY = {"phone": "+919876543210", "variables": {"1": "Asha"}}


def ask(client: Client, auth: Auth, template_id: str, body: dict[str, Any] = BODY,
              key: str | None = None) -> tuple[int, Any]:
    headers = {**auth(), **({"Idempotency-Key": key} if key else {})}
    return call(client, "POST", f"/templates/{template_id}/test", headers, body)


def test_a_test_send_sends_one_message_charges_it_once_per_key_and_names_the_template_in_the_ledger(
        client: Client, auth: Auth, sends: Sends) -> None:
    # GIVEN an approved template, simulator credentials and a balance
    simulator(client, auth)
    credit(client, auth, amount=CREDIT)
    template_id = approved_template(client, auth)

    # WHEN the same test send is requested twice with one Idempotency-Key
    first = ask(client, auth, template_id, key="try-1")
    again = ask(client, auth, template_id, key="try-1")

    # THEN one message went, with the variables, and was charged once
    assert first[0] == 200 and first[1]["success"] is True and first[1]["state"] == "sent", first
    assert again == first
    assert [m.phone for m in sends.messages] == ["+919876543210"]
    assert "Asha" in str(sends.messages[0].agent_message)
    assert first[1]["rm_message_id"] == sends.messages[0].message_id
    assert balance(client, auth) == CREDIT - PRICE
    debits = [e for e in ledger(client, auth) if e["kind"] == "debit"]
    assert len(debits) == 1 and template_id in debits[0]["reference"] and debits[0]["amount"] == -PRICE

    # AND a repeat the API's replay does not catch (the key's record expired) charges nothing more
    repeat = template_test_send.send_test("acme", template_id, phone=BODY["phone"], variables=BODY["variables"],
                                          key="try-1")
    assert repeat.rm_message_id == first[1]["rm_message_id"]
    assert balance(client, auth) == CREDIT - PRICE

    # AND another key is another message, charged again
    assert ask(client, auth, template_id, key="try-2")[1]["state"] == "sent"
    assert balance(client, auth) == CREDIT - 2 * PRICE


def test_a_template_that_is_not_approved_cannot_be_test_sent(client: Client, auth: Auth, sends: Sends) -> None:
    simulator(client, auth)
    credit(client, auth, amount=CREDIT)
    status, body = call(client, "POST", "/templates", auth(), {
        "name": "pending_one", "category": "transactional", "language": "en_US",
        "components": {"type": "text", "text": "Hello {{1}}, your order has shipped."}, "suggestions": []})
    assert status == 201
    status, answer = ask(client, auth, body["template_id"])
    assert (status, answer["error"]) == (403, "forbidden") and "not approved" in answer["message"]
    assert sends.messages == [] and balance(client, auth) == CREDIT


def test_a_test_send_with_a_zero_balance_is_a_clear_conflict_and_charges_nothing(
        client: Client, auth: Auth, sends: Sends) -> None:
    simulator(client, auth)
    template_id = approved_template(client, auth)
    status, answer = ask(client, auth, template_id, key="broke")
    assert (status, answer["error"]) == (409, "conflict")
    assert "insufficient_balance" in answer["message"] and "balance is 0" in answer["message"]
    assert sends.messages == [] and ledger(client, auth) == []
    # once credited, the same key goes through
    credit(client, auth, amount=CREDIT)
    assert ask(client, auth, template_id, key="broke")[1]["state"] == "sent"
    assert balance(client, auth) == CREDIT - PRICE


@pytest.mark.parametrize(("body", "field"), [
    ({"phone": "12345"}, "phone"),
    ({"phone": "+919876543210", "variables": {}}, "variables"),
    ({"phone": "+919876543210", "variables": {"1": 7}}, "variables"),
    ({"variables": {"1": "Asha"}}, "phone"),
])
def test_bad_input_is_a_400_naming_the_field(client: Client, auth: Auth, sends: Sends, body: dict[str, Any],
                                            field: str) -> None:
    simulator(client, auth)
    credit(client, auth, amount=CREDIT)
    status, answer = ask(client, auth, approved_template(client, auth), body)
    assert (status, answer["error"]) == (400, "validation_error") and field in answer["message"], answer
    assert sends.messages == [] and balance(client, auth) == CREDIT


def test_test_sends_are_rate_limited_per_account(client: Client, auth: Auth, sends: Sends,
                                                 settings_env: Callable[..., None]) -> None:
    settings_env(RCS_TEST_SENDS_PER_MINUTE="1", RCS_TEST_SEND_BURST="2")
    simulator(client, auth)
    credit(client, auth, amount=CREDIT)
    template_id = approved_template(client, auth)
    answers = [ask(client, auth, template_id, key=f"k{n}") for n in range(3)]
    assert [status for status, _ in answers] == [200, 200, 429]
    assert answers[2][1]["error"] == "rate_limited"
    assert len(sends.messages) == 2 and balance(client, auth) == CREDIT - 2 * PRICE
