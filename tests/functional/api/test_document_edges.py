"""Requests at the edge of what the OpenAPI document allows get the answer it promises: a schema-valid
value is never refused for its form (issue 18: the document states what the server enforces)."""

from __future__ import annotations

import pytest

from tests.functional.api.conftest import ADMIN, Accounts, Auth, World
from tests.functional.api.test_hostile_input import refused
from tests.support.openapi import ValidatingClient


@pytest.mark.parametrize("phone", ["%2B10000000", "%2B999123456789", "%2B12"])
def test_an_e164_number_that_is_no_valid_phone_names_no_member(api: ValidatingClient, auth: Auth, world: World,
                                                               phone: str) -> None:
    # GIVEN numbers in E.164 form that no numbering plan has WHEN one is removed from a list THEN it is no member
    refused(api.request("DELETE", f"/lists/{world.list_id}/members/{phone}", auth(world.owner)), 404, "not_found")


def test_text_that_is_no_phone_number_is_still_a_400(api: ValidatingClient, auth: Auth, world: World) -> None:
    refused(api.request("DELETE", f"/lists/{world.list_id}/members/nonsense", auth(world.owner)), 400,
            "validation_error", "phone")
    refused(api.request("DELETE", f"/lists/{world.list_id}/members/%2B10000000?default_region=XX",
                        auth(world.owner)), 400, "validation_error", "default_region")


@pytest.mark.parametrize("moment", ["0001-01-01T00:00:00+01:00", "9999-12-31T23:59:59-05:00"])
def test_a_schedule_an_offset_moves_out_of_the_calendar_is_a_400(api: ValidatingClient, auth: Auth, world: World,
                                                                 moment: str) -> None:
    # GIVEN a time of the document's form whose offset moves it before year 1 or past 9999 (was a 500)
    answer = api.request("POST", "/broadcasts", auth(world.owner),
                         {"template_id": world.template_id, "list_id": world.list_id, "scheduled_at": moment})
    refused(answer, 400, "validation_error", "scheduled_at")


def test_an_account_id_in_a_path_is_read_percent_decoded(api: ValidatingClient, auth: Auth, accounts: Accounts) -> None:
    # GIVEN an account id with a `+` (the document allows `._:@+-`), sent URL-encoded as clients do
    account = f"{accounts.owner}+in"
    answer = api.request("POST", f"/admin/accounts/{accounts.owner}%2Bin/credit", auth(ADMIN, admin=True),
                         {"amount": 5, "reference": "percent-decoded"})
    # THEN it is that account that is credited
    assert answer.status == 200 and answer.body["account_id"] == account, answer.body
    assert api.request("GET", "/balance", auth(account)).body["balance"] == 5
