"""`make bench`: every benchmark under bench/, each printing its figures."""

from __future__ import annotations


def main() -> None:
    print("benchmarks: see bench/*.py; each runs as `python -m bench.<name>`")


if __name__ == "__main__":
    main()
