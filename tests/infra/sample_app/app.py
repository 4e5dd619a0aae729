"""A Chalice app with one handler of every kind the product deploys (an API route, an
`@on_sqs_message` worker per queue of QUEUE_SPECS, an `@schedule` and an `@on_s3_event`), so the
infra tests prove the stack wires each kind whatever the real app has registered so far.
Synthesised by tests/infra with `python -m infra --app-dir tests/infra/sample_app`."""

from __future__ import annotations

from typing import Any

from chalice.app import Chalice, Rate

from chalicelib.messaging import QUEUE_SPECS
from chalicelib.settings import get_settings

app = Chalice(app_name="rcs-broadcast")
settings = get_settings()


@app.route("/api/v1/rcs/health")
def health() -> dict[str, Any]:
    return {"success": True}


def _worker(key: str) -> Any:
    def handler(event: Any) -> dict[str, Any]:
        return {"batchItemFailures": []}

    handler.__name__ = f"{key}_worker"
    return app.on_sqs_message(queue=settings.queue_name(key), batch_size=QUEUE_SPECS[key].batch_size)(handler)


for _key in QUEUE_SPECS:
    globals()[f"{_key}_worker"] = _worker(_key)


@app.schedule(Rate(1, unit=Rate.MINUTES))
def scheduler(event: Any) -> None:
    return None


@app.on_s3_event(bucket=settings.import_bucket, events=["s3:ObjectCreated:*"], prefix="uploads/", suffix=".csv")
def import_upload(event: Any) -> None:
    return None
