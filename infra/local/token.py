"""`make -s token ACCOUNT=acme [ADMIN=1]`: print a token the local stack accepts, and nothing else."""

from __future__ import annotations

import argparse
import os

from infra.local.environment import stage_variables


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("account")
    parser.add_argument("--admin", action="store_true")
    parser.add_argument("--ttl", type=int, default=86_400, help="seconds until it expires")
    args = parser.parse_args()
    os.environ.update(stage_variables())
    from chalicelib.auth.tokens import issue

    print(issue(args.account, admin=args.admin, ttl_seconds=args.ttl))


if __name__ == "__main__":
    main()
