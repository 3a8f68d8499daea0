"""Mixed read/write load on the service: one instance on SQLite, one and two instances sharing PostgreSQL.

In one run, on the same machine and the same kind of requests, it serves:

* ``sqlite``: one uvicorn instance (``--workers`` workers) over a fresh SQLite store;
* ``pg x1``: one such instance over a fresh PostgreSQL + PostGIS schema;
* ``pg x2``: two such instances over one fresh schema, the clients spread over both (a load balancer's
  round robin, connection by connection).

Every store starts with ``--seed-documents`` documents.  Client threads then send, over keep-alive
connections to 127.0.0.1 (so that writes need no API key; the rate limit is off), a seeded mix of
``/places/search`` for a populated place, ``/near`` around a point near one, ``GET /documents/{id}`` of a
stored document and ``POST /documents`` of a short text generated here naming two or three such places.
Each line gives requests/s, p50 and p99 over all requests, then p50/p99 per kind; after each run the
documents stored are counted against the writes answered 201.

PostgreSQL comes from ``--postgres URL`` (a database with PostGIS; each run gets a schema of its own,
dropped afterwards) or ``GAZETTEER_TEST_POSTGRES``, which ``bash scripts/postgres.sh`` sets for a throwaway
cluster:

    bash scripts/postgres.sh .venv/bin/python bench/postgres_load.py [--requests 1500] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import random
import secrets
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]
from service_load import populated_places, server, warm_up, workload  # noqa: E402  (the service load helpers)

if TYPE_CHECKING:
    from gazetteer.application import GazetteerAPI

KINDS = ("search", "near", "read", "write")
"""The kinds of request, in report order."""
MIX = (0.3, 0.3, 0.2, 0.2)
"""The share of each kind in the load."""
CONNECTOR = ("met delegates from", "sent aid to", "reported shelling near", "opened a road to")
"""Verbs of the generated texts."""


@dataclass(frozen=True, slots=True)
class Request:
    """One request of the load."""

    kind: str
    """One of ``KINDS``."""
    method: str
    """GET or POST."""
    target: str
    """Path and query."""
    body: bytes = b""
    """JSON body of a POST."""


def generated_text(rng: random.Random, names: Sequence[str]) -> dict[str, str]:
    """A short news-like document of our own naming two or three of ``names``."""
    chosen = rng.sample(list(names), rng.randint(2, 3))
    sentences = [
        f"Officials in {a} {rng.choice(CONNECTOR)} {b} on {rng.randint(1, 28)} May."
        for a, b in itertools.pairwise(chosen)
    ]
    return {"text": " ".join(sentences), "title": f"Brief {rng.randint(1, 10**6)}", "date": "2024-05-30"}


def load(places: Sequence[tuple[str, float, float]], count: int, seed: int, documents: int) -> list[Request]:
    """``count`` requests in the ``MIX``, reads of documents among the first ``documents`` ids."""
    rng = random.Random(seed)
    reads = workload(places, count, seed)
    names = [name for name, _, _ in places]
    found: list[Request] = []
    for n in range(count):
        kind = rng.choices(KINDS, MIX)[0]
        if kind == "write":
            found.append(Request(kind, "POST", "/documents", json.dumps(generated_text(rng, names)).encode()))
        elif kind == "read":
            found.append(Request(kind, "GET", f"/documents/{rng.randint(1, documents)}"))
        else:
            found.append(Request(kind, "GET", (reads.search if kind == "search" else reads.near)[n]))
    return found


@dataclass(slots=True)
class Outcome:
    """What a run measured."""

    seconds: float
    latencies: dict[str, list[float]]
    errors: int
    written: int

    def line(self, name: str) -> str:
        every = sorted(t for kind in KINDS for t in self.latencies[kind])
        total = len(every) + self.errors
        kinds = "  ".join(
            f"{kind} {_ms(self.latencies[kind], 0.5)}/{_ms(self.latencies[kind], 0.99)}" for kind in KINDS
        )
        return (
            f"{name:<7} {total:>5} req {self.errors:>3} errors {total / self.seconds:7.1f} req/s  "
            f"p50 {_ms(every, 0.5)} ms  p99 {_ms(every, 0.99)} ms   p50/p99 ms: {kinds}"
        )


def _ms(values: Sequence[float], share: float) -> str:
    if not values:
        return "-"
    ordered = sorted(values)
    return f"{ordered[min(len(ordered) - 1, int(len(ordered) * share))] * 1000:.1f}"


def run(ports: Sequence[int], requests: Sequence[Request], concurrency: int, per_connection: int) -> Outcome:
    """Send every request once from ``concurrency`` threads, each moving to the next port every
    ``per_connection`` requests."""
    latencies: dict[str, list[float]] = {kind: [] for kind in KINDS}
    counts = {"errors": 0, "written": 0}
    lock = threading.Lock()
    turn = iter(range(len(requests)))

    def client(number: int) -> None:
        sent, port = 0, number % len(ports)
        connection = http.client.HTTPConnection("127.0.0.1", ports[port], timeout=60)
        while (n := _next(lock, turn)) is not None:
            sent += 1
            if sent % per_connection == 0:
                connection.close()
                port = (port + 1) % len(ports)
                connection = http.client.HTTPConnection("127.0.0.1", ports[port], timeout=60)
            request = requests[n]
            started = time.perf_counter()
            try:
                headers = {"Content-Type": "application/json"} if request.body else {}
                connection.request(request.method, request.target, request.body or None, headers)
                response = connection.getresponse()
                response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                status = 0
                connection.close()
            elapsed = time.perf_counter() - started
            with lock:
                if status in (200, 201):
                    latencies[request.kind].append(elapsed)
                    counts["written"] += status == 201
                else:
                    counts["errors"] += 1
        connection.close()

    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return Outcome(time.perf_counter() - began, latencies, counts["errors"], counts["written"])


def _next(lock: threading.Lock, turn: Iterator[int]) -> int | None:
    with lock:
        return next(turn, None)


@contextmanager
def fresh_schema(server_url: str) -> Iterator[str]:
    """The URL of a new schema of the database at ``server_url``, dropped when the block ends."""
    import psycopg

    schema = f"bench_{secrets.token_hex(4)}"
    with psycopg.connect(server_url, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in server_url else "?"
    try:
        yield f"{server_url}{separator}options={quote(f'-csearch_path={schema},public')}"
    finally:
        with psycopg.connect(server_url, autocommit=True) as admin:
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


def api_on(store: str) -> GazetteerAPI:
    """The application layer over the store at ``store`` (a file or a URL)."""
    from gazetteer.application import GazetteerAPI
    from gazetteer.settings import is_store_url, load_settings

    settings = load_settings()
    settings = replace(settings, store_url=store) if is_store_url(store) else replace(settings, store_path=Path(store))
    return GazetteerAPI(settings)


def seeded(store: str, names: Sequence[str], documents: int, seed: int) -> None:
    """Put ``documents`` generated documents in the store (parsed by this process)."""
    rng = random.Random(seed)
    with api_on(store) as api:
        for _ in range(documents):
            fields = generated_text(rng, names)
            api.ingest(fields["text"], title=fields["title"], date=fields["date"])


def stored(store: str) -> int:
    """How many documents the store holds."""
    with api_on(store) as api:
        return api.count_documents()


def scenario(name: str, store: str, instances: int, requests: Sequence[Request], args: argparse.Namespace) -> None:
    """Serve ``store`` from ``instances`` instances, warm them up, run the load, print the line and the check."""
    env = {"GAZETTEER_STORE": store, "GAZETTEER_RATE_LIMIT": "0"}
    before = stored(store)
    with ExitStack() as stack:
        app = "service.app:create_app"
        served = [stack.enter_context(server(app, args.workers, env, False)) for _ in range(instances)]
        warm = [r.target for r in requests[-60:] if r.method == "GET"]
        for port, pid in served:
            warm_up(port, pid, args.workers, warm, connections=4 * args.workers)
        outcome = run([port for port, _ in served], requests, args.concurrency, args.per_connection)
    after = stored(store)
    print(outcome.line(name))
    print(f"{'':<7} {outcome.written} writes answered 201; the store gained {after - before} documents")


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--postgres", default=os.environ.get("GAZETTEER_TEST_POSTGRES"), help="database with PostGIS")
    parser.add_argument("--requests", type=int, default=1500, help="requests per scenario")
    parser.add_argument("--concurrency", type=int, default=8, help="client threads")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn workers per instance")
    parser.add_argument("--per-connection", type=int, default=10, help="requests per keep-alive connection")
    parser.add_argument("--seed-documents", type=int, default=200, help="documents in each store at the start")
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args(argv)
    if not args.postgres:
        parser.error("no PostgreSQL: give --postgres URL or run under scripts/postgres.sh")
    from gazetteer.application import GazetteerAPI

    with GazetteerAPI() as api:
        places = populated_places(api)
    names = [name for name, _, _ in places]
    requests = load(places, args.requests, args.seed, args.seed_documents)
    shares = ", ".join(f"{kind} {share:.0%}" for kind, share in zip(KINDS, MIX, strict=True))
    print(
        f"{len(requests)} requests per scenario ({shares}); {args.concurrency} client threads; "
        f"{args.workers} workers per instance; {args.seed_documents} documents stored first; {os.cpu_count()} CPUs"
    )
    with tempfile.TemporaryDirectory() as folder:
        lite = str(Path(folder) / "store.sqlite")
        seeded(lite, names, args.seed_documents, args.seed)
        scenario("sqlite", lite, 1, requests, args)
    for name, instances in (("pg x1", 1), ("pg x2", 2)):
        with fresh_schema(args.postgres) as url:
            seeded(url, names, args.seed_documents, args.seed)
            scenario(name, url, instances, requests, args)


if __name__ == "__main__":
    main()
