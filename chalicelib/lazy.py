"""A module imported on first use, for the thin layers (routes and workers).

Every Lambda function of the app imports all of `app.py` (Chalice registers every route and
handler at import), so whatever a route or a worker imports at module level is paid by the cold
start of every function, the review's lexicons by the receipts worker too. Routes and workers name
the services they call through `lazy_module`: the service is imported by the first call that
reads one of its attributes, in the invocation that needs it.

    if TYPE_CHECKING:
        from chalicelib.services import broadcasts as service
    else:
        service = lazy_module("chalicelib.services.broadcasts")

mypy sees the real module; at run time `service.create(...)` imports it then (once: later reads
are a lookup in `sys.modules`; `importlib` holds the import lock, so threads are safe).
`tests/unit/test_cold_start.py` fails if `import app` loads one of the heavy modules again.
"""

from __future__ import annotations

import importlib
from typing import Any


class LazyModule:
    """Stands for the module `name` and imports it when one of its attributes is read."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        return getattr(importlib.import_module(self._name), attribute)

    def __repr__(self) -> str:
        return f"<lazy module {self._name!r}>"


def lazy_module(name: str) -> Any:
    return LazyModule(name)
