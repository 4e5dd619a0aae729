"""The local stack, started exactly as `make run` starts it (`python -m infra.local`), on free ports."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

PROJECT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class Stack:
    base: str
    process: subprocess.Popen[bytes]
    log: Path
    moto: str = ""  # the moto server's base URL (its /moto-api/data.json shows e.g. the SMS sent)

    def token(self, account: str, *, admin: bool = False) -> str:
        command = [sys.executable, "-m", "infra.local.token", account] + (["--admin"] if admin else [])
        return subprocess.run(command, cwd=PROJECT, check=True, capture_output=True, text=True).stdout.strip()

    def client(self, account: str, *, admin: bool = False) -> Callable[..., requests.Response]:
        headers = {"Authorization": f"Bearer {self.token(account, admin=admin)}"}

        def call(method: str, path: str, body: Any = None, **kwargs: Any) -> requests.Response:
            return requests.request(method, f"{self.base}{path}", json=body, headers=headers, timeout=30, **kwargs)

        return call

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def start_stack(tmp: Path, **env: str) -> Stack:
    api_port, moto_port = free_port(), free_port()
    log = tmp / "stack.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "infra.local"], cwd=PROJECT, start_new_session=True,
        stdout=log.open("wb"), stderr=subprocess.STDOUT,
        env={**os.environ, "PORT": str(api_port), "MOTO_PORT": str(moto_port), "TICK_SECONDS": "1",
             "AWS_ENDPOINT_URL": "", **env},
    )
    stack = Stack(f"http://127.0.0.1:{api_port}/api/v1/rcs", process, log, f"http://127.0.0.1:{moto_port}")
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the local stack exited early:\n{log.read_text()[-4000:]}")
        if b"rcs-broadcast local stack: API" in log.read_bytes():
            return stack
        time.sleep(0.2)
    stack.stop()
    raise AssertionError(f"the local stack did not come up:\n{log.read_text()[-4000:]}")


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    # The rate limit is generous here (the test environment's), so polling loops never meet it;
    # tests/functional/api/test_rate_limit.py tests it.
    running = start_stack(tmp_path_factory.mktemp("stack"), RCS_SEND_CHUNK_SIZE="10",
                          RCS_API_RATE_PER_SECOND="1000", RCS_API_BURST="5000")
    yield running
    running.stop()


def wait_for(check: Callable[[], Any], *, timeout: float = 30.0, every: float = 0.25) -> Any:
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {timeout}s (last value: {value!r})")
        time.sleep(every)
