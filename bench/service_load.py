"""Load test of the service: requests/s and p50/p99 latency of /near and /places/search, beside a ceiling.

For each worker count asked (default 1, then 2), starts two uvicorn servers
on free 127.0.0.1 ports: the service over a temporary store (the usual
index), and a constant-JSON FastAPI app (``ceiling_app``: one route, a fixed
body, the same stack), which shows what the machine serves when the handler
does nothing.  Both listen on a socket made here with ``IPPROTO_TCP``
(``serve``): behind the one ``uvicorn --workers 2`` makes, Nagle's algorithm
stays on and every keep-alive response waits some 40 ms for the client's
delayed ACK (``--uvicorn-cli`` shows it).

Each endpoint gets a bounded number of requests from client threads over
keep-alive connections (a small raw-socket HTTP/1.1 client that spends a few
hundredths of a millisecond a request, so that the servers keep the two
cores; each thread reconnects every ``--per-connection`` requests, as
clients come and go, so that the workers share the load), and every request
asks something new:

* ``near``: a 60 km radius around a random point within 30 km of a random
  populated place of the index (1,000 people or more), seeded;
* ``search``: the name of another such random place;
* ``ceiling``: the constant app.

It first times the spatial indexes' build and memory in this process, then
warms every worker up (index open, spatial indexes built: rounds of concurrent
connections until each worker has served and a round is answered fast).  Each line gives
requests/s, p50 and p99 latency, the mean body size, the CPU time per request
of the server (and the share of each worker) and of the client, and the rate
as a share of the ceiling's in the same run.

    python bench/service_load.py [--requests 4000] [--concurrency 8] [--workers 1 2]
"""

from __future__ import annotations

import argparse
import math
import os
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Response

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # the project's packages before the tests' folders of one name
from serving import free_port, running  # noqa: E402  (test helpers, not part of the product)

NEAR_RADIUS_KM = 60.0
JITTER_KM = 30.0
MIN_POPULATION = 1000
CEILING_BODY = b'{"type":"FeatureCollection","features":[]}'
"""What the ceiling app answers to every request."""


def ceiling_app() -> FastAPI:
    """A FastAPI app with one GET route that answers a fixed JSON body: what the stack costs alone."""
    app = FastAPI()

    @app.get("/near")
    def near(lat: float = 0.0, lon: float = 0.0) -> Response:
        return Response(CEILING_BODY, media_type="application/json")

    return app


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
    body_bytes: float
    """Mean size of a response body."""
    server_cpu: list[float] | None = None
    """CPU seconds each server process (each worker) spent during the run."""
    client_cpu: float = 0.0
    """CPU seconds the client (this process) spent during the run."""

    @property
    def rate(self) -> float:
        """Successful requests per second."""
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def line(self, ceiling: Result | None = None) -> str:
        """One report line."""
        ordered = sorted(self.latencies) or [math.nan]
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]
        share = f"  {self.rate / ceiling.rate:6.1%} of ceiling" if ceiling and ceiling.rate else ""
        cpu = ""
        if self.server_cpu and self.latencies:
            total = sum(self.server_cpu)
            split = "/".join(f"{seconds / total:.0%}" for seconds in self.server_cpu if seconds > 0.01 * total)
            cpu = (
                f"  CPU/req server {total / len(self.latencies) * 1000:4.2f} ms ({split}), "
                f"client {self.client_cpu / len(self.latencies) * 1000:4.2f} ms"
            )
        return (
            f"{self.name:<8} {len(self.latencies):>6} ok {self.errors:>4} errors  {self.rate:8.1f} req/s  "
            f"p50 {statistics.median(ordered) * 1000:6.1f} ms  p99 {p99 * 1000:6.1f} ms  "
            f"body {self.body_bytes / 1024:5.1f} KiB{cpu}{share}"
        )


class Connection:
    """One keep-alive HTTP/1.1 connection that sends GETs and reads responses with a Content-Length."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.sock = self._connect()
        self.pending = b""

    def _connect(self) -> socket.socket:
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=30)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return sock

    def get(self, target: str) -> tuple[int, int]:
        """Status and body length of ``GET target``; sent again once on a fresh connection when the server
        closed this one before answering (it closes connections idle for its keep-alive timeout)."""
        request = f"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode("ascii")
        try:
            self.sock.sendall(request)
            self._receive()
        except (ConnectionError, BrokenPipeError):
            if self.pending:
                raise
            self.close()
            self.sock = self._connect()
            self.sock.sendall(request)
            self._receive()
        while b"\r\n\r\n" not in self.pending:
            self._receive()
        head, _, rest = self.pending.partition(b"\r\n\r\n")
        length, closing = _length_of(head)
        while len(rest) < length:
            self.pending = rest
            self._receive()
            rest = self.pending
        self.pending = rest[length:]
        if closing:
            self.close()
            self.sock, self.pending = self._connect(), b""
        return int(head[9:12]), length

    def _receive(self) -> None:
        chunk = self.sock.recv(1 << 20)
        if not chunk:
            raise ConnectionError("the server closed the connection")
        self.pending += chunk

    def close(self) -> None:
        """Close the socket."""
        self.sock.close()


def _length_of(head: bytes) -> tuple[int, bool]:
    length, closing = 0, False
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value)
        elif name.strip().lower() == b"connection" and value.strip().lower() == b"close":
            closing = True
    return length, closing


def run(
    port: int, name: str, targets: Sequence[str], concurrency: int, max_seconds: float, per_connection: int
) -> Result:
    """Send each of ``targets`` once from ``concurrency`` threads, stopping early after ``max_seconds``.

    Each thread opens a new connection every ``per_connection`` requests, as clients come and go: a burst of
    connections opened at once is all accepted by one uvicorn worker, and keep-alive would pin them there.
    """
    latencies: list[float] = []
    sizes: list[int] = []
    errors = 0
    lock = threading.Lock()
    turn = iter(range(len(targets)))
    stop_at = time.monotonic() + max_seconds

    def client() -> None:
        nonlocal errors
        connection = Connection(port)
        sent = 0
        try:
            while time.monotonic() < stop_at:
                with lock:
                    n = next(turn, None)
                if n is None:
                    return
                sent += 1
                if sent % per_connection == 0:
                    connection.close()
                    connection = Connection(port)
                started = time.perf_counter()
                try:
                    status, size = connection.get(targets[n])
                except OSError:
                    status, size = 0, 0
                    connection.close()
                    connection = Connection(port)
                elapsed = time.perf_counter() - started
                with lock:
                    if status == 200:
                        latencies.append(elapsed)
                        sizes.append(size)
                    else:
                        errors += 1
        finally:
            connection.close()

    threads = [threading.Thread(target=client) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Result(name, latencies, errors, time.perf_counter() - began, statistics.fmean(sizes or [0]))


@dataclass(frozen=True, slots=True)
class Workload:
    """The requests of one run, none repeated."""

    near: list[str]
    """``/near`` targets."""
    search: list[str]
    """``/places/search`` targets."""
    ceiling: list[str]
    """Targets of the constant app."""
    warm: list[str]
    """Targets for the warm-up, not reused in the timed runs."""


def workload(places: Sequence[tuple[str, float, float]], count: int, seed: int) -> Workload:
    """``count`` requests per endpoint (and a warm-up set) around and named after random populated places."""
    rng = random.Random(seed)

    def near(n: int) -> list[str]:
        return [f"/near?{urlencode(_jittered(rng, *rng.choice(places)[1:]))}" for _ in range(n)]

    names = [name for name, _, _ in rng.sample(list(places), min(len(places), 2 * count + 100))]
    return Workload(
        near=near(count),
        search=[f"/places/search?{urlencode({'q': name, 'size': 10})}" for name in names[:count]],
        ceiling=[f"/near?lat={n % 90}&lon={n % 180}" for n in range(count)],
        warm=near(60) + [f"/places/search?{urlencode({'q': name})}" for name in names[-60:]],
    )


def _jittered(rng: random.Random, lon: float, lat: float) -> dict[str, float]:
    """A point uniformly within ``JITTER_KM`` of (lon, lat), as near query parameters."""
    from geo.distance import GEOD

    far = JITTER_KM * 1000 * math.sqrt(rng.random())
    to_lon, to_lat, _ = GEOD.fwd(lon, lat, rng.uniform(0, 360), far)
    return {"lat": round(to_lat, 5), "lon": round(to_lon, 5), "radius_km": NEAR_RADIUS_KM}


def populated_places(api: Any) -> list[tuple[str, float, float]]:
    """(name, lon, lat) of the populated places of the index with ``MIN_POPULATION`` people or more."""
    places = api.spatial.places.values()
    return [(p.name, p.lon, p.lat) for p in places if p.feature_class == "P" and p.population >= MIN_POPULATION]


def process_cpu(pid: int) -> list[float]:
    """CPU seconds (user and system) of a server: of each of its worker processes, or of itself without any."""
    children = [
        int(child) for task in Path(f"/proc/{pid}/task").iterdir() for child in (task / "children").read_text().split()
    ]
    return [sum(process_cpu(child)) for child in children] if children else [_cpu_of(pid)]


def _cpu_of(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def measured(pid: int, make: Callable[[], Result]) -> Result:
    """``make()``'s result with the CPU time the server at ``pid`` spent meanwhile."""
    before, own = process_cpu(pid), time.process_time()
    result = make()
    spent = [after - earlier for after, earlier in zip(process_cpu(pid), before, strict=False)]
    return replace(result, server_cpu=spent, client_cpu=time.process_time() - own)


def rss_mib() -> float:
    """Resident memory of this process now, in MiB (Linux ``/proc``)."""
    resident = int(Path("/proc/self/statm").read_text().split()[1])
    return resident * os.sysconf("SC_PAGE_SIZE") / 2**20


def spatial_build(api: Any) -> str:
    """Time and memory of building the spatial indexes (with the places they keep) in this process."""
    before = rss_mib()
    started = time.perf_counter()
    spatial = api.spatial
    seconds = time.perf_counter() - started
    return (
        f"spatial indexes: {len(spatial.points):,} points, {len(spatial.areas):,} areas, "
        f"{len(spatial.historic):,} historic; built in {seconds:.2f} s (index read included), "
        f"RSS +{rss_mib() - before:.0f} MiB"
    )


def serve(app: str, port: int, workers: int) -> None:
    """Run ``app`` (a factory) under uvicorn on 127.0.0.1:``port``, its listening socket made here.

    The socket is made with ``IPPROTO_TCP``: the one uvicorn makes for ``--workers`` N > 1 has protocol 0, so
    asyncio leaves Nagle's algorithm on for every connection and each keep-alive response waits some 40 ms
    for the client's delayed ACK (uvicorn issue 3149).  ``--uvicorn-cli`` measures that way instead.
    """
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(app, factory=True, host="127.0.0.1", port=port, workers=workers, log_level="warning")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.set_inheritable(True)
    if workers > 1:
        Multiprocess(config, sockets=[sock]).run()
    else:
        uvicorn.Server(config).run(sockets=[sock])


@contextmanager
def server(app: str, workers: int, env: dict[str, str], cli: bool) -> Iterator[tuple[int, int]]:
    """``app`` served on a free 127.0.0.1 port (by ``serve``, or by uvicorn's command line); yields port and pid."""
    port = free_port()
    if cli:
        command = [
            sys.executable, "-m", "uvicorn", "--factory", app, "--app-dir", str(ROOT),
            "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning", "--workers", str(workers),
        ]  # fmt: skip
    else:
        command = [sys.executable, __file__, "--serve", app, "--port", str(port), "--workers", str(workers)]
    path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    with running(command, {"PYTHONPATH": path, **env}, f"http://127.0.0.1:{port}/openapi.json") as pid:
        yield port, pid


WARM_ANSWER = 1.0
"""Seconds under which every answer of a warm-up round must come for the server to count as warm."""
WARM_ROUNDS = 20
"""Warm-up rounds at most before giving up."""


def warm_up(port: int, pid: int, workers: int, targets: Sequence[str], connections: int) -> float:
    """Seconds of rounds of ``targets``, each sent from ``connections`` threads at once, until
    ``workers`` processes of the server at ``pid`` have served some of them (their CPU time grew; the
    server may have other children, which do not) and a whole round
    was answered under ``WARM_ANSWER`` (a worker still opening the index or building its spatial indexes
    answers slowly).  A sequential warm-up may reach one worker only: an idle worker takes every new
    connection."""
    started = time.perf_counter()
    before = process_cpu(pid)
    for _ in range(WARM_ROUNDS):
        slowest = _warm_round(port, targets, connections)
        served = [after - earlier for after, earlier in zip(process_cpu(pid), before, strict=False)]
        if slowest < WARM_ANSWER and sum(seconds > 0 for seconds in served) >= workers:
            return time.perf_counter() - started
    raise RuntimeError(f"the server on port {port} was not warm after {WARM_ROUNDS} warm-up rounds")


def _warm_round(port: int, targets: Sequence[str], connections: int) -> float:
    """The slowest answer, in seconds, of ``targets`` shared out over ``connections`` threads at once, each
    request on a new connection (a burst of connections opened at once is all accepted by one worker)."""

    def share(first: int) -> float:
        slowest = 0.0
        for target in targets[first::connections]:
            sent = time.perf_counter()
            connection = Connection(port)
            try:
                status, _ = connection.get(target)
            finally:
                connection.close()
            if status != 200:
                raise RuntimeError(f"warm-up request {target} answered {status}")
            slowest = max(slowest, time.perf_counter() - sent)
        return slowest

    with ThreadPoolExecutor(connections) as pool:
        return max(pool.map(share, range(connections)))


def bench(workers: int, load: Workload, args: argparse.Namespace, store: Path) -> None:
    """The ceiling, then near and search, at one worker count."""
    env = {"GAZETTEER_STORE": str(store), "GAZETTEER_RATE_LIMIT": "0"}  # one client address sends it all
    with (
        server("service.app:create_app", workers, env, args.uvicorn_cli) as (port, pid),
        server("bench.service_load:ceiling_app", workers, {}, args.uvicorn_cli) as (ceiling_port, ceiling_pid),
    ):
        seconds = warm_up(port, pid, workers, load.warm, connections=8 * workers)
        _warm_round(ceiling_port, load.ceiling[-40:], connections=8 * workers)  # nothing to build: one round
        how = "uvicorn's command line" if args.uvicorn_cli else "listening socket with IPPROTO_TCP"
        reuse = args.per_connection
        print(f"\n{workers} worker(s) ({how}), {args.concurrency} client threads; warm-up {seconds:.1f} s")
        ceiling = measured(
            ceiling_pid, partial(run, ceiling_port, "ceiling", load.ceiling, args.concurrency, args.max_seconds, reuse)
        )
        print(ceiling.line())
        for name, targets in (("near", load.near), ("search", load.search)):
            if name not in args.endpoints:
                continue
            result = measured(pid, partial(run, port, name, targets, args.concurrency, args.max_seconds, reuse))
            print(result.line(ceiling))


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--requests", type=int, default=4000, help="requests per endpoint and worker count")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads (one connection each)")
    parser.add_argument("--max-seconds", type=float, default=30.0, help="time limit per endpoint")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="uvicorn worker counts to run")
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--per-connection", type=int, default=10, help="requests per keep-alive connection")
    parser.add_argument("--endpoints", nargs="+", choices=("near", "search"), default=["near", "search"])
    parser.add_argument("--uvicorn-cli", action="store_true", help="serve with `uvicorn --workers N` (Nagle left on)")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve(args.serve, args.port, args.workers[0])
        return
    from gazetteer.application import GazetteerAPI

    with tempfile.TemporaryDirectory() as folder:
        with GazetteerAPI() as api:
            print(spatial_build(api))
            places = populated_places(api)
        loads = {w: workload(places, args.requests, args.seed + w) for w in args.workers}
        print(f"{len(places):,} populated places to draw from; near radius {NEAR_RADIUS_KM:g} km, no request repeated")
        for workers in args.workers:
            bench(workers, loads[workers], args, Path(folder) / f"store-{workers}.sqlite")


if __name__ == "__main__":
    main()
