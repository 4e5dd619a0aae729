"""`rcs templates`: submit a template and read its review verdict."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rcs_client.api.templates import get_template
from rcs_client.models import CreateTemplateResponse201, GetTemplateResponse200, ReviewStatus, Template

from rcs_cli import api
from rcs_cli.context import Session, session
from rcs_cli.failures import Unfinished, UsageFailure
from rcs_cli.options import AsJson, Timeout
from rcs_cli.output import err, out, print_json

app = typer.Typer(help="Templates and their review.", no_args_is_help=True)


def _read_draft(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise UsageFailure(f"cannot read a JSON template from {path}: {error}") from error


def fetch(current: Session, template_id: str) -> Template:
    response = get_template.sync_detailed(template_id, client=current.client)
    return api.answer(response, GetTemplateResponse200).template


def wait_for_verdict(current: Session, template_id: str, timeout: float) -> Template:
    deadline = time.monotonic() + timeout
    with err.status("waiting for the review's verdict…"):
        while (template := fetch(current, template_id)).effective_status == ReviewStatus.PENDING:
            if time.monotonic() > deadline:
                raise Unfinished(f"no verdict for template {template_id} within {timeout:.0f} s")
            time.sleep(current.poll_seconds)
    return template


def show_verdict(template: Template) -> None:
    out.print(f"template {template.template_id} ({template.name}): [bold]{template.effective_status}[/bold]"
              f" (review score {template.ai_review_score:.2f})")
    if template.ai_review_reason:
        out.print(template.ai_review_reason, markup=False)
    if template.admin_reason:
        out.print(f"admin: {template.admin_reason}", markup=False)
    if not template.ai_review_findings:
        out.print("no findings")
        return
    out.print(f"{len(template.ai_review_findings)} finding(s):")
    for finding in template.ai_review_findings:
        where = f" at {finding.field}" if finding.field else ""
        out.print(f"- {finding.severity} {finding.code}{where}: {finding.message}", markup=False)
        if finding.hint:
            out.print(f"  hint: {finding.hint}", markup=False)


@app.command()
def create(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The template as JSON (name, category, language, components…).")],
    wait: Annotated[bool, typer.Option("--wait", help="Wait for the review and print its verdict and findings.")]
    = False,
    timeout: Timeout = 60.0,
    as_json: AsJson = False,
) -> None:
    """Submit a template for review. With --wait, exits 1 when it is rejected."""
    current = session(ctx)
    created = api.send_json(current.client, "POST", "/templates", _read_draft(file), CreateTemplateResponse201)
    if not wait:
        if as_json:
            print_json(created.to_dict())
        else:
            out.print(f"template {created.template_id} submitted: {created.ai_review_status}")
        return
    template = wait_for_verdict(current, created.template_id, timeout)
    if as_json:
        print_json(template.to_dict())
    else:
        show_verdict(template)
    if template.effective_status == ReviewStatus.REJECTED:
        raise typer.Exit(1)


@app.command()
def get(ctx: typer.Context, template_id: str, as_json: AsJson = False) -> None:
    """A template with its verdict and findings."""
    template = fetch(session(ctx), template_id)
    if as_json:
        print_json(template.to_dict())
    else:
        show_verdict(template)
