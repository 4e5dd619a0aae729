"""`make bench`: every benchmark under bench/, one after the other, each printing its figures.

- bench.review_agreement: the rules reviewer against the labelled corpus, per split;
- bench.review_speed: the review of the largest allowed carousel, cold and warm;
- bench.broadcast_runner: requests per 1,000 targets, sender throughput, snapshot ratio, create latency;
- bench.pacing: one account's rate shared by 8 concurrent senders, and a second account's small broadcast;
- bench.import_members: a CSV import of 100,000 rows (`--rows 1000000` for the million);
- bench.cold_start: `import app` against `import boto3, pynamodb.models`, the offenders, the package size.
"""

from __future__ import annotations

import subprocess
import sys

RUNS = [
    ["bench.review_agreement"],
    ["bench.review_speed"],
    ["bench.broadcast_runner", "--big-list", "0"],
    ["bench.pacing"],
    ["bench.import_members", "--rows", "100000"],
    ["bench.cold_start"],
]


def main() -> None:
    for run in RUNS:
        print(f"\n== python -m {' '.join(run)}", flush=True)
        subprocess.run([sys.executable, "-m", *run], check=True)


if __name__ == "__main__":
    main()
