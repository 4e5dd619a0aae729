"""Fixtures of the contact-list tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from infra.local import moto_dynamodb


@pytest.fixture
def serialised_moto(aws: None) -> Iterator[None]:
    """moto with each DynamoDB request atomic (as in DynamoDB), for tests that race writers:
    unpatched moto interleaves threads inside one transaction (see infra/local/moto_dynamodb.py)."""
    moto_dynamodb.install()
    yield
    moto_dynamodb.uninstall()
