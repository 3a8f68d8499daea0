"""Geoparsing: from running text to place mentions resolved against the gazetteer.

    >>> from gazetteer.geoparse import geoparse
    >>> [(m.surface, m.place.name) for m in geoparse("Talks moved from Baku to Tbilisi.")]
    [('Baku', 'Baku'), ('Tbilisi', 'Tbilisi')]

Steps: spot names with the dictionary (``spotting``), optionally check them
against a spaCy pipeline's entities (``EntityGate``), add strongly supported
misspellings, resolve each distinct name once per document
(``disambiguation``), and turn the spots into ``Mention`` records.  Places in
mentions carry no names (``Gazetteer.place(id)`` has them all).
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from gazetteer.disambiguation import Choice, Resolver
from gazetteer.errors import DataError, InvalidInput
from gazetteer.gazetteer import Gazetteer
from gazetteer.index import GazetteerIndex
from gazetteer.ranking import MATCH_WEIGHT
from gazetteer.records import Candidate, MatchType, Mention, Place, Point
from gazetteer.spotting import Spot, Spotter, load_dictionary, name_key
from gazetteer.stoplists import PROMINENT, Stoplists, load_stoplists

MAX_TEXT_CHARS = 100_000_000
"""Longest text one call accepts, in characters."""
OTHER_ENTITIES = frozenset({"PERSON", "ORG", "NORP"})
"""Entity labels whose spans hold no place name of their own (``Antony`` in ``Antony Blinken``)."""
PLACE_ENTITIES = frozenset({"GPE", "LOC", "FAC"})
"""Entity labels added as spots when their text is a known name."""
_Resolved = tuple[Place, float, MatchType, tuple[Candidate, ...], dict[str, float]]
"""Place, confidence, match type, candidates and reasons of a mention."""
_PLACE_COLUMNS = (
    "id, name, lon, lat, feature_class, feature_code, country, admin1, "
    "admin1_name, population, source, source_url, radius_km"
)


class Geoparser:
    """Finds and resolves the place names of texts; build once, use for many texts."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        entities: EntityGate | None = None,
        lists: Stoplists | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        self.gazetteer = gazetteer
        self.lists = lists or load_stoplists()
        self.dictionary = load_dictionary(gazetteer.index, self.lists, cache_dir)
        self.spotter = Spotter(self.dictionary, self.lists)
        self.resolver = Resolver(self.dictionary)
        self.entities = entities
        self.places = _PlaceCache(gazetteer.index)

    def parse(self, text: str) -> list[Mention]:
        """The place mentions of ``text``, in text order."""
        check_text(text)
        if not text.strip():
            return []
        spots = self.spotter.spot(text)
        if self.entities is not None:
            spots = self.entities.apply(text, spots, self.spotter)
        choices = self.resolver.resolve(Counter(spot.key for spot in spots))
        return self._mentions(spots, choices)

    def _mentions(self, spots: list[Spot], choices: dict[int, Choice]) -> list[Mention]:
        ids = self.dictionary.places.ids
        places = self.places.get([ids[s.row] for c in choices.values() for s in c.ranked])
        made: dict[tuple[int, str, float], _Resolved] = {}
        mentions = []
        for spot in spots:
            choice = choices.get(spot.key)
            if choice is None:
                continue
            signature = (spot.key, spot.surface, spot.similarity)
            resolved = made.get(signature)
            if resolved is None:
                resolved = self._resolved(spot, choice, places)
                made[signature] = resolved
            mentions.append(Mention(spot.start, spot.end, spot.surface, *resolved))
        return mentions

    def _resolved(self, spot: Spot, choice: Choice, places: dict[int, Place]) -> _Resolved:
        """The parts of a mention that follow from its name and surface."""
        ids = self.dictionary.places.ids
        place = places[ids[choice.best.row]]
        match_type = self._match_type(spot, place)
        factor = MATCH_WEIGHT[MatchType.FUZZY] * spot.similarity if spot.rule == "misspelling" else 1.0
        candidates = tuple(
            Candidate(places[ids[s.row]], spot.surface, match_type, s.score, None, s.parts)
            for s in choice.ranked
        )
        reasons = dict(choice.best.parts, score=choice.best.score, match=round(factor, 4))
        return place, round(choice.confidence * factor, 4), match_type, candidates, reasons

    def _match_type(self, spot: Spot, place: Place) -> MatchType:
        if spot.rule == "misspelling":
            return MatchType.FUZZY
        exact = self.places.exact_ids(spot.surface)
        return MatchType.EXACT if place.id in exact else MatchType.FOLDED


def check_text(text: object) -> None:
    """Raise ``InvalidInput`` unless ``text`` is a string of acceptable length."""
    if not isinstance(text, str):
        raise InvalidInput(f"text must be a string, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(f"text is longer than {MAX_TEXT_CHARS} characters ({len(text)}); split it")


class EntityGate:
    """Optional check by a spaCy-style pipeline (``nlp(text).ents``).

    Drops spots that lie inside a longer person, organisation or nationality
    entity (``Antony`` in ``Antony Blinken``) unless the place is prominent, and
    adds place entities (GPE, LOC, FAC) whose whole text is a known name.
    """

    def __init__(self, nlp: Callable[[str], Any]) -> None:
        self.nlp = nlp

    @classmethod
    def load(cls, model: str = "en_core_web_sm") -> EntityGate:
        """Load an installed spaCy pipeline; ``DataError`` when spaCy or the model is missing."""
        try:
            import spacy  # type: ignore[import-not-found]
        except ImportError as error:
            raise DataError("spaCy is not installed (pip install spacy)") from error
        try:
            return cls(spacy.load(model))
        except OSError as error:
            raise DataError(f"spaCy pipeline {model!r} is not installed") from error

    def apply(self, text: str, spots: list[Spot], spotter: Spotter) -> list[Spot]:
        """``spots`` checked against the entities of ``text``."""
        limit = getattr(self.nlp, "max_length", MAX_TEXT_CHARS)
        if len(text) > limit:
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


class _PlaceCache:
    """Places by id without their names, read once from the index."""

    def __init__(self, index: GazetteerIndex, limit: int = 200_000) -> None:
        self.index = index
        self.limit = limit
        self.known: dict[int, Place] = {}
        self.exact: dict[str, frozenset[int]] = {}

    def get(self, ids: Iterable[int]) -> dict[int, Place]:
        """Places for ``ids`` (all must exist)."""
        found: dict[int, Place] = {}
        missing = []
        for place_id in set(ids):
            known = self.known.get(place_id)
            if known is None:
                missing.append(place_id)
            else:
                found[place_id] = known
        if len(self.known) + len(missing) > self.limit:
            self.known.clear()
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            sql = f"SELECT {_PLACE_COLUMNS} FROM places WHERE id IN ({','.join('?' * len(chunk))})"
            for row in self.index.db.execute(sql, chunk):
                found[row[0]] = self.known[row[0]] = _light_place(row)
        return found

    def exact_ids(self, surface: str) -> frozenset[int]:
        """Ids of places that have ``surface`` as one of their names, exactly."""
        found = self.exact.get(surface)
        if found is None:
            if len(self.exact) >= self.limit:
                self.exact.clear()
            found = frozenset(pid for pid, _ in self.index.ids_by_text(surface))
            self.exact[surface] = found
        return found


def _light_place(row: tuple[Any, ...]) -> Place:
    pid, name, lon, lat, fclass, fcode, country, admin1, admin1_name, pop, source, url, radius = row
    return Place(
        id=pid,
        name=name,
        point=Point(lon, lat),
        feature_class=fclass,
        feature_code=fcode,
        country=country,
        admin1=admin1,
        admin1_name=admin1_name,
        population=pop,
        source=source,
        source_url=url,
        radius_km=radius,
    )


_PARSERS: dict[str, Geoparser] = {}
_LOCK = threading.Lock()


def geoparser_for(gazetteer: Gazetteer | None = None) -> Geoparser:
    """A shared ``Geoparser`` for ``gazetteer`` (the default index when ``None``)."""
    key = str(gazetteer.index.path.resolve()) if gazetteer is not None else ""
    with _LOCK:
        if key not in _PARSERS:
            _PARSERS[key] = Geoparser(gazetteer or Gazetteer.open())
        return _PARSERS[key]


def geoparse(text: str, gazetteer: Gazetteer | None = None) -> list[Mention]:
    """The place mentions of ``text``: offsets, resolved place, confidence, candidates."""
    check_text(text)
    return geoparser_for(gazetteer).parse(text)
