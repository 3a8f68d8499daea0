"""Benchmark: ``gazetteer batch`` throughput, sequential and on Dask with 1, 2, 3 workers, and memory per worker.

    python bench/batch_scaling.py [--megabytes 4] [--partition-size 200] [--workers 1 2 3] [--seed 0]
                                  [--index FILE] [--articles 10000000] [--nodes 16] [--cores-per-node 8]
                                  [--article-kb 5]

Every contender reads its own synthetic news (``synthetic_news``, the
gazetteer's own place names, every document different; a new seed for each
contender, so no process has seen its text) of ``--megabytes`` MB, as JSON
Lines, and writes the full output (mentions, documents, errors, places):

- **sequential**: one fresh process runs the same tasks one after another,
  without Dask (``geoparse_part`` on each partition, then the places);
- **N workers**: ``run_batch`` on a fresh ``LocalCluster`` of N worker
  processes of one thread; the cluster's start is timed apart.

Throughput is documents and MB (10**6 bytes of UTF-8 text) per second of
wall time, from planning to the last file; memory is the peak RSS of each
worker process (sampled every 0.1 s with psutil) or of the sequential
process.  The last lines say how the run scales and extrapolate, with the
arithmetic shown, to ``--articles`` on ``--nodes`` nodes of
``--cores-per-node`` cores, one worker a core.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))  # synthetic_news, beside this file, whether run as a module or a script
MIB = 1024 * 1024
SAMPLE_S = 0.1
"""Seconds between two memory samples of the workers."""
GROWS = 1.1
"""A step in workers grows throughput when it multiplies it by this much or more."""


@dataclass(frozen=True, slots=True)
class Measured:
    """One contender's run."""

    name: str
    """``sequential`` or ``N workers``."""
    workers: int
    """Processes that geoparsed (1 for sequential)."""
    documents: int
    """Documents geoparsed."""
    megabytes: float
    """MB of text geoparsed."""
    seconds: float
    """Wall time of the run."""
    peak_mib: list[float]
    """Peak RSS of each geoparsing process, MiB."""
    cpu_s: float
    """CPU seconds (user and system) the geoparsing processes spent in the run."""
    start_s: float = 0.0
    """Seconds the cluster took to start (0 for sequential)."""

    @property
    def docs_per_s(self) -> float:
        """Documents per second."""
        return self.documents / self.seconds

    @property
    def mb_per_s(self) -> float:
        """MB of text per second."""
        return self.megabytes / self.seconds

    @property
    def mb_per_cpu_s(self) -> float:
        """MB of text per CPU second of the geoparsing processes: the rate whatever else the machine runs."""
        return self.megabytes / self.cpu_s


def write_corpus(bank: Any, megabytes: float, seed: int, path: Path) -> Path:
    """Synthetic news as JSON Lines with ids; the path."""
    from synthetic_news import generate

    with path.open("w", encoding="utf-8") as handle:
        for number, text in enumerate(generate(bank, megabytes, seed)):
            handle.write(json.dumps({"id": f"{seed}-{number}", "text": text}, ensure_ascii=False) + "\n")
    return path


def sequential_child(corpus: Path, out: Path, index: Path, size: int) -> None:
    """Run the batch's tasks in this process, without Dask; print what it did as JSON."""
    from gazetteer.batch.inputs import plan
    from gazetteer.batch.outputs import MENTIONS, PLACES, part_path, write_part
    from gazetteer.batch.places import count_places, merge_counts, place_frame
    from gazetteer.batch.run import geoparse_part

    started, cpu = time.perf_counter(), time.process_time()
    partitions = plan([corpus], size)
    done = [geoparse_part(p, out=str(out), index=str(index), mode="fast") for p in partitions]
    counted = count_places([str(part_path(out, MENTIONS, p.number)) for p in partitions])
    write_part(place_frame(merge_counts([counted])), part_path(out, PLACES, 0))
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    documents, size_bytes = sum(d.documents for d in done), sum(d.bytes for d in done)
    found = {"documents": documents, "bytes": size_bytes, "seconds": seconds, "peak_mib": peak, "cpu_s": cpu}
    print(json.dumps(found))


def sequential(corpus: Path, out: Path, index: Path, size: int) -> Measured:
    """The sequential contender, in a fresh process."""
    command = [sys.executable, __file__, "--sequential-child", str(corpus), str(out), "--index", str(index)]
    done = subprocess.run([*command, "--partition-size", str(size)], check=True, capture_output=True, text=True)
    found = json.loads(done.stdout.splitlines()[-1])
    megabytes = found["bytes"] / 1e6
    return Measured(
        "sequential", 1, found["documents"], megabytes, found["seconds"], [found["peak_mib"]], found["cpu_s"]
    )


@dataclass(slots=True)
class Usage:
    """What worker processes used while a block ran."""

    peak_mib: dict[int, float]
    """Peak RSS of each process, MiB."""
    cpu_s: float = 0.0
    """CPU seconds (user and system) of all of them."""


def cpu_seconds(pids: Sequence[int]) -> float:
    """CPU seconds (user and system) the processes have used so far."""
    import psutil

    times = [psutil.Process(pid).cpu_times() for pid in pids]
    return sum(t.user + t.system for t in times)


@contextmanager
def watched(pids: Sequence[int]) -> Iterator[Usage]:
    """The peak RSS (sampled every ``SAMPLE_S``) and the CPU time of the processes while the block runs."""
    import psutil

    usage = Usage(dict.fromkeys(pids, 0.0))
    found = usage.peak_mib
    before = cpu_seconds(pids)
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            for pid in pids:
                found[pid] = max(found[pid], psutil.Process(pid).memory_info().rss / MIB)
            stop.wait(SAMPLE_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield usage
    finally:
        stop.set()
        sampler.join()
        usage.cpu_s = cpu_seconds(pids) - before


def on_dask(workers: int, corpus: Path, out: Path, index: Path, size: int) -> Measured:
    """The contender of ``workers`` worker processes on a fresh local cluster."""
    from gazetteer.batch.cluster import dask_client
    from gazetteer.batch.run import BatchJob, run_batch

    started = time.perf_counter()
    with dask_client(workers=workers) as client:
        start_s = time.perf_counter() - started
        pids = list(client.run(os.getpid).values())
        with watched(pids) as usage:
            report = run_batch(BatchJob((corpus,), out, index, partition_size=size), client, progress=False)
    name = f"{workers} worker{'s' if workers > 1 else ''}"
    peaks = list(usage.peak_mib.values())
    return Measured(name, workers, report.documents, report.bytes / 1e6, report.seconds, peaks, usage.cpu_s, start_s)


def table(rows: Sequence[Measured]) -> str:
    """The figures, one contender a line."""
    lines = [
        "| contender | documents | MB | seconds | docs/s | MB/s | CPU s | MB per CPU s | peak RSS per process (MiB) "
        "| cluster start |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        memory = ", ".join(f"{m:.0f}" for m in r.peak_mib)
        start = f"{r.start_s:.1f} s" if r.start_s else "-"
        lines.append(
            f"| {r.name} | {r.documents:,} | {r.megabytes:.2f} | {r.seconds:.2f} | {r.docs_per_s:,.0f} | "
            f"{r.mb_per_s:.2f} | {r.cpu_s:.1f} | {r.mb_per_cpu_s:.2f} | {memory} | {start} |"
        )
    return "\n".join(lines)


def scaling(rows: Sequence[Measured], cores: int) -> list[str]:
    """How throughput grows with workers, and where it stops growing on this machine."""
    serial, dask = rows[0], {r.workers: r for r in rows[1:]}
    lines = []
    if 1 in dask:
        ratio = dask[1].docs_per_s / serial.docs_per_s
        lines.append(
            f"Dask with 1 worker runs at {ratio:.2f}x sequential (scheduling, task transfer, extra processes)."
        )
    sizes = sorted(dask)
    grows = [n for before, n in itertools.pairwise(sizes) if dask[n].docs_per_s > GROWS * dask[before].docs_per_s]
    for n in sizes[1:]:
        speedup = dask[n].docs_per_s / dask[sizes[0]].docs_per_s
        lines.append(f"{n} workers: {speedup:.2f}x {sizes[0]} worker ({speedup / (n / sizes[0]):.0%} of linear).")
    if sizes:
        last = grows[-1] if grows else sizes[0]
        lines.append(
            f"Throughput stops growing (by {GROWS - 1:.0%} or more a step) after {last} worker(s) "
            f"on this {cores}-core machine."
        )
    per_cpu = ", ".join(f"{r.name} {r.mb_per_cpu_s:.2f}" for r in rows)
    lines.append(
        f"MB per CPU second of the geoparsing processes: {per_cpu}. Where it holds while MB/s does not grow, the "
        "cores are saturated (by the workers, the scheduler, the driver and whatever else runs: see the load average)."
    )
    return lines


def extrapolate(
    rows: Sequence[Measured], articles: int, nodes: int, cores_per_node: int, article_kb: float
) -> list[str]:
    """The time for ``articles`` on the cluster: the docs per worker CPU second measured here, one core a worker."""
    dask = {r.workers: r for r in rows[1:]}
    basis = dask.get(2) or dask.get(1) or rows[0]
    per_worker = basis.documents / basis.cpu_s
    workers = nodes * cores_per_node
    rate = per_worker * workers
    seconds = articles / rate
    kb = basis.megabytes * 1e3 / basis.documents
    one, two = dask.get(1), dask.get(2)
    lines = [
        f"Extrapolation to {articles:,} articles of {kb:.1f} KB (the synthetic news' mean) on {nodes} nodes x "
        f"{cores_per_node} cores, one worker a core:",
        f"  {basis.documents:,} docs / {basis.cpu_s:.1f} CPU s ({basis.name}) = {per_worker:,.1f} docs per worker "
        f"second x {nodes} x {cores_per_node} = {workers} workers -> {rate:,.0f} docs/s ({rate * kb / 1e3:,.1f} MB/s)",
        f"  {articles:,} / {rate:,.0f} docs/s = {seconds:,.0f} s = {seconds / 3600:.2f} h, if every worker has its core"
        " (the scheduler and the driver on a node of their own, the index on each node's local disk)",
    ]
    per_mb = basis.megabytes / basis.cpu_s
    throughput, archive_mb = per_mb * workers, articles * article_kb / 1e3
    hours = archive_mb / throughput / 3600
    lines.append(
        f"  by size instead, for articles of {article_kb:g} KB: {per_mb:.2f} MB per worker second x {workers} = "
        f"{throughput:,.1f} MB/s; {articles:,} x {article_kb:g} KB = {archive_mb:,.0f} MB; "
        f"{archive_mb:,.0f} / {throughput:,.1f} = {archive_mb / throughput:,.0f} s = {hours:.2f} h"
    )
    if one and two:
        efficiency = two.docs_per_s / (2 * one.docs_per_s)
        lines.append(
            f"  with the wall-clock efficiency of 2 workers on this machine ({efficiency:.2f}) instead: "
            f"{seconds:,.0f} / {efficiency:.2f} = {seconds / efficiency:,.0f} s = {seconds / efficiency / 3600:.2f} h"
        )
    return lines


def main() -> None:
    """Run the contenders and print the table, the scaling and the extrapolation."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=4.0, help="MB of synthetic news per contender")
    parser.add_argument("--partition-size", type=int, default=200, help="documents per partition")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3], help="cluster sizes to run")
    parser.add_argument("--seed", type=int, default=0, help="seed of the first contender's news")
    parser.add_argument("--index", type=Path, default=None, help="gazetteer index (default: the data dir's)")
    parser.add_argument("--articles", type=int, default=10_000_000, help="archive size to extrapolate to")
    parser.add_argument("--nodes", type=int, default=16, help="nodes of the cluster to extrapolate to")
    parser.add_argument("--cores-per-node", type=int, default=8, help="cores of each of its nodes")
    parser.add_argument("--article-kb", type=float, default=5.0, help="article size of the extrapolation by size")
    parser.add_argument("--sequential-child", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    from gazetteer.application import GazetteerAPI
    from gazetteer.settings import load_settings

    settings = load_settings()
    index = (args.index or settings.index_path).resolve()
    if args.sequential_child:
        corpus, out = args.sequential_child
        sequential_child(corpus, out, index, args.partition_size)
        return
    from synthetic_news import NameBank

    bank = NameBank.of(GazetteerAPI(replace(settings, index_path=index)).gazetteer.index.iter_places())
    rows, before = [], f"{os.getloadavg()[0]:.2f}"
    with tempfile.TemporaryDirectory(prefix="batch-scaling-") as folder:
        work = Path(folder)
        for at, workers in enumerate([0, *args.workers]):
            corpus = write_corpus(bank, args.megabytes, args.seed + at, work / f"news{at}.jsonl")
            out = work / f"out{at}"
            if workers == 0:
                rows.append(sequential(corpus, out, index, args.partition_size))
            else:
                rows.append(on_dask(workers, corpus, out, index, args.partition_size))
    print(f"load average before: {before}, after: {os.getloadavg()[0]:.2f} ({os.cpu_count()} cores)")
    print(table(rows))
    print()
    print("\n".join(scaling(rows, os.cpu_count() or 1)))
    print()
    print("\n".join(extrapolate(rows, args.articles, args.nodes, args.cores_per_node, args.article_kb)))


if __name__ == "__main__":
    main()
