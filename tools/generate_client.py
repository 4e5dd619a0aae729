"""Generate the Python SDK, clients/python/rcs_client, from chalicelib/openapi.yaml.

    make client          (.venv/bin/python -m tools.generate_client)

openapi-python-client (pinned in requirements-dev.txt) writes the package alone (`--meta none`):
clients/python/pyproject.toml and the CLI beside the package (clients/python/rcs_cli) are written
by hand, and a regeneration never touches them. A warning of the generator (an operation or a
model it had to drop) fails the generation. tests/unit/test_python_client_drift.py regenerates the
package into a temporary folder and compares it with the committed one.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
DOCUMENT = PROJECT / "chalicelib" / "openapi.yaml"
CONFIG = PROJECT / "clients" / "openapi-python-client.yaml"
PACKAGE = PROJECT / "clients" / "python" / "rcs_client"
SKIPPED = {"__pycache__", ".ruff_cache"}


class GenerationFailed(Exception):
    pass


def generate(destination: Path = PACKAGE, *, document: Path = DOCUMENT, allow_warnings: bool = False) -> None:
    """Write the generated package to `destination`, replacing whatever was there."""
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / destination.name
        command = [sys.executable, "-m", "openapi_python_client", "generate", "--path", str(document),
                   "--config", str(CONFIG), "--meta", "none", "--output-path", str(output)]
        command += [] if allow_warnings else ["--fail-on-warning"]
        # The post-hooks call `ruff` by name: the one pinned beside this interpreter.
        path = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
        done = subprocess.run(command, cwd=scratch, env={**os.environ, "PATH": path}, capture_output=True,
                              text=True, check=False)
        if done.returncode != 0:
            raise GenerationFailed(f"openapi-python-client failed ({done.returncode}):\n{done.stdout}{done.stderr}")
        (output / "py.typed").write_text("# Marker file for PEP 561\n")
        if destination.exists():
            shutil.rmtree(destination)
        shutil.copytree(output, destination)


def tree(root: Path) -> dict[str, bytes]:
    """Every file under `root` (bytecode caches aside), by its path relative to `root`."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not SKIPPED.intersection(path.relative_to(root).parts)
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--output", type=Path, default=PACKAGE, help="the package folder to write")
    parser.add_argument("--document", type=Path, default=DOCUMENT, help="the OpenAPI document to read")
    parser.add_argument("--allow-warnings", action="store_true", help="keep what the generator could not drop")
    args = parser.parse_args()
    try:
        generate(args.output, document=args.document, allow_warnings=args.allow_warnings)
    except GenerationFailed as error:
        sys.exit(str(error))
    print(f"generated {args.output}")


if __name__ == "__main__":
    main()
