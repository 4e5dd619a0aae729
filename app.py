from __future__ import annotations

from chalice.app import Chalice

from chalicelib.api import register_api
from chalicelib.api.console import register_console
from chalicelib.workers import register_workers

app = Chalice(app_name="rcs-broadcast")
register_api(app)
register_console(app)
register_workers(app)
