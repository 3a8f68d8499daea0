"""Load test of the service: requests/s and p50/p99 latency of search and near under concurrency.

Starts uvicorn on a free 127.0.0.1 port over a temporary store (the index is
the usual one, built on first use), warms it up, then sends a bounded number
of requests per endpoint from a pool of threads, and stops the server.

    python bench/service_load.py --requests 600 --concurrency 8
"""

from __future__ import annotations

import argparse
import itertools
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from serving import uvicorn_process  # noqa: E402  (a test helper, not part of the product)

NAMES = [
    "Shusha",
    "Khankendi",
    "Stepanakert",
    "Lachin",
    "Kalbajar",
    "Baku",
    "Ganja",
    "Goris",
    "Agdam",
    "Fuzuli",
    "Şuşa",
    "Xankəndi",
    "Степанакерт",
    "Ստեփանակերտ",
    "Kelbajar",
    "Berdzor",
    "Hadrut",
    "Yerevan",
]
POINTS = [(39.8177, 46.7528), (40.10984, 46.04446), (39.63742, 46.54977), (40.37767, 49.89201), (40.1811, 44.5136)]


@dataclass(frozen=True, slots=True)
class Result:
    """Timings of one endpoint under load."""

    name: str
    """Which endpoint."""
    latencies: list[float]
    """Seconds per successful request."""
    errors: int
    """Requests that failed or did not answer 200."""
    seconds: float
    """Wall time of the run."""

    def line(self) -> str:
        """One report line."""
        ordered = sorted(self.latencies) or [float("nan")]
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        rate = len(self.latencies) / self.seconds if self.seconds else 0.0
        return (
            f"{self.name:<8} {len(self.latencies):>6} ok {self.errors:>4} errors  {rate:8.1f} req/s  "
            f"p50 {statistics.median(ordered) * 1000:7.1f} ms  p99 {p99 * 1000:7.1f} ms"
        )


def server(store: Path, workers: int) -> AbstractContextManager[str]:
    """A uvicorn process of the service on 127.0.0.1; its base URL."""
    served: AbstractContextManager[str] = uvicorn_process({"GAZETTEER_STORE": str(store)}, workers=workers)
    return served


def requests_for(name: str) -> Callable[[int], tuple[str, dict[str, Any]]]:
    """The n-th request of an endpoint, cycling through sample queries."""
    if name == "search":
        return lambda n: ("/places/search", {"q": NAMES[n % len(NAMES)], "size": 10})
    return lambda n: (
        "/near",
        {
            "lat": POINTS[n % len(POINTS)][0],
            "lon": POINTS[n % len(POINTS)][1],
            "radius_km": 25 + 10 * (n % 4),
            "limit": 100,
        },
    )


def run(base: str, name: str, count: int, concurrency: int, max_seconds: float) -> Result:
    """Send ``count`` requests with ``concurrency`` threads, stopping early after ``max_seconds``."""
    make = requests_for(name)
    latencies: list[float] = []
    errors = itertools.count()
    lock = threading.Lock()
    local = threading.local()
    stop_at = time.monotonic() + max_seconds

    def one(n: int) -> None:
        if time.monotonic() > stop_at:
            return
        client = getattr(local, "client", None) or httpx.Client(base_url=base, timeout=30)
        local.client = client
        path, params = make(n)
        started = time.perf_counter()
        try:
            ok = client.get(path, params=params).status_code == 200
        except httpx.HTTPError:
            ok = False
        elapsed = time.perf_counter() - started
        with lock:
            latencies.append(elapsed) if ok else next(errors)

    began = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(one, range(count)))
    return Result(name, latencies, next(errors), time.perf_counter() - began)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=600, help="requests per endpoint")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    parser.add_argument("--max-seconds", type=float, default=60.0, help="time limit per endpoint")
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, server(Path(folder) / "store.sqlite", args.workers) as base:
        warm = time.perf_counter()
        for name in ("search", "near"):
            for n in range(len(NAMES)):
                path, params = requests_for(name)(n)
                httpx.get(base + path, params=params, timeout=300).raise_for_status()
        print(f"warm-up (index open, spatial index built): {time.perf_counter() - warm:.1f} s")
        print(f"{args.requests} requests per endpoint, {args.concurrency} threads, {args.workers} worker(s)")
        for name in ("search", "near"):
            print(run(base, name, args.requests, args.concurrency, args.max_seconds).line())


if __name__ == "__main__":
    main()
