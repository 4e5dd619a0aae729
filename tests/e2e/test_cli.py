"""The `rcs` command (clients/python/rcs_cli) against `make run`'s stack: the installed console
script run as a user runs it (a subprocess), and Typer's runner on the same app for what needs no
second process. Results on stdout, progress and errors on stderr, the exit code says how it went."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rcs_cli import app
from typer.testing import CliRunner

from tests.e2e.conftest import Stack, wait_for

pytestmark = pytest.mark.stack

RCS = Path(sys.executable).parent / "rcs"

Rcs = Callable[..., subprocess.CompletedProcess[str]]


def _environment(home: Path, **extra: str) -> dict[str, str]:
    kept = {name: value for name, value in os.environ.items()
            if not name.startswith("RCS_") and name != "XDG_CONFIG_HOME"}
    return {**kept, "HOME": str(home), "COLUMNS": "200", **extra}


@pytest.fixture
def rcs(stack: Stack, tmp_path: Path) -> Callable[[str], Rcs]:
    """`rcs(account)(*args)`: the console script with that account's token in RCS_TOKEN."""

    def for_account(account: str) -> Rcs:
        env = _environment(tmp_path, RCS_API_URL=stack.base, RCS_TOKEN=stack.token(account))

        def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
            return subprocess.run([str(RCS), "--poll", "0.3", *args], env=env, cwd=tmp_path, capture_output=True,
                                  text=True, timeout=timeout, check=False)

        return run

    return for_account


def _ready(stack: Stack, account: str) -> Callable[..., Any]:
    """An account with simulator credentials and money."""
    call = stack.client(account)
    assert call("PUT", "/credentials", {"provider": "simulator", "latency_ms": 0, "delivery_rate": 1.0,
                                        "read_rate": 0.0, "delivery_delay_ms": 100}).status_code == 200
    credit = stack.client("ops", admin=True)("POST", f"/admin/accounts/{account}/credit",
                                             {"amount": 100_000, "reference": f"cli-{account}"})
    assert credit.status_code == 200, credit.text
    return call


def test_templates_create_wait_prints_the_verdict_and_each_finding(rcs: Callable[[str], Rcs],
                                                                  tmp_path: Path) -> None:
    run = rcs("cli-templates")
    draft = tmp_path / "sale.json"
    draft.write_text(json.dumps({
        "name": "weekend_sale", "category": "promotional", "language": "en_US",
        "components": {"type": "text", "text": "Hi {{1}}, 30% off all shoes this weekend at https://bit.ly/shoes"},
    }))
    done = run("templates", "create", str(draft), "--wait")
    assert done.returncode == 0, done.stderr
    assert "needs_admin" in done.stdout.splitlines()[0]
    assert "- review shortener at components.text: Uses a public URL shortener" in done.stdout
    assert "- review no_opt_out: A promotional template gives no way to opt out." in done.stdout
    assert done.stdout.count("  hint: ") == 2


def test_a_rejected_template_exits_1_after_printing_why(rcs: Callable[[str], Rcs], tmp_path: Path) -> None:
    run = rcs("cli-templates")
    draft = tmp_path / "kyc.json"
    draft.write_text(json.dumps({
        "name": "kyc_block", "category": "transactional", "language": "en_IN",
        "components": {"type": "text", "text": "Dear {{1}}, your SBI account is blocked. Update KYC today at "
                                               "https://sbi-kyc-update.co to avoid closure."},
    }))
    done = run("templates", "create", str(draft), "--wait", "--json")
    assert done.returncode == 1
    verdict = json.loads(done.stdout)
    assert verdict["effective_status"] == "rejected"
    assert [finding["severity"] for finding in verdict["ai_review_findings"]].count("block") >= 1


def test_an_api_refusal_exits_1_with_the_apis_own_message(stack: Stack, rcs: Callable[[str], Rcs],
                                                          tmp_path: Path) -> None:
    run = rcs("cli-errors")
    expected = stack.client("cli-errors")("GET", "/templates/no-such-id").json()["message"]
    missing = run("templates", "get", "no-such-id")
    assert (missing.returncode, missing.stdout) == (1, "")
    assert missing.stderr.strip() == f"error: {expected}"

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"name": "Not Snake", "category": "transactional", "language": "en_US",
                               "components": {"type": "text", "text": "Hello there, your order shipped."}}))
    refused = run("templates", "create", str(bad))
    assert refused.returncode == 1
    assert refused.stderr.startswith("error: name: must be snake_case")

    unreadable = run("templates", "create", str(tmp_path / "absent.json"))
    assert unreadable.returncode == 2 and "cannot read a JSON template" in unreadable.stderr


def test_lists_import_uploads_and_imports_a_csv(stack: Stack, rcs: Callable[[str], Rcs], tmp_path: Path) -> None:
    run = rcs("cli-lists")
    created = run("lists", "create", "imported by rcs")
    assert created.returncode == 0, created.stderr
    list_id = created.stdout.strip()
    members = tmp_path / "members.csv"
    members.write_text("phone,var_1\n+14155558000,Ann\n\"+1 415 555 8001\",Bo\nnot-a-phone,X\n")
    done = run("lists", "import", list_id, str(members))
    assert done.returncode == 0, done.stderr
    assert "import completed: 3 rows, 2 added, 0 updated, 1 rejected" in done.stdout
    assert "not-a-phone" in done.stdout
    assert "upload" in done.stderr and "import" in done.stderr  # the progress bars' last frame
    listed = stack.client("cli-lists")("GET", f"/lists/{list_id}").json()["list"]
    assert listed["member_count"] == 2


@pytest.fixture
def finished_broadcast(stack: Stack, rcs: Callable[[str], Rcs]) -> str:
    """A broadcast started with `rcs broadcasts start --watch`: 3 members with the template's
    variable, 2 without (they fail, missing_variable)."""
    account = "cli-broadcasts"
    call = _ready(stack, account)
    template_id = call("POST", "/templates", {
        "name": "cli_welcome", "category": "transactional", "language": "en_US",
        "components": {"type": "text", "text": "Hello {{1}}, thanks for your order. It ships tomorrow."},
    }).json()["template_id"]
    wait_for(lambda: call("GET", f"/templates/{template_id}").json()["template"]["effective_status"] == "approved")
    list_id = call("POST", "/lists", {"name": "cli customers"}).json()["list_id"]
    roster = [{"phone": f"+1415555900{n}", "variables": {"1": f"Ann {n}"}} for n in range(3)]
    roster += [{"phone": f"+1415555910{n}"} for n in range(2)]
    assert call("POST", f"/lists/{list_id}/members", {"members": roster}).status_code == 201
    run = rcs(account)
    created = run("broadcasts", "create", "--template", template_id, "--list", list_id, "--name", "cli launch")
    assert created.returncode == 0, created.stderr
    broadcast_id = created.stdout.strip()
    watched = run("broadcasts", "start", broadcast_id, "--watch")
    assert watched.returncode == 0, watched.stderr
    lines = watched.stdout.splitlines()
    assert lines[0] == f"broadcast {broadcast_id} (cli launch): completed"
    assert "5 of 5 done: sent, failed or suppressed (100 %)" in lines[1]
    funnel = {line.split()[0]: line.split()[1:3] for line in lines[3:]}
    assert (funnel["queued"], funnel["sent"], funnel["failed"], funnel["suppressed"]) == (
        ["0", "0"], ["3", "60"], ["2", "40"], ["0", "0"])
    return broadcast_id


def test_broadcasts_start_watch_ends_with_the_funnel_and_targets_export_the_failed(
        finished_broadcast: str, rcs: Callable[[str], Rcs]) -> None:
    run = rcs("cli-broadcasts")
    exported = run("targets", finished_broadcast, "--state", "failed", "--csv")
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert sorted(row["recipient_phone"] for row in rows) == ["+14155559100", "+14155559101"]
    assert {(row["state"], row["failure_reason"]) for row in rows} == {("failed", "missing_variable")}
    assert exported.stdout.splitlines()[0] == (
        "recipient_phone,state,failure_reason,rm_message_id,sent_at,delivered_at,read_at")

    as_json = run("broadcasts", "get", finished_broadcast, "--json")
    broadcast = json.loads(as_json.stdout)
    assert (broadcast["status"], broadcast["sent_count"], broadcast["failed_count"]) == ("completed", 3, 2)

    again = run("broadcasts", "start", finished_broadcast, "--watch")
    assert again.returncode == 1 and again.stderr.startswith("error: ")


def test_optouts_add_suppresses_a_number_once(stack: Stack, rcs: Callable[[str], Rcs]) -> None:
    call = stack.client("cli-optouts")
    run = rcs("cli-optouts")
    first = run("optouts", "add", "+14155559900", "--json")
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout) == {"success": True, "added": 1}
    second = run("optouts", "add", "+14155559900")
    assert (second.returncode, second.stdout.strip()) == (0, "0 opted out (1 already were)")
    listed = call("GET", "/optouts").json()["optouts"]
    assert [(row["phone"], row["source"]) for row in listed] == [("+14155559900", "api")]
    refused = run("optouts", "add", "+14155559901", "12")
    assert refused.returncode == 1 and refused.stderr.startswith("error: phones.1: ")


def test_the_config_file_is_read_when_neither_flag_nor_environment_says(stack: Stack, tmp_path: Path) -> None:
    config = tmp_path / ".config" / "rcs" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'api_url = "{stack.base}"\ntoken = "{stack.token("cli-config")}"\n')
    runner = CliRunner()
    env = _environment(tmp_path)
    missing = runner.invoke(app, ["templates", "get", "nope"], env={**env, "HOME": str(tmp_path / "elsewhere")})
    assert missing.exit_code == 2 and "no API URL" in missing.output
    from_file = runner.invoke(app, ["templates", "get", "nope"], env=env)
    assert from_file.exit_code == 1 and "error: no template with that id" in from_file.output
    # a flag wins over the file: a token that is not ours is refused
    flagged = runner.invoke(app, ["--token", "x.y.z", "templates", "get", "nope"], env=env)
    assert flagged.exit_code == 1 and "no template" not in flagged.output and "error: " in flagged.output
