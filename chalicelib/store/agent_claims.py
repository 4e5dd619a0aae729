"""Which account holds a provider agent: one claim item per agent in the accounts table."""

from __future__ import annotations

from pynamodb.attributes import UnicodeAttribute
from pynamodb.exceptions import DeleteError, PutError
from pynamodb.models import Model

from chalicelib.clock import format_time, utcnow
from chalicelib.store.base import table_meta


class AgentClaimModel(Model):
    """An item of the accounts table keyed `agent#<agent_id>` (never an account: `#` is not in any
    account id a token may name): which account holds a provider agent. The claim is taken with a
    conditional put, so of two accounts configuring one agent at once exactly one gets it; the
    agent index cannot promise that (two items may carry the same agent_id)."""

    Meta = table_meta("accounts")

    account_id = UnicodeAttribute(hash_key=True)
    owner = UnicodeAttribute()
    claimed_at = UnicodeAttribute()


def _claim_key(agent_id: str) -> str:
    return f"agent#{agent_id}"


def claim_agent(agent_id: str, account_id: str) -> bool:
    """Hold `agent_id` for `account_id`; False when another account holds it."""
    claim = AgentClaimModel(_claim_key(agent_id), owner=account_id, claimed_at=format_time(utcnow()))
    try:
        claim.save(condition=AgentClaimModel.owner.does_not_exist() | (AgentClaimModel.owner == account_id))
        return True
    except PutError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            return False
        raise


def release_agent(agent_id: str, account_id: str) -> None:
    """Let `agent_id` go, if `account_id` holds it."""
    try:
        AgentClaimModel(_claim_key(agent_id)).delete(condition=AgentClaimModel.owner == account_id)
    except DeleteError as error:
        if error.cause_response_code != "ConditionalCheckFailedException":
            raise
