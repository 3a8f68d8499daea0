"""Benchmark: ``GET /map`` with 6 clients in parallel over a store of 10,000 documents, cold, cached and revalidated.

Usage: ``python bench/map_load.py [--documents 10000] [--clients 6] [--urls 120] [--requests 600] [--seed 0]``

Builds a temporary store of ``--documents`` generated documents: short texts
written here (no corpus text) that name 2 to 6 populated places of the South
Caucasus taken from the gazetteer index, dated over 2022-2024, stored through
the application layer's ``add_document`` with their mentions made here.  Then
starts uvicorn over it and runs ``--clients`` threads, each with its own
keep-alive connection, taking ``gzip`` as browsers do, in three phases:

* **cold**: ``--urls`` distinct filter combinations (all documents, document
  lists, a place, date ranges, bounding boxes, caps, and mixes of them), each
  asked once, split among the clients: every page is rendered by the server;
* **cached**: ``--requests`` requests for those pages, at random: served from
  the server's page cache;
* **revalidated**: the same with ``If-None-Match``: 304 without a body.

Prints for each phase p50/p99/max latency, bytes per response (on the wire
and unpacked), statuses; then the server's RSS (sampled every 0.1 s: before
the load, peak, after), beside the goal (p99 < 300 ms, RSS < 800 MB).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import httpx  # noqa: E402
import psutil  # noqa: E402
from serving import free_port, running  # noqa: E402

from gazetteer.application import GazetteerAPI  # noqa: E402
from gazetteer.records import Mention, Place  # noqa: E402
from gazetteer.settings import load_settings  # noqa: E402

GOAL_P99_MS = 300.0
GOAL_RSS_MB = 800.0
REGION = (43.0, 38.3, 50.5, 42.5)
"""west, south, east, north of the places the documents name (Azerbaijan, Armenia, Georgia)."""
PLACES = 1500
"""Distinct places the documents draw from (the most populous of the region)."""
FIRST_DAY = dt.date(2022, 1, 1)
DAYS = 3 * 365
OPENINGS = (
    "Officials in {0} met delegates from {1} on Tuesday.",
    "A convoy left {0} at dawn and reached {1} by noon.",
    "Farmers near {0} said water from {1} came late this year.",
    "The road between {0} and {1} reopened after repairs.",
    "Teachers from {0} visited schools in {1}.",
)
FOLLOW_UPS = (
    " Residents of {0} welcomed the news.",
    " Buses to {0} run twice a day now.",
    " A market in {0} opened its doors again.",
    " The council of {0} asked for more funds.",
)


def region_places(api: GazetteerAPI, most: int) -> list[Place]:
    """The ``most`` most populous populated places of the region, from the gazetteer index."""
    west, south, east, north = REGION
    found = [
        place
        for place in api.gazetteer.index.iter_places()
        if place.feature_class == "P" and west <= place.lon <= east and south <= place.lat <= north
    ]
    return sorted(found, key=lambda p: (-p.population, p.id))[:most]


def document(rng: random.Random, places: Sequence[Place]) -> tuple[str, list[Mention], str]:
    """A short generated text naming 2 to 6 places, its mentions, and its date."""
    chosen = rng.sample(places, rng.randint(2, 6))
    text = rng.choice(OPENINGS).format(chosen[0].name, chosen[1].name)
    for place in chosen[2:]:
        text += rng.choice(FOLLOW_UPS).format(place.name)
    mentions, position = [], 0
    for place in chosen:
        start = text.index(place.name, position)
        position = start + len(place.name)
        mentions.append(Mention(start, position, place.name, place, 0.9))
    return text, mentions, (FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))).isoformat()


def fill(api: GazetteerAPI, count: int, places: Sequence[Place], rng: random.Random) -> None:
    """Store ``count`` generated documents through the application layer."""
    for i in range(count):
        text, mentions, date = document(rng, places)
        api.add_document(text, mentions, title=f"Report {i + 1}", date=date)


def filter_urls(rng: random.Random, count: int, documents: int, places: Sequence[Place]) -> list[str]:
    """``count`` distinct ``/map`` URLs over varied filter combinations."""

    def day() -> dt.date:
        return FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))

    def dates() -> str:
        start = day()
        return f"from={start}&to={start + dt.timedelta(days=rng.choice((7, 30, 90, 365)))}"

    def bbox() -> str:
        west, south = rng.uniform(REGION[0], REGION[2] - 1), rng.uniform(REGION[1], REGION[3] - 1)
        size = rng.choice((0.3, 0.8, 1.5, 3.0))
        return f"bbox={west:.2f},{south:.2f},{min(west + size, 180):.2f},{min(south + size, 90):.2f}"

    def docs() -> str:
        return "&".join(f"document={rng.randint(1, documents)}" for _ in range(rng.randint(1, 5)))

    def place() -> str:
        return f"place={rng.choice(places[:200]).id}"

    def cap() -> str:
        return f"max_markers={rng.choice((20, 50, 200, 500))}"

    makers: list[Callable[[], str]] = [
        dates, bbox, docs, place, cap,
        lambda: f"{bbox()}&{dates()}", lambda: f"{place()}&{dates()}", lambda: f"{bbox()}&{cap()}",
        lambda: f"{dates()}&{cap()}", lambda: f"{docs()}&{bbox()}",
    ]  # fmt: skip
    urls = {"/map"}
    while len(urls) < count:
        urls.add(f"/map?{rng.choice(makers)()}")
    return sorted(urls)


@dataclass
class Phase:
    """What the clients saw in one phase."""

    name: str
    seconds: list[float] = field(default_factory=list)
    wire: list[int] = field(default_factory=list)
    unpacked: list[int] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, response: httpx.Response, seconds: float) -> None:
        with self.lock:
            self.seconds.append(seconds)
            self.wire.append(response.num_bytes_downloaded)
            self.unpacked.append(len(response.content))
            self.statuses[response.status_code] = self.statuses.get(response.status_code, 0) + 1

    def line(self) -> str:
        ms = sorted(1000 * s for s in self.seconds)
        p99 = ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]
        return (
            f"{self.name:<12} {len(ms):>5} requests  p50 {statistics.median(ms):7.1f} ms  p99 {p99:7.1f} ms  "
            f"max {ms[-1]:7.1f} ms  bytes/response: wire {statistics.mean(self.wire) / 1024:6.1f} KiB, "
            f"unpacked {statistics.mean(self.unpacked) / 1024:6.1f} KiB  statuses {self.statuses}  "
            f"goal p99 < {GOAL_P99_MS:.0f} ms: {'OK' if p99 < GOAL_P99_MS else 'MISSED'}"
        )


def run_clients(base: str, jobs: Sequence[Sequence[tuple[str, dict[str, str]]]], phase: Phase) -> None:
    """One thread per job list, each over its own keep-alive connection."""

    def client(job: Sequence[tuple[str, dict[str, str]]]) -> None:
        with httpx.Client(base_url=base, timeout=120, trust_env=False) as http:
            for url, headers in job:
                started = time.perf_counter()
                response = http.get(url, headers=headers)
                phase.record(response, time.perf_counter() - started)

    threads = [threading.Thread(target=client, args=(job,)) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


class RssSampler:
    """The resident memory of a process and its children (the workers), sampled every 0.1 s in a thread."""

    def __init__(self, pid: int) -> None:
        self.process = psutil.Process(pid)
        self.samples: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append(self.total())
            self._stop.wait(0.1)

    def total(self) -> int:
        """The resident memory now, in bytes, of the process and all its children."""
        return sum(p.memory_info().rss for p in (self.process, *self.process.children(recursive=True)))

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=10_000)
    parser.add_argument("--clients", type=int, default=6)
    parser.add_argument("--urls", type=int, default=120, help="Distinct filter combinations (cold pages).")
    parser.add_argument("--requests", type=int, default=600, help="Requests of the cached and revalidated phases.")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1, help="uvicorn worker processes (each has its own cache).")
    parser.add_argument("--index", type=Path, default=None, help="Gazetteer index (default: the usual one).")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    index = args.index or load_settings().index_path
    with tempfile.TemporaryDirectory() as folder:
        settings = replace(load_settings(Path(folder)), index_path=index)
        started = time.perf_counter()
        with GazetteerAPI(settings) as api:
            places = region_places(api, PLACES)
            fill(api, args.documents, places, rng)
            mentions = sum(len(api.document_mentions(d.id)) for d in api.documents(limit=1000))
        print(
            f"store: {args.documents} generated documents naming {len(places)} places "
            f"(~{mentions / 1000:.1f} mentions a document), built in {time.perf_counter() - started:.0f} s"
        )
        urls = filter_urls(rng, args.urls, args.documents, places)
        env = {"GAZETTEER_STORE": str(settings.store_path), "GAZETTEER_INDEX": str(index),
               "GAZETTEER_HOME": folder, "GAZETTEER_RATE_LIMIT": "0"}  # fmt: skip
        port = free_port()
        command = [sys.executable, "-m", "uvicorn", "--factory", "service.app:create_app", "--host", "127.0.0.1",
                   "--port", str(port), "--log-level", "warning", "--workers", str(args.workers)]  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        with running(command, env, f"{base}/openapi.json") as pid:
            httpx.get(f"{base}/map/basemap.geojson?box=40,36,54,46&detail=44,38,50,42", trust_env=False)  # warm-up
            with RssSampler(pid) as rss:
                before = rss.total()
                cold = Phase("cold")
                run_clients(base, [[(u, {}) for u in urls[i :: args.clients]] for i in range(args.clients)], cold)
                etags = {u: httpx.get(base + u, trust_env=False).headers["etag"] for u in urls}
                cached, revalidated = Phase("cached"), Phase("revalidated")
                picks = [rng.choice(urls) for _ in range(args.requests)]
                run_clients(base, [[(u, {}) for u in picks[i :: args.clients]] for i in range(args.clients)], cached)
                revalidations = [[(u, {"If-None-Match": etags[u]}) for u in picks[i :: args.clients]]
                                 for i in range(args.clients)]  # fmt: skip
                run_clients(base, revalidations, revalidated)
                after = rss.total()
            peak = max(rss.samples)
    workers = f"{args.workers} uvicorn worker{'s' if args.workers > 1 else ''}"
    print(f"{args.clients} clients in parallel, {len(urls)} distinct filter combinations, {workers}")
    for phase in (cold, cached, revalidated):
        print(phase.line())
    mb = 1024 * 1024
    print(
        f"server RSS: {before / mb:.0f} MB before the load, peak {peak / mb:.0f} MB, {after / mb:.0f} MB after; "
        f"goal < {GOAL_RSS_MB:.0f} MB: {'OK' if peak / mb < GOAL_RSS_MB else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
