"""What a handler's code can reach, read from the source (no AWS call): the tables of the
PynamoDB models in the `chalicelib.store` modules it imports (transitively, explicit imports
only), the queues it sends to (`messaging.send(<key>, …)` / `send_batch`), and the AWS services
it makes clients for (`client("secretsmanager")`, `"bedrock-runtime"`, `"s3"`).

The access profiles (`infra/access.py`) are written by hand; the infra tests check them against
this, so a handler that starts using a table, a queue, secrets or the model fails the tests
until its profile grants it. It over-approximates (an import is not a call), never the reverse
for direct use.

    .venv/bin/python -m infra.usage      # what each handler of the app reaches
"""

from __future__ import annotations

import ast
import importlib.util
import sys
from dataclasses import dataclass, field
from typing import Any

from chalice.app import Chalice
from pynamodb.models import Model

PACKAGE = "chalicelib"
SEND_FUNCTIONS = ("send", "send_batch")


@dataclass
class Usage:
    modules: set[str] = field(default_factory=set)
    tables: set[str] = field(default_factory=set)
    sends_to: set[str] = field(default_factory=set)
    services: set[str] = field(default_factory=set)


def _source(module: str) -> str | None:
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.origin or not spec.origin.endswith(".py"):
        return None
    with open(spec.origin) as handle:
        return handle.read()


def _is_module(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):
        return False


def _imports(module: str, tree: ast.AST) -> set[str]:
    found: set[str] = set()
    package = module if _source_is_package(module) else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base_parts = package.split(".")
                base_parts = base_parts[: len(base_parts) - (node.level - 1)]
                base = ".".join(base_parts + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            found.add(base)
            for alias in node.names:
                candidate = f"{base}.{alias.name}"
                if candidate.startswith(PACKAGE) and _is_module(candidate):
                    found.add(candidate)
    return {name for name in found if name == PACKAGE or name.startswith(f"{PACKAGE}.")}


def _source_is_package(module: str) -> bool:
    spec = importlib.util.find_spec(module)
    return bool(spec and spec.submodule_search_locations is not None)


def _constant(expression: ast.expr, namespace: dict[str, Any]) -> Any:
    """The value of a string literal or a dotted name in the module's namespace (else None)."""
    if isinstance(expression, ast.Constant):
        return expression.value
    parts: list[str] = []
    node: ast.expr = expression
    while isinstance(node, ast.Attribute):
        parts.insert(0, node.attr)
        node = node.value
    if not isinstance(node, ast.Name) or node.id not in namespace:
        return None
    value: Any = namespace[node.id]
    for part in parts:
        value = getattr(value, part, None)
    return value


def _scan(module: str, tree: ast.AST, usage: Usage) -> None:
    namespace = vars(sys.modules[module]) if module in sys.modules else {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        function = node.func
        name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
        first = _constant(node.args[0], namespace)
        if name in SEND_FUNCTIONS and isinstance(first, str):
            owner = function.value if isinstance(function, ast.Attribute) else None
            if owner is None or (isinstance(owner, ast.Name) and owner.id == "messaging"):
                usage.sends_to.add(first)
        elif name == "client" and isinstance(first, str):
            usage.services.add(first)
    if module.startswith(f"{PACKAGE}.store") and module in sys.modules:
        for value in namespace.values():
            if (isinstance(value, type) and issubclass(value, Model) and value is not Model
                    and value.__module__ == module and hasattr(value.Meta, "table_name")):
                usage.tables.add(str(value.Meta.table_name))


def reach(roots: set[str]) -> Usage:
    """Everything reachable from the modules `roots`."""
    usage = Usage()
    pending = sorted(roots)
    while pending:
        module = pending.pop()
        if module in usage.modules:
            continue
        text = _source(module)
        if text is None:
            continue
        usage.modules.add(module)
        tree = ast.parse(text)
        _scan(module, tree, usage)
        pending.extend(sorted(_imports(module, tree) - usage.modules))
    return usage


def handler_roots(app: Chalice) -> dict[str, set[str]]:
    """The modules each function of the app starts from: `api_handler` (every route's view) and
    each event source's handler, by name."""
    roots: dict[str, set[str]] = {}
    views = {entry.view_function.__module__ for methods in app.routes.values() for entry in methods.values()}
    if views:
        roots["api_handler"] = views
    for source in app.event_sources:
        handler = app.handler_map.get(source.name)
        function = getattr(handler, "func", handler)
        module = getattr(function, "__module__", "")
        roots[source.name] = {module} if module else set()
    return roots


def main() -> None:
    from app import app

    for name, roots in handler_roots(app).items():
        usage = reach(roots)
        print(f"{name}: tables={sorted(usage.tables)} sends_to={sorted(usage.sends_to)} "
              f"services={sorted(usage.services)}")


if __name__ == "__main__":
    main()
