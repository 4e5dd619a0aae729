"""Per-account caps (docs/spec/campaigns.md, "Per-account limits"): templates per account, members
per list, open drafts and the targets they hold; drafts untouched for `draft_ttl_days` expire, their
queued targets with DynamoDB's TTL. Each cap is a setting; past it, a 409 `conflict` naming it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest
from chalice.test import Client

from chalicelib.clock import format_time, parse_time, utcnow
from chalicelib.store import broadcasts as broadcasts_store
from chalicelib.store.broadcasts import BroadcastModel
from chalicelib.store.targets import TargetModel
from tests.support.drain import drain
from tests.support.world import Auth, approved_template, call, contact_list, credit, members, simulator

Caps = Callable[..., None]


@pytest.fixture
def caps(settings_env: Callable[..., None]) -> Caps:
    def configure(**values: int) -> None:
        settings_env(**{f"RCS_{name.upper()}": str(value) for name, value in values.items()})

    return configure


def template_body(n: int) -> dict[str, object]:
    return {"name": f"capped_{n}", "category": "transactional", "language": "en_US",
            "components": {"type": "text", "text": "Hello {{1}}, your order has shipped."}}


def test_templates_per_account_are_capped_and_a_deleted_one_frees_its_place(client: Client, auth: Auth,
                                                                            caps: Caps) -> None:
    # GIVEN an account may have 2 templates, and has 2
    caps(max_templates=2)
    first = call(client, "POST", "/templates", auth(), template_body(1))[1]["template_id"]
    assert call(client, "POST", "/templates", auth(), template_body(2))[0] == 201
    # WHEN it submits a third THEN 409 naming the cap, and another account is not affected
    status, body = call(client, "POST", "/templates", auth(), template_body(3))
    assert (status, body["error"]) == (409, "conflict") and "max_templates" in body["message"]
    assert call(client, "POST", "/templates", auth("globex"), template_body(3))[0] == 201
    # AND once it deletes one, it may submit again
    assert call(client, "DELETE", f"/templates/{first}", auth())[0] == 200
    assert call(client, "POST", "/templates", auth(), template_body(3))[0] == 201


def test_members_per_list_are_capped_atomically_and_updates_still_pass(client: Client, auth: Auth,
                                                                      caps: Caps) -> None:
    # GIVEN a list may hold 3 members and holds 2
    caps(max_list_members=3)
    list_id = contact_list(client, auth, members=members(2))
    # WHEN 2 new members are added THEN 409 naming the cap, and none was written
    status, body = call(client, "POST", f"/lists/{list_id}/members", auth(), {"members": members(2, start=2)})
    assert (status, body["error"]) == (409, "conflict") and "max_list_members" in body["message"]
    assert call(client, "GET", f"/lists/{list_id}", auth())[1]["list"]["member_count"] == 2
    # AND one more fits; then, full, existing members can still be updated
    assert call(client, "POST", f"/lists/{list_id}/members", auth(), {"members": members(1, start=2)})[0] == 201
    status, body = call(client, "POST", f"/lists/{list_id}/members", auth(),
                        {"members": members(3, variables={"1": "Zed"})})
    assert (status, body["updated"]) == (201, 3), body


@pytest.fixture
def ready(client: Client, auth: Auth) -> dict[str, str]:
    template_id = approved_template(client, auth)
    list_id = contact_list(client, auth, members=members(2))
    simulator(client, auth)
    credit(client, auth)
    return {"template_id": template_id, "list_id": list_id}


def new_draft(client: Client, auth: Auth, ready: dict[str, str]) -> tuple[int, dict[str, object]]:
    return call(client, "POST", "/broadcasts", auth(), ready)  # type: ignore[no-any-return]


def test_open_drafts_are_capped_and_a_cancelled_one_frees_its_place(client: Client, auth: Auth, caps: Caps,
                                                                   ready: dict[str, str]) -> None:
    caps(max_open_drafts=2)
    first = new_draft(client, auth, ready)[1]["broadcast_id"]
    assert new_draft(client, auth, ready)[0] == 201
    status, body = new_draft(client, auth, ready)
    assert (status, body["error"]) == (409, "conflict") and "max_open_drafts" in str(body["message"])
    assert call(client, "POST", f"/broadcasts/{first}/cancel", auth())[0] == 200
    assert new_draft(client, auth, ready)[0] == 201


def test_the_targets_drafts_hold_are_capped(client: Client, auth: Auth, caps: Caps, ready: dict[str, str]) -> None:
    # GIVEN drafts may hold 3 targets in all, and the list has 2 members
    caps(max_draft_targets=3)
    first = new_draft(client, auth, ready)[1]["broadcast_id"]
    # WHEN a second draft of the same list would hold 4 THEN 409 naming the cap
    status, body = new_draft(client, auth, ready)
    assert (status, body["error"]) == (409, "conflict") and "max_draft_targets" in str(body["message"])
    # AND a started broadcast's targets no longer count
    assert call(client, "POST", f"/broadcasts/{first}/start", auth())[0] == 200
    assert new_draft(client, auth, ready)[0] == 201


def test_a_draft_and_its_queued_targets_expire_and_a_started_one_keeps_everything(
        client: Client, auth: Auth, chalice_app: object, ready: dict[str, str]) -> None:
    # GIVEN two drafts of a 2-member list
    kept = new_draft(client, auth, ready)[1]["broadcast_id"]
    left = new_draft(client, auth, ready)[1]["broadcast_id"]
    # THEN each draft and its queued targets carry a TTL 30 days (+15 of grace for targets) out
    draft = BroadcastModel.get("acme", left)
    assert draft.expires_at is not None
    created = parse_time(draft.created_at)
    assert draft.expires_at - created == timedelta(days=30)
    targets = list(TargetModel.query(left))
    assert len(targets) == 2
    assert all(t.expires_at is not None and t.expires_at - created == timedelta(days=45) for t in targets)
    # WHEN one is started and sent THEN it and its settled targets lose their expiry
    assert call(client, "POST", f"/broadcasts/{kept}/start", auth())[0] == 200
    drain(chalice_app)
    assert BroadcastModel.get("acme", kept).expires_at is None
    assert [t.expires_at for t in TargetModel.query(kept)] == [None, None]
    # WHEN the other stays untouched past 30 days (DynamoDB's TTL may take a day or two to delete it)
    BroadcastModel("acme", left).update(actions=[
        BroadcastModel.created_at.set(format_time(utcnow() - timedelta(days=31)))])
    # THEN it can no longer be started, and it holds no place among the open drafts
    status, body = call(client, "POST", f"/broadcasts/{left}/start", auth())
    assert (status, body["error"]) == (409, "conflict") and "expired" in body["message"]
    assert left not in {draft.broadcast_id for draft in broadcasts_store.open_drafts("acme")}
