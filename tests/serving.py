"""The service as a separate uvicorn process on a free loopback port (for tests and benchmarks).

Benchmarks import it with ``tests/`` on their path; it is no part of the product.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
_DIRECT = urllib.request.build_opener(urllib.request.ProxyHandler({}))
"""Requests to the local server never go through a proxy from the environment."""


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float = 120.0) -> None:
    """Return once ``url`` answers; raise if the process exits or time runs out."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"uvicorn exited with {process.returncode}")
        try:
            with _DIRECT.open(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer within {seconds} s")


@contextmanager
def running(
    command: Sequence[str], env: Mapping[str, str], ready_url: str, *, log: IO[bytes] | None = None
) -> Iterator[int]:
    """Run ``command`` from the project root with ``env`` added, until ``ready_url`` answers; yields its pid.

    The process is terminated (killed after 20 s) when the block ends.
    """
    process = subprocess.Popen(
        list(command), cwd=ROOT, env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT if log else None
    )
    try:
        wait_until_up(ready_url, process)
        yield process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def uvicorn_process(
    env: Mapping[str, str], *, workers: int = 1, log: IO[bytes] | None = None, ready_path: str = "/openapi.json"
) -> Iterator[str]:
    """Run ``service.app:create_app`` with ``env`` added to the environment; yields the base URL."""
    port = free_port()
    command = [
        sys.executable, "-m", "uvicorn", "--factory", "service.app:create_app",
        "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--workers", str(workers),
    ]  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    with running(command, env, base + ready_path, log=log):
        yield base
