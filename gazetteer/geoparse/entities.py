"""The optional check of spots by a named-entity recogniser (a spaCy-style pipeline).

Spots inside a longer person, organisation or nationality entity (``Antony``
in ``Antony Blinken``) are dropped unless the place is prominent; place
entities (GPE, LOC, FAC) whose whole text is a known name are added.  spaCy is
imported only by ``EntityGate.load``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gazetteer.errors import DataError
from gazetteer.geoparse.false_hits import PROMINENT
from gazetteer.geoparse.modes import ACCURATE_EXTRA, ACCURATE_MODEL
from gazetteer.geoparse.scan_form import name_key
from gazetteer.geoparse.spotting import Spot, Spotter

OTHER_ENTITIES = frozenset({"PERSON", "ORG", "NORP"})
"""Entity labels whose spans hold no place name of their own (``Antony`` in ``Antony Blinken``)."""
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
"""Entity labels added as spots when their text is a known name."""
_UNUSED_PIPES = ("parser", "lemmatizer", "tagger", "attribute_ruler")
"""Pipes of the pipeline whose output the gate does not read (skipped for speed)."""


class EntityGate:
    """Optional check by a spaCy-style pipeline (``nlp(text).ents``)."""

    def __init__(self, nlp: Callable[[str], Any]) -> None:
        self.nlp = nlp
        """The pipeline: text -> a document with ``ents`` (``start_char``, ``end_char``, ``label_``)."""

    @classmethod
    def load(cls, model: str = ACCURATE_MODEL) -> EntityGate:
        """Load an installed spaCy pipeline (its NER only); ``DataError`` when spaCy or the model is missing."""
        try:
            import spacy  # type: ignore[import-not-found, unused-ignore]
        except ImportError as error:
            raise DataError(f"the accurate mode needs spaCy: {ACCURATE_EXTRA}") from error
        try:
            return cls(spacy.load(model, disable=_UNUSED_PIPES))
        except OSError as error:
            raise DataError(f"spaCy pipeline {model!r} is not installed: {ACCURATE_EXTRA}") from error

    def apply(self, text: str, spots: list[Spot], spotter: Spotter) -> list[Spot]:
        """``spots`` checked against the entities of ``text`` (unchanged when it is too long for the pipeline)."""
        limit = getattr(self.nlp, "max_length", None)
        if limit is not None and len(text) > limit:
            return spots
        entities = [(e.start_char, e.end_char, e.label_) for e in self.nlp(text).ents]
        others = [(a, b) for a, b, label in entities if label in OTHER_ENTITIES]
        best = spotter.dictionary.best
        kept = [s for s in spots if best[s.key] >= PROMINENT or not _inside(s, others)]
        taken = [(s.start, s.end) for s in kept]
        for start, end, label in entities:
            key = spotter.dictionary.key_id(name_key(text[start:end]))
            if label in PLACE_ENTITIES and key is not None and not _overlaps(start, end, taken):
                kept.append(Spot(start, end, text[start:end], key, "entity"))
        return sorted(kept, key=lambda s: s.start)


def _inside(spot: Spot, spans: list[tuple[int, int]]) -> bool:
    return any(a <= spot.start and spot.end <= b and b - a > spot.end - spot.start for a, b in spans)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)
