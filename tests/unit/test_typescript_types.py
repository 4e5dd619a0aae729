"""The TypeScript types of the API (clients/typescript/schema.d.ts) are what openapi-typescript, at the
version clients/typescript/package-lock.json pins, makes of chalicelib/openapi.yaml today, and they
compile. A change to the document without `make client-ts` fails here.

The pinned generator is installed with `npm ci` from the npm registry when it is not yet in
clients/typescript/node_modules (the Makefile's `client-ts` does the same); only a machine without
Node.js skips."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "clients" / "typescript"
DOCUMENT = ROOT / "chalicelib" / "openapi.yaml"
NODE, NPM = shutil.which("node"), shutil.which("npm")

pytestmark = pytest.mark.skipif(NODE is None or NPM is None, reason="Node.js and npm are not installed")


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=CLIENT, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"
    return done


@pytest.fixture(scope="module")
def generator() -> Path:
    """The pinned openapi-typescript, installed as the lockfile says if it is not there yet."""
    binary = CLIENT / "node_modules" / ".bin" / "openapi-typescript"
    if not binary.exists():
        _run(str(NPM), "ci", "--no-audit", "--no-fund", "--loglevel=error")
    return binary


def test_the_generator_is_the_pinned_version(generator: Path) -> None:
    pinned = json.loads((CLIENT / "package.json").read_text())["devDependencies"]["openapi-typescript"]
    locked = json.loads((CLIENT / "package-lock.json").read_text())["packages"]["node_modules/openapi-typescript"]
    assert pinned == locked["version"], "package.json and package-lock.json disagree on openapi-typescript"
    assert _run(str(generator), "--version").stdout.strip().endswith(pinned)


def test_the_committed_types_are_generated_from_the_document(generator: Path, tmp_path: Path) -> None:
    fresh = tmp_path / "schema.d.ts"
    _run(str(generator), str(DOCUMENT), "--output", str(fresh))
    committed = (CLIENT / "schema.d.ts").read_text(encoding="utf-8")
    assert fresh.read_text(encoding="utf-8") == committed, (
        "clients/typescript/schema.d.ts is not what chalicelib/openapi.yaml generates: run `make client-ts`")


def test_the_types_compile_strictly(generator: Path) -> None:
    _run(str(CLIENT / "node_modules" / ".bin" / "tsc"), "--noEmit", "--strict", "schema.d.ts")
