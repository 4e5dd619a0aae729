"""Human review of templates (extensions.md): the queue of every account's templates waiting for
an admin, oldest first, and the admin's decision, which becomes the effective status."""

from __future__ import annotations

import re
from typing import Any

import pytest
from chalice.test import Client

from tests.support.templates import NO_OPT_OUT, Auth, get, payload, request, run_review_worker, submit

QUEUE = "/admin/templates?status=needs_admin"


def admin(auth: Auth) -> dict[str, str]:
    return auth("ops", admin=True)


def waiting(client: Client, auth: Auth, account: str = "acme") -> str:
    """A template the AI review sent to a human."""
    template_id = submit(client, auth, NO_OPT_OUT, account=account)
    run_review_worker(client)
    assert get(client, auth, template_id, account)["effective_status"] == "needs_admin"
    return template_id


def decide(client: Client, auth: Auth, template_id: str, body: dict[str, Any]) -> Any:
    return request(client, "POST", f"/admin/templates/{template_id}/review", admin(auth), body)


def queue_ids(client: Client, auth: Auth, query: str = QUEUE) -> list[str]:
    response = request(client, "GET", query, admin(auth))
    assert response.status_code == 200, response.body
    return [row["template_id"] for row in payload(response)["templates"]]


def test_the_queue_holds_only_templates_waiting_for_a_human_from_every_account_oldest_first(
        client: Client, auth: Auth) -> None:
    first = waiting(client, auth, "acme")
    submit(client, auth)  # approved by the AI
    second = waiting(client, auth, "globex")
    third = waiting(client, auth, "acme")
    run_review_worker(client)

    body = payload(request(client, "GET", QUEUE, admin(auth)))

    assert [row["template_id"] for row in body["templates"]] == [first, second, third]
    assert [row["account_id"] for row in body["templates"]] == ["acme", "globex", "acme"]
    assert body["next_cursor"] == ""
    row = body["templates"][0]
    assert row["ai_review_status"] == "needs_admin" and row["admin_status"] == ""
    assert row["ai_review_reason"] and row["ai_review_findings"]


def test_the_queue_pages_with_limit_and_cursor(client: Client, auth: Auth) -> None:
    ids = [waiting(client, auth) for _ in range(3)]

    first = payload(request(client, "GET", f"{QUEUE}&limit=2", admin(auth)))
    rest = payload(request(client, "GET", f"{QUEUE}&limit=2&cursor={first['next_cursor']}", admin(auth)))

    assert [row["template_id"] for row in first["templates"]] == ids[:2] and first["next_cursor"]
    assert [row["template_id"] for row in rest["templates"]] == ids[2:] and rest["next_cursor"] == ""


def test_a_cursor_of_an_accounts_list_does_not_work_on_the_queue(client: Client, auth: Auth) -> None:
    for _ in range(2):
        submit(client, auth)
    cursor = payload(request(client, "GET", "/templates?limit=1", auth()))["next_cursor"]

    response = request(client, "GET", f"{QUEUE}&cursor={cursor}", admin(auth))

    assert response.status_code == 400 and payload(response)["field"] == "cursor"


def test_the_queue_only_lists_needs_admin(client: Client, auth: Auth) -> None:
    response = request(client, "GET", "/admin/templates?status=approved", admin(auth))

    assert response.status_code == 400 and payload(response)["field"] == "status"


def test_an_approval_sets_the_admin_fields_and_the_effective_status(client: Client, auth: Auth) -> None:
    template_id = waiting(client, auth)
    before = get(client, auth, template_id)

    response = decide(client, auth, template_id, {"decision": "approved", "reason": "Opt-out is in the app."})

    assert response.status_code == 200
    template = get(client, auth, template_id)
    assert payload(response)["template"] == {**template, "account_id": "acme"}
    assert template["admin_status"] == "approved"
    assert template["admin_reason"] == "Opt-out is in the app."
    assert template["effective_status"] == "approved"
    assert template["ai_review_status"] == "needs_admin"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", template["reviewed_at"])
    assert template["reviewed_at"] >= before["reviewed_at"]
    assert template_id not in queue_ids(client, auth)


def test_an_admin_can_reject_what_the_ai_approved(client: Client, auth: Auth) -> None:
    template_id = submit(client, auth)
    run_review_worker(client)

    decide(client, auth, template_id, {"decision": "rejected", "reason": "Brand not verified."})

    template = get(client, auth, template_id)
    assert (template["ai_review_status"], template["admin_status"], template["effective_status"]) == (
        "approved", "rejected", "rejected")


@pytest.mark.parametrize(("body", "field"), [
    ({"decision": "rejected"}, "reason"),
    ({"decision": "rejected", "reason": "   "}, "reason"),
    ({"decision": "maybe", "reason": "x"}, "decision"),
    ({"reason": "x"}, "decision"),
    ({"decision": "approved", "note": "x"}, "note"),
])
def test_a_bad_decision_is_a_400_naming_the_field_and_changes_nothing(
        client: Client, auth: Auth, body: dict[str, Any], field: str) -> None:
    template_id = waiting(client, auth)

    response = decide(client, auth, template_id, body)

    assert response.status_code == 400 and payload(response)["field"] == field
    assert get(client, auth, template_id)["admin_status"] == ""
    assert template_id in queue_ids(client, auth)


@pytest.mark.parametrize("template_id", ["0" * 32, "nope"])
def test_deciding_an_unknown_template_is_404(client: Client, auth: Auth, template_id: str) -> None:
    response = decide(client, auth, template_id, {"decision": "approved"})

    assert response.status_code == 404 and payload(response)["error"] == "not_found"


def test_a_deleted_template_cannot_be_decided(client: Client, auth: Auth) -> None:
    template_id = waiting(client, auth)
    request(client, "DELETE", f"/templates/{template_id}", auth())

    assert decide(client, auth, template_id, {"decision": "approved"}).status_code == 404
    assert queue_ids(client, auth) == []


@pytest.mark.parametrize(("method", "path"), [("GET", QUEUE), ("POST", "/admin/templates/" + "0" * 32 + "/review")])
def test_a_user_token_gets_403_on_the_admin_routes(client: Client, auth: Auth, method: str, path: str) -> None:
    response = request(client, method, path, auth(), {"decision": "approved"})

    assert response.status_code == 403 and payload(response)["error"] == "forbidden"


def test_an_approval_lets_broadcasts_use_the_template(client: Client, auth: Auth) -> None:
    from chalicelib.services.templates import get_template

    template_id = waiting(client, auth)
    assert get_template("acme", template_id).effective_status == "needs_admin"

    decide(client, auth, template_id, {"decision": "approved"})

    assert get_template("acme", template_id).effective_status == "approved"
