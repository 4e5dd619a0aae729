"""What a deployment of one stage is told from outside the code: the stage (`dev`, `prod`, from
`.chalice/config.json`) and the few values that differ per account, given as CDK context
(`-c key=value` on the command line, or `context` in `infra/cdk.json`).

No secret ever goes through here or through `.chalice/config.json`: the cloud stages verify
RS256 tokens through a JWKS URL (a Cognito user pool or any OIDC issuer), see docs/deploy.md.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PROJECT_DIR = Path(__file__).resolve().parents[1]
CHALICE_CONFIG = PROJECT_DIR / ".chalice" / "config.json"
CLOUD_STAGES = ("dev", "prod")
# Variables a cloud stage must never carry in `.chalice/config.json`.
FORBIDDEN_IN_CONFIG = ("RCS_JWT_SECRET",)

# The CDK CLI docs/deploy.md runs (`npx aws-cdk@<this>`): its own version line since 2025, at least
# the `minimumCliVersion` the cloud assembly of the pinned aws-cdk-lib asks for (the tests check).
CDK_CLI_VERSION = "2.1148.1"
LOG_RETENTION_DAYS = (1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192,
                      2557, 2922, 3288, 3653)

_STAGE = re.compile(r"^[a-z][a-z0-9]{1,15}$")
_DOMAIN_PREFIX = re.compile(r"^(?!.*(aws|amazon|cognito))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$")


class DeployConfigError(ValueError):
    """The deployment is asked for something it cannot build."""


@dataclass(frozen=True)
class DeployConfig:
    stage: str
    account: str | None = None
    region: str | None = None
    jwks_url: str = ""
    jwt_issuer: str = ""
    jwt_audience: str = ""
    jwt_admin_claim: str = ""
    alarm_email: str = ""
    public_api_url: str = ""
    llm_review_enabled: bool = False
    log_retention_days: int = 30
    console_url: str = ""
    cognito_domain_prefix: str = ""

    @property
    def console_callback_url(self) -> str:
        """Where Cognito's hosted UI sends people back: the console's URL, when it is known before
        the deployment (`console_url`, else the custom domain's `/console`)."""
        if self.console_url:
            return self.console_url
        return f"{self.public_api_url}/console" if self.public_api_url else ""

    @property
    def signs_in_with_cognito(self) -> bool:
        """The stack's own user pool is the identity provider unless another one's JWKS is given."""
        return not self.jwks_url

    @property
    def is_production(self) -> bool:
        return self.stage == "prod"

    def function_environment(self) -> dict[str, str]:
        """The `RCS_*` variables every function gets on top of the stage's in `.chalice/config.json`."""
        variables = {
            "RCS_STAGE": self.stage,
            "RCS_JWKS_URL": self.jwks_url,
            "RCS_JWT_ISSUER": self.jwt_issuer,
            "RCS_JWT_AUDIENCE": self.jwt_audience,
            "RCS_JWT_ADMIN_CLAIM": self.jwt_admin_claim,
            "RCS_PUBLIC_API_URL": self.public_api_url,
        }
        if self.llm_review_enabled:
            variables["RCS_LLM_REVIEW_ENABLED"] = "true"
        return {name: value for name, value in variables.items() if value}


def chalice_stage_variables(stage: str, config_path: Path = CHALICE_CONFIG) -> dict[str, str]:
    """The environment `.chalice/config.json` gives `stage` (top level, then the stage's own)."""
    config = json.loads(config_path.read_text())
    stages = config.get("stages", {})
    if stage not in stages:
        raise DeployConfigError(f"stage {stage!r} is not in {config_path.name} (stages: {sorted(stages)})")
    variables = dict(config.get("environment_variables", {}))
    variables.update(stages[stage].get("environment_variables", {}))
    return variables


def _flag(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in ("1", "true", "yes", "on")


def from_context(get: Callable[[str], Any], env: Mapping[str, str],
                 config_path: Path = CHALICE_CONFIG) -> DeployConfig:
    """Read the deployment from CDK context (`get` is `app.node.try_get_context`) and the CDK
    CLI's environment (`CDK_DEFAULT_ACCOUNT`, `CDK_DEFAULT_REGION`)."""

    def text(key: str) -> str:
        value = get(key)
        return "" if value is None else str(value).strip()

    stage = text("stage") or "dev"
    if stage not in CLOUD_STAGES or not _STAGE.match(stage):
        raise DeployConfigError(f"stage must be one of {CLOUD_STAGES}, not {stage!r}")
    variables = chalice_stage_variables(stage, config_path)
    for name in FORBIDDEN_IN_CONFIG:
        if variables.get(name):
            raise DeployConfigError(
                f"{config_path.name} gives stage {stage!r} {name}: a secret never goes in config "
                "(the cloud stages use RCS_JWKS_URL, see docs/deploy.md)"
            )
    if variables.get("RCS_STAGE", stage) != stage:
        raise DeployConfigError(f"{config_path.name} stage {stage!r} sets RCS_STAGE={variables['RCS_STAGE']!r}")
    jwks_url = text("jwks_url")
    public_api_url = text("public_api_url").rstrip("/")
    console_url = text("console_url").rstrip("/")
    domain_prefix = text("cognito_domain_prefix")
    if domain_prefix and not _DOMAIN_PREFIX.match(domain_prefix):
        raise DeployConfigError("cognito_domain_prefix: lower-case letters, digits and hyphens (1-63), not "
                                "starting or ending with a hyphen, and without 'aws', 'amazon' or 'cognito'")
    for key, url in (("jwks_url", jwks_url), ("public_api_url", public_api_url), ("console_url", console_url)):
        if url and not url.startswith("https://"):
            raise DeployConfigError(f"{key} must be an https:// URL")
    if jwks_url and not (text("jwt_issuer") and text("jwt_audience")):
        raise DeployConfigError("jwks_url needs jwt_issuer and jwt_audience (-c jwt_issuer=… -c jwt_audience=…): "
                                "without them any token of the identity provider would be accepted")
    retention = text("log_retention_days")
    if retention and (not retention.isdigit() or int(retention) not in LOG_RETENTION_DAYS):
        raise DeployConfigError(f"log_retention_days must be one of {LOG_RETENTION_DAYS}")
    return DeployConfig(
        stage=stage,
        account=env.get("CDK_DEFAULT_ACCOUNT") or None,
        region=env.get("CDK_DEFAULT_REGION") or None,
        jwks_url=jwks_url,
        jwt_issuer=text("jwt_issuer"),
        jwt_audience=text("jwt_audience"),
        jwt_admin_claim=text("jwt_admin_claim"),
        alarm_email=text("alarm_email"),
        public_api_url=public_api_url,
        llm_review_enabled=_flag(get("llm_review_enabled") or False),
        log_retention_days=int(retention) if retention else (90 if stage == "prod" else 30),
        console_url=console_url,
        cognito_domain_prefix=domain_prefix,
    )
