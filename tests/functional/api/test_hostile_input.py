"""What a hostile or careless client sends: bodies too large, JSON nested deep, text with
right-to-left overrides, emoji, NUL and unpaired surrogates, numbers out of range, and ids that are
not the caller's. Each gets a 4xx in the envelope (never a 500); legitimate text round-trips."""

from __future__ import annotations

import json
from typing import Any

import pytest

from chalicelib.settings import get_settings
from tests.functional.api.conftest import ADMIN, Auth, World, template_body
from tests.support.openapi import Answer, ValidatingClient, operations

RTL = "\u202eevil.exe\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627"
EMOJI = "\U0001f469\u200d\U0001f4bb \U0001f1ee\U0001f1f3 \u2764\ufe0f"


def refused(answer: Answer, status: int, code: str, field: str | None = None) -> dict[str, Any]:
    assert answer.status == status, answer.body
    assert answer.body["success"] is False and answer.body["error"] == code, answer.body
    if field is not None:
        assert answer.body["field"] == field, answer.body
    return answer.body  # type: ignore[no-any-return]


BODY_OPERATIONS = [(op.method, op.path) for op in operations() if "requestBody" in op.spec]


@pytest.mark.parametrize(("method", "path"), BODY_OPERATIONS, ids=[f"{m} {p}" for m, p in BODY_OPERATIONS])
def test_a_body_over_the_limit_is_a_413_on_every_operation_that_takes_one(
        api: ValidatingClient, auth: Auth, world: World, method: str, path: str) -> None:
    limit = get_settings().max_body_bytes
    headers = auth(ADMIN, admin=True) if path.startswith("/admin") else auth(world.owner)
    big = json.dumps({"name": "x" * limit}).encode()
    refused(api.request(method, world.path(path), headers, raw=big), 413, "payload_too_large")
    # at the limit it is read (and refused for what it says, not for its size)
    assert api.request(method, world.path(path), headers, raw=b" " * (limit - 2) + b"[]").status != 413


@pytest.mark.parametrize("raw", [
    pytest.param(b"[" * 100_000 + b"]" * 100_000, id="100000 nested arrays"),
    pytest.param(b'{"a":' * 50_000 + b"1" + b"}" * 50_000, id="50000 nested objects"),
    pytest.param(b'{"name": "x"', id="truncated"),
    pytest.param(b'{"name": "\xff\xfe"}', id="not UTF-8"),
    pytest.param(b'{"name": "x", "name": ' + b"9" * 5000 + b"}", id="an integer of 5000 digits"),
])
def test_a_body_that_cannot_be_read_is_a_400_naming_the_body(api: ValidatingClient, auth: Auth, world: World,
                                                             raw: bytes) -> None:
    refused(api.request("POST", "/lists", auth(world.owner), raw=raw), 400, "validation_error", "body")


def nested(depth: int, leaf: Any = "x") -> Any:
    value = leaf
    for _ in range(depth):
        value = {"a": value}
    return value


def test_json_nested_deep_inside_a_field_is_refused_where_it_lands(api: ValidatingClient, auth: Auth,
                                                                  world: World) -> None:
    owner = auth(world.owner)
    deep = nested(900)
    refused(api.request("POST", "/templates", owner, {**template_body(), "components": deep}), 400,
            "validation_error", "components.type")
    refused(api.request("PUT", "/credentials", owner, {"provider": "simulator", "latency_ms": deep}), 400,
            "validation_error", "latency_ms")
    answer = api.request("POST", f"/lists/{world.list_id}/members", owner,
                         {"members": [{"phone": "+14155550177", "variables": deep}]})
    assert (answer.status, answer.body["added"], answer.body["rejected"]) == (201, 0, 1)
    refused(api.request("POST", "/webhooks/rbm", {"Content-Type": "application/json"}, {"message": deep}), 400,
            "validation_error", "body")
    members = api.request("GET", f"/lists/{world.list_id}/members", owner).body["members"]
    assert "+14155550177" not in {member["phone"] for member in members}


DEVANAGARI = "\u0928\u092e\u0938\u094d\u0924\u0947 \u0926\u0941\u0928\u093f\u092f\u093e"


@pytest.mark.parametrize("text", [RTL, EMOJI, DEVANAGARI, "e\u0301\u0301\u0301 zalgo", "\ufeffBOM first"],
                         ids=["rtl", "emoji", "devanagari", "combining", "bom"])
def test_text_in_any_script_round_trips_exactly(api: ValidatingClient, auth: Auth, world: World,
                                                text: str) -> None:
    owner = auth(world.owner)
    created = api.request("POST", "/lists", owner, {"name": text})
    assert created.status == 201, created.body
    assert api.request("GET", f"/lists/{created.body['list_id']}", owner).body["list"]["name"] == text.strip()
    answer = api.request("POST", f"/lists/{world.list_id}/members", owner,
                         {"members": [{"phone": "+14155550178", "variables": {"1": text}}]})
    assert answer.body["added"] + answer.body["updated"] == 1
    members = api.request("GET", f"/lists/{world.list_id}/members", owner).body["members"]
    assert {m["phone"]: m["variables"] for m in members}["+14155550178"] == {"1": text}
    template = api.request("POST", "/templates", owner, template_body(text=f"{text} {{{{1}}}}"))
    assert template.status == 201, template.body
    stored = api.request("GET", f"/templates/{template.body['template_id']}", owner).body["template"]
    assert stored["components"]["text"] == f"{text} {{{{1}}}}"


@pytest.mark.parametrize("bad", ["a\u0000b", "tab\there", "bell\u0007", "esc\u001b[31m", "del\u007f"],
                         ids=["NUL", "tab", "BEL", "ANSI escape", "DEL"])
def test_control_characters_in_a_name_are_a_400_naming_it(api: ValidatingClient, auth: Auth, world: World,
                                                         bad: str) -> None:
    owner = auth(world.owner)
    refused(api.request("POST", "/lists", owner, {"name": bad}), 400, "validation_error", "name")
    refused(api.request("POST", "/templates", owner, template_body(name=bad)), 400, "validation_error", "name")
    refused(api.request("POST", "/broadcasts", owner, {"template_id": world.template_id, "list_id": world.list_id,
                                                       "name": bad}), 400, "validation_error", "name")
    refused(api.request("POST", f"/admin/accounts/{world.owner}/credit", auth(ADMIN, admin=True),
                        {"amount": 1, "reference": bad}), 400, "validation_error", "reference")


@pytest.mark.parametrize("bad", ["a\u0000b", "bell\u0007", "esc\u001b[31m", "del\u007f"],
                         ids=["NUL", "BEL", "ANSI escape", "DEL"])
def test_control_characters_in_message_text_are_a_400_naming_the_field(api: ValidatingClient, auth: Auth,
                                                                      world: World, bad: str) -> None:
    owner = auth(world.owner)
    refused(api.request("POST", "/templates", owner, template_body(text=bad)), 400, "validation_error",
            "components.text")
    body = {**template_body(), "suggestions": [{"type": "reply", "text": bad}]}
    refused(api.request("POST", "/templates", owner, body), 400, "validation_error", "suggestions.0.text")
    answer = api.request("POST", f"/lists/{world.list_id}/members", owner,
                         {"members": [{"phone": "+14155550179", "variables": {"1": bad}}]})
    assert (answer.status, answer.body["rejected"]) == (201, 1)
    assert "control characters" in answer.body["rejected_rows"][0]["reason"]


def test_line_breaks_in_message_text_are_kept(api: ValidatingClient, auth: Auth, world: World) -> None:
    body = template_body(text="Hi {{1}},\n\tyour order shipped.")
    answer = api.request("POST", "/templates", auth(world.owner), body)
    assert answer.status == 201, answer.body


@pytest.mark.parametrize(("raw", "field"), [
    (b'{"name": "\\ud800"}', "name"),
    (b'{"name": "ok", "extra": {"\\udfff": 1}}', "extra"),
    (b'{"name": "\\udc00\\ud800"}', "name"),  # a pair in the wrong order is two lone halves
])
def test_unpaired_surrogates_are_a_400_naming_the_field(api: ValidatingClient, auth: Auth, world: World,
                                                       raw: bytes, field: str) -> None:
    refused(api.request("POST", "/lists", auth(world.owner), raw=raw), 400, "validation_error", field)


def test_unpaired_surrogates_in_member_variables_and_the_webhook_are_400s(api: ValidatingClient, auth: Auth,
                                                                         world: World) -> None:
    raw = b'{"members": [{"phone": "+14155550180", "variables": {"1": "x\\ud800"}}]}'
    refused(api.request("POST", f"/lists/{world.list_id}/members", auth(world.owner), raw=raw), 400,
            "validation_error", "members.0.variables.1")
    refused(api.request("POST", "/webhooks/rbm", {"Content-Type": "application/json"},
                        raw=b'{"clientToken": "\\ud800", "secret": "s"}'), 400, "validation_error", "clientToken")
    escaped_pair = b'{"name": "\\ud83d\\ude00 list"}'  # an emoji as JSON escapes is fine
    assert api.request("POST", "/lists", auth(world.owner), raw=escaped_pair).status == 201


@pytest.mark.parametrize(("path", "field"), [
    ("/templates?limit=0", "limit"), ("/templates?limit=101", "limit"), ("/templates?limit=-1", "limit"),
    ("/templates?limit=1e2", "limit"), ("/templates?limit=1_0", "limit"), ("/templates?limit=%205", "limit"),
    ("/templates?limit=%D9%A5", "limit"), ("/templates?limit=%2B5", "limit"), ("/templates?limit=NaN", "limit"),
    ("/templates?limit=" + "9" * 40, "limit"),
    ("/lists?limit=%F0%9F%98%80", "limit"), ("/ledger?limit=201", "limit"), ("/broadcasts?limit=0x10", "limit"),
    ("/lists/{list_id}/members?limit=1001", "limit"), ("/broadcasts/{broadcast_id}/targets?size=1001", "size"),
    ("/broadcasts/{broadcast_id}/targets?size=0", "size"), ("/broadcasts/{broadcast_id}/targets?state=QUEUED", "state"),
])
def test_query_numbers_out_of_range_are_a_400_naming_the_parameter(api: ValidatingClient, auth: Auth, world: World,
                                                                  path: str, field: str) -> None:
    refused(api.request("GET", world.path(path), auth(world.owner)), 400, "validation_error", field)


@pytest.mark.parametrize(("body", "field"), [
    ({"amount": 0, "reference": "r"}, "amount"),
    ({"amount": -1, "reference": "r"}, "amount"),
    ({"amount": 10**13 + 1, "reference": "r"}, "amount"),
    ({"amount": 2**63, "reference": "r"}, "amount"),
    ({"amount": 2**64 + 1, "reference": "r"}, "amount"),
    ({"amount": 1.5, "reference": "r"}, "amount"),
    ({"amount": 100.5e0, "reference": "r"}, "amount"),
    ({"amount": True, "reference": "r"}, "amount"),
    ({"amount": "100", "reference": "r"}, "amount"),
    ({"amount": 1, "reference": "x" * 257}, "reference"),
])
def test_money_out_of_range_is_a_400_and_credits_nothing(api: ValidatingClient, auth: Auth, world: World,
                                                         body: dict[str, Any], field: str) -> None:
    before = api.request("GET", "/balance", auth(world.owner)).body["balance"]
    refused(api.request("POST", f"/admin/accounts/{world.owner}/credit", auth(ADMIN, admin=True), body), 400,
            "validation_error", field)
    assert api.request("GET", "/balance", auth(world.owner)).body["balance"] == before


@pytest.mark.parametrize("written", ["100.0", "1e2", "1.00E+2"])
def test_an_integer_written_with_a_fraction_or_an_exponent_is_that_integer(api: ValidatingClient, auth: Auth,
                                                                            world: World, written: str) -> None:
    # JSON has one kind of number, and JSON Schema's `integer` holds 100.0: it credits exactly 100
    before = api.request("GET", "/balance", auth(world.owner)).body["balance"]
    raw = f'{{"amount": {written}, "reference": "exp-{written}"}}'.encode()
    answer = api.request("POST", f"/admin/accounts/{world.owner}/credit", auth(ADMIN, admin=True), raw=raw)
    assert answer.status == 200 and answer.body["credit"]["amount"] == 100, answer.body
    assert api.request("GET", "/balance", auth(world.owner)).body["balance"] == before + 100


@pytest.mark.parametrize("raw", [b'{"amount": NaN, "reference": "r"}', b'{"amount": Infinity, "reference": "r"}',
                                 b'{"amount": 1e400, "reference": "r"}', b'{"amount": -0.0, "reference": "r"}'])
def test_non_finite_numbers_are_a_400(api: ValidatingClient, auth: Auth, world: World, raw: bytes) -> None:
    refused(api.request("POST", f"/admin/accounts/{world.owner}/credit", auth(ADMIN, admin=True), raw=raw), 400,
            "validation_error", "amount")


@pytest.mark.parametrize(("changes", "field"), [
    ({"latency_ms": 10_001}, "latency_ms"), ({"latency_ms": -1}, "latency_ms"), ({"latency_ms": 2**70}, "latency_ms"),
    ({"failure_rate": 1.0000001}, "failure_rate"), ({"failure_rate": -0.1}, "failure_rate"),
    ({"read_rate": 1e400}, "read_rate"), ({"delivery_delay_ms": 600_001}, "delivery_delay_ms"),
])
def test_simulator_settings_out_of_range_are_a_400(api: ValidatingClient, auth: Auth, world: World,
                                                   changes: dict[str, Any], field: str) -> None:
    refused(api.request("PUT", "/credentials", auth(world.owner), {"provider": "simulator", **changes}), 400,
            "validation_error", field)


def test_coordinates_out_of_range_are_a_400(api: ValidatingClient, auth: Auth, world: World) -> None:
    body = {**template_body(), "suggestions": [{"type": "location", "text": "Find us", "latitude": 90.5,
                                                 "longitude": 0}]}
    refused(api.request("POST", "/templates", auth(world.owner), body), 400, "validation_error",
            "suggestions.0.latitude")


NOT_OURS = ["0" * 32, "not-an-id", "x" * 3000, "..%2F..%2Fadmin", "%00", "%F0%9F%98%80", "%E2%80%AEdi",
            "a%23b", "*", "%22%3E%3Cscript%3E"]


@pytest.mark.parametrize("foreign", NOT_OURS)
def test_ids_that_are_not_ours_are_a_404_on_every_operation_with_ids(api: ValidatingClient, auth: Auth,
                                                                    world: World, foreign: str) -> None:
    owner, admin = auth(world.owner), auth(ADMIN, admin=True)
    for operation in operations():
        if "{" not in operation.path or operation.path.startswith("/admin/accounts"):
            continue
        for name in ("{template_id}", "{list_id}", "{import_id}", "{broadcast_id}"):
            if name not in operation.path:
                continue
            path = world.path(operation.path.replace(name, foreign))
            body = {"decision": "approved"} if operation.path.endswith("/review") else (
                {"members": [{"phone": "+14155550181"}]} if operation.path.endswith("/members")
                and operation.method == "POST" else None)
            headers = admin if operation.path.startswith("/admin") else owner
            answer = api.request(operation.method, path, headers, body)
            assert (answer.status, answer.body["error"]) == (404, "not_found"), (operation.method, path, answer.body)


def test_ids_of_another_kind_are_a_404(api: ValidatingClient, auth: Auth, world: World) -> None:
    owner = auth(world.owner)
    refused(api.request("GET", f"/templates/{world.list_id}", owner), 404, "not_found")
    refused(api.request("GET", f"/lists/{world.template_id}", owner), 404, "not_found")
    refused(api.request("GET", f"/broadcasts/{world.list_id}", owner), 404, "not_found")
    refused(api.request("GET", f"/lists/{world.list_id}/imports/{world.broadcast_id}", owner), 404, "not_found")
    refused(api.request("POST", "/broadcasts", owner, {"template_id": world.list_id, "list_id": world.template_id}),
            404, "not_found")


@pytest.mark.parametrize("phone", ["x" * 3000, "%F0%9F%98%80", "%E2%80%AE", "%00"])
def test_a_member_path_that_is_no_phone_is_a_400(api: ValidatingClient, auth: Auth, world: World,
                                                 phone: str) -> None:
    refused(api.request("DELETE", f"/lists/{world.list_id}/members/{phone}", auth(world.owner)), 400,
            "validation_error", "phone")


@pytest.mark.parametrize("account", ["%E2%80%AEacme", "a%00b", "x" * 200, "-leading-dash", "%F0%9F%98%80"])
def test_a_credit_to_something_that_is_no_account_id_is_a_400(api: ValidatingClient, auth: Auth,
                                                              account: str) -> None:
    refused(api.request("POST", f"/admin/accounts/{account}/credit", auth(ADMIN, admin=True),
                        {"amount": 1, "reference": "r"}), 400, "validation_error", "account_id")


@pytest.mark.parametrize("path", ["/templates?limit=1&limit=100", "/lists?cursor=&cursor=x",
                                  "/broadcasts/{broadcast_id}/targets?state=sent&state=failed"])
def test_a_query_parameter_given_twice_is_a_400_naming_it(api: ValidatingClient, auth: Auth, world: World,
                                                         path: str) -> None:
    field = path.split("?")[1].split("=")[0]
    refused(api.request("GET", world.path(path), auth(world.owner)), 400, "validation_error", field)
