"""Where `rcs` takes the API's URL and token from: the flag, else the environment, else the config
file; without either it stops before any request (exit 2). No stack: the URL points at a closed
port, and the error names the URL that was tried."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest
from rcs_cli import app
from rcs_cli.settings import api_base
from typer.testing import CliRunner, Result


@pytest.fixture
def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _rcs(home: Path, *flags: str, **env: str) -> Result:
    """`rcs [flags] templates get t1` with only the given RCS_* variables and `home` as HOME."""
    unset: dict[str, str | None] = {"XDG_CONFIG_HOME": None, "RCS_CONFIG": None, "RCS_API_URL": None,
                                    "RCS_TOKEN": None}
    return CliRunner().invoke(app, [*flags, "templates", "get", "t1"], env={**unset, "HOME": str(home), **env})


def test_a_bare_host_gets_the_apis_path_and_a_full_base_is_kept() -> None:
    assert api_base("http://127.0.0.1:8000") == "http://127.0.0.1:8000/api/v1/rcs"
    assert api_base("https://api.example.com/api/v1/rcs/") == "https://api.example.com/api/v1/rcs"


def test_the_flag_wins_over_the_environment_which_wins_over_the_file(tmp_path: Path, closed_port: int) -> None:
    (tmp_path / ".config" / "rcs").mkdir(parents=True)
    (tmp_path / ".config" / "rcs" / "config.toml").write_text(
        f'api_url = "http://127.0.0.1:{closed_port}/file"\ntoken = "from-file"\n')
    from_file = _rcs(tmp_path)
    assert from_file.exit_code == 1 and f"at http://127.0.0.1:{closed_port}/file/templates/t1" in from_file.output
    from_env = _rcs(tmp_path, RCS_API_URL=f"http://127.0.0.1:{closed_port}/env")
    assert f"127.0.0.1:{closed_port}/env/templates/t1" in from_env.output
    from_flag = _rcs(tmp_path, "--api-url", f"http://127.0.0.1:{closed_port}/flag",
                     RCS_API_URL=f"http://127.0.0.1:{closed_port}/env")
    assert f"127.0.0.1:{closed_port}/flag/templates/t1" in from_flag.output


def test_without_a_url_or_a_token_it_stops_before_any_request(tmp_path: Path) -> None:
    no_url = _rcs(tmp_path, RCS_TOKEN="t")
    assert no_url.exit_code == 2 and "no API URL: pass --api-url, set RCS_API_URL or put api_url in" in no_url.output
    no_token = _rcs(tmp_path, RCS_API_URL="http://127.0.0.1:9")
    assert no_token.exit_code == 2 and "no token" in no_token.output
    bad_url = _rcs(tmp_path, RCS_API_URL="ftp://x", RCS_TOKEN="t")
    assert bad_url.exit_code == 2 and "is not an http(s) URL" in bad_url.output
