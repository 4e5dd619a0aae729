"""The CDK app: `python -m infra` synthesises the stack of one stage into a cloud assembly.

    .venv/bin/python -m infra --stage dev [--out infra/cdk.out] [-c jwks_url=https://…]

The CDK CLI runs the same command (`infra/cdk.json`), passing `-c` context and the output
directory through its environment (`CDK_CONTEXT_JSON`, `CDK_OUTDIR`). See docs/deploy.md.

The stage must be known before the app is imported: the app computes its queue and table names
(`settings.queue_name`, `Meta.table_name`) at import time from `RCS_STAGE`. So this module sets
`RCS_STAGE` first, and synthesises one stage per process.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m infra", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--stage", help="dev or prod (default: the CDK context `stage`, else dev)")
    parser.add_argument("--out", help="cloud assembly directory (default: $CDK_OUTDIR, else infra/cdk.out)")
    parser.add_argument("--app-dir", help="the Chalice project to deploy (default: this repository)")
    parser.add_argument("-c", "--context", action="append", default=[], metavar="KEY=VALUE",
                        help="a CDK context value, as the CDK CLI's -c")
    return parser.parse_args(argv)


def _context(arguments: argparse.Namespace) -> dict[str, Any]:
    context: dict[str, Any] = json.loads(os.environ.get("CDK_CONTEXT_JSON") or "{}")
    for item in arguments.context:
        key, separator, value = item.partition("=")
        if not separator:
            raise SystemExit(f"-c {item}: expected KEY=VALUE")
        context[key] = value
    if arguments.stage:
        context["stage"] = arguments.stage
    context.setdefault("stage", "dev")
    return context


def main(argv: list[str] | None = None) -> None:
    arguments = _arguments(sys.argv[1:] if argv is None else argv)
    context = _context(arguments)
    stage = str(context["stage"])
    # Before any product import: names are computed for this stage, and never with a local prefix
    # or endpoint. Chalice needs a region to package (for the partition only).
    os.environ["RCS_STAGE"] = stage
    for name in ("RCS_RESOURCE_PREFIX", "AWS_ENDPOINT_URL"):
        os.environ.pop(name, None)
    os.environ.setdefault("AWS_DEFAULT_REGION", os.environ.get("CDK_DEFAULT_REGION") or "us-east-1")
    os.environ.setdefault("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1")

    import aws_cdk as cdk

    from chalicelib.messaging import QUEUE_SPECS
    from chalicelib.settings import get_settings, reset_settings
    from infra.deploy_config import PROJECT_DIR, from_context

    reset_settings()
    from chalicelib.store.tables import ALL_MODELS
    from infra.stack import Product, RcsStack

    source_dir = Path(arguments.app_dir).resolve() if arguments.app_dir else PROJECT_DIR
    outdir = arguments.out or os.environ.get("CDK_OUTDIR") or str(PROJECT_DIR / "infra" / "cdk.out")
    app = cdk.App(outdir=outdir, context=context)
    deploy = from_context(app.node.try_get_context, os.environ, source_dir / ".chalice" / "config.json")
    product = Product(settings=get_settings(), models=list(ALL_MODELS), queue_specs=dict(QUEUE_SPECS),
                      source_dir=source_dir)
    RcsStack(app, deploy, product)
    app.synth()


if __name__ == "__main__":
    main()
