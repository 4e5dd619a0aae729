"""The `rcs` command: its own options (where the API is, the token) and its command groups."""

from __future__ import annotations

from typing import Annotated, Any

import httpx
import typer
from rich.text import Text
from typer.core import TyperGroup

from rcs_cli import broadcasts, lists, optouts, targets, templates
from rcs_cli.context import Session
from rcs_cli.failures import Failure
from rcs_cli.output import err


class Rcs(TyperGroup):
    """Every failure ends the same way, under the entry point or Typer's test runner: one line on
    stderr with the API's message, and a non-zero exit."""

    def invoke(self, ctx: Any) -> Any:  # a typer.Context (Typer's vendored click types it privately)
        try:
            return super().invoke(ctx)
        except Failure as failure:
            _fail(failure.message, failure.exit_code)
        except httpx.HTTPError as error:
            _fail(f"cannot reach the API{_where(error)} ({type(error).__name__}): {error}", 1)


def _where(error: httpx.HTTPError) -> str:
    try:
        return f" at {error.request.url}"
    except RuntimeError:  # an error raised before any request was made
        return ""


def _fail(message: str, code: int) -> None:
    err.print(Text.assemble(("error: ", "bold red"), message))
    raise typer.Exit(code)


app = typer.Typer(
    cls=Rcs, name="rcs", no_args_is_help=True, pretty_exceptions_enable=False, add_completion=False,
    help="The RCS broadcast platform's API from a terminal. Results go to stdout, progress and errors to stderr.",
)
app.add_typer(templates.app, name="templates")
app.add_typer(lists.app, name="lists")
app.add_typer(broadcasts.app, name="broadcasts")
app.add_typer(optouts.app, name="optouts")
app.command("targets")(targets.targets)


@app.callback()
def main(
    ctx: typer.Context,
    api_url: Annotated[str | None, typer.Option(
        "--api-url", envvar="RCS_API_URL", show_envvar=True,
        help="The API's base URL, e.g. http://127.0.0.1:8000/api/v1/rcs (else api_url in the config file).",
    )] = None,
    token: Annotated[str | None, typer.Option(
        "--token", envvar="RCS_TOKEN", show_envvar=True, help="A bearer token (else token in the config file).",
    )] = None,
    poll: Annotated[float, typer.Option("--poll", min=0.1, help="Seconds between two polls while waiting.")] = 1.0,
) -> None:
    """Settings come from the flags, else RCS_API_URL / RCS_TOKEN, else ~/.config/rcs/config.toml."""
    ctx.obj = Session(api_url=api_url, token=token, poll_seconds=poll)


def run() -> None:
    """The console script's entry point."""
    app(prog_name="rcs")
