"""The Python SDK (clients/python/rcs_client) is what the pinned openapi-python-client makes of
chalicelib/openapi.yaml today, with no warning: a change to the document without `make client`
fails here, and so does a document the generator has to drop something of."""

from __future__ import annotations

import difflib
from importlib.metadata import version
from pathlib import Path

from tools.generate_client import PACKAGE, PROJECT, generate, tree


def test_the_generator_is_the_pinned_version() -> None:
    pinned = [line for line in (PROJECT / "requirements-dev.txt").read_text().splitlines()
              if line.startswith("openapi-python-client==")]
    assert pinned == [f"openapi-python-client=={version('openapi-python-client')}"]


def test_the_committed_sdk_is_generated_from_the_document(tmp_path: Path) -> None:
    fresh = tmp_path / PACKAGE.name
    generate(fresh)
    generated, committed = tree(fresh), tree(PACKAGE)
    missing, stale = sorted(generated.keys() - committed.keys()), sorted(committed.keys() - generated.keys())
    changed = sorted(name for name in generated.keys() & committed.keys() if generated[name] != committed[name])
    diff = [line for name in changed[:3] for line in difflib.unified_diff(
        committed[name].decode().splitlines(), generated[name].decode().splitlines(), f"committed/{name}",
        f"generated/{name}", lineterm="", n=1)]
    assert not (missing or stale or changed), (
        f"clients/python/rcs_client is not what chalicelib/openapi.yaml generates: run `make client`\n"
        f"not committed: {missing}\nno longer generated: {stale}\nchanged: {changed}\n" + "\n".join(diff[:80]))
