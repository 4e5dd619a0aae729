"""The policy table (`data/policy.yaml`, documented in docs/review-policy.md) and the findings it makes."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from chalicelib.services.review.data_files import load_yaml
from chalicelib.services.review.model import Finding, Severity

ACTIONS: dict[str, Severity] = {"block": "block", "review": "review", "warn": "warn"}


@dataclass(frozen=True)
class Rule:
    code: str
    group: str  # prohibited, restricted, human, notes
    action: Severity
    markets: dict[str, Severity]
    message: str
    hint: str

    def action_in(self, market: str) -> Severity:
        return self.markets.get(market, self.action)


def _rule(code: str, group: str, entry: dict[str, Any]) -> Rule:
    markets = {str(market): ACTIONS[str(action)] for market, action in (entry.get("markets") or {}).items()}
    return Rule(code, group, ACTIONS[str(entry["action"])], markets, str(entry["message"]), str(entry["hint"]))


@cache
def rules() -> dict[str, Rule]:
    text = resources.files("chalicelib.services.review").joinpath("data/policy.yaml").read_text("utf-8")
    table: dict[str, dict[str, dict[str, Any]]] = load_yaml(text)
    return {code: _rule(code, group, entry) for group, entries in table.items() for code, entry in entries.items()}


def finding(code: str, market: str = "", field: str = "", evidence: str = "") -> Finding:
    rule = rules()[code]
    message = rule.message.replace("{evidence}", f"\u201c{evidence}\u201d" if evidence else "").replace(
        "{field}", field or "the template").replace(" ()", "").replace("  ", " ")
    return Finding(code, rule.action_in(market), message, rule.hint, field)
