"""Floors per language on the small development sets of ``tests/data`` (Russian, Azerbaijani, Armenian):
what the geoparser reached when the sets were written, which later changes may raise but not lower.

The paragraphs were written for the project (see ``tests/data/README.md``); they run on the
embedded-default index.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from gazetteer.gazetteer import Gazetteer
from gazetteer.geoparse.evaluation import GoldDocument, evaluate, load_gold
from gazetteer.geoparse.parser import geoparse

DATA = Path(__file__).resolve().parents[2] / "data"
FLOORS = {
    "ru": {"f1": 0.94, "accuracy_25": 0.97},
    "az": {"f1": 0.96, "accuracy_25": 0.95},
    "hy": {"f1": 0.95, "accuracy_25": 0.95},
}
"""Language -> the least each figure may be (a little under what ``gazetteer evaluate`` measured)."""


def gold_of(language: str) -> list[GoldDocument]:
    """The development set of ``language``."""
    return load_gold(DATA / f"geoparse_{language}.jsonl")


@pytest.mark.parametrize("language", sorted(FLOORS))
def test_gold_spans_are_their_names_and_do_not_overlap(language: str) -> None:
    documents = gold_of(language)
    assert len(documents) >= 12
    for document in documents:
        spans = sorted(document.toponyms, key=lambda t: t.start)
        assert all(document.text[t.start : t.end] == t.name for t in spans), document.id
        assert all(a.end <= b.start for a, b in itertools.pairwise(spans)), document.id
        assert all(t.point is not None for t in spans), document.id


@pytest.mark.parametrize("language", sorted(FLOORS))
def test_language_floor(language: str, gazetteer: Gazetteer) -> None:
    report = evaluate(gold_of(language), lambda text: geoparse(text, gazetteer))
    figures = {"f1": report.f1, "accuracy_25": report.accuracy_25}
    for name, floor in FLOORS[language].items():
        assert figures[name] >= floor, (language, name, round(figures[name], 4), floor)
