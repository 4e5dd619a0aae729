"""Provider credentials in AWS Secrets Manager: one secret per account, a JSON object.

Only this module talks to Secrets Manager. Nothing here logs a secret's value, and errors are
re-raised without it (botocore's messages never carry the SecretString)."""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from botocore.exceptions import ClientError

from chalicelib.aws import client
from chalicelib.settings import get_settings

_NAME_SAFE = re.compile(r"^[A-Za-z0-9/_+=.@-]+$")


def secret_name(account_id: str) -> str:
    """`{prefix}/credentials/{account}`; an account id with characters Secrets Manager refuses
    in names (`:`) is replaced by its hash."""
    safe = account_id if _NAME_SAFE.match(account_id) else "h-" + hashlib.sha256(account_id.encode()).hexdigest()[:40]
    return f"{get_settings().prefix}/credentials/{safe}"


def _code(error: ClientError) -> str:
    return str(error.response.get("Error", {}).get("Code", ""))


def put_secret(name: str, value: dict[str, Any], *, known_id: str | None = None) -> tuple[str, str]:
    """Store `value` as the current version of the secret `name` (created if missing);
    (the secret's ARN, the version id just written)."""
    manager = client("secretsmanager")
    text = json.dumps(value, separators=(",", ":"))
    target = known_id or name
    try:
        response = manager.put_secret_value(SecretId=target, SecretString=text)
        return str(response["ARN"]), str(response["VersionId"])
    except ClientError as error:
        code = _code(error)
        if code == "InvalidRequestException":
            manager.restore_secret(SecretId=target)
            response = manager.put_secret_value(SecretId=target, SecretString=text)
            return str(response["ARN"]), str(response["VersionId"])
        if code != "ResourceNotFoundException":
            raise
    try:
        response = manager.create_secret(
            Name=name, SecretString=text, Description="RCS provider credentials of one account",
        )
    except ClientError as error:
        if _code(error) != "ResourceExistsException":
            raise
        response = manager.put_secret_value(SecretId=name, SecretString=text)
    return str(response["ARN"]), str(response["VersionId"])


def get_secret(secret_id: str, version_id: str | None = None) -> dict[str, Any] | None:
    """The secret's JSON object (that version, if given), or None when it is gone."""
    kwargs: dict[str, Any] = {"SecretId": secret_id}
    if version_id:
        kwargs["VersionId"] = version_id
    try:
        response = client("secretsmanager").get_secret_value(**kwargs)
    except ClientError as error:
        if _code(error) in ("ResourceNotFoundException", "InvalidRequestException"):
            return None
        raise
    value = json.loads(response["SecretString"])
    return value if isinstance(value, dict) else None


def delete_secret(secret_id: str) -> None:
    """Delete now (no recovery window), so the account's name is free for its next credentials."""
    try:
        client("secretsmanager").delete_secret(SecretId=secret_id, ForceDeleteWithoutRecovery=True)
    except ClientError as error:
        if _code(error) != "ResourceNotFoundException":
            raise
