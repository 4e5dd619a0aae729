"""The opt-out list's API (docs/spec/campaigns.md, "Opt-outs"): numbers in E.164, counted once,
refused with their field, paged, deleted, and every account's own."""

from __future__ import annotations

from urllib.parse import quote

from chalice.test import Client

from tests.support.world import Auth, call


def listed(client: Client, auth: Auth, account: str = "acme", limit: int = 100) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    cursor = ""
    while True:
        status, body = call(client, "GET", f"/optouts?limit={limit}" + (f"&cursor={cursor}" if cursor else ""),
                            auth(account))
        assert status == 200, body
        rows += body["optouts"]
        cursor = body["next_cursor"]
        if not cursor:
            return rows


def test_numbers_are_added_in_e164_once_and_listed_with_their_source(client: Client, auth: Auth) -> None:
    # WHEN two numbers are added
    status, body = call(client, "POST", "/optouts", auth(), {"phones": ["+14155550101", "+919876543210"]})
    assert (status, body) == (200, {"success": True, "added": 2})
    # AND again, with one new number and one twice in the same call
    status, body = call(client, "POST", "/optouts", auth(), {"phones": ["+14155550101", "+14155550102",
                                                                      "+14155550102"]})
    # THEN only the new number counts as added
    assert (status, body) == (200, {"success": True, "added": 1})
    rows = listed(client, auth)
    assert sorted(row["phone"] for row in rows) == ["+14155550101", "+14155550102", "+919876543210"]
    assert {row["source"] for row in rows} == {"api"}
    assert all(row["created_at"].endswith("Z") for row in rows)


def test_an_unreadable_number_is_refused_naming_its_index_and_nothing_is_added(client: Client, auth: Auth) -> None:
    status, body = call(client, "POST", "/optouts", auth(), {"phones": ["+14155550101", "not a phone"]})
    assert status == 400 and body["error"] == "validation_error" and body["field"] == "phones.1", body
    for unread in ("9876543210", "+1 415-555-0101", "+10"):  # national, not E.164, not a valid number
        status, body = call(client, "POST", "/optouts", auth(), {"phones": ["+14155550101", unread]})
        assert status == 400 and body["field"] == "phones.1", (unread, body)
    for bad in ({}, {"phones": []}, {"phones": "+14155550101"}, {"phones": [1]}, {"phones": ["+1"], "x": 1}):
        status, body = call(client, "POST", "/optouts", auth(), bad)
        assert status == 400 and body["field"].startswith(("phones", "x")), (bad, body)
    assert listed(client, auth) == []


def test_the_list_is_paged_with_next_cursor(client: Client, auth: Auth) -> None:
    phones = [f"+1415555{n:04d}" for n in range(100, 107)]
    assert call(client, "POST", "/optouts", auth(), {"phones": phones})[1]["added"] == 7
    status, first = call(client, "GET", "/optouts?limit=3", auth())
    assert status == 200 and len(first["optouts"]) == 3 and first["next_cursor"]
    assert [row["phone"] for row in listed(client, auth, limit=3)] == sorted(phones)
    status, last = call(client, "GET", "/optouts?limit=7", auth())
    assert len(last["optouts"]) == 7 and last["next_cursor"] == ""
    status, body = call(client, "GET", "/optouts?cursor=garbage", auth())
    assert status == 400 and body["field"] == "cursor"


def test_a_number_is_deleted_once_then_not_found(client: Client, auth: Auth) -> None:
    call(client, "POST", "/optouts", auth(), {"phones": ["+14155550101", "+14155550102"]})
    status, body = call(client, "DELETE", f"/optouts/{quote('+14155550101')}", auth())
    assert (status, body) == (200, {"success": True})
    status, body = call(client, "DELETE", f"/optouts/{quote('+14155550101')}", auth())
    assert status == 404 and body["error"] == "not_found"
    status, body = call(client, "DELETE", "/optouts/not-a-number", auth())
    assert status == 400 and body["field"] == "phone"
    status, body = call(client, "DELETE", "/optouts/%2B10", auth())  # E.164 in shape, yet no number: on no list
    assert status == 404 and body["error"] == "not_found"
    assert [row["phone"] for row in listed(client, auth)] == ["+14155550102"]


def test_each_account_sees_and_deletes_only_its_own_list(client: Client, auth: Auth) -> None:
    call(client, "POST", "/optouts", auth("acme"), {"phones": ["+14155550101"]})
    assert listed(client, auth, "globex") == []
    status, _ = call(client, "DELETE", f"/optouts/{quote('+14155550101')}", auth("globex"))
    assert status == 404
    # the same number on globex's list is globex's own entry, counted as added there
    assert call(client, "POST", "/optouts", auth("globex"), {"phones": ["+14155550101"]})[1]["added"] == 1
    assert call(client, "DELETE", f"/optouts/{quote('+14155550101')}", auth("globex"))[0] == 200
    assert [row["phone"] for row in listed(client, auth, "acme")] == ["+14155550101"]
    assert client.http.get("/api/v1/rcs/optouts").status_code == 401


def test_adding_250_numbers_reads_and_writes_in_batches(client: Client, auth: Auth) -> None:
    """One BatchGetItem per 100 numbers to find the listed ones, one transaction per 100 to put the rest."""
    from chalicelib.store.optouts import OptOutModel

    call(client, "POST", "/optouts", auth(), {"phones": ["+14155551000"]})
    requests: list[str] = []
    events = OptOutModel._get_connection().connection.client.meta.events

    def count(model: object, **_: object) -> None:
        requests.append(getattr(model, "name", ""))

    events.register("before-parameter-build.dynamodb", count)
    try:
        phones = [f"+1415555{n:04d}" for n in range(1000, 1250)]
        status, body = call(client, "POST", "/optouts", auth(), {"phones": phones})
    finally:
        events.unregister("before-parameter-build.dynamodb", count)
    assert (status, body["added"]) == (200, 249)
    optout_calls = [name for name in requests if name in ("BatchGetItem", "TransactWriteItems", "PutItem")]
    assert optout_calls.count("BatchGetItem") == 3 and optout_calls.count("TransactWriteItems") == 3
    assert "PutItem" not in optout_calls
    assert len(listed(client, auth, limit=1000)) == 250
