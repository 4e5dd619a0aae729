"""`python -m bench.cold_start`: what a Lambda of the app pays to import its handler (its cold
start), against the bare `import boto3, pynamodb.models`.

The API function's handler is `app.app`: it imports all of `app`. A worker's is its blueprint's
module (Chalice's handler string for a blueprint function, `chalicelib.workers.<module>.<name>`), so
a worker imports that module and what it imports, not the API. In one run, alternating, `--runs`
fresh interpreters import each (in the environment a deployed function has:
`.chalice/config.json`'s variables for the stage, `AWS_LAMBDA_FUNCTION_NAME` set); each times its
own import with `perf_counter`, interpreter start-up excluded (the same for all).
Printed: the medians and their ratios to the baseline (goal ≤ 1.5, issue 17), then `python -X importtime`'s top
offenders among the modules `import app` loads beyond the baseline (by package, and the single
modules with the most time of their own), then the deployment package as `chalice package` builds
it (the app's zip and the dependency layer, zipped and unzipped; Lambda's limit is 250 MB unzipped,
layers included) with the largest dependencies. `--no-package` skips the package: building a new
layer downloads the manylinux wheels (pip, a minute or two); an unchanged requirements.txt reuses
the one cached in `.chalice/deployments`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[1]
BASELINE = "boto3, pynamodb.models"
APP = "app"
TIMED = "import time; started = time.perf_counter(); import {modules}; print(time.perf_counter() - started)"
_IMPORTTIME = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def function_environment(stage: str) -> dict[str, str]:
    """The variables a deployed function of `stage` has (as infra/deploy_config.py reads them)."""
    config = json.loads((PROJECT_DIR / ".chalice" / "config.json").read_text())
    variables = dict(config.get("environment_variables", {}))
    variables.update(config["stages"][stage].get("environment_variables", {}))
    # Both sides import from bytecode (the warm-up writes the app's, outside the tree): a machine that
    # sets PYTHONDONTWRITEBYTECODE would otherwise compile the app's sources in every run, and only them.
    environment = {name: value for name, value in os.environ.items() if name != "PYTHONDONTWRITEBYTECODE"}
    return {**environment, **variables, "AWS_LAMBDA_FUNCTION_NAME": f"rcs-{stage}-bench",
            "AWS_DEFAULT_REGION": os.environ.get("AWS_DEFAULT_REGION", "us-east-1"),
            "PYTHONPYCACHEPREFIX": str(Path(tempfile.gettempdir()) / "rcs-cold-start-pycache")}


def timed_import(modules: str, environment: dict[str, str]) -> float:
    done = subprocess.run([sys.executable, "-c", TIMED.format(modules=modules)], cwd=PROJECT_DIR,
                          env=environment, capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def handler_modules(environment: dict[str, str]) -> list[str]:
    """The modules the worker functions' handlers live in (what each of those Lambdas imports)."""
    code = ("import app, json; print(json.dumps(sorted({source.handler_string.rpartition('.')[0] "
            "for source in app.app.event_sources})))")
    done = subprocess.run([sys.executable, "-c", code], cwd=PROJECT_DIR, env=environment, capture_output=True,
                          text=True, check=True)
    return [str(module) for module in json.loads(done.stdout.strip().splitlines()[-1])]


def self_times(modules: str, environment: dict[str, str]) -> dict[str, int]:
    """Microseconds each module took on its own (`-X importtime`'s first column)."""
    done = subprocess.run([sys.executable, "-X", "importtime", "-c", f"import {modules}"], cwd=PROJECT_DIR,
                          env=environment, capture_output=True, text=True, check=True)
    return {match[4]: int(match[1]) for match in map(_IMPORTTIME.match, done.stderr.splitlines()) if match}


def report_offenders(environment: dict[str, str], top: int) -> None:
    baseline, app = self_times(BASELINE, environment), self_times(APP, environment)
    extra = {name: micros for name, micros in app.items() if name not in baseline}
    by_package: Counter[str] = Counter()
    for name, micros in extra.items():
        by_package[name.split(".")[0]] += micros
    print(f"-X importtime: {len(extra)} modules beyond the baseline's {len(baseline)}, "
          f"{sum(extra.values()) / 1000:.0f} ms of their own (importtime's overhead included)")
    print("  by package: " + ", ".join(f"{package} {micros / 1000:.1f} ms"
                                       for package, micros in by_package.most_common(top)))
    print("  modules:    " + ", ".join(f"{name} {micros / 1000:.1f} ms"
                                       for name, micros in Counter(extra).most_common(top)))


def _unzipped(path: Path) -> tuple[int, Counter[str]]:
    per_package: Counter[str] = Counter()
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            parts = info.filename.split("/")
            inside = parts[4:] if parts[0] == "python" and len(parts) > 4 else parts  # python/lib/pyX/site-packages/
            per_package[inside[0].split("-")[0] if inside else ""] += info.file_size
    return sum(per_package.values()), per_package


def report_package(stage: str) -> None:
    """Build the app's zip and its dependency layer as `chalice package` does for infra/stack.py
    (`automatic_layer`), reusing `.chalice/deployments` when requirements.txt has not changed."""
    from chalice.deploy.packager import (
        AppOnlyDeploymentPackager,
        DependencyBuilder,
        LayerDeploymentPackager,
        PipRunner,
        SubprocessPip,
    )
    from chalice.utils import UI, OSUtils

    osutils = OSUtils()
    builder = DependencyBuilder(osutils=osutils, pip_runner=PipRunner(pip=SubprocessPip(osutils=osutils),
                                                                       osutils=osutils))
    runtime = f"python{sys.version_info.major}.{sys.version_info.minor}"
    packages = {}
    for name, packager_class in (("app", AppOnlyDeploymentPackager), ("layer", LayerDeploymentPackager)):
        packager = packager_class(osutils=osutils, dependency_builder=builder, ui=UI(confirm=lambda *_: True))
        packages[name] = Path(packager.create_deployment_package(str(PROJECT_DIR), runtime))
    total = 0
    for name, path in packages.items():
        unzipped, per_package = _unzipped(path)
        total += unzipped
        print(f"package ({stage}): {name} {path.stat().st_size / 1e6:.1f} MB zipped, {unzipped / 1e6:.1f} MB unzipped"
              + (": largest " + ", ".join(f"{package} {size / 1e6:.1f}" for package, size in per_package.most_common(8))
                 if name == "layer" else ""))
    print(f"package ({stage}): {total / 1e6:.1f} MB unzipped in all (Lambda's limit: 250 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=11, help="fresh interpreters per import (default 11)")
    parser.add_argument("--stage", default="dev")
    parser.add_argument("--top", type=int, default=10, help="offenders listed (default 10)")
    parser.add_argument("--no-package", action="store_true", help="skip building the deployment package")
    args = parser.parse_args()

    environment = function_environment(args.stage)
    timed_import(APP, environment)  # warm the disk cache and the bytecode
    workers = handler_modules(environment)
    runs: dict[str, list[float]] = {BASELINE: [], APP: [], **{module: [] for module in workers}}
    for _ in range(args.runs):
        for modules, times in runs.items():  # alternating: the machine's load hits all alike
            times.append(timed_import(modules, environment))
    baseline = statistics.median(runs[BASELINE])
    print(f"import {BASELINE}: median {baseline * 1000:.0f} ms of {args.runs} fresh interpreters "
          f"(min {min(runs[BASELINE]) * 1000:.0f} ms)")
    for modules, times in runs.items():
        if modules == BASELINE:
            continue
        median = statistics.median(times)
        who = "the API function" if modules == APP else "worker functions"
        print(f"import {modules} ({who}): median {median * 1000:.0f} ms (min {min(times) * 1000:.0f} ms), "
              f"cold start ratio {median / baseline:.2f} (medians; goal <= 1.5), "
              f"{min(times) / min(runs[BASELINE]):.2f} (minima)")
    report_offenders(environment, args.top)
    if not args.no_package:
        report_package(args.stage)


if __name__ == "__main__":
    main()
