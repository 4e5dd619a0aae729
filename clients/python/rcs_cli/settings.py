"""Where the API is and the token to call it with: a flag, else the environment (RCS_API_URL,
RCS_TOKEN), else the config file (RCS_CONFIG, else $XDG_CONFIG_HOME/rcs/config.toml, else
~/.config/rcs/config.toml):

    api_url = "http://127.0.0.1:8000/api/v1/rcs"
    token = "eyJ..."
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from rcs_cli.failures import UsageFailure

API_PATH = "/api/v1/rcs"


def config_path() -> Path:
    if explicit := os.environ.get("RCS_CONFIG"):
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "rcs" / "config.toml"


@dataclass(frozen=True)
class Settings:
    api_url: str
    token: str


def _config_file(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    try:
        values = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise UsageFailure(f"cannot read the config file {path}: {error}") from error
    return {key: value for key, value in values.items() if key in ("api_url", "token") and isinstance(value, str)}


def api_base(url: str) -> str:
    """The API's base URL; a bare host (`http://127.0.0.1:8000`) gets the API's path."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageFailure(f"the API URL {url!r} is not an http(s) URL")
    path = parts.path.rstrip("/") or API_PATH
    return f"{parts.scheme}://{parts.netloc}{path}"


def resolve(api_url: str | None, token: str | None) -> Settings:
    """The flags' values (Typer already read RCS_API_URL and RCS_TOKEN into them), else the file's."""
    path = config_path()
    from_file = _config_file(path) if not (api_url and token) else {}
    api_url = api_url or from_file.get("api_url")
    token = token or from_file.get("token")
    if not api_url:
        raise UsageFailure(f"no API URL: pass --api-url, set RCS_API_URL or put api_url in {path}")
    if not token:
        raise UsageFailure(f"no token: pass --token, set RCS_TOKEN or put token in {path}")
    return Settings(api_url=api_base(api_url), token=token.strip())
