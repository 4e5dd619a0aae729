"""Sizes the services enforce that the API's body models also declare. They live in this module
of constants, which imports nothing, so that declaring the routes imports no service (each route
imports its service when first called: chalicelib/lazy.py)."""

from __future__ import annotations

MAX_LIST_NAME_LENGTH = 200  # chalicelib/services/lists.py
MAX_MEMBERS_PER_CALL = 1000  # members added by one call (chalicelib/services/lists.py)
MAX_LEDGER_REFERENCE_LENGTH = 256  # chalicelib/services/balance.py
MAX_CREDIT_AMOUNT = 10**13  # chalicelib/services/balance.py
