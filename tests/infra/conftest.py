"""The stack, synthesised once per test session: the product's app for `dev` and `prod`, and a
sample app with a handler of every kind (`sample_app/`) for `dev`, in parallel subprocesses
(`python -m infra`, as `make synth` and the CDK CLI run it: a process per stage, because the app
computes its names from RCS_STAGE at import time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

# Node 20 runs jsii fine but is past its end of life; docs/deploy.md asks for 22+ to deploy.
os.environ.setdefault("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", "20")

REPO = Path(__file__).resolve().parents[2]
SAMPLE_APP = Path(__file__).resolve().parent / "sample_app"
SYNTH_TIMEOUT = 240
# Context the sample is synthesised with: every optional input of docs/deploy.md.
SAMPLE_CONTEXT = {
    "jwks_url": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_example/.well-known/jwks.json",
    "jwt_issuer": "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_example",
    "jwt_audience": "rcs-clients",
    "alarm_email": "ops@example.com",
    "llm_review_enabled": "true",
}


@dataclass(frozen=True)
class Synthesis:
    name: str
    stage: str
    outdir: Path
    template: dict[str, Any]
    manifest: dict[str, Any]
    seconds: float

    def resources(self, kind: str) -> dict[str, dict[str, Any]]:
        return {name: body for name, body in self.template["Resources"].items() if body["Type"] == kind}

    def stack_properties(self) -> dict[str, Any]:
        return dict(self.manifest["artifacts"][self.stage].get("properties", {}))


def _environment() -> dict[str, str]:
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("RCS_") and name not in ("AWS_ENDPOINT_URL", "CDK_CONTEXT_JSON",
                                                                    "CDK_OUTDIR", "CDK_DEFAULT_REGION")}
    environment["PYTHONPATH"] = str(REPO)
    environment["JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION"] = "20"
    return environment


@pytest.fixture(scope="session")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Synthesis]:
    runs: dict[str, tuple[str, list[str]]] = {
        "dev": ("dev", []),
        "prod": ("prod", []),
        "sample": ("dev", ["--app-dir", str(SAMPLE_APP),
                           *[arg for key, value in SAMPLE_CONTEXT.items() for arg in ("-c", f"{key}={value}")]]),
    }
    results: dict[str, Synthesis] = {}
    # dev first (with the small sample beside it): on a fresh clone it builds the dependency layer
    # (`chalice package` downloads the wheels), which prod then reuses from .chalice/deployments.
    for batch in (("dev", "sample"), ("prod",)):
        started: dict[str, tuple[subprocess.Popen[bytes], Path, float]] = {}
        for name in batch:
            stage, extra = runs[name]
            workdir = tmp_path_factory.mktemp(f"synth-{name}")
            outdir = workdir / "cdk.out"
            command = [sys.executable, "-m", "infra", "--stage", stage, "--out", str(outdir), *extra]
            process = subprocess.Popen(command, cwd=workdir, env=_environment(), stdout=subprocess.PIPE,
                                       stderr=subprocess.STDOUT)
            started[name] = (process, outdir, time.monotonic())
        for name, (process, outdir, began) in started.items():
            output, _ = process.communicate(timeout=SYNTH_TIMEOUT)
            if process.returncode != 0:
                pytest.fail(f"python -m infra ({name}) failed:\n{output.decode(errors='replace')[-6000:]}")
            stage = runs[name][0]
            results[name] = Synthesis(
                name=name, stage=stage, outdir=outdir,
                template=json.loads((outdir / f"{stage}.template.json").read_text()),
                manifest=json.loads((outdir / "manifest.json").read_text()),
                seconds=time.monotonic() - began,
            )
    return results
