"""Fault injection fixtures: DynamoDB throttling on demand (tests/support/faults.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.faults import DynamoFaults, install

# Installed when the tests are collected, before any botocore session the tests use exists; inert
# until a test arms it.
_FAULTS = install()


@pytest.fixture
def dynamo_faults() -> Iterator[DynamoFaults]:
    _FAULTS.reset()
    yield _FAULTS
    _FAULTS.reset()
