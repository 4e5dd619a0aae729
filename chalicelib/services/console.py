"""The web console's server side: its static files, what a browser needs to sign in, and the local
stack's dev sign-in. Nothing here knows HTTP: the route (chalicelib/api/console.py) shapes answers."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from chalicelib import errors
from chalicelib.auth.tokens import issue
from chalicelib.settings import Settings

CONSOLE_DIR = Path(__file__).resolve().parent.parent / "console"
LOCAL_STAGE = "local"
_ASSET = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}\.(js|css|svg)$")
_TYPES = {
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "svg": "image/svg+xml",
    "html": "text/html; charset=utf-8",
}
_ACCOUNT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,127}$")
DEV_TOKEN_TTL_SECONDS = 12 * 3600


@dataclass(frozen=True)
class Asset:
    body: str
    content_type: str


@lru_cache(maxsize=64)
def _read(name: str) -> Asset:
    path = CONSOLE_DIR / name
    if not path.is_file():
        raise errors.NotFound(f"no such console file: {name}")
    return Asset(path.read_text(encoding="utf-8"), _TYPES[name.rsplit(".", 1)[1]])


def asset(name: str) -> Asset:
    """One of the console's static files (a module, the style sheet, the icon) by its file name."""
    if not _ASSET.fullmatch(name):
        raise errors.NotFound(f"no such console file: {name}")
    return _read(name)


def page(base_path: str) -> Asset:
    """The console's page, with its <base> set to where it is served (`/console/` locally,
    `/<stage>/console/` behind API Gateway), so its modules and the API resolve relative to it."""
    base = "/" + base_path.strip("/") + "/"
    text = _read("index.html").body.replace('<base href="/console/">', f'<base href="{html.escape(base)}">')
    return Asset(text, _TYPES["html"])


def security_policy(settings: Settings) -> str:
    """The page's Content-Security-Policy: its own scripts and styles only; the browser may reach the
    API, the import bucket (CSV uploads go straight to a presigned URL) and Cognito's token endpoint;
    images (template media in previews) from anywhere over http(s)."""
    connect = ["'self'", "https:"]
    if settings.stage == LOCAL_STAGE:
        connect.append("http://127.0.0.1:*")  # moto's S3 on the local stack
    return "; ".join([
        "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' https: http: data:",
        f"connect-src {' '.join(connect)}", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self' https:",
    ])


def browser_config(settings: Settings) -> dict[str, Any]:
    """What the console needs before anyone signs in: which sign-in this stage offers."""
    cognito = None
    if settings.console_cognito_domain and settings.console_client_id:
        cognito = {"domain": settings.console_cognito_domain.rstrip("/"), "client_id": settings.console_client_id}
    return {"stage": settings.stage, "dev_sign_in": settings.stage == LOCAL_STAGE, "cognito": cognito}


def dev_token(account: str, *, admin: bool, settings: Settings) -> str:
    """A token for `account` without a password: the local stack's sign-in (what `make token` prints).
    Every other stage refuses it, whatever secret it is configured with."""
    if settings.stage != LOCAL_STAGE:
        raise errors.Forbidden("dev sign-in exists only on the local stack (make run); sign in with Cognito")
    if not _ACCOUNT.fullmatch(account):
        raise errors.InvalidInput("account", "account: letters, digits and . _ : @ + - (at most 128), "
                                             "starting with a letter or digit")
    return issue(account, admin=admin, ttl_seconds=DEV_TOKEN_TTL_SECONDS, settings=settings)
