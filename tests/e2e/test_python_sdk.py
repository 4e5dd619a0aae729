"""The generated Python SDK (clients/python/rcs_client) against `make run`'s stack, as a developer
would use it: every call through the SDK's functions and models, every answer a typed model,
every refusal the error model the document names for it (never a bare dict)."""

from __future__ import annotations

import httpx
import pytest
from rcs_client import AuthenticatedClient
from rcs_client.api.accounts import put_credentials
from rcs_client.api.admin import credit_account
from rcs_client.api.broadcasts import create_broadcast, get_broadcast, list_targets, start_broadcast
from rcs_client.api.lists import add_members, create_list, get_import, get_list, start_import
from rcs_client.api.templates import create_template, get_template
from rcs_client.models import (
    AddMembersBody,
    AddMembersBodyMembersItem,
    AddMembersBodyMembersItemVariablesType0,
    AddMembersResponse201,
    BroadcastStatus,
    CreateBroadcastBody,
    CreateBroadcastResponse201,
    CreateListBody,
    CreateListResponse201,
    CreateTemplateResponse201,
    CreditAccountBody,
    CreditAccountResponse200,
    ForbiddenError,
    GetBroadcastResponse200,
    GetImportResponse200,
    GetTemplateResponse200,
    ImportStatus,
    ListAnswer,
    ListTargetsResponse200,
    MaskedCredentials,
    NotFoundError,
    ReviewStatus,
    SimulatorCredentials,
    StartBroadcastResponse200,
    StartImportResponse201,
    TargetState,
    TemplateCategory,
    TemplateDraft,
    TextComponents,
    UnauthorizedError,
    ValidationError,
)

from tests.e2e.conftest import Stack, wait_for

pytestmark = pytest.mark.stack


def _client(stack: Stack, account: str, *, admin: bool = False) -> AuthenticatedClient:
    return AuthenticatedClient(base_url=stack.base, token=stack.token(account, admin=admin))


def _draft(name: str, text: str) -> TemplateDraft:
    return TemplateDraft(name=name, category=TemplateCategory.TRANSACTIONAL, language="en_US",
                         components=TextComponents(type_="text", text=text))


def test_a_broadcast_from_credentials_to_targets_through_the_sdk(stack: Stack) -> None:
    api = _client(stack, "sdk-flow")
    # GIVEN simulator credentials and a balance
    credentials = put_credentials.sync(client=api, body=SimulatorCredentials(
        provider="simulator", latency_ms=0, delivery_rate=1.0, read_rate=1.0, delivery_delay_ms=100,
        read_delay_ms=100))
    assert isinstance(credentials, MaskedCredentials) and credentials.configured
    credit = credit_account.sync("sdk-flow", client=_client(stack, "ops", admin=True),
                                 body=CreditAccountBody(amount=100_000, reference="sdk-flow-1"))
    assert isinstance(credit, CreditAccountResponse200)

    # WHEN a clean transactional template is submitted THEN the review approves it
    created = create_template.sync(client=api, body=_draft(
        "sdk_order_shipped", "Hi {{1}}, your order has shipped and arrives on Monday."))
    assert isinstance(created, CreateTemplateResponse201)

    def verdict() -> GetTemplateResponse200 | None:
        answer = get_template.sync(created.template_id, client=api)
        assert isinstance(answer, GetTemplateResponse200)
        return answer if answer.template.effective_status != ReviewStatus.PENDING else None

    template = wait_for(verdict, timeout=30).template
    assert template.effective_status == ReviewStatus.APPROVED, template.ai_review_reason
    assert template.placeholders == [1]

    # AND a list gets members by the API (an invalid phone rejected by row) and by CSV import
    made = create_list.sync(client=api, body=CreateListBody(name="sdk customers"))
    assert isinstance(made, CreateListResponse201)
    list_id = made.list_id
    added = add_members.sync(list_id, client=api, body=AddMembersBody(members=[
        AddMembersBodyMembersItem(phone=f"+1415557000{n}", variables=AddMembersBodyMembersItemVariablesType0.from_dict(
            {"1": f"Ann {n}"})) for n in range(3)
    ] + [AddMembersBodyMembersItem(phone="not-a-phone")]))
    assert isinstance(added, AddMembersResponse201)
    assert (added.added, added.rejected, [row.index for row in added.rejected_rows]) == (3, 1, [3])

    started = start_import.sync(list_id, client=api)
    assert isinstance(started, StartImportResponse201)
    csv = "phone,var_1\n+14155571000,Bo\n+14155571001,Cy\n"
    assert httpx.put(started.upload_url, content=csv.encode(), timeout=30).status_code == 200

    def imported() -> GetImportResponse200 | None:
        state = get_import.sync(list_id, started.import_id, client=api)
        assert isinstance(state, GetImportResponse200)
        return state if state.status in (ImportStatus.COMPLETED, ImportStatus.FAILED) else None

    state = wait_for(imported, timeout=60)
    assert (state.status, state.added, state.rejected) == (ImportStatus.COMPLETED, 2, 0)
    listed = get_list.sync(list_id, client=api)
    assert isinstance(listed, ListAnswer) and listed.list_.member_count == 5

    # WHEN a broadcast of the template to the list is created and started
    broadcast = create_broadcast.sync(client=api, body=CreateBroadcastBody(
        template_id=template.template_id, list_id=list_id, name="sdk launch"))
    assert isinstance(broadcast, CreateBroadcastResponse201) and broadcast.total_count == 5
    running = start_broadcast.sync(broadcast.broadcast_id, client=api)
    assert isinstance(running, StartBroadcastResponse200)

    # THEN it completes, and every target is delivered and read
    def finished() -> GetBroadcastResponse200 | None:
        answer = get_broadcast.sync(broadcast.broadcast_id, client=api)
        assert isinstance(answer, GetBroadcastResponse200)
        done = answer.broadcast
        return answer if done.status == BroadcastStatus.COMPLETED and done.read_count == 5 else None

    final = wait_for(finished, timeout=90).broadcast
    assert (final.sent_count, final.failed_count, final.queued_count) == (5, 0, 0)
    targets = list_targets.sync(broadcast.broadcast_id, client=api, size=2)
    assert isinstance(targets, ListTargetsResponse200) and len(targets.targets) == 2 and targets.next_cursor
    rest = list_targets.sync(broadcast.broadcast_id, client=api, size=10, cursor=targets.next_cursor)
    assert isinstance(rest, ListTargetsResponse200) and rest.next_cursor == ""
    everyone = targets.targets + rest.targets
    assert sorted(target.recipient_phone for target in everyone) == sorted(
        [f"+1415557000{n}" for n in range(3)] + ["+14155571000", "+14155571001"])
    assert {target.state for target in everyone} == {TargetState.READ}
    read = list_targets.sync(broadcast.broadcast_id, client=api, state=TargetState.FAILED)
    assert isinstance(read, ListTargetsResponse200) and read.targets == []


def test_every_refusal_is_the_typed_error_model_the_document_names(stack: Stack) -> None:
    api = _client(stack, "sdk-errors")
    # 404: another account's id or none at all
    missing = get_template.sync_detailed("no-such-template", client=api)
    assert missing.status_code == 404
    assert isinstance(missing.parsed, NotFoundError) and missing.parsed.error == "not_found"
    assert missing.parsed.message
    # 400: the field is named
    blank = create_list.sync_detailed(client=api, body=CreateListBody(name=" "))
    assert blank.status_code == 400
    assert isinstance(blank.parsed, ValidationError) and blank.parsed.field == "name"
    # 401: a token that is not ours
    forged = get_list.sync_detailed("l1", client=AuthenticatedClient(base_url=stack.base, token="x.y.z"))
    assert forged.status_code == 401 and isinstance(forged.parsed, UnauthorizedError)
    # 403: an admin operation with an account's token
    refused = credit_account.sync_detailed("sdk-errors", client=api,
                                           body=CreditAccountBody(amount=1, reference="sdk-errors-1"))
    assert refused.status_code == 403 and isinstance(refused.parsed, ForbiddenError)
    assert refused.parsed.error == "forbidden"
