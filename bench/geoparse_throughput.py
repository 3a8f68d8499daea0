"""Benchmark: geoparse throughput on the seed texts, against flashgeotext.

Repeats the seed texts (``../shared/corpus/*.txt`` by default) until they make
``--megabytes`` of UTF-8 (5 by default) and geoparses them one document at a
time, ``--runs`` times; then does the same with flashgeotext's dictionary
lookup (``GeoText().extract``, its bundled data).  Prints the median MB/s of
each, by CPU time of this process (one core) and by wall time, and the
ratio; then geoparses once more with all the documents joined into one text
(one resolution context).  Loading (index, dictionary cache, flashgeotext's
data) is timed apart.

    python -m bench.geoparse_throughput                 # from the project root
    python -m bench.geoparse_throughput --megabytes 20 --runs 5 --index /tmp/gz/gazetteer.sqlite
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from gazetteer.application import GazetteerAPI
from gazetteer.settings import load_settings

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


@dataclass(frozen=True, slots=True)
class Timing:
    """Median throughput of one contender."""

    name: str
    """What was timed."""
    cpu_mbs: float
    """MB/s by CPU time of this process (one core)."""
    wall_mbs: float
    """MB/s by wall-clock time."""
    found: int
    """Place names found in the last run."""


def load_documents(corpus: Path, megabytes: float) -> list[str]:
    """The seed texts, repeated until they hold ``megabytes`` of UTF-8."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    if not seeds:
        raise SystemExit(f"no *.txt seed texts in {corpus}")
    documents: list[str] = []
    size = 0
    while size < megabytes * 1e6:
        for seed in seeds:
            documents.append(seed)
            size += len(seed.encode("utf-8"))
    return documents


def time_runs(name: str, parse: Callable[[str], int], documents: list[str], runs: int) -> Timing:
    """Median MB/s of ``runs`` passes of ``parse`` over ``documents``."""
    size = sum(len(d.encode("utf-8")) for d in documents) / 1e6
    cpu, wall, found = [], [], 0
    for _ in range(runs):
        started_cpu, started_wall = time.process_time(), time.perf_counter()
        found = sum(parse(document) for document in documents)
        cpu.append(size / max(time.process_time() - started_cpu, 1e-9))
        wall.append(size / max(time.perf_counter() - started_wall, 1e-9))
    return Timing(name, statistics.median(cpu), statistics.median(wall), found)


def geoparser(index: Path | None) -> tuple[Callable[[str], int], float]:
    """Our geoparser as a counting function, and its loading time."""
    started = time.perf_counter()
    settings = load_settings()
    api = GazetteerAPI(replace(settings, index_path=index) if index else settings)
    _ = api.parser  # opened now, so that loading is timed apart from parsing
    return (lambda text: len(api.geoparse(text))), time.perf_counter() - started


def flashgeotext() -> tuple[Callable[[str], int], float] | None:
    """flashgeotext's lookup as a counting function and its loading time, ``None`` if absent."""
    try:
        from flashgeotext.geotext import GeoText
    except ImportError:
        return None
    started = time.perf_counter()
    geotext = GeoText()

    def count(text: str) -> int:
        found = geotext.extract(input_text=text)
        return sum(len(hit["span_info"]) for kind in found.values() for hit in kind.values())

    return count, time.perf_counter() - started


def main() -> None:
    """Run the benchmark and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of seed *.txt")
    parser.add_argument("--megabytes", type=float, default=5.0, help="size to repeat the seeds to")
    parser.add_argument("--runs", type=int, default=3, help="timed passes (median reported)")
    parser.add_argument("--index", type=Path, default=None, help="gazetteer index file")
    args = parser.parse_args()
    documents = load_documents(args.corpus, args.megabytes)
    size = sum(len(d.encode("utf-8")) for d in documents) / 1e6
    print(f"corpus: {len(documents)} documents, {size:.2f} MB (seed texts of {args.corpus})")
    ours, loading = geoparser(args.index)
    print(f"geoparse: loaded in {loading:.1f} s")
    results = [time_runs("geoparse", ours, documents, args.runs)]
    whole = time_runs("geoparse, one text", ours, ["\n\n".join(documents)], args.runs)
    peer = flashgeotext()
    if peer is None:
        print("flashgeotext: not installed (pip install flashgeotext)")
    else:
        print(f"flashgeotext: loaded in {peer[1]:.1f} s")
        results.append(time_runs("flashgeotext", peer[0], documents, args.runs))
    for timing in [*results, whole]:
        print(
            f"{timing.name:18} {timing.cpu_mbs:7.2f} MB/s per core (CPU time), "
            f"{timing.wall_mbs:7.2f} MB/s wall, {timing.found} names found; median of {args.runs}"
        )
    if len(results) == 2:
        print(f"ratio geoparse / flashgeotext: {results[0].cpu_mbs / results[1].cpu_mbs:.2f}x (CPU time)")


if __name__ == "__main__":
    main()
