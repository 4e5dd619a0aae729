"""The work queues' messages: each job is written and read through its own type, and a message that
is not a job of its queue is refused with the reason."""

from __future__ import annotations

import json

import pytest

from chalicelib import jobs, messaging

EVERY_KIND = [
    jobs.Review("tpl_1"),
    jobs.Dispatch("acme", "brd_1"),
    jobs.Snapshot("acme", "brd_1"),
    jobs.Reach("acme", "brd_1", tries=2),
    jobs.Revoke("acme", "brd_1", after="+14155550100", tries=1),
    jobs.SendChunk("acme", "brd_1", "+14155550100", "+14155550199", 100, epoch=1, wave=2),
    jobs.Fallback("acme", "brd_1", ("+14155550100", "+14155550101")),
    jobs.ImportStep("lst_1", "imp_1", 4096),
    jobs.ImportRange("lst_1", "imp_1", 3, 8192),
    jobs.ImportSplit("lst_1", "imp_1", 1024),
    jobs.PurgeList("acme", "lst_1"),
]


@pytest.mark.parametrize("job", EVERY_KIND, ids=lambda job: job.kind)
def test_a_job_read_back_from_its_queue_is_the_job_that_was_written(job: jobs.Job) -> None:
    assert jobs.parse(job.queue, json.dumps(job.body())) == job


def test_every_kind_has_its_own_name_on_its_queue() -> None:
    assert len({(job.queue, job.kind) for job in EVERY_KIND}) == len(EVERY_KIND) == len(jobs.KINDS)
    assert {job.queue for job in EVERY_KIND} == set(messaging.QUEUE_SPECS) - {"receipts"}


def test_the_queue_carries_the_fields_and_the_kind() -> None:
    assert jobs.SendChunk("acme", "brd_1", "+1", "+2", 5).body() == {
        "kind": "send", "account_id": "acme", "broadcast_id": "brd_1", "first": "+1", "last": "+2", "size": 5,
        "epoch": 0, "wave": 0}


def test_a_queues_only_kind_goes_unnamed() -> None:
    assert jobs.Review("tpl_1").body() == {"template_id": "tpl_1"}
    assert jobs.parse("review", '{"template_id": "tpl_1"}') == jobs.Review("tpl_1")


def test_fields_left_out_take_their_defaults() -> None:
    assert jobs.parse("dispatch", '{"kind": "revoke", "account_id": "a", "broadcast_id": "b"}') == jobs.Revoke("a", "b")


@pytest.mark.parametrize(("queue", "body", "reason"), [
    ("dispatch", "not json", "not JSON"),
    ("dispatch", "[1, 2]", "not a JSON object"),
    ("dispatch", '{"kind": "bake", "account_id": "a", "broadcast_id": "b"}', "no known kind"),
    ("send", '{"kind": "dispatch", "account_id": "a", "broadcast_id": "b"}', "no known kind"),
    ("dispatch", '{"kind": "dispatch", "account_id": "a"}', "without broadcast_id"),
    ("dispatch", '{"kind": "dispatch", "account_id": "", "broadcast_id": "b"}', "empty account_id"),
    ("dispatch", '{"kind": "reach", "account_id": "a", "broadcast_id": "b", "tries": true}', "tries is not"),
    ("imports", '{"kind": "import", "list_id": "l", "import_id": "i", "offset": "12"}', "offset is not"),
    ("send", '{"kind": "fallback", "account_id": "a", "broadcast_id": "b", "phones": [1]}', "phones is not"),
    ("review", '{"template_id": 7}', "template_id is not"),
])
def test_a_message_that_is_no_job_of_its_queue_is_refused_with_the_reason(queue: str, body: str, reason: str) -> None:
    with pytest.raises(jobs.MalformedJob, match=reason):
        jobs.parse(queue, body)


def test_a_job_cannot_be_put_on_another_queue() -> None:
    with pytest.raises(ValueError, match="belongs on the dispatch queue"):
        messaging.send("send", jobs.Dispatch("acme", "brd_1"))
