"""An opted-out number gets no SMS fallback either: a broadcast with `fallback: "sms"` whose numbers
RCS cannot reach sends the SMS to all of them but the suppressed one, which is never charged."""

from __future__ import annotations

from chalice.app import Chalice
from chalice.test import Client

from chalicelib.settings import get_settings
from tests.support.drain import drain
from tests.support.money import ledger
from tests.support.sms import Outbox
from tests.support.world import Auth, all_targets, broadcast, call, contact_list, credit, simulator

PHONES = [f"+1415555{n:04d}" for n in range(800, 805)]


def test_a_suppressed_number_gets_no_sms_fallback_and_no_charge(client: Client, auth: Auth,
                                                                chalice_app: Chalice) -> None:
    # GIVEN the simulator reaching none of five numbers, one of them opted out, a template with an SMS text
    outbox = Outbox()
    simulator(client, auth, not_capable_rate=1.0)
    credit(client, auth, amount=10_000)
    status, body = call(client, "POST", "/templates", auth(), {
        "name": "shipped_sms", "category": "transactional", "language": "en_US",
        "components": {"type": "text", "text": "Hello {{1}}, your order has shipped."},
        "sms_fallback": {"text": "Hi {{1}}, your order has shipped."}})
    assert status == 201, body
    template_id = body["template_id"]
    assert call(client, "POST", f"/admin/templates/{template_id}/review", auth("ops", admin=True),
                {"decision": "approved", "reason": "ok"})[0] == 200
    assert call(client, "POST", "/optouts", auth(), {"phones": [PHONES[3]]})[1]["added"] == 1
    list_id = contact_list(client, auth, members=[{"phone": p, "variables": {"1": "Ann"}} for p in PHONES])
    # WHEN a broadcast with SMS fallback runs
    broadcast_id = call(client, "POST", "/broadcasts", auth(), {"template_id": template_id, "list_id": list_id,
                                                                  "fallback": "sms"})[1]["broadcast_id"]
    assert call(client, "POST", f"/broadcasts/{broadcast_id}/start", auth())[0] == 200
    drain(chalice_app)
    # THEN four SMS went out, none to the suppressed number, whose target stays suppressed
    assert sorted(sms.phone for sms in outbox.messages) == sorted(p for p in PHONES if p != PHONES[3])
    rows = {t["recipient_phone"]: t for t in all_targets(client, auth, broadcast_id)}
    assert (rows[PHONES[3]]["state"], rows[PHONES[3]]["failure_reason"]) == ("suppressed", "opted_out")
    final = broadcast(client, auth, broadcast_id)
    assert (final["status"], final["suppressed_count"], final["fallback_count"]) == ("completed", 1, 4)
    # AND the money is the four SMS only
    entries = ledger(client, auth)
    charged = -sum(e["amount"] for e in entries if e["kind"] == "debit") - sum(
        e["amount"] for e in entries if e["kind"] == "refund")
    assert charged == 4 * get_settings().price_sms_segment  # one segment each
