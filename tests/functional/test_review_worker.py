"""The review worker: SQS records in Lambda's shape, the verdict written once, partial failures."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from botocore.stub import Stubber
from chalice.test import Client

from chalicelib.aws import client as aws_client
from tests.support.templates import (
    NO_OPT_OUT,
    PROHIBITED,
    Auth,
    event_of,
    get,
    invoke_worker,
    request,
    review_messages,
    run_review_worker,
    submit,
)


def test_the_worker_writes_each_templates_verdict_from_the_queue(client: Client, auth: Auth) -> None:
    clean = submit(client, auth)
    prohibited = submit(client, auth, PROHIBITED)
    doubtful = submit(client, auth, NO_OPT_OUT)

    result = run_review_worker(client)

    assert result == {"batchItemFailures": []}
    assert get(client, auth, clean)["ai_review_status"] == "approved"
    rejected = get(client, auth, prohibited)
    assert rejected["ai_review_status"] == "rejected" and rejected["effective_status"] == "rejected"
    assert rejected["ai_review_score"] < 0.5
    assert "look-alike" in rejected["ai_review_reason"]
    assert {finding["code"] for finding in rejected["ai_review_findings"]} >= {"lookalike_domain"}
    assert [finding["field"] for finding in rejected["ai_review_findings"]
            if finding["code"] == "lookalike_domain"] == ["components.text"]
    held = get(client, auth, doubtful)
    assert held["ai_review_status"] == "needs_admin" and held["effective_status"] == "needs_admin"
    assert "no_opt_out" in [finding["code"] for finding in held["ai_review_findings"]]


def test_a_redelivered_message_changes_nothing(client: Client, auth: Auth) -> None:
    template_id = submit(client, auth, NO_OPT_OUT)
    messages = review_messages()
    event = event_of([message["Body"] for message in messages])
    invoke_worker(client, event)
    first = get(client, auth, template_id)

    again = invoke_worker(client, event_of([message["Body"] for message in messages]))

    assert again == {"batchItemFailures": []}
    assert get(client, auth, template_id) == first


def test_a_template_deleted_before_its_review_is_dropped_without_a_failure(client: Client, auth: Auth) -> None:
    template_id = submit(client, auth)
    request(client, "DELETE", f"/templates/{template_id}", auth())

    result = run_review_worker(client)

    assert result == {"batchItemFailures": []}
    assert request(client, "GET", f"/templates/{template_id}", auth()).status_code == 404


def test_a_malformed_record_fails_alone_and_the_rest_of_the_batch_is_reviewed(client: Client, auth: Auth) -> None:
    template_id = submit(client, auth)
    review_messages()  # take the API's own message off the queue
    event = event_of(["not json", {"template_id": template_id}, {"no": "id"}])
    bad_ids = [event["Records"][0]["messageId"], event["Records"][2]["messageId"]]

    result = invoke_worker(client, event)

    assert sorted(item["itemIdentifier"] for item in result["batchItemFailures"]) == sorted(bad_ids)
    assert get(client, auth, template_id)["ai_review_status"] == "approved"


def test_an_admin_decision_taken_before_the_review_stands(client: Client, auth: Auth) -> None:
    template_id = submit(client, auth, NO_OPT_OUT)
    decided = request(client, "POST", f"/admin/templates/{template_id}/review", auth("ops", admin=True),
                      {"decision": "approved", "reason": "opt-out is in the app"})
    assert decided.status_code == 200

    run_review_worker(client)

    template = get(client, auth, template_id)
    assert template["ai_review_status"] == "needs_admin"
    assert template["admin_status"] == "approved" and template["effective_status"] == "approved"
    queue = request(client, "GET", "/admin/templates?status=needs_admin", auth("ops", admin=True))
    assert template_id not in [row["template_id"] for row in queue.json_body["templates"]]


# The LLM reviewer through the worker -----------------------------------------------------------
@pytest.fixture
def llm_on(settings_env: Callable[..., None], aws: None) -> Iterator[Stubber]:
    settings_env(RCS_LLM_REVIEW_ENABLED="true", RCS_BEDROCK_TIMEOUT_SECONDS="2")
    with Stubber(aws_client("bedrock-runtime")) as stubber:
        yield stubber


def verdict_answer(verdict: str, score: float, reason: str) -> dict[str, Any]:
    return {"output": {"message": {"role": "assistant", "content": [{"toolUse": {
        "toolUseId": "t1", "name": "record_verdict",
        "input": {"verdict": verdict, "score": score, "reason": reason, "findings": []}}}]}},
        "stopReason": "tool_use", "usage": {"inputTokens": 10, "outputTokens": 10, "totalTokens": 20},
        "metrics": {"latencyMs": 100}}


def test_with_the_llm_on_its_doubt_sends_a_clean_template_to_a_human(
        client: Client, auth: Auth, llm_on: Stubber) -> None:
    template_id = submit(client, auth)
    llm_on.add_response("converse", verdict_answer("needs_admin", 0.4, "The tracking link is unknown."))

    run_review_worker(client)

    template = get(client, auth, template_id)
    assert template["ai_review_status"] == "needs_admin"
    assert "llm.flagged" in [finding["code"] for finding in template["ai_review_findings"]]
    llm_on.assert_no_pending_responses()


def test_with_the_llm_on_a_template_the_rules_reject_is_not_sent_to_the_model(
        client: Client, auth: Auth, llm_on: Stubber) -> None:
    template_id = submit(client, auth, PROHIBITED)

    run_review_worker(client)  # no stubbed answer: a call to the model would fail the test

    assert get(client, auth, template_id)["ai_review_status"] == "rejected"


def test_with_the_llm_on_a_failing_model_sends_the_template_to_a_human(
        client: Client, auth: Auth, llm_on: Stubber) -> None:
    template_id = submit(client, auth)
    llm_on.add_client_error("converse", service_error_code="ThrottlingException", http_status_code=429)

    result = run_review_worker(client)

    assert result == {"batchItemFailures": []}
    template = get(client, auth, template_id)
    assert template["ai_review_status"] == "needs_admin"
    assert "llm.unavailable" in [finding["code"] for finding in template["ai_review_findings"]]


def test_on_the_local_pump_the_verdict_is_there_within_five_seconds(
        client: Client, auth: Auth, chalice_app: Any) -> None:
    from infra.local.pump import LocalEventSources
    from infra.local.resources import s3_events_queue_name

    sources = LocalEventSources(chalice_app, region="us-east-1", s3_events_queue=s3_events_queue_name(),
                                tick_seconds=3600, threads_per_queue=1)
    sources.start()
    try:
        template_id = submit(client, auth)
        started = time.monotonic()
        while get(client, auth, template_id)["ai_review_status"] == "pending" and time.monotonic() - started < 5:
            time.sleep(0.1)
        elapsed = time.monotonic() - started
    finally:
        sources.close()

    assert get(client, auth, template_id)["ai_review_status"] == "approved"
    assert elapsed < 5
