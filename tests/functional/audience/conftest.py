"""The audience tests use the delivery tests' fake RBM with the real adapter (`rbm`)."""

from __future__ import annotations

from tests.functional.delivery.conftest import rbm

__all__ = ["rbm"]
