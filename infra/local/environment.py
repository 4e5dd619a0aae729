"""The environment of the local stack: the `local` stage of .chalice/config.json (the same
variables `chalice local` applies) plus the moto endpoint and fake AWS credentials."""

from __future__ import annotations

import json
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parents[2]
STAGE = "local"


def stage_variables(stage: str = STAGE) -> dict[str, str]:
    config = json.loads((PROJECT_DIR / ".chalice" / "config.json").read_text())
    variables = dict(config.get("environment_variables", {}))
    variables.update(config["stages"][stage].get("environment_variables", {}))
    return variables


def local_environment(moto_port: int, api_port: int) -> dict[str, str]:
    endpoint = f"http://127.0.0.1:{moto_port}"
    return {
        **stage_variables(),
        "AWS_ENDPOINT_URL": endpoint,
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_SESSION_TOKEN": "testing",
        "AWS_REGION": "us-east-1",
        "AWS_DEFAULT_REGION": "us-east-1",
        "RCS_PUBLIC_API_URL": f"http://127.0.0.1:{api_port}",
    }
