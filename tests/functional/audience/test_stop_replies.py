"""A stop reply (docs/spec/campaigns.md, "Opt-outs"): the sender goes on the account's opt-out list
and the account's next broadcast never sends to nor charges for that number; another account's
broadcast still reaches it; the stop still counts as a reply."""

from __future__ import annotations

from collections import Counter

import pytest
from chalice.app import Chalice
from chalice.test import Client

from chalicelib.services.suppression import screen
from tests.functional.audience.support import PRICE, account, post, reply, run_broadcast
from tests.support.drain import drain
from tests.support.money import assert_ledger_reconciles
from tests.support.world import Auth, all_targets, broadcast, call

PHONES = [f"+1415555{n:04d}" for n in range(200, 206)]
STOPPER = PHONES[2]


@pytest.mark.parametrize("text", ["STOP", "  stop ", "Stop!", "unsubscribe", "ARRÊT", "parar", "रोकें"])
def test_a_stop_reply_suppresses_the_number_in_the_accounts_next_broadcast_only(
        client: Client, auth: Auth, chalice_app: Chalice, text: str) -> None:
    # GIVEN acme and globex, each with a completed broadcast to the same six numbers
    acme_template, globex_template = account(client, auth, "acme"), account(client, auth, "globex")
    first = run_broadcast(client, auth, chalice_app, acme_template, PHONES, "acme")
    run_broadcast(client, auth, chalice_app, globex_template, PHONES, "globex")
    # WHEN one number answers acme's message with a stop keyword
    assert post(client, reply(STOPPER, text, "acme")).status_code == 200
    drain(chalice_app)
    # THEN it is on acme's opt-out list (source inbound), not on globex's, and it counts as a reply
    assert [(o["phone"], o["source"]) for o in call(client, "GET", "/optouts", auth("acme"))[1]["optouts"]] == [
        (STOPPER, "inbound")]
    assert call(client, "GET", "/optouts", auth("globex"))[1]["optouts"] == []
    assert broadcast(client, auth, first)["replied_count"] == 1
    # WHEN each account sends its next broadcast to the same numbers
    second = run_broadcast(client, auth, chalice_app, acme_template, PHONES, "acme")
    globex_second = run_broadcast(client, auth, chalice_app, globex_template, PHONES, "globex")
    # THEN acme's skipped the number: suppressed / opted_out, never sent, never charged
    rows = {t["recipient_phone"]: t for t in all_targets(client, auth, second)}
    assert (rows[STOPPER]["state"], rows[STOPPER]["failure_reason"], rows[STOPPER]["rm_message_id"]) == (
        "suppressed", "opted_out", "")
    assert Counter(t["state"] for t in rows.values()) == {"sent": 5, "suppressed": 1}
    shown = broadcast(client, auth, second)
    assert (shown["status"], shown["sent_count"], shown["suppressed_count"], shown["failed_count"],
            shown["queued_count"]) == ("completed", 5, 1, 0, 0)
    assert_ledger_reconciles(client, auth, price=PRICE, sent=6 + 5, account="acme")
    # AND globex's reached all six, and paid for six
    assert Counter(t["state"] for t in all_targets(client, auth, globex_second, "globex")) == {"sent": 6}
    assert_ledger_reconciles(client, auth, price=PRICE, sent=12, account="globex")


@pytest.mark.parametrize("text", ["STOP please", "don't stop", "stopped", "ST OP", "STOP STOP"])
def test_a_message_that_only_contains_a_stop_word_opts_nobody_out(
        client: Client, auth: Auth, chalice_app: Chalice, text: str) -> None:
    template = account(client, auth)
    first = run_broadcast(client, auth, chalice_app, template, PHONES)
    assert post(client, reply(STOPPER, text)).status_code == 200
    drain(chalice_app)
    assert call(client, "GET", "/optouts", auth())[1]["optouts"] == []
    assert broadcast(client, auth, first)["replied_count"] == 1


def test_a_stop_from_a_number_the_account_never_sent_to_still_opts_it_out(
        client: Client, auth: Auth, chalice_app: Chalice) -> None:
    account(client, auth)
    assert post(client, reply("+14155550999", "QUIT")).status_code == 200
    drain(chalice_app)
    assert [o["phone"] for o in call(client, "GET", "/optouts", auth())[1]["optouts"]] == ["+14155550999"]


def test_the_screen_reads_the_list_once_per_hundred_numbers(client: Client, auth: Auth) -> None:
    """GIVEN 250 targets of a send pass, two of them opted out
    WHEN the sender screens them THEN three BatchGetItem requests read the list (100 keys each at most)."""
    from chalicelib.store.optouts import OptOutModel
    from chalicelib.store.targets import Target

    phones = [f"+1415555{n:04d}" for n in range(1000, 1250)]
    call(client, "POST", "/optouts", auth(), {"phones": [phones[7], phones[201]]})
    requests: list[int] = []
    events = OptOutModel._get_connection().connection.client.meta.events
    handler = events.register("before-parameter-build.dynamodb.BatchGetItem",
                              lambda params, **_: requests.append(
                                  sum(len(t["Keys"]) for t in params["RequestItems"].values())))
    try:
        keep, suppressed = screen("acme", [Target("b1", phone, {}) for phone in phones])
    finally:
        events.unregister("before-parameter-build.dynamodb.BatchGetItem", handler)
    assert sorted(requests) == [50, 100, 100]
    assert [t.phone for t in suppressed] == [phones[7], phones[201]]
    assert {t.state for t in suppressed} == {"suppressed"} and len(keep) == 248


@pytest.mark.parametrize("sent_to", [True, False], ids=["attributed", "unattributed"])
def test_a_stop_pushed_again_after_the_number_was_taken_off_the_list_does_not_opt_it_out_again(
        client: Client, auth: Auth, chalice_app: Chalice, sent_to: bool) -> None:
    from urllib.parse import quote

    template = account(client, auth)
    if sent_to:
        run_broadcast(client, auth, chalice_app, template, PHONES)
    stop = reply(STOPPER, "STOP")
    assert post(client, stop).status_code == 200
    drain(chalice_app)
    assert call(client, "DELETE", f"/optouts/{quote(STOPPER)}", auth())[0] == 200
    # WHEN Google pushes the same message again (it retries for up to 7 days)
    assert post(client, stop).status_code == 200
    drain(chalice_app)
    # THEN the number stays off the list
    assert call(client, "GET", "/optouts", auth())[1]["optouts"] == []
