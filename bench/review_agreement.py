"""How far the rule-based template review agrees with the labelled corpus.

    .venv/bin/python -m bench.review_agreement [--verbose] [--corpus PATH]

Prints the agreement, the confusion matrix (expected x given), how many templates labelled
`rejected` the rules approved (must be 0) and how many clean templates they sent to a human,
for the whole corpus and for each of its sets.

The sets say how far to trust the figures. `dev` was written together with the rules, so its
agreement is in-sample. `round2` and `round3` were each labelled before the rules first ran on
them: round2 then agreed 82.9% (29/35) with 3 prohibited templates approved, round3 96.0% (24/25)
with 1 prohibited approved; both were used to improve the rules afterwards, so today's figures
for them are in-sample too. The honest estimate for unseen templates is those first-run numbers.
The corpus (tests/data/review_corpus.json) is shared with tests/unit/test_review_corpus.py.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from chalicelib.services.review import Outcome, Reviewer, RulesReviewer, Subject, run_reviewers

CORPUS = Path(__file__).resolve().parents[1] / "tests" / "data" / "review_corpus.json"
VERDICTS = ("approved", "needs_admin", "rejected")


def load_corpus(path: Path = CORPUS) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    return entries


def subject_of(entry: dict[str, Any]) -> Subject:
    return Subject(entry["id"], entry["category"], entry["language"], entry["components"],
                   entry.get("suggestions", []))


@dataclass
class Report:
    total: int = 0
    agreed: int = 0
    matrix: Counter[tuple[str, str]] = field(default_factory=Counter)
    misses: list[tuple[dict[str, Any], Outcome]] = field(default_factory=list)

    @property
    def agreement(self) -> float:
        return self.agreed / self.total if self.total else 0.0

    @property
    def prohibited_approved(self) -> int:
        """Templates labelled `rejected` that the review approved."""
        return self.matrix["rejected", "approved"]

    @property
    def clean_to_human(self) -> int:
        return self.matrix["approved", "needs_admin"]

    @property
    def clean_rejected(self) -> int:
        return self.matrix["approved", "rejected"]

    def expected(self, verdict: str) -> int:
        return sum(count for (expected, _), count in self.matrix.items() if expected == verdict)


def evaluate(entries: Sequence[dict[str, Any]], reviewers: Sequence[Reviewer] | None = None) -> Report:
    reviewers = reviewers if reviewers is not None else [RulesReviewer()]
    report = Report()
    for entry in entries:
        outcome = run_reviewers(subject_of(entry), reviewers)
        report.total += 1
        report.matrix[entry["expected"], outcome.status] += 1
        if outcome.status == entry["expected"]:
            report.agreed += 1
        else:
            report.misses.append((entry, outcome))
    return report


def render(report: Report, *, verbose: bool = False) -> str:
    lines = [
        f"templates: {report.total}  agreement: {report.agreement:.1%} ({report.agreed}/{report.total})",
        "",
        "expected \\ given " + "".join(f"{verdict:>13}" for verdict in VERDICTS),
    ]
    for expected in VERDICTS:
        lines.append(f"{expected:<17}" + "".join(f"{report.matrix[expected, given]:>13}" for given in VERDICTS))
    lines += [
        "",
        f"prohibited approved (labelled rejected, approved): {report.prohibited_approved}",
        f"clean sent to a human (labelled approved, needs_admin): {report.clean_to_human}"
        f" of {report.expected('approved')}",
        f"clean rejected (labelled approved, rejected): {report.clean_rejected}",
    ]
    if verbose and report.misses:
        lines += ["", "disagreements:"]
        for entry, outcome in report.misses:
            codes = ", ".join(finding.code for finding in outcome.findings) or "no findings"
            lines.append(f"  {entry['id']}: expected {entry['expected']}, got {outcome.status} ({codes})")
    return "\n".join(lines)


def summary(name: str, report: Report) -> str:
    return (f"{name:<8} {report.total:>4} templates  agreement {report.agreement:6.1%}  "
            f"prohibited approved {report.prohibited_approved}  clean to a human {report.clean_to_human}")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--verbose", "-v", action="store_true", help="list every disagreement")
    args = parser.parse_args(argv)
    entries = load_corpus(args.corpus)
    print(render(evaluate(entries), verbose=args.verbose))
    sets = sorted({entry.get("set", "dev") for entry in entries})
    if len(sets) > 1:
        print("\nby set:")
        for name in sets:
            print(summary(name, evaluate([entry for entry in entries if entry.get("set", "dev") == name])))


if __name__ == "__main__":
    main()
