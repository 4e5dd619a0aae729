"""`rcs targets ID`: a broadcast's recipients and their states, every page, as a table or CSV."""

from __future__ import annotations

import csv
import sys
from collections.abc import Iterator
from typing import Annotated

import typer
from rcs_client.api.broadcasts import list_targets
from rcs_client.models import ListTargetsResponse200, Target, TargetState
from rcs_client.types import UNSET
from rich import box
from rich.table import Table

from rcs_cli import api
from rcs_cli.context import Session, session
from rcs_cli.failures import UsageFailure
from rcs_cli.options import AsJson
from rcs_cli.output import out, print_json

PAGE = 1000
UNSET_TIME = "0001-01-01T00:00:00Z"
COLUMNS = ("recipient_phone", "state", "failure_reason", "rm_message_id", "sent_at", "delivered_at", "read_at")


def _time(value: str) -> str:
    return "" if value == UNSET_TIME else value.replace("T", " ").removesuffix("Z")


def pages(current: Session, broadcast_id: str, state: TargetState | None) -> Iterator[Target]:
    cursor = ""
    while True:
        response = list_targets.sync_detailed(broadcast_id, client=current.client, size=PAGE,
                                              state=state if state else UNSET, cursor=cursor or UNSET)
        page = api.answer(response, ListTargetsResponse200)
        yield from page.targets
        if not (cursor := page.next_cursor):
            return


def targets(
    ctx: typer.Context,
    broadcast_id: Annotated[str, typer.Argument(metavar="ID", help="The broadcast's id.")],
    state: Annotated[TargetState | None, typer.Option("--state", help="Only the targets in this state.")] = None,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV with a header row.")] = False,
    as_json: AsJson = False,
) -> None:
    """A broadcast's targets (every page), as a table, CSV or JSON."""
    if as_csv and as_json:
        raise UsageFailure("choose one of --csv and --json")
    rows = pages(session(ctx), broadcast_id, state)
    if as_csv:
        writer = csv.DictWriter(sys.stdout, COLUMNS, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        for target in rows:
            writer.writerow(target.to_dict())
        return
    if as_json:
        print_json([target.to_dict() for target in rows])
        return
    table = Table("phone", "state", "failure", "sent at", "delivered at", "read at", box=box.SIMPLE_HEAD)
    for column in table.columns[:2]:
        column.no_wrap = True
    count = 0
    for target in rows:
        count += 1
        table.add_row(target.recipient_phone, str(target.state), target.failure_reason, _time(target.sent_at),
                      _time(target.delivered_at), _time(target.read_at))
    out.print(table)
    out.print(f"{count:,} targets")
