"""Benchmark: geoparse throughput on text no process has seen, cold and warm, beside flashgeotext.

    python -m bench.geoparse_throughput [--megabytes 20] [--accurate-megabytes 1] [--regional-megabytes 2]
                                        [--runs 3] [--seed 0] [--dev FILE] [--tiny 20000] [--index FILE]
                                        # from the project root

Corpora: the dev corpus (``../shared/corpus/dev/trnews.jsonl``, English
news), ``--megabytes`` of synthetic news (``synthetic_news``, place names of
the gazetteer, every document different), its first ``--accurate-megabytes``
(the slice the slower accurate mode reads), ``--regional-megabytes`` of
synthetic news in each of Russian, Azerbaijani and Armenian
(``regional_news``: names in their case forms; the fast mode reads them) and
``--tiny`` documents of a few words each, every one different and without
place names (the cost of a call).

Contenders: our geoparser through ``GazetteerAPI.geoparse`` in its fast and
accurate modes, and flashgeotext's ``GeoText().extract`` (its bundled data).
A fourth child, ``fast by stage``, runs the fast parser with a wall clock
around each of its stages (spotting, Russian areas, people, qualifiers,
resolution; the rest is making the mentions and reading their places): the
table of stages says where the time goes, and how fast each stage alone
would let the whole parse be.
Every contender reads every corpus it is given in a fresh process, ``--runs``
times: the process loads the parser (timed apart), parses each document once
(cold: nothing of the text is remembered yet), then twice more (warm: the
median of those two passes).  Throughput is MB (10**6 bytes of UTF-8) per
second of the child's CPU time (``time.process_time``: per core) and of wall
time; the table gives medians over the runs and the ratios to flashgeotext on
the same corpus in the same run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))  # synthetic_news, beside this file, whether run as a module or a script
DEFAULT_DEV = ROOT.parent / "shared" / "corpus" / "dev" / "trnews.jsonl"
FAST, ACCURATE, PEER, STAGED = "fast", "accurate", "flashgeotext", "fast by stage"
CONTENDERS = (FAST, ACCURATE, PEER, STAGED)
DEV, SYNTHETIC, SLICE, TINY = "dev", "synthetic", "synthetic slice", "tiny"
REGIONAL = ("ru", "az", "hy")
"""The synthetic news in the region's languages (``regional_news``), by language code."""
READS = {
    FAST: (DEV, SYNTHETIC, *REGIONAL, TINY),
    ACCURATE: (DEV, SLICE, TINY),
    PEER: (DEV, SYNTHETIC, SLICE, TINY),
    STAGED: (DEV, SYNTHETIC, *REGIONAL),
}
"""The corpora each contender reads."""
STAGES = (
    ("spotting", "spotter", "spot"),
    ("Russian areas", "russian_areas", "apply"),
    ("people", "people", "apply"),
    ("qualifiers", "qualifiers", "apply"),
    ("resolution", "resolver", "resolve"),
)
"""The fast parser's stages: name, the parser's part and the method of the part that runs it."""
MENTIONS = "mentions and the rest"
"""The time of a parse outside the stages."""
WARM_PASSES = 2
FAST_COLD_GOAL, FAST_WARM_GOAL = 8.0, 20.0
"""Fast mode, MB/s per core (CPU time), on the synthetic news."""
REGIONAL_COLD_GOAL = {"ru": 2.0, "az": 2.0}
"""Fast mode, cold MB/s per core, on the Russian and Azerbaijani synthetic news."""
ACCURATE_GOAL = 0.09
"""Accurate mode, MB/s per core, on every corpus."""
CALL_GOAL_US = 50.0
"""CPU time of one call on a tiny document, in microseconds."""
GEOPARSER_062_MBS = 0.009
"""geoparser 0.6.2 on this machine (9 KB/s): an earlier measurement, not one of this run."""
TINY_WORDS = (
    ("The", "Every", "Each", "This", "Some", "Our"),
    ("committee", "report", "survey", "meeting", "budget", "vote", "study", "team"),
    ("took", "counted", "needed", "lasted", "listed", "found"),
    ("minutes", "pages", "items", "people", "questions", "hours"),
)
"""Words of the tiny documents: ``The survey counted 4,211 questions.``, a number making each one new."""


@dataclass(frozen=True, slots=True)
class Corpus:
    """Documents written to a file for the child processes."""

    name: str
    """What the table calls it."""
    path: Path
    """JSON lines, one ``{"text": ...}`` each."""
    documents: int
    """How many documents."""
    megabytes: float
    """Their size in 10**6 bytes of UTF-8."""


@dataclass(frozen=True, slots=True)
class Measured:
    """What one fresh process measured on one corpus (seconds)."""

    load: float
    """Wall time to load the parser."""
    cold_cpu: float
    """CPU time of the first pass."""
    cold_wall: float
    """Wall time of the first pass."""
    warm_cpu: float
    """CPU time of a later pass (median of ``WARM_PASSES``)."""
    warm_wall: float
    """Wall time of a later pass (median)."""
    found: int
    """Names found in the first pass."""
    stages: dict[str, tuple[float, float]] = field(default_factory=dict)
    """``fast by stage``: wall seconds of each stage, in the first pass and in a later one (mean)."""


@dataclass(frozen=True, slots=True)
class Row:
    """Medians over the runs of one contender on one corpus."""

    contender: str
    """Who parsed."""
    corpus: Corpus
    """What was parsed."""
    load: float
    """Loading, s (wall)."""
    cold_cpu: float
    """Cold MB/s per core."""
    cold_wall: float
    """Cold MB/s by wall time."""
    warm_cpu: float
    """Warm MB/s per core."""
    call_us: float
    """Cold CPU time per document, µs."""
    found: int
    """Names found in the cold pass (median)."""
    stages: dict[str, tuple[float, float]]
    """``fast by stage``: cold and warm MB/s that each stage alone would allow (medians)."""


# The child: one contender, one corpus, one fresh process.


def parser_of(contender: str, index: Path | None) -> Callable[[str], int]:
    """``contender`` loaded, as a function from a text to the number of names it finds."""
    if contender == PEER:
        return flashgeotext()
    from gazetteer.application import GazetteerAPI
    from gazetteer.geoparse.modes import Mode
    from gazetteer.settings import load_settings

    settings = load_settings()
    api = GazetteerAPI(replace(settings, index_path=index) if index else settings)
    mode = Mode(contender)
    api.prepare(mode)  # loaded now, with its models, so that loading is timed apart from parsing
    return lambda text: len(api.geoparse(text, mode))


def staged(index: Path | None, spent: dict[str, float]) -> Callable[[str], int]:
    """The fast parser with each of its ``STAGES`` adding its wall seconds to ``spent``, and each whole
    parse adding its own to ``MENTIONS`` (``_alone`` takes the stages' off)."""
    from gazetteer.application import GazetteerAPI
    from gazetteer.settings import load_settings

    settings = load_settings()
    parser = GazetteerAPI(replace(settings, index_path=index) if index else settings).prepare()
    for stage, part, method in STAGES:
        owner = getattr(parser, part)
        setattr(owner, method, _clocked(getattr(owner, method), stage, spent))
    return _clocked(lambda text: len(parser.parse(text)), MENTIONS, spent)


def _clocked(run: Callable[..., object], stage: str, spent: dict[str, float]) -> Callable[..., Any]:
    """``run``, adding the wall seconds of each call to ``spent[stage]``."""
    clock = time.perf_counter

    def clocked(*args: object, **kwargs: object) -> object:
        started = clock()
        result = run(*args, **kwargs)
        spent[stage] = spent.get(stage, 0.0) + clock() - started
        return result

    return clocked


def flashgeotext() -> Callable[[str], int]:
    """flashgeotext's lookup with its bundled data, counting its hits."""
    from flashgeotext.geotext import GeoText

    geotext = GeoText()

    def count(text: str) -> int:
        found = geotext.extract(input_text=text)
        return sum(len(hit["span_info"]) for kind in found.values() for hit in kind.values())

    return count


def timed_pass(parse: Callable[[str], int], documents: list[str]) -> tuple[float, float, int]:
    """CPU and wall seconds of one pass of ``parse`` over ``documents``, and the names found."""
    cpu, wall = time.process_time(), time.perf_counter()
    found = sum(map(parse, documents))
    return time.process_time() - cpu, time.perf_counter() - wall, found


def child(contender: str, path: Path, index: Path | None) -> Measured:
    """Load ``contender``, parse the documents of ``path`` once cold, then ``WARM_PASSES`` times warm."""
    documents = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines()]
    spent: dict[str, float] = {}
    started = time.perf_counter()
    parse = staged(index, spent) if contender == STAGED else parser_of(contender, index)
    load = time.perf_counter() - started
    cold_cpu, cold_wall, found = timed_pass(parse, documents)
    cold = dict(spent)
    spent.clear()
    warm = [timed_pass(parse, documents) for _ in range(WARM_PASSES)]
    warm_cpu = statistics.median(cpu for cpu, _, _ in warm)
    warm_wall = statistics.median(wall for _, wall, _ in warm)
    stages = {stage: (_alone(cold, stage), _alone(spent, stage) / WARM_PASSES) for stage in cold}
    return Measured(load, cold_cpu, cold_wall, warm_cpu, warm_wall, found, stages)


def _alone(spent: dict[str, float], stage: str) -> float:
    """Seconds of ``stage`` in ``spent``; of ``MENTIONS``, the whole parses' less the other stages'."""
    if stage != MENTIONS:
        return spent[stage]
    return spent[MENTIONS] - sum(seconds for name, seconds in spent.items() if name != MENTIONS)


# The parent: corpora, runs, table.


def write_corpus(name: str, documents: Iterable[str], folder: Path) -> Corpus:
    """``documents`` (repeats dropped) as a JSON-lines file in ``folder``."""
    unique = list(dict.fromkeys(documents))
    path = folder / f"{name.replace(' ', '_')}.jsonl"
    path.write_text("".join(json.dumps({"text": d}, ensure_ascii=False) + "\n" for d in unique), encoding="utf-8")
    size = sum(len(d.encode("utf-8")) for d in unique) / 1e6
    return Corpus(name, path, len(unique), size)


def tiny_documents(count: int) -> list[str]:
    """``count`` different documents of five words, none a place name."""
    openings, subjects, verbs, units = TINY_WORDS
    return [
        f"{openings[i % 6]} {subjects[i // 6 % 8]} {verbs[i // 48 % 6]} {1000 + i:,} {units[i // 288 % 6]}."
        for i in range(count)
    ]


def make_corpora(args: argparse.Namespace, folder: Path) -> dict[str, Corpus]:
    """The corpora, written into ``folder``."""
    import regional_news
    from synthetic_news import NameBank, generate

    from gazetteer.application import GazetteerAPI
    from gazetteer.settings import load_settings

    settings = load_settings()
    api = GazetteerAPI(replace(settings, index_path=args.index) if args.index else settings)
    bank = NameBank.of(api.gazetteer.index.iter_places())
    synthetic = list(generate(bank, args.megabytes, args.seed))
    size, cut = 0, 0
    while cut < len(synthetic) and size < args.accurate_megabytes * 1e6:
        size += len(synthetic[cut].encode("utf-8"))
        cut += 1
    dev = [json.loads(line)["text"] for line in args.dev.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpora = [
        write_corpus(DEV, dev, folder),
        write_corpus(SYNTHETIC, synthetic, folder),
        write_corpus(SLICE, synthetic[:cut], folder),
        write_corpus(TINY, tiny_documents(args.tiny), folder),
    ]
    index = api.gazetteer.index
    for code in REGIONAL:
        documents = regional_news.generate(index, code, args.regional_megabytes, args.seed)
        corpora.append(write_corpus(code, documents, folder))
    return {corpus.name: corpus for corpus in corpora}


def run_child(contender: str, corpus: Corpus, index: Path | None) -> Measured:
    """One fresh process of ``contender`` on ``corpus``."""
    command = [sys.executable, "-m", "bench.geoparse_throughput", "--child", contender, str(corpus.path)]
    done = subprocess.run(
        [*command, *(["--index", str(index)] if index else [])], cwd=ROOT, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{contender} on {corpus.name} failed:\n{done.stderr}")
    return Measured(**json.loads(done.stdout.splitlines()[-1]))


def measure(corpora: dict[str, Corpus], runs: int, index: Path | None) -> list[Row]:
    """Every contender on each of its corpora, ``runs`` times in a rotating order, as rows of medians."""
    jobs = [(contender, corpora[name]) for contender in CONTENDERS for name in READS[contender]]
    found: dict[tuple[str, str], list[Measured]] = {(c, corpus.name): [] for c, corpus in jobs}
    for run in range(runs):
        shift = run * len(jobs) // max(runs, 1)
        for contender, corpus in jobs[shift:] + jobs[:shift]:
            found[contender, corpus.name].append(run_child(contender, corpus, index))
            print(f"  run {run + 1}/{runs}: {contender} on {corpus.name} done", file=sys.stderr)
    return [row_of(contender, corpus, found[contender, corpus.name]) for contender, corpus in jobs]


def row_of(contender: str, corpus: Corpus, runs: list[Measured]) -> Row:
    """The medians of ``runs``."""
    size, median = corpus.megabytes, statistics.median
    return Row(
        contender,
        corpus,
        median(m.load for m in runs),
        median(size / max(m.cold_cpu, 1e-9) for m in runs),
        median(size / max(m.cold_wall, 1e-9) for m in runs),
        median(size / max(m.warm_cpu, 1e-9) for m in runs),
        median(m.cold_cpu / corpus.documents * 1e6 for m in runs),
        round(median(m.found for m in runs)),
        {stage: (_rate(size, runs, stage, 0), _rate(size, runs, stage, 1)) for stage in runs[0].stages},
    )


def _rate(size: float, runs: list[Measured], stage: str, cold_or_warm: int) -> float:
    """Median MB/s of ``stage`` alone over ``runs``, in the first pass (0) or a later one (1)."""
    return statistics.median(size / max(m.stages[stage][cold_or_warm], 1e-9) for m in runs)


def print_table(rows: list[Row], runs: int) -> None:
    """The rows as a Markdown table, with the ratios to flashgeotext on the same corpus."""
    peer = {row.corpus.name: row for row in rows if row.contender == PEER}
    print(f"\nMedians of {runs} runs; MB/s per core by CPU time unless marked wall; x = ratio to flashgeotext.\n")
    print("| contender | corpus | docs | MB | load s | cold MB/s | cold wall | warm MB/s | µs/doc | found |"
          " cold x | warm x |")  # fmt: skip
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        if row.contender == STAGED:
            continue
        base = peer.get(row.corpus.name)
        ratios = f"{row.cold_cpu / base.cold_cpu:.2f}x | {row.warm_cpu / base.warm_cpu:.2f}x" if base else "|"
        print(
            f"| {row.contender} | {row.corpus.name} | {row.corpus.documents:,} | {row.corpus.megabytes:.2f}"
            f" | {row.load:.2f} | {row.cold_cpu:.3f} | {row.cold_wall:.3f} | {row.warm_cpu:.3f}"
            f" | {row.call_us:.1f} | {row.found:,} | {ratios} |"
        )


def print_stages(rows: list[Row]) -> None:
    """Where the fast parser's time goes: per corpus, each stage's share of the parse and the MB/s the
    whole parse would reach if it were that stage alone (wall time, of the ``fast by stage`` child)."""
    print(f"\nThe fast parser by stage (wall time of the `{STAGED}` child; alone = MB/s of that stage by itself):\n")
    print("| corpus | stage | cold share | cold MB/s alone | warm share | warm MB/s alone |")
    print("|---|---|---:|---:|---:|---:|")
    for row in rows:
        if row.contender != STAGED:
            continue
        cold_whole = 1 / sum(1 / cold for cold, _ in row.stages.values())
        warm_whole = 1 / sum(1 / warm for _, warm in row.stages.values())
        for stage, (cold, warm) in row.stages.items():
            print(
                f"| {row.corpus.name} | {stage} | {cold_whole / cold:.0%} | {cold:.2f}"
                f" | {warm_whole / warm:.0%} | {warm:.2f} |"
            )
        print(f"| {row.corpus.name} | whole parse | 100% | {cold_whole:.2f} | 100% | {warm_whole:.2f} |")


def _freed(row: Row, warm: int) -> str:
    """The MB/s of ``row``'s parse if its slowest stage took no time at all (wall time, by stage)."""
    rates = {stage: figures[warm] for stage, figures in row.stages.items()}
    slowest = min(rates, key=rates.__getitem__)
    rest = 1 / sum(1 / rate for stage, rate in rates.items() if stage != slowest)
    return f"with its slowest stage ({slowest}) taking no time, {rest:.2f} MB/s"


def print_goals(rows: list[Row]) -> None:
    """Each goal beside the figure it is about."""
    by = {(row.contender, row.corpus.name): row for row in rows}
    rates = [(SYNTHETIC, 0, FAST_COLD_GOAL), (SYNTHETIC, 1, FAST_WARM_GOAL)]
    rates += [(code, 0, least) for code, least in REGIONAL_COLD_GOAL.items()]
    checks = []
    for name, warm, least in rates:
        rate = by[FAST, name].warm_cpu if warm else by[FAST, name].cold_cpu
        figure = f"fast, {name}, {'warm' if warm else 'cold'}: {rate:.2f} MB/s; {_freed(by[STAGED, name], warm)}"
        checks.append((figure, rate >= least, f">= {least}"))
    for contender in (FAST, ACCURATE):
        tiny = by[contender, TINY]
        checks.append(
            (f"{contender}, tiny: {tiny.call_us:.1f} µs/doc", tiny.call_us < CALL_GOAL_US, f"< {CALL_GOAL_US}")
        )
    for name in (DEV, SLICE):
        accurate = by[ACCURATE, name]
        kbs = accurate.cold_cpu * 1000
        ratio = accurate.cold_cpu / GEOPARSER_062_MBS
        checks.append(
            (
                f"accurate, {name}, cold: {kbs:.0f} KB/s = {ratio:.1f}x geoparser 0.6.2's 9 KB/s"
                " (its figure from an earlier measurement on this machine, not measured in this run)",
                accurate.cold_cpu >= ACCURATE_GOAL,
                f">= {ACCURATE_GOAL * 1000:.0f} KB/s",
            )
        )
    print("\nGoals (CPU time, per core):")
    for figure, met, goal in checks:
        print(f"  {'met ' if met else 'MISS'}  {figure}  (goal {goal})")


def main() -> None:
    """Run the benchmark (or, with ``--child``, one measurement) and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--megabytes", type=float, default=20.0, help="synthetic news to generate")
    parser.add_argument("--accurate-megabytes", type=float, default=1.0, help="the slice the accurate mode reads")
    parser.add_argument("--regional-megabytes", type=float, default=2.0, help="synthetic news per regional language")
    parser.add_argument("--runs", type=int, default=3, help="fresh processes per contender and corpus")
    parser.add_argument("--seed", type=int, default=0, help="seed of the synthetic news")
    parser.add_argument("--dev", type=Path, default=DEFAULT_DEV, help="dev corpus, JSON lines with 'text'")
    parser.add_argument("--tiny", type=int, default=20_000, help="how many tiny documents")
    parser.add_argument("--index", type=Path, default=None, help="gazetteer index file")
    parser.add_argument("--child", nargs=2, metavar=("CONTENDER", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        contender, path = args.child
        print(json.dumps(asdict(child(contender, Path(path), args.index))))
        return
    with tempfile.TemporaryDirectory() as folder:
        corpora = make_corpora(args, Path(folder))
        for corpus in corpora.values():
            print(f"{corpus.name}: {corpus.documents:,} documents, {corpus.megabytes:.2f} MB")
        rows = measure(corpora, args.runs, args.index)
    print_table(rows, args.runs)
    print_stages(rows)
    print_goals(rows)


if __name__ == "__main__":
    main()
