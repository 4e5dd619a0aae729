"""`make run`: the whole product on this machine.

moto serves DynamoDB, SQS, S3 and Secrets Manager on 127.0.0.1:$MOTO_PORT (default 5000); every
table, queue and bucket is created; `chalice local --stage local` serves the API on $PORT (default
8000); and this process pumps every queue, S3 notification and schedule into the app's own
handlers (every $TICK_SECONDS, default 5). Ctrl-C stops all of it.

It prints one banner (the API, the console, how to get a token) and then one short line per job a
worker handles. RCS_ACCESS_LOGS=1 (`make run ACCESS_LOGS=1`) brings back the servers' access logs
and the app's INFO logs.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from types import FrameType

from infra.local.environment import PROJECT_DIR, local_environment


def _wait_for(url: str, process: subprocess.Popen[bytes], what: str, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"{what} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, OSError):
            time.sleep(0.2)
    raise SystemExit(f"{what} did not answer on {url} within {timeout:.0f}s")


def _start(command: list[str], env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(command, cwd=PROJECT_DIR, env=env, start_new_session=True)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    except ProcessLookupError:
        pass


def banner(api_port: int, moto_port: int, verbose: bool) -> str:
    base = f"http://127.0.0.1:{api_port}"
    return "\n".join([
        f"rcs-broadcast local stack: API {base}/api/v1/rcs (moto on {moto_port}); Ctrl-C stops it",
        f"  console   {base}/console   (sign in with any account name; tick Admin for the review queue)",
        f"  API       {base}/api/v1/rcs   (OpenAPI: {base}/api/v1/rcs/openapi.json)",
        "  token     make -s token ACCOUNT=acme [ADMIN=1]   then: Authorization: Bearer <token>",
        "  logs      " + ("access logs on" if verbose
                           else "one line per job below; make run ACCESS_LOGS=1 for access logs"),
    ])


def main() -> None:
    moto_port = int(os.environ.get("MOTO_PORT", "5000"))
    api_port = int(os.environ.get("PORT", "8000"))
    tick_seconds = float(os.environ.get("TICK_SECONDS", "5"))
    verbose = os.environ.get("RCS_ACCESS_LOGS", "") in ("1", "true")
    env = {**os.environ, **local_environment(moto_port, api_port)}
    if not verbose:
        env["RCS_LOG_LEVEL"] = "WARNING"  # the job lines say what happens; warnings and errors still show
    os.environ.update(env)

    stopping = False

    def request_stop(signum: int, frame: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)

    children: list[subprocess.Popen[bytes]] = []
    sources = None
    try:
        moto = _start([sys.executable, "-m", "infra.local.moto_server", "-H", "127.0.0.1", "-p", str(moto_port)],
                      env)
        children.append(moto)
        _wait_for(f"http://127.0.0.1:{moto_port}/moto-api/", moto, "moto server")

        sys.path.insert(0, str(PROJECT_DIR))
        from infra.local.resources import create_all, s3_events_queue_name

        create_all(console_origin=f"http://127.0.0.1:{api_port}")
        api = _start([sys.executable, "-m", "infra.local.api_server", "local", "--stage", "local",
                      "--host", "127.0.0.1", "--port", str(api_port), "--no-autoreload"], env)
        children.append(api)

        from app import app
        from infra.local.pump import LocalEventSources

        # Each queue at its configured concurrency, as Lambda runs it, unless RCS_LOCAL_QUEUE_CONCURRENCY
        # sets a number of deliveries per queue.
        concurrency = os.environ.get("RCS_LOCAL_QUEUE_CONCURRENCY", "max")
        sources = LocalEventSources(app, region=env["AWS_REGION"],
                                    s3_events_queue=s3_events_queue_name(), tick_seconds=tick_seconds,
                                    threads_per_queue=int(concurrency) if concurrency.isdigit() else None,
                                    job_lines=True)
        sources.start()
        _wait_for(f"http://127.0.0.1:{api_port}/api/v1/rcs/health", api, "chalice local")
        print(banner(api_port, moto_port, verbose), flush=True)
        while not stopping:
            if any(child.poll() is not None for child in children):
                raise SystemExit("a child process of the local stack exited; stopping")
            time.sleep(0.2)
    finally:
        if sources is not None:
            sources.close()
        for child in reversed(children):
            _stop(child)


if __name__ == "__main__":
    main()
