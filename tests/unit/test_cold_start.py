"""The API function imports all of app.py and a worker function its blueprint's module (Chalice's
handler string, `chalicelib.workers.<module>.<name>`): what they load is each function's cold start
(bench/cold_start.py measures it). Routes and workers import their services on first use
(chalicelib/lazy.py); these tests fail if a heavy module comes back at import time."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from chalicelib.lazy import lazy_module

PROJECT_DIR = Path(__file__).resolve().parents[2]

# Modules no function needs before it handles an event: the review (lexicons, language data), the
# services and the store (PynamoDB models), providers, crypto, YAML, Powertools' idempotency and batch,
# phone metadata, pydantic-settings.
DEFERRED = (
    "chalicelib.services.review", "chalicelib.services.templates", "chalicelib.services.runner",
    "chalicelib.services.sender",
    "chalicelib.services.imports", "chalicelib.services.lists", "chalicelib.services.receipts",
    "chalicelib.store", "chalicelib.providers", "pynamodb", "numpy", "py3langid", "langcodes",
    "tldextract", "rapidfuzz", "confusable_homoglyphs", "phonenumbers", "jwt", "cryptography", "yaml",
    "pydantic_settings", "aws_lambda_powertools.utilities.idempotency",
    "aws_lambda_powertools.utilities.batch", "google",
)


def modules_after_import_app(module: str = "app") -> list[str]:
    environment = {**os.environ, "AWS_LAMBDA_FUNCTION_NAME": "rcs-test-cold-start"}
    done = subprocess.run(
        [sys.executable, "-c", f"import json, sys; import {module}; print(json.dumps(sorted(sys.modules)))"],
        cwd=PROJECT_DIR, env=environment, capture_output=True, text=True, check=True, timeout=120,
    )
    loaded: list[str] = json.loads(done.stdout.strip().splitlines()[-1])
    return loaded


@pytest.fixture(scope="module")
def loaded() -> list[str]:
    return modules_after_import_app()


def test_import_app_loads_none_of_the_deferred_modules(loaded: list[str]) -> None:
    # GIVEN a fresh interpreter in a Lambda-like environment WHEN it imports app
    # THEN none of the heavy modules is loaded
    offenders = [name for name in loaded if any(name == heavy or name.startswith(heavy + ".")
                                                 for heavy in DEFERRED)]
    assert offenders == []


def test_import_app_still_registers_every_route_and_handler() -> None:
    # GIVEN the app imported with its services deferred THEN Chalice knows every route and handler
    import app

    assert len(app.app.routes) >= 30
    handlers = {name for name in app.app.handler_map}
    assert {"send_chunks", "run_dispatch_jobs", "continue_import", "import_uploaded_csv", "apply_receipts",
            "review_templates", "fire_scheduled_broadcasts"} <= handlers


def test_a_worker_function_imports_neither_the_api_nor_pydantic() -> None:
    # GIVEN the app's worker handlers, each in the module Lambda imports for it
    import app

    modules = {source.handler_string.rpartition(".")[0] for source in app.app.event_sources}
    assert modules and all(module.startswith("chalicelib.workers.") for module in modules)
    # WHEN a fresh interpreter imports one THEN no API module and no pydantic comes with it
    loaded = modules_after_import_app(sorted(modules)[0])
    assert [name for name in loaded if name.startswith(("pydantic", "chalicelib.api"))] == []


def test_a_lazy_module_imports_its_module_on_first_attribute_read() -> None:
    # GIVEN a lazy stand-in for a module not yet imported (a fresh interpreter)
    script = (
        "import sys\n"
        "from chalicelib.lazy import lazy_module\n"
        "zones = lazy_module('chalicelib.services.zones')\n"
        "before = 'chalicelib.services.zones' in sys.modules\n"
        "read = zones.country_of\n"  # WHEN one of its attributes is read
        "print(before, read is sys.modules['chalicelib.services.zones'].country_of)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=PROJECT_DIR, capture_output=True, text=True,
                          check=True, timeout=60)
    # THEN it was not imported before, and the attribute read is the module's own
    assert done.stdout.split() == ["False", "True"]


def test_a_lazy_module_raises_for_what_its_module_lacks() -> None:
    with pytest.raises(AttributeError):
        _ = lazy_module("chalicelib.services.limits").NOT_A_LIMIT
