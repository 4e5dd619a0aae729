"""Which registry brands an account is verified as (an admin checks the business's papers). The
review lets a verified account name its own brand and send to its own domains."""

from __future__ import annotations

from collections.abc import Sequence

from chalicelib import errors
from chalicelib.services.review.brands import registry
from chalicelib.store import accounts as store


def verified_brands(account_id: str) -> frozenset[str]:
    return store.get_verified_brands(account_id)


def verify(account_id: str, brand_ids: Sequence[str]) -> frozenset[str]:
    """Set the account's verified brands; every id must be in the brand registry."""
    known = registry().brands
    for index, brand_id in enumerate(brand_ids):
        if brand_id not in known:
            raise errors.InvalidInput(f"brands.{index}", f"brands.{index}: {brand_id!r} is not in the brand registry")
    brands = frozenset(brand_ids)
    store.set_verified_brands(account_id, brands)
    return brands
