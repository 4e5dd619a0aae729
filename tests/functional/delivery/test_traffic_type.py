"""Every RBM send carries `messageTrafficType` from the template's category (Google's table: OTP ->
AUTHENTICATION, transactional -> TRANSACTION, promotional -> PROMOTION), broadcasts and test sends."""

from __future__ import annotations

import pytest
from chalice.app import Chalice
from chalice.test import Client

from tests.fakes.rbm_server import FakeRbmServer
from tests.support.drain import drain
from tests.support.world import Auth, approved_template, call, contact_list, credit, members, simulator

TEXTS = {"otp": "Your login code is {{1}}. It expires in 10 minutes.",
         "transactional": "Hello {{1}}, your order has shipped.",
         "promotional": "Hello {{1}}, 20% off this weekend. Reply STOP to opt out."}


@pytest.mark.parametrize(("category", "traffic_type"), [
    ("otp", "AUTHENTICATION"), ("transactional", "TRANSACTION"), ("promotional", "PROMOTION"),
])
def test_a_broadcast_and_a_test_send_carry_the_traffic_type_of_their_category(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer, category: str,
        traffic_type: str) -> None:
    # GIVEN an approved template of the category, and RBM behind the account's credentials
    simulator(client, auth)
    credit(client, auth)
    template_id = approved_template(client, auth, category=category, text=TEXTS[category])
    list_id = contact_list(client, auth, members=members(3))
    # WHEN a broadcast of it runs and one test send goes
    status, body = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id, "list_id": list_id})
    assert status == 201, body
    assert call(client, "POST", f"/broadcasts/{body['broadcast_id']}/start", auth())[0] == 200
    drain(chalice_app, timeout=60)
    status, sent = call(client, "POST", f"/templates/{template_id}/test", auth(),
                        {"phone": "+919876543210", "variables": {"1": "A-1"}})
    assert status == 200 and sent["state"] == "sent", sent
    # THEN RBM accepted every message, each with the category's traffic type
    assert not rbm.problems()
    bodies = [delivery.body for delivery in rbm.deliveries.values()]
    assert len(bodies) == 4
    assert {b["messageTrafficType"] for b in bodies} == {traffic_type}


def test_the_fake_refuses_a_traffic_type_google_does_not_define() -> None:
    from tests.fakes.rbm_server import agent_message_problem

    assert "messageTrafficType" in agent_message_problem({"contentMessage": {"text": "x"},
                                                          "messageTrafficType": "PROMOTIONAL"})
    assert agent_message_problem({"contentMessage": {"text": "x"}, "messageTrafficType": "PROMOTION"}) == ""
