"""`rcs optouts`: the account's suppression list (campaigns.md, "Opt-outs")."""

from __future__ import annotations

from typing import Annotated

import typer
from rcs_client.api.optouts import add_opt_outs
from rcs_client.models import AddOptOutsBody, AddOptOutsResponse200

from rcs_cli import api
from rcs_cli.context import session
from rcs_cli.options import AsJson
from rcs_cli.output import out, print_json

app = typer.Typer(help="Opt-outs: numbers that get no broadcast from this account.", no_args_is_help=True)


@app.command()
def add(
    ctx: typer.Context,
    phones: Annotated[list[str], typer.Argument(metavar="PHONE...", help="E.164 numbers (+919876543210).")],
    as_json: AsJson = False,
) -> None:
    """Opt numbers out: no further broadcast message goes to them from this account."""
    response = add_opt_outs.sync_detailed(client=session(ctx).client, body=AddOptOutsBody(phones=phones))
    added = api.answer(response, AddOptOutsResponse200)
    if as_json:
        print_json(added.to_dict())
    else:
        already = len(set(phones)) - added.added
        out.print(f"{added.added} opted out" + (f" ({already} already were)" if already > 0 else ""))
