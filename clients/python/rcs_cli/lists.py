"""`rcs lists`: create a list and import a CSV into it (upload, then the background import)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer
from rcs_client.api.lists import create_list, get_import, start_import
from rcs_client.models import (
    CreateListBody,
    CreateListResponse201,
    GetImportResponse200,
    ImportStatus,
    Region,
    StartImportBody,
    StartImportResponse201,
)
from rcs_client.types import UNSET
from rich.progress import BarColumn, DownloadColumn, Progress, TaskID, TextColumn, TimeRemainingColumn
from rich.table import Table

from rcs_cli import api
from rcs_cli.context import Session, session
from rcs_cli.failures import Unfinished, UsageFailure
from rcs_cli.options import AsJson, Timeout
from rcs_cli.output import err, out, print_json

app = typer.Typer(help="Contact lists and CSV imports.", no_args_is_help=True)

FINISHED = (ImportStatus.COMPLETED, ImportStatus.FAILED)


@app.command()
def create(ctx: typer.Context, name: str, as_json: AsJson = False) -> None:
    """Create an empty contact list; prints its id."""
    current = session(ctx)
    response = create_list.sync_detailed(client=current.client, body=CreateListBody(name=name))
    created = api.answer(response, CreateListResponse201)
    if as_json:
        print_json(created.to_dict())
    else:
        out.print(created.list_id)


def _import_line(state: GetImportResponse200) -> str:
    return (f"import {state.status}: {state.rows_read:,} rows, {state.added:,} added, {state.updated:,} updated, "
            f"{state.rejected:,} rejected")


def _follow_import(current: Session, list_id: str, import_id: str, progress: Progress, task: TaskID,
                   timeout: float) -> GetImportResponse200:
    deadline = time.monotonic() + timeout
    while True:
        state = api.answer(get_import.sync_detailed(list_id, import_id, client=current.client), GetImportResponse200)
        progress.update(task, total=state.bytes_total or None, completed=state.bytes_read,
                        detail=f"{state.status}: {state.rows_read:,} rows, {state.rejected:,} rejected")
        if state.status in FINISHED:
            return state
        if time.monotonic() > deadline:
            raise Unfinished(f"import {import_id} is still {state.status} after {timeout:.0f} s "
                             f"(follow it with GET /lists/{list_id}/imports/{import_id})")
        time.sleep(current.poll_seconds)


def _show_import(state: GetImportResponse200) -> None:
    out.print(_import_line(state))
    if state.rejected_rows:
        table = Table("row", "phone", "reason", title="rejected rows (the first ones)", title_justify="left")
        for row in state.rejected_rows:
            table.add_row(str(row.row), row.phone, row.reason)
        out.print(table)


def _region(code: str) -> Region:
    try:
        return Region(code.strip().upper())
    except ValueError:
        raise UsageFailure(f"{code!r} is not an ISO 3166 alpha-2 region (IN, US, GB…)") from None


@app.command("import")
def import_csv(
    ctx: typer.Context,
    list_id: Annotated[str, typer.Argument(metavar="LIST", help="The list's id.")],
    csv_file: Annotated[Path, typer.Argument(metavar="CSV", help="A header row with `phone` and `var_1`, `var_2`…")],
    region: Annotated[str | None, typer.Option("--region", help="ISO region for national numbers (IN, US).")]
    = None,
    timeout: Timeout = 600.0,
    as_json: AsJson = False,
) -> None:
    """Upload a CSV and import it into the list, with a progress bar for each; exits 1 if the import fails."""
    current = session(ctx)
    if not csv_file.is_file():
        raise UsageFailure(f"no such file: {csv_file}")
    body = StartImportBody(default_region=_region(region)) if region else UNSET
    started = api.answer(start_import.sync_detailed(list_id, client=current.client, body=body),
                           StartImportResponse201)
    columns = (TextColumn("{task.description:<6}"), BarColumn(bar_width=30), DownloadColumn(), TimeRemainingColumn(),
               TextColumn("{task.fields[detail]}"))
    with Progress(*columns, console=err, disable=as_json) as progress:
        size = csv_file.stat().st_size
        uploading = progress.add_task("upload", total=size, detail=csv_file.name)
        api.upload(started.upload_url, csv_file, lambda sent: progress.advance(uploading, sent),
                   method=str(started.upload_method))
        importing = progress.add_task("import", total=None, detail="waiting for the upload")
        state = _follow_import(current, list_id, started.import_id, progress, importing, timeout)
    if as_json:
        print_json(state.to_dict())
    else:
        _show_import(state)
    if state.status == ImportStatus.FAILED:
        raise Unfinished(f"import {state.import_id} failed: {state.failure_reason or 'no reason given'}")
