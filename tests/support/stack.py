"""The local stack as `make run` starts it (`python -m infra.local`), on free ports, in a process
group of its own, stopped with SIGINT (then SIGTERM, then SIGKILL) to the whole group."""

from __future__ import annotations

import contextlib
import functools
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
READY = b"rcs-broadcast local stack: API"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _environment(**extra: str) -> dict[str, str]:
    """This process's environment without the tests' own settings (RCS_*, AWS_*): the stack takes
    its own from .chalice/config.json's local stage, as `make run` does."""
    kept = {name: value for name, value in os.environ.items() if not name.startswith(("RCS_", "AWS_"))}
    return {**kept, **extra}


@dataclass
class LocalStack:
    base: str  # http://127.0.0.1:<port>/api/v1/rcs
    process: subprocess.Popen[bytes]
    log: Path

    def token(self, account: str, *, admin: bool = False) -> str:
        """What `make -s token ACCOUNT=… [ADMIN=1]` prints."""
        command = [sys.executable, "-m", "infra.local.token", account, *(["--admin"] if admin else [])]
        done = subprocess.run(command, cwd=PROJECT, env=_environment(), check=True, capture_output=True, text=True,
                              timeout=60)
        return done.stdout.strip()

    def tail(self, size: int = 4000) -> str:
        return self.log.read_bytes()[-size:].decode(errors="replace")

    def stop(self) -> None:
        """SIGINT to the group (Ctrl-C, as a person stops `make run`); SIGTERM, then SIGKILL, if it
        does not end. infra.local starts moto and chalice local in sessions of their own and stops
        them itself; any that outlive it get the same treatment, group by group."""
        children = _children(self.process.pid)
        _end_group(self.process.pid, lambda: self.process.poll() is not None, self.process.wait)
        for child in children:
            _end_group(child, functools.partial(_gone, child), functools.partial(_wait_gone, child))


def _children(pid: int) -> list[int]:
    try:
        return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(") ")[-1].startswith("Z"))


def _gone(pid: int) -> bool:
    return not _alive(pid)


def _wait_gone(pid: int, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while _alive(pid):
        if time.monotonic() > deadline:
            raise subprocess.TimeoutExpired(str(pid), timeout)
        time.sleep(0.1)


def _end_group(pgid: int, ended: Callable[[], bool], wait: Callable[[float], object]) -> None:
    for sig, seconds in ((signal.SIGINT, 30.0), (signal.SIGTERM, 10.0), (signal.SIGKILL, 10.0)):
        if ended():
            return
        try:
            os.killpg(pgid, sig)
        except ProcessLookupError:
            return
        with contextlib.suppress(subprocess.TimeoutExpired):
            wait(seconds)


def start_local_stack(log_dir: Path, *, api_port: int | None = None, moto_port: int | None = None,
                      tick_seconds: float = 1.0, timeout: float = 120.0, **env: str) -> LocalStack:
    api_port, moto_port = api_port or free_port(), moto_port or free_port()
    log = log_dir / "local-stack.log"
    process = subprocess.Popen(
        [sys.executable, "-m", "infra.local"], cwd=PROJECT, start_new_session=True,
        stdout=log.open("wb"), stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
        env=_environment(PORT=str(api_port), MOTO_PORT=str(moto_port), TICK_SECONDS=str(tick_seconds), **env),
    )
    stack = LocalStack(f"http://127.0.0.1:{api_port}/api/v1/rcs", process, log)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"the local stack exited with {process.returncode}:\n{stack.tail()}")
        if READY in log.read_bytes():
            return stack
        time.sleep(0.2)
    stack.stop()
    raise AssertionError(f"the local stack did not come up within {timeout:.0f}s:\n{stack.tail()}")
