"""`rcs broadcasts`: create, start (and watch until it ends), and read a broadcast."""

from __future__ import annotations

import contextlib
import time
from typing import Annotated

import typer
from rcs_client.api.broadcasts import create_broadcast, get_broadcast, start_broadcast
from rcs_client.models import (
    Broadcast,
    BroadcastFallback,
    BroadcastStatus,
    CreateBroadcastBody,
    CreateBroadcastResponse201,
    GetBroadcastResponse200,
    StartBroadcastResponse200,
)
from rcs_client.types import UNSET
from rich.console import Group
from rich.live import Live
from rich.progress_bar import ProgressBar
from rich.table import Table
from rich.text import Text

from rcs_cli import api
from rcs_cli.context import Session, session
from rcs_cli.failures import Unfinished
from rcs_cli.options import AsJson, Timeout
from rcs_cli.output import err, out, percent, print_json

app = typer.Typer(help="Broadcasts: create, start and watch.", no_args_is_help=True)

TERMINAL = (BroadcastStatus.COMPLETED, BroadcastStatus.CANCELLED, BroadcastStatus.FAILED)


def fetch(current: Session, broadcast_id: str) -> Broadcast:
    return api.answer(get_broadcast.sync_detailed(broadcast_id, client=current.client),
                      GetBroadcastResponse200).broadcast


def funnel(broadcast: Broadcast) -> Group:
    """The broadcast's progress (targets sent, failed or suppressed, of all) and its funnel."""
    total = broadcast.total_count
    done = broadcast.sent_count + broadcast.failed_count + broadcast.suppressed_count
    title = f"broadcast {broadcast.broadcast_id} ({broadcast.name or broadcast.template_name}): {broadcast.status}"
    overall = Table.grid(padding=(0, 1))
    overall.add_row(ProgressBar(total=max(total, 1), completed=done, width=40),
                    f"{done:,} of {total:,} done: sent, failed or suppressed ({percent(done, total)})")
    stages = Table("", "targets", "of all", "", box=None, padding=(0, 1))
    rows = [("queued", broadcast.queued_count), ("sent", broadcast.sent_count),
            ("delivered", broadcast.delivered_count), ("read", broadcast.read_count),
            ("replied", broadcast.replied_count), ("clicked", broadcast.clicked_count),
            ("failed", broadcast.failed_count), ("suppressed", broadcast.suppressed_count)]
    if broadcast.fallback != BroadcastFallback.NONE:
        rows.append(("sms fallback", broadcast.fallback_count))
    for stage, count in rows:
        stages.add_row(stage, f"{count:,}", percent(count, total), ProgressBar(total=max(total, 1), completed=count,
                                                                                width=30))
    parts: list[Table | Text] = [Text(title, style="bold"), overall, stages]
    if broadcast.clicks:
        parts.append(Text("clicks: " + ", ".join(f"{click.text or click.postback_data}: {click.count:,}"
                                                  for click in broadcast.clicks)))
    if broadcast.failure_reason:
        parts.append(Text(f"failure: {broadcast.failure_reason}"))
    return Group(*parts)


def watch(current: Session, broadcast_id: str, timeout: float, *, quiet: bool) -> Broadcast:
    deadline = time.monotonic() + timeout
    broadcast = fetch(current, broadcast_id)
    live = None if quiet else Live(funnel(broadcast), console=err, transient=True, auto_refresh=False)
    with live or contextlib.nullcontext():
        while broadcast.status not in TERMINAL:
            if time.monotonic() > deadline:
                raise Unfinished(f"broadcast {broadcast_id} is still {broadcast.status} after {timeout:.0f} s")
            time.sleep(current.poll_seconds)
            broadcast = fetch(current, broadcast_id)
            if live is not None:
                live.update(funnel(broadcast), refresh=True)
    return broadcast


def _outcome(broadcast: Broadcast) -> None:
    if broadcast.status == BroadcastStatus.FAILED:
        raise Unfinished(f"broadcast {broadcast.broadcast_id} failed: {broadcast.failure_reason or 'no reason given'}")
    if broadcast.status == BroadcastStatus.CANCELLED:
        raise Unfinished(f"broadcast {broadcast.broadcast_id} was cancelled")


@app.command()
def create(
    ctx: typer.Context,
    template: Annotated[str, typer.Option("--template", help="An approved template's id.")],
    list_id: Annotated[str, typer.Option("--list", help="The contact list's id.")],
    name: Annotated[str | None, typer.Option("--name", help="A name for the broadcast.")] = None,
    as_json: AsJson = False,
) -> None:
    """Create a draft broadcast of a template to a list; prints its id."""
    current = session(ctx)
    body = CreateBroadcastBody(template_id=template, list_id=list_id, name=name if name else UNSET)
    response = create_broadcast.sync_detailed(client=current.client, body=body)
    created = api.answer(response, CreateBroadcastResponse201)
    if as_json:
        print_json(created.to_dict())
    else:
        out.print(created.broadcast_id)


@app.command()
def start(
    ctx: typer.Context,
    broadcast_id: Annotated[str, typer.Argument(metavar="ID")],
    watch_it: Annotated[bool, typer.Option("--watch", help="Show live progress and the funnel until it ends.")]
    = False,
    timeout: Timeout = 3600.0,
    as_json: AsJson = False,
) -> None:
    """Start a draft broadcast. With --watch, exits 1 unless it completes."""
    current = session(ctx)
    started = api.answer(start_broadcast.sync_detailed(broadcast_id, client=current.client),
                         StartBroadcastResponse200)
    if not watch_it:
        if as_json:
            print_json(started.to_dict())
        else:
            out.print(f"broadcast {broadcast_id}: {started.status}")
        return
    broadcast = watch(current, broadcast_id, timeout, quiet=as_json)
    if as_json:
        print_json(broadcast.to_dict())
    else:
        out.print(funnel(broadcast))
    _outcome(broadcast)


@app.command()
def get(ctx: typer.Context, broadcast_id: Annotated[str, typer.Argument(metavar="ID")], as_json: AsJson = False,
        ) -> None:
    """A broadcast with its counters and funnel."""
    broadcast = fetch(session(ctx), broadcast_id)
    if as_json:
        print_json(broadcast.to_dict())
    else:
        out.print(funnel(broadcast))
