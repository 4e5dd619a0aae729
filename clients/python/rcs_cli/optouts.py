"""`rcs optouts`: the account's suppression list (campaigns.md, "Opt-outs")."""

from __future__ import annotations

from typing import Annotated, Any, Self

import typer
from attrs import define

from rcs_cli import api
from rcs_cli.context import session
from rcs_cli.options import AsJson
from rcs_cli.output import out, print_json

app = typer.Typer(help="Opt-outs: numbers that get no broadcast from this account.", no_args_is_help=True)


@define
class Added:
    """POST /optouts's answer: {"success": true, "added": n}."""

    added: int

    @classmethod
    def from_dict(cls, src_dict: Any, /) -> Self:
        return cls(added=int(src_dict["added"]))


@app.command()
def add(
    ctx: typer.Context,
    phones: Annotated[list[str], typer.Argument(metavar="PHONE...", help="E.164 numbers (+919876543210).")],
    as_json: AsJson = False,
) -> None:
    """Opt numbers out: no further broadcast message goes to them from this account."""
    added = api.send_json(session(ctx).client, "POST", "/optouts", {"phones": phones}, Added)
    if as_json:
        print_json({"success": True, "added": added.added})
    else:
        out.print(f"{added.added} opted out" + (f" ({len(phones) - added.added} already were)"
                                                 if added.added < len(phones) else ""))
