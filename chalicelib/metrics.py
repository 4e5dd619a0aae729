"""Operational counters as CloudWatch embedded metrics (one JSON line on stdout each, which
CloudWatch Logs turns into a metric in namespace `RcsBroadcast`; no API call, nothing at import)."""

from __future__ import annotations

from aws_lambda_powertools.metrics import MetricUnit, single_metric

NAMESPACE = "RcsBroadcast"


def count(name: str, value: int = 1, **dimensions: str) -> None:
    with single_metric(name=name, unit=MetricUnit.Count, value=value, namespace=NAMESPACE) as metric:
        for key, dimension in dimensions.items():
            metric.add_dimension(name=key, value=dimension)
