"""A send job under the account's shared rate: when the account's slots are taken further ahead than a
sender waits (docs/pacing.md), the rest of the chunk is put back on the send queue, delayed until they
free up, rather than holding a Lambda (and one of the queue's concurrent deliveries, which another
account's chunks need) while it waits. The copy is a new message: a deferral is no failed delivery, so
it never brings the chunk closer to its final attempt. A final attempt waits instead."""

from __future__ import annotations

from chalicelib import messaging
from chalicelib.services import account_pacing, sender


def send_chunk(job: sender.SendJob) -> None:
    deferral = None if job.final_attempt else account_pacing.Deferral()
    if deferral is not None:
        wait = account_pacing.wait_to_join(job.account_id)
        if wait > account_pacing.JOIN_WAIT_SECONDS:  # given up before reading the chunk: one read, not a dozen
            deferral.seconds = wait
            messaging.send("send", job.message(), delay_seconds=account_pacing.deferral_delay(deferral))
            return
    try:
        with account_pacing.deferring(deferral):
            sender.send_chunk(job)
    except sender.ChunkNotFinished:
        if deferral is None or deferral.seconds is None:
            raise
        messaging.send("send", job.message(), delay_seconds=account_pacing.deferral_delay(deferral))
