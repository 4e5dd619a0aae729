"""The layers import downward only: routes and workers name services (never the store), services
know nothing of Chalice or the routes, and only the store (below every service) knows DynamoDB."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "chalicelib"


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def imported(path: Path) -> set[str]:
    """Every module the file names: import statements anywhere (under TYPE_CHECKING, inside a
    function) and the string given to `lazy_module`."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "lazy_module"
              and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
            names.add(node.args[0].value)
    return names


def modules_under(layer: str) -> list[Path]:
    return sorted((PACKAGE / layer).rglob("*.py"))


def _offences(layer: str, forbidden: tuple[str, ...]) -> list[str]:
    return [f"{_module(path)} imports {name}" for path in modules_under(layer) for name in sorted(imported(path))
            if any(name == top or name.startswith(f"{top}.") for top in forbidden)]


@pytest.mark.parametrize(("layer", "forbidden"), [
    ("api", ("chalicelib.store", "pynamodb")),
    ("workers", ("chalicelib.store", "pynamodb")),
    ("services", ("chalicelib.api", "chalicelib.workers", "chalice", "pynamodb")),
    ("store", ("chalicelib.services", "chalicelib.api", "chalicelib.workers", "chalice")),
    ("providers", ("chalicelib.services", "chalicelib.api", "chalicelib.workers", "chalicelib.store", "chalice")),
])
def test_a_layer_imports_nothing_above_it_nor_what_it_must_reach_through_a_service(
        layer: str, forbidden: tuple[str, ...]) -> None:
    assert _offences(layer, forbidden) == []


def test_the_scan_sees_imports_under_type_checking_inside_functions_and_through_lazy_module(tmp_path: Path) -> None:
    source = tmp_path / "example.py"
    source.write_text("from typing import TYPE_CHECKING\n"
                      "if TYPE_CHECKING:\n    from chalicelib.store.broadcasts import Broadcast\n"
                      "def f():\n    import chalicelib.store.lists\n"
                      "store = lazy_module('chalicelib.store.targets')\n", encoding="utf-8")
    assert {"chalicelib.store.broadcasts", "chalicelib.store.lists", "chalicelib.store.targets"} <= imported(source)
