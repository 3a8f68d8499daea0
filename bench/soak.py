"""Soak test: mixed load with writes against a live server, its memory, file descriptors and latency sampled.

Starts ``gazetteer serve`` on a free 127.0.0.1 port over a fresh store (the
usual index), with keys required on writes and a write key made for the run
through the application layer, and the rate limit off (every request comes
from one address).  Client threads then send, for ``--minutes``, a mix of

* ``POST /documents`` of small synthetic news texts (``bench/synthetic_news.py``, seeded), drawn
  from a pool of ``--texts`` that the warm-up ingests once, so that the geoparser's caches (bounded,
  but large) are warm before the first sample and what grows after is what the load leaves behind,
* ``POST /events``, ``PUT`` and ``DELETE`` of the thread's own events,
* ``GET /places/search`` of names drawn from the index, ``GET /near`` around random points,

and every ``--interval`` seconds the server's RSS, open file descriptors,
the window's requests, p50/p99 latency and errors are printed.  The verdict
compares the mean RSS and descriptors of the first and last thirds of the
samples: it holds when RSS grew less than ``--max-rss-growth`` (a share),
descriptors by at most ``MAX_FD_GROWTH``, and no request failed.

    python bench/soak.py [--minutes 10] [--threads 4] [--interval 10] [--seed 0]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # the project's packages before the tests' folders of one name
from serving import free_port, running  # noqa: E402  (test helpers, not part of the product)

MAX_FD_GROWTH = 5
"""Most open descriptors the last third may hold beyond the first (connections come and go)."""
WEIGHTS = {"search": 35, "near": 30, "document": 8, "create": 10, "replace": 9, "delete": 8}
"""Share of each kind of request in the mix."""
EXPECTED = {"search": 200, "near": 200, "document": 201, "create": 201, "replace": 200, "delete": 204}
"""The status each kind of request must get."""
NEAR_RADIUS_KM = 40.0
MAX_DOCUMENT_CHARS = 1500
"""Texts are cut to this many characters: small documents, many of them."""
REGION = ("AZ", "AM", "GE", "TR", "IR")
"""Countries whose place names are searched for."""


@dataclass
class Window:
    """What the clients measured since the last sample."""

    latencies: list[float] = field(default_factory=list)
    """Seconds per request, all kinds."""
    errors: Counter[str] = field(default_factory=Counter)
    """Failed requests by kind and status (or exception)."""


@dataclass(frozen=True, slots=True)
class Sample:
    """One sample of the server and the load."""

    seconds: float
    """Since the load began."""
    rss_mib: float
    """Server resident memory, MiB."""
    fds: int
    """Server open file descriptors."""
    requests: int
    """Requests in the window."""
    p50_ms: float
    """Median latency in the window."""
    p99_ms: float
    """99th percentile latency in the window."""
    errors: int
    """Failed requests in the window."""

    def line(self) -> str:
        """One report line."""
        return (
            f"{self.seconds:6.0f} s  rss {self.rss_mib:7.1f} MiB  fds {self.fds:4d}  {self.requests:6d} req  "
            f"p50 {self.p50_ms:7.1f} ms  p99 {self.p99_ms:7.1f} ms  errors {self.errors}"
        )


class Recorder:
    """The clients' shared window, swapped out at each sample."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.window = Window()
        self.all_errors: Counter[str] = Counter()

    def record(self, seconds: float, kind: str, outcome: int | str) -> None:
        """One request: its latency, and its outcome when it is not the expected status."""
        with self.lock:
            self.window.latencies.append(seconds)
            if outcome != EXPECTED[kind]:
                self.window.errors[f"{kind} {outcome}"] += 1
                self.all_errors[f"{kind} {outcome}"] += 1

    def swap(self) -> Window:
        """The window so far; a new one begins."""
        with self.lock:
            window, self.window = self.window, Window()
        return window


def percentile(ordered: list[float], share: float) -> float:
    """The value below which ``share`` of the sorted values lie (nan for none)."""
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else float("nan")


class Client:
    """One client thread's requests, with its own random generator and events."""

    def __init__(self, base: str, secret: str, texts: list[str], names: list[str], seed: int) -> None:
        import httpx

        self.http = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {secret}"}, timeout=60)
        self.rng = random.Random(seed)
        self.texts = texts
        self.names = names
        self.events: list[int] = []

    def request(self, kind: str) -> tuple[int, str]:
        """Send one request of ``kind``; its status, and the kind sent (with no event of its own, a create)."""
        rng = self.rng
        if kind in ("replace", "delete") and not self.events:
            kind = "create"
        if kind == "search":
            response = self.http.get("/places/search", params={"q": rng.choice(self.names), "limit": 5})
        elif kind == "near":
            point = {"lat": rng.uniform(36.5, 44.5), "lon": rng.uniform(38.0, 51.0), "radius_km": NEAR_RADIUS_KM}
            response = self.http.get("/near", params=point | {"limit": 20})
        elif kind == "document":
            response = self.http.post("/documents", json={"text": rng.choice(self.texts), "title": "Soak"})
        elif kind == "create":
            response = self.http.post("/events", json=self._event())
            if response.status_code == 201:
                self.events.append(response.json()["id"])
        elif kind == "replace":
            response = self.http.put(f"/events/{rng.choice(self.events)}", json=self._event())
        else:
            response = self.http.delete(f"/events/{self.events.pop(rng.randrange(len(self.events)))}")
        return response.status_code, kind

    def _event(self) -> dict[str, Any]:
        rng = self.rng
        day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        where = {"lat": round(rng.uniform(38.5, 41.9), 5), "lon": round(rng.uniform(44.8, 50.4), 5)}
        return {"title": f"Soak event {rng.randint(1, 10**6)}", "date": day, "radius_km": rng.uniform(1, 50)} | where

    def run(self, until: float, recorder: Recorder) -> None:
        """Send requests of the mix until ``until`` (monotonic seconds)."""
        kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
        with self.http:
            while time.monotonic() < until:
                kind = self.rng.choices(kinds, weights)[0]
                started = time.monotonic()
                try:
                    status, kind = self.request(kind)
                except Exception as error:  # a failed request is counted, and the soak goes on
                    recorder.record(time.monotonic() - started, kind, type(error).__name__)
                    continue
                recorder.record(time.monotonic() - started, kind, status)


def sample(process: Any, recorder: Recorder, began: float) -> Sample:
    """The server's memory and descriptors now, and the clients' window since the last sample."""
    window = recorder.swap()
    ordered = sorted(window.latencies)
    return Sample(
        seconds=time.monotonic() - began,
        rss_mib=process.memory_info().rss / 2**20,
        fds=process.num_fds(),
        requests=len(ordered),
        p50_ms=percentile(ordered, 0.5) * 1000,
        p99_ms=percentile(ordered, 0.99) * 1000,
        errors=sum(window.errors.values()),
    )


def verdict(samples: list[Sample], errors: Counter[str], max_rss_growth: float) -> tuple[bool, str]:
    """Whether the run shows no growth and no error, and the line that says so."""
    third = max(1, len(samples) // 3)
    first, last = samples[:third], samples[-third:]
    rss_first, rss_last = (statistics.fmean(s.rss_mib for s in part) for part in (first, last))
    fds_first, fds_last = (statistics.fmean(s.fds for s in part) for part in (first, last))
    growth = rss_last / rss_first - 1
    held = growth < max_rss_growth and fds_last - fds_first <= MAX_FD_GROWTH and not errors
    listed = ", ".join(f"{kind}: {count}" for kind, count in errors.most_common()) or "none"
    return held, (
        f"verdict: {'PASS' if held else 'FAIL'}  rss {rss_first:.1f} -> {rss_last:.1f} MiB ({growth:+.1%}, "
        f"limit {max_rss_growth:+.0%}), fds {fds_first:.1f} -> {fds_last:.1f} (limit +{MAX_FD_GROWTH}), "
        f"errors {sum(errors.values())} ({listed}), {len(samples)} samples, first and last {third}"
    )


def inputs(seed: int, texts: int, names: int = 2000) -> tuple[list[str], list[str]]:
    """Small synthetic news texts, all different, and names of the region's places to search for."""
    from synthetic_news import NameBank, Writer

    from gazetteer.application import GazetteerAPI

    with GazetteerAPI() as api:
        places = list(api.gazetteer.index.iter_places())
    writer = Writer(NameBank.of(places), random.Random(seed))
    regional = [place.name for place in places if place.country in REGION]
    pool = [writer.document()[:MAX_DOCUMENT_CHARS] for _ in range(texts)]
    return pool, random.Random(seed).sample(regional, min(names, len(regional)))


def main() -> None:
    """Run the soak and print the samples and the verdict; exit 1 when it fails."""
    import psutil

    from gazetteer.application import GazetteerAPI
    from gazetteer.settings import load_settings

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long the load runs")
    parser.add_argument("--threads", type=int, default=4, help="client threads")
    parser.add_argument("--interval", type=float, default=10.0, help="seconds between samples")
    parser.add_argument("--seed", type=int, default=0, help="random seed of texts, names and requests")
    parser.add_argument("--texts", type=int, default=400, help="how many different texts are ingested")
    parser.add_argument("--max-rss-growth", type=float, default=0.10, help="largest RSS growth that passes")
    args = parser.parse_args()

    texts, names = inputs(args.seed, args.texts)
    with tempfile.TemporaryDirectory(prefix="soak-") as folder:
        settings = replace(load_settings(), store_path=Path(folder) / "store.sqlite")
        with GazetteerAPI(settings) as api:
            _, secret = api.add_key("soak")
        port = free_port()
        env = {
            "GAZETTEER_INDEX": str(settings.index_path),
            "GAZETTEER_STORE": str(settings.store_path),
            "GAZETTEER_REQUIRE_KEYS": "1",
            "GAZETTEER_RATE_LIMIT": "0",
        }
        command = [sys.executable, "-c", "from gazetteer.cli import main; main()", "serve", "--port", str(port)]
        base = f"http://127.0.0.1:{port}"
        with running([*command, "--log-level", "warning"], env, base + "/openapi.json") as pid:
            process = psutil.Process(pid)
            warm = Client(base, secret, texts, names, args.seed)
            for kind in WEIGHTS:  # index, spatial indexes and geoparser opened before the first sample
                warm.request(kind)
            for text in texts:
                warm.http.post("/documents", json={"text": text, "title": "Warm-up"}).raise_for_status()
            print(
                f"server pid {pid} on {base}, warmed up with {len(texts)} texts; "
                f"{args.threads} client threads for {args.minutes:g} min, rate limit off, keys required"
            )
            recorder = Recorder()
            began = time.monotonic()
            until = began + args.minutes * 60
            clients = [Client(base, secret, texts, names, args.seed + 1 + n) for n in range(args.threads)]
            threads = [threading.Thread(target=c.run, args=(until, recorder), daemon=True) for c in clients]
            for thread in threads:
                thread.start()
            samples: list[Sample] = []
            while time.monotonic() < until:
                time.sleep(min(args.interval, max(0.0, until - time.monotonic())))
                samples.append(sample(process, recorder, began))
                print(samples[-1].line(), flush=True)
            for thread in threads:
                thread.join()
    held, line = verdict(samples, recorder.all_errors, args.max_rss_growth)
    print(line)
    sys.exit(0 if held else 1)


if __name__ == "__main__":
    main()
