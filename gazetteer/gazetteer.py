"""The gazetteer: places by id and by any spelling of their names.

Lookup tries the strategies in order, each with its penalty
(``ranking.MATCH_WEIGHT``): exact text, folded key, transliterated key
(romanized, then phonetic skeleton), and, only when those find nothing,
fuzzy matching of the skeleton.  Candidates are ranked by the combined score
of match, prominence and the optional country and focus-point biases.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from gazetteer.build import ensure_index
from gazetteer.errors import InvalidInput
from gazetteer.fuzzy import FuzzyMatcher
from gazetteer.index import GazetteerIndex
from gazetteer.limits import MAX_LIMIT
from gazetteer.normalize import check_query, fold, romanize, skeleton
from gazetteer.ranking import MATCH_WEIGHT, combine, tempered
from gazetteer.records import Candidate, MatchType, Name, Place, Point
from gazetteer.settings import load_settings

_Hits = dict[int, tuple[float, MatchType, str]]


class Gazetteer:
    """Read-only access to places and their names, with ranked lookup."""

    def __init__(self, index: GazetteerIndex) -> None:
        self.index = index
        self.fuzzy = FuzzyMatcher(index)

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """Open the index at ``path`` (default from settings), building the embedded default if absent."""
        target = Path(path) if path else load_settings().index_path
        return cls(GazetteerIndex(ensure_index(target)))

    def place(self, place_id: int) -> Place:
        """The place with that id, with all its names (``NotFound`` otherwise)."""
        return self.index.place(place_id)

    def places(self, ids: Iterable[int], names: bool = True) -> dict[int, Place]:
        """Places by id, with their names unless ``names`` is false; unknown ids are left out."""
        return self.index.places(ids, names=names)

    def variants(self, place_id: int) -> list[Name]:
        """All names of a place, preferred ones first."""
        names = self.place(place_id).names
        return sorted(names, key=lambda n: (not n.preferred, n.historic, n.lang == "", n.lang))

    def lookup(
        self,
        query: str,
        *,
        country: str | None = None,
        focus: Point | None = None,
        limit: int = 10,
        fuzzy: bool = True,
    ) -> list[Candidate]:
        """Places whose names match ``query``, best first."""
        text = check_query(query)
        if not 1 <= limit <= MAX_LIMIT:
            raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}")
        if country is not None and (len(country) != 2 or not country.isalpha()):
            raise InvalidInput("country must be an ISO 3166-1 alpha-2 code such as AZ")
        hits = self.match(text, fuzzy=fuzzy)
        return self.rank(hits, country=country, focus=focus)[:limit]

    def match(self, text: str, *, fuzzy: bool = True) -> _Hits:
        """Place ids reached by ``text``: best (weight, match type, matched name) per place."""
        hits: _Hits = {}
        _add(hits, self.index.ids_by_text(text), MatchType.EXACT, 1.0)
        _add(hits, self.index.ids_by("folded", fold(text)), MatchType.FOLDED, 1.0)
        _add(hits, self.index.ids_by("roman", romanize(text)), MatchType.TRANSLITERATED, 1.0)
        key = skeleton(text)
        _add(hits, self.index.ids_by("skeleton", key), MatchType.TRANSLITERATED, 0.96)
        if fuzzy and not hits:
            for similar, similarity in self.fuzzy.similar(key):
                _add(hits, self.index.ids_by("skeleton", similar), MatchType.FUZZY, similarity)
        return hits

    def rank(self, hits: _Hits, *, country: str | None = None, focus: Point | None = None) -> list[Candidate]:
        """Candidates for the hits, ordered by combined confidence."""
        places = self.places(hits)
        candidates = []
        for place_id, (weight, match_type, matched) in hits.items():
            place = places[place_id]
            confidence, parts = combine(weight, place, country=country, focus=focus)
            distance = round(_geodesic_km(focus, place.point), 3) if focus else None
            candidates.append(Candidate(place, matched, match_type, confidence, distance, parts))
        candidates.sort(key=lambda c: (-c.confidence, -c.place.population, c.place.id))
        return _with_margin(candidates)


def _with_margin(candidates: list[Candidate]) -> list[Candidate]:
    """Each candidate's confidence tempered by its share of all candidates' scores."""
    total = sum(c.confidence for c in candidates) or 1.0
    return [
        replace(
            c,
            confidence=tempered(c.confidence, total),
            scores=c.scores | {"score": c.confidence, "share": round(c.confidence / total, 4)},
        )
        for c in candidates
    ]


def _add(hits: _Hits, rows: list[tuple[int, str]], match_type: MatchType, quality: float) -> None:
    weight = MATCH_WEIGHT[match_type] * quality
    for place_id, text in rows:
        if place_id not in hits or hits[place_id][0] < weight:
            hits[place_id] = (weight, match_type, text)


def _geodesic_km(a: Point, b: Point) -> float:
    """The geodesic distance reported beside a candidate (pyproj is loaded only when asked)."""
    from geo.distance import distance_km

    return distance_km(a.lon, a.lat, b.lon, b.lat)
