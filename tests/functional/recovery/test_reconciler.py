"""The reconciler: work whose job was lost (the message is gone, not dead-lettered) makes no
progress; after `stall_after_seconds` the reconciler queues the missing job again, after
`give_up_after_seconds` it ends the item, fully accounted. And the dispatcher stops waiting for a
snapshot that makes no progress."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from chalice.app import ScheduledEventConfig
from chalice.test import Client

from chalicelib.aws import client as aws_client
from chalicelib.clock import utcnow
from chalicelib.metrics import RECONCILER_ENDED
from chalicelib.services import balance as balance_service
from chalicelib.services import imports as import_service
from chalicelib.services import reconciler, runner, sender, templates
from chalicelib.settings import get_settings
from tests.functional.recovery.conftest import CREDIT, PRICE, SECOND_CHUNK, started
from tests.support.drain import drain
from tests.support.money import assert_ledger_reconciles
from tests.support.world import Auth, all_targets, balance, broadcast, call


def lose(key: str) -> None:
    """Every message waiting on queue `key` is lost (neither delivered nor dead-lettered)."""
    sqs = aws_client("sqs")
    sqs.purge_queue(QueueUrl=sqs.get_queue_url(QueueName=get_settings().queue_name(key))["QueueUrl"])


def later(seconds: int) -> Any:
    return utcnow() + timedelta(seconds=seconds + 1)


def stalled() -> Any:
    return later(get_settings().stall_after_seconds)


def given_up() -> Any:
    return later(get_settings().give_up_after_seconds)


@pytest.fixture
def pages_of_four(monkeypatch: pytest.MonkeyPatch) -> None:
    """The snapshot copies 4 members a page: creating a broadcast of 10 copies one page and leaves
    the rest to a snapshot job."""
    monkeypatch.setattr(runner, "SNAPSHOT_PAGE", 4)


def started_without_snapshot_job(client: Client, auth: Auth, world: dict[str, str]) -> str:
    """A broadcast created (its first page copied), its snapshot job lost, then started."""
    status, body = call(client, "POST", "/broadcasts", auth(), world)
    assert status == 201, body
    lose("dispatch")
    assert call(client, "POST", f"/broadcasts/{body['broadcast_id']}/start", auth())[0] == 200
    return str(body["broadcast_id"])


def assert_completed_exactly(client: Client, auth: Auth, broadcast_id: str, *, sent: int = 9) -> None:
    final = broadcast(client, auth, broadcast_id)
    targets = all_targets(client, auth, broadcast_id)
    assert final["status"] == "completed"
    assert len(targets) == 10
    assert Counter(t["state"] for t in targets) == {"sent": sent, "failed": 10 - sent}
    assert (final["sent_count"], final["failed_count"]) == (sent, 10 - sent)
    assert balance(client, auth) == CREDIT - sent * PRICE
    assert_ledger_reconciles(client, auth, price=PRICE, sent=sent)


def test_the_reconciler_runs_on_a_schedule_every_five_minutes_by_default(chalice_app: Any) -> None:
    schedules = {s.name: s for s in chalice_app.event_sources if isinstance(s, ScheduledEventConfig)}
    assert schedules["reconcile"].schedule_expression == "rate(5 minutes)"
    assert get_settings().reconcile_every_minutes == 5
    # what it ends is counted under the names the alarms watch
    assert set(RECONCILER_ENDED) <= set(reconciler.Report().as_dict())


@pytest.mark.usefixtures("pages_of_four")
def test_a_lost_snapshot_job_is_queued_again_and_the_broadcast_completes(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str]) -> None:
    # GIVEN a started broadcast whose snapshot job was lost after its first page
    broadcast_id = started_without_snapshot_job(client, auth, world)
    assert broadcast(client, auth, broadcast_id)["snapshot"] == {"status": "running", "copied": 4}
    # WHEN nothing moved for longer than stall_after_seconds, and the reconciler runs (twice: it is
    # safe to repeat)
    for _ in range(2):
        report = reconciler.reconcile(stalled())
        assert report.broadcasts_requeued == 1
    drain(chalice_app)
    # THEN the snapshot finished and the broadcast completed, each member sent once
    assert_completed_exactly(client, auth, broadcast_id)


def test_a_lost_dispatch_job_is_queued_again_and_the_broadcast_completes(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str]) -> None:
    broadcast_id = started(client, auth, world)
    lose("dispatch")
    assert broadcast(client, auth, broadcast_id)["status"] == "running"

    assert reconciler.reconcile(stalled()).broadcasts_requeued == 1
    drain(chalice_app)

    assert_completed_exactly(client, auth, broadcast_id)


def test_a_broadcast_that_stalls_for_good_is_failed_and_its_reserved_chunk_refunded(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    # GIVEN the second chunk reserved its cost and its job then vanished (its sender died and the
    # message was lost, e.g. purged from the dead-letter queue by hand)
    broadcast_id = started(client, auth, world)
    real = sender.send_chunk

    def reserve_then_vanish(job: sender.SendJob) -> Any:
        if job.bounds.first_phone != SECOND_CHUNK:
            return real(job)
        balance_service.reserve(job.account_id, job.reservation_key, job.bounds.size, PRICE)
        return None

    monkeypatch.setattr(sender, "send_chunk", reserve_then_vanish)
    drain(chalice_app)
    assert broadcast(client, auth, broadcast_id)["status"] == "running"
    assert balance(client, auth) < CREDIT - 4 * PRICE  # the lost chunk's reservation is still held

    # WHEN nothing moved for longer than give_up_after_seconds, and the reconciler runs twice
    first = reconciler.reconcile(given_up())
    second = reconciler.reconcile(given_up())

    # THEN the broadcast failed, the reserved chunk settled (its targets failed) and was refunded
    assert (first.broadcasts_failed, first.chunks_settled) == (1, 1)
    assert (second.broadcasts_failed, second.chunks_settled) == (0, 0)
    final = broadcast(client, auth, broadcast_id)
    assert (final["status"], final["failure_reason"]) == ("failed", "internal_error")
    targets = all_targets(client, auth, broadcast_id)
    second_chunk = [t for t in targets if "+14155550004" <= t["recipient_phone"] <= "+14155550007"]
    assert {t["state"] for t in second_chunk} == {"failed"}
    sent = sum(t["state"] == "sent" for t in targets)
    assert final["sent_count"] == sent
    assert balance(client, auth) == CREDIT - sent * PRICE
    assert_ledger_reconciles(client, auth, price=PRICE, sent=sent)


@pytest.fixture
def impatient_dispatcher(settings_env: Callable[..., None]) -> None:
    settings_env(RCS_SNAPSHOT_WAIT_SECONDS="0")


@pytest.mark.usefixtures("pages_of_four", "impatient_dispatcher")
def test_the_dispatcher_stops_waiting_for_a_snapshot_that_makes_no_progress(
        client: Client, auth: Auth, chalice_app: Any, world: dict[str, str]) -> None:
    # GIVEN a started broadcast whose snapshot job was lost, with no reconciler running
    broadcast_id = started_without_snapshot_job(client, auth, world)
    # WHEN the dispatcher waits longer than snapshot_wait_seconds
    drain(chalice_app, timeout=30)
    # THEN it failed the broadcast (and stopped queueing itself), having charged nothing
    final = broadcast(client, auth, broadcast_id)
    assert (final["status"], final["failure_reason"]) == ("failed", "internal_error")
    assert balance(client, auth) == CREDIT
    assert_ledger_reconciles(client, auth, price=PRICE, sent=0)


def _import_world(client: Client, auth: Auth) -> tuple[str, str]:
    from tests.functional.faults.test_import_faults import SHORT, start_upload

    list_id, import_id, key = start_upload(client, auth)
    import_service.on_object_created(get_settings().import_bucket, key, lambda: SHORT / 1000)
    lose("imports")  # the continuation is lost
    return list_id, import_id


def _import(client: Client, auth: Auth, list_id: str, import_id: str) -> dict[str, Any]:
    status, body = call(client, "GET", f"/lists/{list_id}/imports/{import_id}", auth())
    assert status == 200, body
    return body.get("import", body)  # type: ignore[no-any-return]


def test_a_stalled_import_is_continued_and_completes_with_exact_counts(client: Client, auth: Auth,
                                                                       chalice_app: Any) -> None:
    from tests.functional.faults.test_import_faults import ADDED, REJECTED, UPDATED

    list_id, import_id = _import_world(client, auth)
    assert _import(client, auth, list_id, import_id)["status"] == "running"

    assert reconciler.reconcile(stalled()).imports_requeued == 1
    assert reconciler.reconcile(stalled()).imports_requeued == 1  # a second copy records nothing
    drain(chalice_app)

    done = _import(client, auth, list_id, import_id)
    assert done["status"] == "completed"
    assert (done["added"], done["updated"], done["rejected"]) == (ADDED, UPDATED, REJECTED)


def test_an_import_stalled_for_good_fails_with_its_reason(client: Client, auth: Auth) -> None:
    list_id, import_id = _import_world(client, auth)

    assert reconciler.reconcile(given_up()).imports_failed == 1

    failed = _import(client, auth, list_id, import_id)
    assert (failed["status"], failed["failure_reason"]) == ("failed", import_service.STALLED_REASON)
    assert reconciler.reconcile(given_up()).imports_failed == 0


def _pending_template(client: Client, auth: Auth) -> str:
    status, body = call(client, "POST", "/templates", auth(), {
        "name": "order_update", "category": "transactional", "language": "en_US",
        "components": {"type": "text", "text": "Hello {{1}}, your order has shipped."}})
    assert status == 201, body
    lose("review")
    return str(body["template_id"])


def _template(client: Client, auth: Auth, template_id: str) -> dict[str, Any]:
    status, body = call(client, "GET", f"/templates/{template_id}", auth())
    assert status == 200, body
    return body.get("template", body)  # type: ignore[no-any-return]


def test_a_template_whose_review_was_lost_is_reviewed_after_all(client: Client, auth: Auth,
                                                                chalice_app: Any) -> None:
    template_id = _pending_template(client, auth)

    assert reconciler.reconcile(stalled()).reviews_requeued == 1
    drain(chalice_app)

    assert _template(client, auth, template_id)["ai_review_status"] != "pending"
    assert reconciler.reconcile(stalled()).reviews_requeued == 0


def test_a_template_pending_for_good_goes_to_a_human(client: Client, auth: Auth) -> None:
    template_id = _pending_template(client, auth)

    assert reconciler.reconcile(given_up()).reviews_to_admin == 1

    template = _template(client, auth, template_id)
    assert template["effective_status"] == "needs_admin"
    assert template["ai_review_reason"] == templates.REVIEW_UNAVAILABLE
    assert reconciler.reconcile(given_up()).reviews_to_admin == 0


def test_nothing_stalled_is_touched(client: Client, auth: Auth, world: dict[str, str]) -> None:
    broadcast_id = started(client, auth, world)
    report = reconciler.reconcile()
    assert not any(report.as_dict().values())
    assert broadcast(client, auth, broadcast_id)["status"] == "running"


def test_a_run_short_of_time_stops_between_items_and_the_next_run_continues(client: Client, auth: Auth) -> None:
    template_id = _pending_template(client, auth)

    short = reconciler.reconcile(stalled(), time_left=lambda: 1.0)
    assert (short.stopped_early, short.reviews_requeued) == (1, 0)
    assert _template(client, auth, template_id)["ai_review_status"] == "pending"

    assert reconciler.reconcile(stalled()).reviews_requeued == 1
