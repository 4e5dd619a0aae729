"""Operational counters as CloudWatch embedded metrics (one JSON line on stdout each, which
CloudWatch Logs turns into a metric in namespace `RcsBroadcast`; no API call, nothing at import)."""

from __future__ import annotations

from aws_lambda_powertools.metrics import MetricUnit, single_metric

NAMESPACE = "RcsBroadcast"
# Metric `Reconciled`, dimension `action`: the reconciler's report fields that count work it ended
# (each has an alarm, infra/alarms.py; chalicelib/services/reconciler.py).
RECONCILER_ENDED = ("broadcasts_failed", "chunks_settled", "imports_failed", "reviews_to_admin")


def count(name: str, value: int = 1, **dimensions: str) -> None:
    with single_metric(name=name, unit=MetricUnit.Count, value=value, namespace=NAMESPACE) as metric:
        for key, dimension in dimensions.items():
            metric.add_dimension(name=key, value=dimension)
