"""Against the fake RBM with the real adapter: user messages built as Google documents them
(`FakeRbmServer.user_message`, pushed signed) count on the broadcast, and after a STOP the fake
RBM never receives the account's next message for that number."""

from __future__ import annotations

from chalice.app import Chalice
from chalice.test import Client

from tests.fakes.rbm_server import FakeRbmServer
from tests.functional.audience.support import PRICE, account, post, run_broadcast
from tests.support.drain import drain
from tests.support.money import assert_ledger_reconciles
from tests.support.world import Auth, broadcast

PHONES = [f"+1415555{n:04d}" for n in range(700, 705)]


def test_taps_replies_and_a_stop_through_the_real_adapter(
        client: Client, auth: Auth, chalice_app: Chalice, rbm: FakeRbmServer) -> None:
    template = account(client, auth)
    first = run_broadcast(client, auth, chalice_app, template, PHONES)
    assert all(len(rbm.calls_for(phone)) == 1 for phone in PHONES)
    # WHEN RBM pushes a tap, a text and a STOP (each twice, as Pub/Sub may)
    for event in (rbm.user_message(PHONES[0], postback_data="track", label="Track order"),
                  rbm.user_message(PHONES[1], text="When does it arrive?"),
                  rbm.user_message(PHONES[2], text="STOP", message_id="MxStopFromPhone2")):
        assert "eventType" not in event and "agentId" in event
        assert post(client, event).status_code == 200
        assert post(client, event).status_code == 200
    drain(chalice_app)
    shown = broadcast(client, auth, first)
    assert (shown["clicked_count"], shown["replied_count"]) == (1, 2)
    assert shown["clicks"] == [{"postback_data": "track", "text": "Track order", "count": 1}]
    # THEN the next broadcast never reaches RBM for the number that said STOP
    second = run_broadcast(client, auth, chalice_app, template, PHONES)
    assert len(rbm.calls_for(PHONES[2])) == 1
    assert all(len(rbm.calls_for(phone)) == 2 for phone in PHONES if phone != PHONES[2])
    final = broadcast(client, auth, second)
    assert (final["sent_count"], final["suppressed_count"]) == (4, 1)
    assert_ledger_reconciles(client, auth, price=PRICE, sent=5 + 4)
