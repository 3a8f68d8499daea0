"""Geoparsing: from running text to place mentions resolved against the gazetteer.

    >>> from gazetteer.geoparse.parser import geoparse
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
from dataclasses import dataclass
from operator import attrgetter
from pathlib import Path

from gazetteer.corrections import CORRECTED, Guidance
from gazetteer.errors import InvalidInput
from gazetteer.gazetteer import Gazetteer
from gazetteer.geoparse.dictionary_cache import load_dictionary
from gazetteer.geoparse.disambiguation import Choice, Resolver
from gazetteer.geoparse.entities import EntityGate
from gazetteer.geoparse.inflection import load_analyser
from gazetteer.geoparse.language import DETECTOR
from gazetteer.geoparse.people import PeopleFilter
from gazetteer.geoparse.place_cache import PlaceCache
from gazetteer.geoparse.qualifiers import Qualified, Qualifiers
from gazetteer.geoparse.russian_areas import RussianAreas
from gazetteer.geoparse.spotting import Spot, Spotter
from gazetteer.geoparse.stoplists import Stoplists, load_stoplists
from gazetteer.ranking import MATCH_WEIGHT
from gazetteer.records import Candidate, MatchType, Mention, Place

__all__ = ["MAX_TEXT_CHARS", "EntityGate", "Geoparser", "check_text", "geoparse", "geoparser_for", "load_models"]

MAX_TEXT_CHARS = 100_000_000
"""Longest text one call accepts, in characters."""
_KEY = attrgetter("key")


@dataclass(slots=True)
class _Resolved:
    """The parts of a mention that follow from its name and surface (shared by its repetitions)."""

    place: Place
    """The chosen place."""
    confidence: float
    """The mention's confidence."""
    match_type: MatchType
    """How the surface matched the place's names."""
    candidates: tuple[Candidate, ...]
    """The candidates shown, best first."""
    reasons: dict[str, float]
    """The parts of the chosen candidate's score, its score and the match factor."""


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
        self.places = PlaceCache(gazetteer.index)
        self.spotter = Spotter(self.dictionary, self.lists, self.places.is_name)
        self.russian_areas = RussianAreas(self.dictionary)
        self.people = PeopleFilter(self.dictionary, self.lists)
        self.resolver = Resolver(self.dictionary)
        self.entities = entities
        self.qualifiers = Qualifiers(self.dictionary, self.places, gazetteer.index)

    def parse(self, text: str, language: str | None = None, guidance: Guidance | None = None) -> list[Mention]:
        """The place mentions of ``text``, in text order; ``language``: its ISO 639-1 code, if known
        (otherwise it is detected); ``guidance``: analysts' decisions that hold for it."""
        check_text(text)
        if not text or text.isspace():
            return []
        spots = self.russian_areas.apply(text, self.spotter.spot(text, language=language))
        if self.entities is not None:
            spots = self.entities.apply(text, spots, self.spotter)
        spots = self.people.apply(text, spots)
        qualified = self.qualifiers.apply(text, spots)
        if guidance:
            qualified = self._guided(qualified, guidance)
        choices = self.resolver.resolve(Counter(map(_KEY, qualified.spots)), qualified.allowed)
        return self._mentions(qualified.spots, choices, guidance or {})

    def _guided(self, qualified: Qualified, guidance: Guidance) -> Qualified:
        """The spots less those decided to name no place, and each key whose every spot is decided for
        one of its candidate places restricted to it."""
        ids = self.dictionary.places.ids
        spots = [spot for spot in qualified.spots if spot.start not in guidance or guidance[spot.start] is not None]
        decided: dict[int, set[int | None]] = {}
        for spot in spots:
            decided.setdefault(spot.key, set()).add(guidance.get(spot.start))
        allowed = dict(qualified.allowed)
        for key, targets in decided.items():
            target = next(iter(targets))
            if len(targets) == 1 and target is not None:
                rows = frozenset(row for row, _ in self.dictionary.candidates(key) if ids[row] == target)
                if rows:
                    allowed[key] = rows
        return Qualified(spots, allowed)

    def _mentions(self, spots: list[Spot], choices: dict[int, Choice], guidance: Guidance) -> list[Mention]:
        ids = self.dictionary.places.ids
        decided = {place_id for place_id in guidance.values() if place_id is not None}
        places = self.places.get([*(ids[s.row] for c in choices.values() for s in c.ranked), *decided])
        chosen = {key: places[ids[choice.best.row]].name for key, choice in choices.items()}
        self.places.learn_exact(
            spot.surface
            for spot in spots
            if spot.key in chosen and spot.rule != "misspelling" and spot.surface != chosen[spot.key]
        )
        made: dict[tuple[int, str, float], _Resolved] = {}
        mentions = []
        for spot in spots:
            target = guidance.get(spot.start)
            if target is not None:
                mentions.append(self._decided(spot, places[target]))
                continue
            signature = (spot.key, spot.surface, spot.similarity)
            resolved = made.get(signature)
            if resolved is None:
                choice = choices.get(spot.key)
                if choice is None:
                    continue
                resolved = made[signature] = self._resolved(spot, choice, places)
            mentions.append(
                Mention(
                    spot.start,
                    spot.end,
                    spot.surface,
                    resolved.place,
                    resolved.confidence,
                    resolved.match_type,
                    resolved.candidates,
                    resolved.reasons,
                    spot.name,
                )
            )
        return mentions

    def _decided(self, spot: Spot, place: Place) -> Mention:
        """The mention of a spot whose place an analyst decided: sure, for that reason."""
        match_type = MatchType.EXACT if self._exact(spot.surface, place) else MatchType.FOLDED
        return Mention(spot.start, spot.end, spot.surface, place, 1.0, match_type, (), {CORRECTED: 1.0}, spot.name)

    def _resolved(self, spot: Spot, choice: Choice, places: dict[int, Place]) -> _Resolved:
        """The parts of a mention that follow from its name and surface."""
        ids = self.dictionary.places.ids
        best = choice.best
        place = places[ids[best.row]]
        match_type, factor, confidence = self._match(spot, place, choice.confidence)
        surface = spot.surface
        candidates = tuple(
            [Candidate(places[ids[s.row]], surface, match_type, s.score, None, s.parts) for s in choice.ranked]
        )
        reasons = {**best.parts, "score": best.score, "match": factor}
        return _Resolved(place, confidence, match_type, candidates, reasons)

    def _match(self, spot: Spot, place: Place, confidence: float) -> tuple[MatchType, float, float]:
        """Match type, its factor and the mention's confidence (the choice's, times the factor)."""
        if spot.rule == "misspelling":
            factor = MATCH_WEIGHT[MatchType.FUZZY] * spot.similarity
            return MatchType.FUZZY, round(factor, 4), round(confidence * factor, 4)
        match_type = MatchType.EXACT if self._exact(spot.surface, place) else MatchType.FOLDED
        return match_type, 1.0, confidence  # the confidence is rounded already

    def _exact(self, surface: str, place: Place) -> bool:
        """Whether ``surface`` is one of the names of ``place`` as written: its main name, or another."""
        return surface == place.name or place.id in self.places.exact_ids(surface)


def load_models() -> None:
    """Load now what parsing otherwise loads on first need: the language classifier, the Russian analyser."""
    DETECTOR.load()
    load_analyser()


def check_text(text: object) -> None:
    """Raise ``InvalidInput`` unless ``text`` is a string of acceptable length."""
    if not isinstance(text, str):
        raise InvalidInput(f"text must be a string, not {type(text).__name__}")
    if len(text) > MAX_TEXT_CHARS:
        raise InvalidInput(f"text is longer than {MAX_TEXT_CHARS} characters ({len(text)}); split it")


_PARSERS: dict[str, Geoparser] = {}
_LOCK = threading.Lock()


def geoparser_for(gazetteer: Gazetteer | None = None) -> Geoparser:
    """A shared ``Geoparser`` for ``gazetteer`` (the default index when ``None``)."""
    key = str(gazetteer.index.path.resolve()) if gazetteer is not None else ""
    with _LOCK:
        if key not in _PARSERS:
            _PARSERS[key] = Geoparser(gazetteer or Gazetteer.open())
        return _PARSERS[key]


def geoparse(text: str, gazetteer: Gazetteer | None = None, language: str | None = None) -> list[Mention]:
    """The place mentions of ``text``: offsets, resolved place, confidence, candidates."""
    check_text(text)
    return geoparser_for(gazetteer).parse(text, language)
