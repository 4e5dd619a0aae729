"""How far the template review agrees with the labelled corpus, per split.

    .venv/bin/python -m bench.review_agreement [--split train|sealed|all] [--verbose]

The corpus is `tests/data/review/<split>/*.json`. `train` may be used to tune the rules and to
train the model; `sealed` was written by authors who had only docs/review-policy.md and never saw
the reviewer, and is never edited after the reviewer has seen it. For each split it prints the
agreement, the confusion matrix, prohibited templates approved, clean templates approved without
a human, and the same per language and per component type. `--verbose` lists the disagreements
of the train split only: reading the sealed split's misses would turn it into a training set.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chalicelib.services.review import Outcome, Reviewer, RulesReviewer, Subject, run_reviewers
from chalicelib.services.review.brands import verified_ids

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "review"
SPLITS = ("train", "sealed")
VERDICTS = ("approved", "needs_admin", "rejected")


def load_split(split: str, root: Path = CORPUS) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = []
    for path in sorted((root / split).glob("*.json")):
        entries.extend(json.loads(path.read_text(encoding="utf-8")))
    return entries


def subject_of(entry: dict[str, Any]) -> Subject:
    return Subject(entry["id"], entry["category"], entry["language"], entry["components"],
                   entry.get("suggestions", []), verified_ids(entry.get("verified_brands", [])))


def language_of(entry: dict[str, Any]) -> str:
    return str(entry["language"]).replace("_", "-").split("-")[0].lower()


def shape_of(entry: dict[str, Any]) -> str:
    kind = str(entry["components"].get("type"))
    if kind == "text" and entry.get("suggestions"):
        return "text+suggestions"
    return kind


@dataclass
class Report:
    total: int = 0
    agreed: int = 0
    matrix: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[tuple[dict[str, Any], Outcome]] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def agreement(self) -> float:
        return self.agreed / self.total if self.total else 0.0

    @property
    def prohibited_approved(self) -> int:
        return self.matrix["rejected", "approved"]

    @property
    def clean_auto_approved(self) -> float:
        clean = self.expected("approved")
        return self.matrix["approved", "approved"] / clean if clean else 1.0

    def expected(self, verdict: str) -> int:
        return sum(count for (expected, _), count in self.matrix.items() if expected == verdict)


def evaluate(entries: Sequence[dict[str, Any]], reviewers: Sequence[Reviewer] | None = None) -> Report:
    reviewers = reviewers if reviewers is not None else [RulesReviewer()]
    report = Report()
    started = time.perf_counter()
    for entry in entries:
        outcome = run_reviewers(subject_of(entry), reviewers)
        report.total += 1
        report.matrix[entry["expected"], outcome.status] += 1
        if outcome.status == entry["expected"]:
            report.agreed += 1
        else:
            report.misses.append((entry, outcome))
    report.seconds = time.perf_counter() - started
    return report


def headline(name: str, report: Report) -> str:
    return (f"{name:<18} {report.total:>4}  agreement {report.agreement:6.1%}  prohibited approved "
            f"{report.prohibited_approved:>2}  clean auto-approved {report.clean_auto_approved:6.1%} "
            f"({report.matrix['approved', 'approved']}/{report.expected('approved')})")


def render(name: str, entries: Sequence[dict[str, Any]], *, verbose: bool = False) -> str:
    report = evaluate(entries)
    lines = [f"== {name}: {report.total} templates, {report.seconds * 1000 / max(report.total, 1):.1f} ms each",
             headline("all", report), "",
             "expected \\ given " + "".join(f"{verdict:>13}" for verdict in VERDICTS)]
    for expected in VERDICTS:
        lines.append(f"{expected:<17}" + "".join(f"{report.matrix[expected, given]:>13}" for given in VERDICTS))
    for title, key in (("by language", language_of), ("by component type", shape_of)):
        lines += ["", f"{title}:"]
        lines += [headline(group, evaluate(members)) for group, members in sorted(_groups(entries, key).items())]
    if verbose:
        lines += ["", "disagreements:"]
        for entry, outcome in report.misses:
            codes = ", ".join(f"{f.code}@{f.field}" if f.field else f.code for f in outcome.findings) or "no findings"
            lines.append(f"  {entry['id']} [{entry['language']}]: expected {entry['expected']}, got {outcome.status}"
                         f" ({codes}) -- {entry.get('why', '')}")
    return "\n".join(lines)


def _groups(entries: Sequence[dict[str, Any]], key: Callable[[dict[str, Any]], str]) -> dict[str, list[dict[str, Any]]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in entries:
        groups[key(entry)].append(entry)
    return groups


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", choices=(*SPLITS, "all"), default="all")
    parser.add_argument("--verbose", "-v", action="store_true", help="list the train split's disagreements")
    args = parser.parse_args(argv)
    for split in SPLITS if args.split == "all" else (args.split,):
        print(render(split, load_split(split), verbose=args.verbose and split == "train"))
        print()


if __name__ == "__main__":
    main()
