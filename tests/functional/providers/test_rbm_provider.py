"""The RBM adapter against a fake Google (a real HTTP server on 127.0.0.1)."""

from __future__ import annotations

import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import pytest

from chalicelib.providers import (
    CONNECTION_ERROR,
    INVALID_PHONE,
    NOT_RCS_CAPABLE,
    PROVIDER_AUTH,
    PROVIDER_FORBIDDEN,
    PROVIDER_REJECTED,
    PROVIDER_UNAVAILABLE,
    RATE_LIMITED,
    TIMEOUT,
    OutboundMessage,
    message_id_for,
    provider_for,
    render_agent_message,
)
from chalicelib.providers.rbm import RbmProvider, RetryPolicy
from tests.fakes.rbm_server import FakeRbmServer, Reply, ServiceAccountKey, make_service_account

PHONE = "+919876543210"
TEXT = {"type": "text", "text": "Your order #{{1}} has shipped."}


def message(phone: str = PHONE, broadcast: str = "b-1", body: dict[str, Any] | None = None) -> OutboundMessage:
    agent_message = body or render_agent_message(TEXT, [], {"1": "A-1042"})
    return OutboundMessage(message_id_for(broadcast, phone), phone, agent_message)


def wait_until(condition: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        time.sleep(0.02)


# --- OAuth ---------------------------------------------------------------------------------


def test_one_token_is_fetched_and_reused_while_it_is_valid(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer
) -> None:
    provider = make_rbm()

    results = [provider.send(message(f"+9198765432{i:02d}")) for i in range(3)]

    assert [r.outcome for r in results] == ["sent", "sent", "sent"]
    assert rbm_server.token_requests == 1
    assert rbm_server.token_failures == []  # the JWT assertion verified against the key
    assert len({call.token for call in rbm_server.calls}) == 1


def test_a_token_close_to_expiry_is_refreshed_before_use(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer
) -> None:
    # GIVEN tokens that live 60 s, less than google-auth's refresh margin (3 min 45 s)
    rbm_server.token_lifetime = 60
    provider = make_rbm()

    provider.send(message("+919876543201"))
    provider.send(message("+919876543202"))

    assert rbm_server.token_requests == 2


def test_a_token_rbm_stops_accepting_is_replaced_once_and_the_send_succeeds(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer
) -> None:
    provider = make_rbm()
    assert provider.send(message("+919876543201")).outcome == "sent"

    rbm_server.revoke_tokens()
    result = provider.send(message("+919876543202"))

    assert result.outcome == "sent"
    assert rbm_server.token_requests == 2
    assert [c.status for c in rbm_server.calls_for("+919876543202")] == [401, 200]


def test_credentials_rbm_keeps_refusing_fail_as_provider_auth(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer, sleeps: list[float]
) -> None:
    rbm_server.refuse_all_tokens = True

    result = make_rbm().send(message())

    assert (result.outcome, result.failure_reason, result.status) == ("failed", PROVIDER_AUTH, 401)
    assert len(rbm_server.calls) == 2  # the first token, then one fresh token
    assert sleeps == []


def test_a_key_the_token_endpoint_does_not_know_fails_as_provider_auth_without_sending(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer
) -> None:
    stranger = make_service_account(rbm_server.token_uri)  # same email and kid, another RSA key

    result = make_rbm(service_account_info=stranger.info).send(message())

    assert (result.outcome, result.failure_reason) == ("failed", PROVIDER_AUTH)
    assert rbm_server.token_failures and rbm_server.calls == []


def test_an_agent_the_service_account_may_not_use_fails_as_provider_forbidden(
    make_rbm: Callable[..., RbmProvider],
) -> None:
    result = make_rbm(agent_id="someone_elses_agent").send(message())

    assert (result.outcome, result.failure_reason, result.status) == ("failed", PROVIDER_FORBIDDEN, 403)


# --- the request ---------------------------------------------------------------------------


def test_the_message_is_posted_to_the_phone_with_message_id_and_agent_id(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer
) -> None:
    outbound = message()

    result = make_rbm().send(outbound)

    assert (result.outcome, result.message_id, result.status) == ("sent", outbound.message_id, 200)
    [call] = rbm_server.calls
    assert (call.phone, call.message_id, call.agent_id) == (PHONE, outbound.message_id, "acme_agent")
    assert call.body == {"contentMessage": {"text": "Your order #A-1042 has shipped."}}
    assert rbm_server.problems() == []


CARD = {
    "type": "rich_card",
    "card": {
        "title": "Hi {{1}}",
        "description": "Your parcel {{2}} is on its way",
        "media": {"url": "https://cdn.example/p/{{2}}.jpg", "height": "TALL"},
        "suggestions": [{"type": "url", "text": "Track", "url": "https://t.example/{{2}}"}],
    },
}
CAROUSEL = {
    "type": "carousel",
    "card_width": "SMALL",
    "cards": [
        {"title": "Shoes", "media": {"url": "https://cdn.example/1.jpg", "height": "SHORT"},
         "suggestions": [{"type": "reply", "text": "Buy shoes", "postback_data": "buy_1"}]},
        {"title": "Hats", "media": {"url": "https://cdn.example/2.jpg", "height": "SHORT"}},
    ],
}
MEDIA = {"type": "media", "url": "https://cdn.example/v.mp4", "thumbnail_url": "https://cdn.example/v.jpg"}
CHIPS = [
    {"type": "reply", "text": "Stop", "postback_data": "STOP"},
    {"type": "dial", "text": "Call us", "phone_number": "+918000000000"},
    {"type": "url", "text": "Open {{1}}", "url": "https://shop.example/{{1}}"},
]


@pytest.mark.parametrize(
    ("components", "where"),
    [
        (TEXT, ["text"]),
        (CARD, ["richCard", "standaloneCard", "cardContent", "media", "contentInfo", "fileUrl"]),
        (CAROUSEL, ["richCard", "carouselCard", "cardContents"]),
        (MEDIA, ["contentInfo", "fileUrl"]),
    ],
    ids=["text", "rich_card", "carousel", "media"],
)
def test_every_kind_of_template_is_accepted_by_rbm_with_its_suggestions(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer, components: dict[str, Any], where: list[str]
) -> None:
    body = render_agent_message(components, CHIPS, {"1": "A-1042", "2": "P77"})

    result = make_rbm().send(message(body=body))

    assert result.outcome == "sent", rbm_server.problems()
    [call] = rbm_server.calls
    assert call.body == body
    content = call.body["contentMessage"]
    node: Any = content
    for key in where:
        node = node[key]
    assert node
    assert [next(iter(s)) for s in content["suggestions"]] == ["reply", "action", "action"]
    assert content["suggestions"][2]["action"]["openUrlAction"] == {"url": "https://shop.example/A-1042"}


# --- outcomes ------------------------------------------------------------------------------


def test_a_phone_without_rcs_fails_as_not_rcs_capable_without_retrying(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer, sleeps: list[float]
) -> None:
    rbm_server.not_capable(PHONE)

    result = make_rbm().send(message())

    assert (result.outcome, result.failure_reason, result.status, result.attempts) == (
        "failed", NOT_RCS_CAPABLE, 404, 1
    )
    assert sleeps == []


def test_content_rbm_refuses_fails_as_provider_rejected_without_retrying(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer
) -> None:
    # GIVEN a body RBM refuses: two kinds of content at once
    body = {"contentMessage": {"text": "hi", "contentInfo": {"fileUrl": "https://cdn.example/a.jpg"}}}

    result = make_rbm().send(message(body=body))

    assert (result.outcome, result.failure_reason, result.status) == ("failed", PROVIDER_REJECTED, 400)
    assert "exactly one content" in result.detail
    assert len(rbm_server.calls) == 1


@pytest.mark.parametrize("trouble", [[429], [500], [503, 500]], ids=["429", "500", "503-then-500"])
def test_transient_trouble_is_retried_with_backoff_until_the_send_succeeds(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer, sleeps: list[float], trouble: list[int]
) -> None:
    rbm_server.script(PHONE, *trouble)

    result = make_rbm().send(message())

    assert (result.outcome, result.attempts) == ("sent", len(trouble) + 1)
    assert [c.status for c in rbm_server.calls] == [*trouble, 200]
    assert sleeps == [0.5, 1.0][: len(trouble)]  # exponential: 0.5 s, then 1 s (jitter off)
    assert len(rbm_server.deliveries) == 1


def test_trouble_that_outlasts_the_retries_hands_the_message_back_as_retry(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer, sleeps: list[float]
) -> None:
    rbm_server.script(PHONE, 500, 500, 500, 500)

    result = make_rbm().send(message())

    assert (result.outcome, result.failure_reason, result.status, result.attempts) == (
        "retry", PROVIDER_UNAVAILABLE, 500, 3
    )
    assert len(rbm_server.calls) == 3 and sleeps == [0.5, 1.0]
    assert rbm_server.deliveries == {}


def test_a_short_retry_after_is_honoured(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer, sleeps: list[float]
) -> None:
    rbm_server.script(PHONE, Reply(429, headers={"Retry-After": "3"}))

    result = make_rbm().send(message())

    assert result.outcome == "sent"
    assert sleeps == [3.0]


def test_a_long_retry_after_is_handed_back_to_the_caller_at_once(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer, sleeps: list[float]
) -> None:
    rbm_server.script(PHONE, Reply(429, headers={"Retry-After": "120"}))

    result = make_rbm().send(message())

    assert (result.outcome, result.failure_reason, result.retry_after) == ("retry", RATE_LIMITED, 120.0)
    assert len(rbm_server.calls) == 1 and sleeps == []


def test_timeouts_are_retried_then_handed_back_as_retry(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer, sleeps: list[float]
) -> None:
    rbm_server.script(PHONE, *[Reply(503, delay=0.6)] * 3)

    result = make_rbm(timeout=(1.0, 0.15)).send(message())

    assert (result.outcome, result.failure_reason, result.status, result.attempts) == ("retry", TIMEOUT, 0, 3)
    assert sleeps == [0.5, 1.0]


def test_a_send_that_timed_out_but_landed_is_not_delivered_twice(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer
) -> None:
    # GIVEN RBM accepts the first request but answers after the client gave up
    rbm_server.script(PHONE, Reply(200, delay=0.5))
    outbound = message()

    result = make_rbm(timeout=(1.0, 0.15)).send(outbound)

    assert result.outcome == "sent" and result.attempts == 2
    wait_until(lambda: len(rbm_server.calls) == 2)
    assert sorted(c.status for c in rbm_server.calls) == [200, 409]  # the same messageId, ignored once
    assert list(rbm_server.deliveries) == [outbound.message_id]


def test_an_unreachable_endpoint_is_retried_then_handed_back_as_retry(
    make_rbm: Callable[..., RbmProvider], sleeps: list[float]
) -> None:
    result = make_rbm(endpoint="http://127.0.0.1:9").send(message())

    assert (result.outcome, result.failure_reason, result.attempts) == ("retry", CONNECTION_ERROR, 3)


def test_resending_an_accepted_message_counts_as_sent_and_is_delivered_once(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer
) -> None:
    provider = make_rbm()
    outbound = message()

    first, again = provider.send(outbound), provider.send(outbound)

    assert (first.outcome, first.status) == ("sent", 200)
    assert (again.outcome, again.status) == ("sent", 409)
    assert len(rbm_server.deliveries) == 1


def test_a_phone_that_is_not_e164_fails_without_a_request(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer
) -> None:
    result = make_rbm().send(message(phone="98765 43210"))

    assert (result.outcome, result.failure_reason) == ("failed", INVALID_PHONE)
    assert rbm_server.calls == [] and rbm_server.token_requests == 0


def test_the_configured_regional_endpoint_is_the_one_called(
    service_account_key: ServiceAccountKey, make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer
) -> None:
    # GIVEN a second fake standing for another region, holding the same agent
    with FakeRbmServer(service_account_key, agent_id="acme_agent", tokens_from=rbm_server) as europe:
        provider = make_rbm(endpoint=europe.url + "/")

        assert provider.send(message()).outcome == "sent"

    assert len(europe.deliveries) == 1
    assert rbm_server.calls == []  # the token still came from the key's token_uri
    assert rbm_server.token_requests == 1


def test_concurrent_sends_share_one_token_and_all_arrive(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer
) -> None:
    provider = make_rbm()
    messages = [message(f"+91987650{i:04d}") for i in range(40)]

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(provider.send, messages))

    assert {r.outcome for r in results} == {"sent"}
    assert rbm_server.token_requests == 1
    assert set(rbm_server.deliveries) == {m.message_id for m in messages}


def test_provider_for_rbm_credentials_sends_through_google(
    service_account_key: ServiceAccountKey, rbm_server: FakeRbmServer
) -> None:
    @dataclass(frozen=True)
    class Credentials:
        provider: str
        agent_id: str
        endpoint: str
        service_account: dict[str, Any]
        simulator: dict[str, float]
        webhook_client_token: str

    key = {**service_account_key.info, "token_uri": rbm_server.token_uri}
    credentials = Credentials("rbm", "acme_agent", rbm_server.url, key, {}, "tok")
    provider = provider_for(credentials, allow_any_endpoint=True)

    assert provider.send(message()).outcome == "sent"
    assert len(rbm_server.deliveries) == 1


def test_no_retry_starts_past_the_time_budget_of_one_call(
    make_rbm: Callable[..., RbmProvider], rbm_server: FakeRbmServer, sleeps: list[float]
) -> None:
    # GIVEN a budget of 0.9 s: the first wait (0.5 s) fits, the second (1 s) would not
    rbm_server.script(PHONE, 500, 500, 500)
    policy = RetryPolicy(max_attempts=5, initial_wait=0.5, max_wait=4.0, jitter=0.0, max_elapsed=0.9)

    result = make_rbm(retry=policy).send(message())

    assert (result.outcome, result.attempts) == ("retry", 2)
    assert sleeps == [0.5]
