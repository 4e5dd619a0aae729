"""Contact lists and their members through the API: scoped to the caller's account, phones in
E.164, bad rows rejected with their reason, and an exact member_count."""

from __future__ import annotations

from typing import Any

import pytest
from chalice.app import Chalice
from chalice.test import Client

from chalicelib import errors
from chalicelib.services import lists
from chalicelib.store.lists import count_members
from tests.functional.lists.support import Auth, call, drain_imports, get_list, new_list


def add(client: Client, auth: Auth, list_id: str, members: list[dict[str, Any]], account: str = "acme",
        **extra: Any) -> dict[str, Any]:
    status, body = call(client, "POST", f"/lists/{list_id}/members", auth(account), {"members": members, **extra})
    assert status == 201, body
    return body  # type: ignore[no-any-return]


def all_members(client: Client, auth: Auth, list_id: str, limit: int = 1000) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    cursor = ""
    while True:
        status, body = call(client, "GET", f"/lists/{list_id}/members?limit={limit}&cursor={cursor}", auth())
        assert status == 200, body
        rows += body["members"]
        cursor = body["next_cursor"]
        if not cursor:
            return rows


# --- lists -----------------------------------------------------------------------------------


def test_a_created_list_answers_201_and_reads_back_with_zero_members(client: Client, auth: Auth) -> None:
    status, body = call(client, "POST", "/lists", auth(), {"name": "  May launch — opted in "})

    assert status == 201
    created = body["list"]
    assert created["name"] == "May launch — opted in"
    assert created["member_count"] == 0
    assert created["created_at"].endswith("Z")
    assert get_list(client, auth, created["list_id"]) == created


@pytest.mark.parametrize("body", [{}, {"name": ""}, {"name": "   "}, {"name": 42}, {"name": "x" * 201}])
def test_a_list_needs_a_usable_name(client: Client, auth: Auth, body: dict[str, Any]) -> None:
    status, answer = call(client, "POST", "/lists", auth(), body)
    assert status == 400
    assert answer["error"] == "validation_error" and answer["field"] == "name"


def test_lists_page_newest_first_with_a_cursor(client: Client, auth: Auth) -> None:
    ids = [new_list(client, auth, name=f"list {n}") for n in range(5)]

    status, first = call(client, "GET", "/lists?limit=2", auth())
    _, second = call(client, "GET", f"/lists?limit=2&cursor={first['next_cursor']}", auth())
    _, third = call(client, "GET", f"/lists?limit=2&cursor={second['next_cursor']}", auth())

    assert status == 200
    seen = [row["list_id"] for page in (first, second, third) for row in page["lists"]]
    assert seen == ids[::-1]
    assert third["next_cursor"] == ""


def test_a_cursor_of_another_listing_is_a_400(client: Client, auth: Auth) -> None:
    for n in range(3):
        new_list(client, auth, "globex", name=f"g{n}")
    _, page = call(client, "GET", "/lists?limit=1", auth("globex"))

    status, answer = call(client, "GET", f"/lists?cursor={page['next_cursor']}", auth())
    assert status == 400 and answer["field"] == "cursor"
    status, answer = call(client, "GET", "/lists?cursor=%%%", auth())
    assert status == 400 and answer["field"] == "cursor"


def test_another_accounts_list_is_not_found_everywhere(client: Client, auth: Auth) -> None:
    list_id = new_list(client, auth, "globex")
    add(client, auth, list_id, [{"phone": "+14155550100"}], account="globex")

    for method, path, body in [
        ("GET", f"/lists/{list_id}", None),
        ("DELETE", f"/lists/{list_id}", None),
        ("GET", f"/lists/{list_id}/members", None),
        ("POST", f"/lists/{list_id}/members", {"members": [{"phone": "+14155550101"}]}),
        ("DELETE", f"/lists/{list_id}/members/%2B14155550100", None),
        ("POST", f"/lists/{list_id}/imports", {}),
        ("GET", f"/lists/{list_id}/imports/anything", None),
    ]:
        status, answer = call(client, method, path, auth("acme"), body)
        assert (status, answer["error"]) == (404, "not_found"), (method, path)
    assert get_list(client, auth, list_id, "globex")["member_count"] == 1


def test_a_deleted_list_is_gone_and_its_members_are_purged_in_the_background(
        client: Client, auth: Auth, chalice_app: Chalice) -> None:
    list_id = new_list(client, auth)
    add(client, auth, list_id, [{"phone": f"+1415555{n:04d}"} for n in range(60)])

    status, body = call(client, "DELETE", f"/lists/{list_id}", auth())
    assert (status, body) == (200, {"success": True})
    assert call(client, "GET", f"/lists/{list_id}", auth())[0] == 404
    assert call(client, "DELETE", f"/lists/{list_id}", auth())[0] == 404

    drain_imports(chalice_app)
    assert count_members(list_id) == 0


# --- members ---------------------------------------------------------------------------------


def test_members_are_stored_in_e164_and_counted(client: Client, auth: Auth) -> None:
    list_id = new_list(client, auth)

    result = add(client, auth, list_id, [
        {"phone": "+91 98765 43210", "variables": {"1": "A-1042", "2": "https://t.example/x"}},
        {"phone": "098765 43211"},
        {"phone": "12345"},
    ], default_region="IN")

    assert (result["added"], result["updated"], result["rejected"]) == (2, 0, 1)
    assert result["rejected_rows"] == [{"index": 2, "phone": "12345", "reason": "not a valid phone number"}]
    assert result["member_count"] == 2
    assert all_members(client, auth, list_id) == [
        {"phone": "+919876543210", "variables": {"1": "A-1042", "2": "https://t.example/x"},
         "added_at": all_members(client, auth, list_id)[0]["added_at"]},
        {"phone": "+919876543211", "variables": {}, "added_at": all_members(client, auth, list_id)[1]["added_at"]},
    ]


def test_a_national_number_without_a_region_is_rejected_with_the_reason(client: Client, auth: Auth) -> None:
    list_id = new_list(client, auth)
    result = add(client, auth, list_id, [{"phone": "9876543210"}, {"phone": "not a phone"}, {"phone": ""}])

    assert result["added"] == 0 and result["rejected"] == 3
    reasons = [row["reason"] for row in result["rejected_rows"]]
    assert "default_region" in reasons[0]
    assert reasons[1] == "not a phone number"
    assert reasons[2] == "phone is empty"
    assert get_list(client, auth, list_id)["member_count"] == 0


def test_the_same_phone_twice_is_one_member_and_the_later_variables_win(client: Client, auth: Auth) -> None:
    list_id = new_list(client, auth)

    first = add(client, auth, list_id, [
        {"phone": "+14155550100", "variables": {"1": "first"}},
        {"phone": "+1 415 555 0100", "variables": {"1": "second"}},
    ])
    again = add(client, auth, list_id, [{"phone": "+14155550100", "variables": {"1": "third"}},
                                        {"phone": "+14155550101"}])

    assert (first["added"], first["updated"]) == (1, 1)
    assert (again["added"], again["updated"]) == (1, 1)
    rows = all_members(client, auth, list_id)
    assert [(r["phone"], r["variables"]) for r in rows] == [("+14155550100", {"1": "third"}), ("+14155550101", {})]
    assert get_list(client, auth, list_id)["member_count"] == 2


def test_a_thousand_members_in_one_call_count_exactly(client: Client, auth: Auth) -> None:
    list_id = new_list(client, auth)
    rows = [{"phone": f"+1415555{n:04d}", "variables": {"1": str(n)}} for n in range(1000)]

    result = add(client, auth, list_id, rows)

    assert (result["added"], result["updated"], result["rejected"], result["member_count"]) == (1000, 0, 0, 1000)
    assert count_members(list_id) == 1000
    assert len(all_members(client, auth, list_id, limit=333)) == 1000


@pytest.mark.parametrize(("body", "field"), [
    ({}, "members"),
    ({"members": []}, "members"),
    ({"members": [{"phone": "+14155550100"}] * 1001}, "members"),
    ({"members": [{"phone": 14155550100}]}, "members.0.phone"),
    ({"members": [{"variables": {}}]}, "members.0.phone"),
    ({"members": [{"phone": "+14155550100", "nickname": "x"}]}, "members.0.nickname"),
    ({"members": [{"phone": "+14155550100", "variables": ["a"]}]}, "members.0.variables"),
    ({"members": [{"phone": "+14155550100"}], "default_region": "XX"}, "default_region"),
])
def test_a_malformed_members_request_is_a_400_naming_the_field(client: Client, auth: Auth,
                                                               body: dict[str, Any], field: str) -> None:
    list_id = new_list(client, auth)
    status, answer = call(client, "POST", f"/lists/{list_id}/members", auth(), body)
    assert status == 400, answer
    assert answer["field"] == field
    assert get_list(client, auth, list_id)["member_count"] == 0


@pytest.mark.parametrize(("variables", "reason"), [
    ({str(n): "v" for n in range(1, 22)}, "at most 20 variables"),
    ({"name": "Ann"}, "placeholder numbers"),
    ({"01": "Ann"}, "placeholder numbers"),
    ({"1": 5}, "variable 1 must be a string"),
    ({"1": "x" * 501}, "1 to 500 characters"),
    ({"1": ""}, "1 to 500 characters"),
    ({"1": "bell\x07"}, "control characters"),
])
def test_unusable_variables_reject_the_row(client: Client, auth: Auth, variables: dict[str, Any],
                                           reason: str) -> None:
    list_id = new_list(client, auth)
    result = add(client, auth, list_id, [{"phone": "+14155550100", "variables": variables},
                                         {"phone": "+14155550101", "variables": {"1": "line\nbreak\tand tab"}}])
    assert result["added"] == 1 and result["rejected"] == 1
    assert result["rejected_rows"][0]["index"] == 0 and reason in result["rejected_rows"][0]["reason"]


def test_members_page_by_phone_with_a_cursor(client: Client, auth: Auth) -> None:
    list_id = new_list(client, auth)
    add(client, auth, list_id, [{"phone": f"+1415555{n:04d}"} for n in (5, 1, 3, 2, 4)])

    _, first = call(client, "GET", f"/lists/{list_id}/members?limit=2", auth())
    _, rest = call(client, "GET", f"/lists/{list_id}/members?limit=3&cursor={first['next_cursor']}", auth())

    assert [m["phone"] for m in first["members"] + rest["members"]] == [f"+1415555{n:04d}" for n in range(1, 6)]
    assert rest["next_cursor"] == ""
    assert call(client, "GET", f"/lists/{list_id}/members?limit=1001", auth())[1]["field"] == "limit"


def test_deleting_a_member_counts_it_out_once(client: Client, auth: Auth) -> None:
    list_id = new_list(client, auth)
    add(client, auth, list_id, [{"phone": "+919876543210"}, {"phone": "+14155550100"}])

    status, _ = call(client, "DELETE", f"/lists/{list_id}/members/%2B919876543210", auth())
    again, answer = call(client, "DELETE", f"/lists/{list_id}/members/%2B919876543210", auth())
    national, _ = call(client, "DELETE", f"/lists/{list_id}/members/4155550100?default_region=US", auth())

    assert status == 200
    assert (again, answer["error"]) == (404, "not_found")
    assert national == 200
    assert get_list(client, auth, list_id)["member_count"] == 0
    assert call(client, "DELETE", f"/lists/{list_id}/members/nonsense", auth())[1]["field"] == "phone"


# --- what the broadcasts feature calls --------------------------------------------------------


def test_member_pages_walk_the_list_and_resume_after_any_page(client: Client, auth: Auth) -> None:
    list_id = new_list(client, auth)
    add(client, auth, list_id, [{"phone": f"+1415555{n:04d}", "variables": {"1": f"v{n}"}} for n in range(5)])

    pages = list(lists.member_pages(list_id, page_size=2))
    resumed = list(lists.member_pages(list_id, page_size=2, cursor=pages[0][1]))

    assert [[m.phone for m in members] for members, _ in pages] == [
        ["+14155550000", "+14155550001"], ["+14155550002", "+14155550003"], ["+14155550004"]]
    assert pages[0][0][0] == lists.Member("+14155550000", {"1": "v0"})
    assert [cursor == "" for _, cursor in pages] == [False, False, True]
    assert resumed == pages[1:]
    assert list(lists.member_pages(new_list(client, auth), page_size=2)) == []


def test_get_list_is_the_accounts_own_list_with_its_exact_count(client: Client, auth: Auth) -> None:
    list_id = new_list(client, auth)
    add(client, auth, list_id, [{"phone": "+14155550100"}, {"phone": "+14155550101"}])

    found = lists.get_list("acme", list_id)

    assert (found.list_id, found.account_id, found.member_count) == (list_id, "acme", 2)
    assert found.created_at.tzinfo is not None
    with pytest.raises(errors.NotFound):
        lists.get_list("globex", list_id)
