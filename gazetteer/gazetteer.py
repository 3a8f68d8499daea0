"""The gazetteer: places by id and by any spelling of their names.

Lookup tries the strategies in order, each with its penalty
(``ranking.MATCH_WEIGHT``): exact text, folded key, transliterated key
(romanized, then phonetic skeleton), and fuzzy matching of the skeleton when
those find nothing or only weak candidates (``WEAK_SCORE``).  Candidates are
ranked on their place rows alone by ``ranking.reader_score``: match (a name
other than the place's main one discounted), reader prior (kind of place,
population, languages naming it), the country and focus-point biases, or
else the deployment's home region; only the candidates returned are loaded
with their names.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from gazetteer.errors import InvalidInput
from gazetteer.fuzzy import FuzzyMatcher, fuzzy_quality
from gazetteer.index import GazetteerIndex
from gazetteer.limits import MAX_LIMIT
from gazetteer.memo import Memo
from gazetteer.normalize import check_query, fold, romanize, skeleton
from gazetteer.ranking import MATCH_WEIGHT, OTHER_NAME, reader_score, tempered
from gazetteer.records import Candidate, MatchType, Name, Place, Point
from gazetteer.settings import Region, Settings, load_settings

_Hit = tuple[float, MatchType, str]
_Hits = dict[int, _Hit]
_Found = defaultdict[int, list[_Hit]]
_Rows = dict[int, Place]

LANGUAGE_MEMORY = 100_000
"""How many places' language counts a gazetteer remembers (a few MiB)."""
MIN_PREFIX = 3
"""Shortest folded query that is completed (two letters begin too many names to rank them quickly)."""
PREFIX_CANDIDATES = 200
"""Names beginning with a query that ``complete`` scores, those of the most populous places."""
WEAK_SCORE = 0.35
"""Below this score the best exact candidate is weak and fuzzy hits are looked for too: about what a good
fuzzy hit on a town of the home region scores (0.7 fuzzy weight x 0.85 quality x 0.6 prior factor)."""


@dataclass(frozen=True, slots=True)
class _Scored:
    """A hit scored on its place row, before its names are loaded."""

    score: float
    """``reader_score`` of the hit."""
    weight: float
    """The match weight of the hit (strategy penalty times quality)."""
    place: Place
    """The place row (no names)."""
    matched: str
    """The name that the query matched."""
    match_type: MatchType
    """The strategy that found it."""
    parts: dict[str, float] = field(default_factory=dict)
    """The parts of the score."""


class Gazetteer:
    """Read-only access to places and their names, with ranked lookup."""

    def __init__(self, index: GazetteerIndex, *, region: Region | None = None) -> None:
        self.index = index
        self.region = region
        """Home region preferred by lookups that give no focus and no country (``None``: no preference)."""
        self.fuzzy = FuzzyMatcher(index)
        self._languages: Memo[int, int] = Memo(LANGUAGE_MEMORY)

    @classmethod
    def open(cls, path: Path | None = None, *, settings: Settings | None = None) -> Gazetteer:
        """Open the index at ``path`` (default from settings), building the embedded default if absent.

        The home region comes from the settings (``GAZETTEER_REGION``, default the South Caucasus).
        """
        from gazetteer.build import ensure_index  # the build's sources are heavy: only when opening

        chosen = settings or load_settings()
        target = Path(path) if path else chosen.index_path
        return cls(GazetteerIndex(ensure_index(target)), region=chosen.region)

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
        """Places whose names match ``query``, best first; ``[]`` when no name is close enough."""
        text = _checked(query, country, limit)
        return self._candidates(self._search(text, fuzzy, country, focus), limit, focus)

    def complete(
        self, query: str, *, country: str | None = None, focus: Point | None = None, limit: int = 10
    ) -> list[Candidate]:
        """Places whose names match ``query`` or begin with it (``Khanke``: Khankendi), best first: the
        matches of ``lookup`` (without misspellings) and the ``PREFIX_CANDIDATES`` most populous places
        with a name that begins with the query, folded or romanized."""
        text = _checked(query, country, limit)
        found = self._exact(text)
        for column, key in (("folded", fold(text)), ("roman", romanize(text))):
            if len(key) >= MIN_PREFIX:
                _collect(found, self.index.ids_by_prefix(column, key, PREFIX_CANDIDATES), MatchType.PREFIX, 1.0)
        return self._candidates(self._scored(found, self.places(found, names=False), country, focus), limit, focus)

    def match(self, text: str, *, fuzzy: bool = True) -> _Hits:
        """Place ids reached by ``text``: best (weight, match type, matched name) per place."""
        return {s.place.id: (s.weight, s.match_type, s.matched) for s in self._search(text, fuzzy, None, None)}

    def rank(
        self, hits: _Hits, *, country: str | None = None, focus: Point | None = None, limit: int | None = None
    ) -> list[Candidate]:
        """Candidates for the hits, best first; the first ``limit`` (all by default), loaded with their names."""
        rows = self.places(hits, names=False)
        found: _Found = defaultdict(list, {pid: [hit] for pid, hit in hits.items()})
        return self._candidates(self._scored(found, rows, country, focus), limit, focus)

    def _search(self, text: str, fuzzy: bool, country: str | None, focus: Point | None) -> list[_Scored]:
        """The hits of ``text`` scored, best first; fuzzy ones too when the others are weak or none."""
        found = self._exact(text)
        rows = self.places(found, names=False)
        scored = self._scored(found, rows, country, focus)
        key = skeleton(text)
        if fuzzy and key and (not scored or scored[0].score < WEAK_SCORE):
            self._collect_fuzzy(found, text, key)
            rows |= self.places(found.keys() - rows.keys(), names=False)
            scored = self._scored(found, rows, country, focus)
        return scored

    def _language_counts(self, ids: Iterable[int]) -> dict[int, int]:
        """``index.language_counts``, remembered for the last ``LANGUAGE_MEMORY`` places or so."""
        return self._languages.get_many(ids, self._count_languages)

    def _count_languages(self, ids: list[int]) -> dict[int, int]:
        counted = self.index.language_counts(ids)
        return {place_id: counted.get(place_id, 0) for place_id in ids}

    def _exact(self, text: str) -> _Found:
        found: _Found = defaultdict(list)
        _collect(found, self.index.ids_by_text(text), MatchType.EXACT, 1.0)
        for column, key, match_type, quality in (
            ("folded", fold(text), MatchType.FOLDED, 1.0),
            ("roman", romanize(text), MatchType.TRANSLITERATED, 1.0),
            ("skeleton", skeleton(text), MatchType.TRANSLITERATED, 0.96),
        ):
            if key:
                _collect(found, self.index.ids_by(column, key), match_type, quality)
        return found

    def _collect_fuzzy(self, found: _Found, text: str, key: str) -> None:
        weight = MATCH_WEIGHT[MatchType.FUZZY]
        for similar, similarity in self.fuzzy.similar(key):
            for place_id, name in self.index.ids_by("skeleton", similar):
                quality = fuzzy_quality(text, name, similarity)
                if quality is not None:
                    found[place_id].append((weight * quality, MatchType.FUZZY, name))

    def _scored(self, found: _Found, rows: _Rows, country: str | None, focus: Point | None) -> list[_Scored]:
        """Each place's best hit by ``reader_score``, best first."""
        languages = self._language_counts(rows)
        scored = []
        for place_id, hits in found.items():
            place = rows.get(place_id)
            if place is None:
                continue
            weight, match_type, matched = max(hits, key=lambda hit: hit[0] * _name_factor(place, hit[2]))
            score, parts = reader_score(
                weight,
                place,
                languages=languages.get(place_id, 0),
                main_name=_names_main(place, matched),
                country=country,
                focus=focus,
                region=self.region,
            )
            scored.append(_Scored(score, weight, place, matched, match_type, parts))
        scored.sort(key=lambda s: (-s.score, -s.place.population, s.place.id))
        return scored

    def _candidates(self, scored: list[_Scored], limit: int | None, focus: Point | None) -> list[Candidate]:
        """The first ``limit`` scored hits as candidates, loaded with their names."""
        total = sum(s.score for s in scored) or 1.0
        chosen = scored[:limit] if limit is not None else scored
        named = self.places([s.place.id for s in chosen])
        return [_candidate(s, named.get(s.place.id, s.place), total, focus) for s in chosen]


def _checked(query: str, country: str | None, limit: int) -> str:
    """The query, stripped, once it, ``country`` and ``limit`` are valid; ``InvalidInput`` otherwise."""
    text = check_query(query)
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidInput(f"limit must be between 1 and {MAX_LIMIT}")
    if country is not None and (len(country) != 2 or not country.isalpha()):
        raise InvalidInput("country must be an ISO 3166-1 alpha-2 code such as AZ")
    return text


def _candidate(scored: _Scored, place: Place, total: float, focus: Point | None) -> Candidate:
    """The candidate, its confidence tempered by its share of all candidates' scores."""
    distance = round(_geodesic_km(focus, place.point), 3) if focus else None
    parts = scored.parts | {"score": scored.score, "share": round(scored.score / total, 4)}
    confidence = tempered(scored.score, total)
    return Candidate(place, scored.matched, scored.match_type, confidence, distance, parts)


def _names_main(place: Place, matched: str) -> bool:
    """Whether the matched name is a spelling of the place's main name (same folded or phonetic key)."""
    return fold(matched) == fold(place.name) or skeleton(matched) == skeleton(place.name)


def _name_factor(place: Place, matched: str) -> float:
    return 1.0 if _names_main(place, matched) else OTHER_NAME


def _collect(found: _Found, rows: list[tuple[int, str]], match_type: MatchType, quality: float) -> None:
    weight = MATCH_WEIGHT[match_type] * quality
    for place_id, text in rows:
        found[place_id].append((weight, match_type, text))


def _geodesic_km(a: Point, b: Point) -> float:
    """The geodesic distance reported beside a candidate (pyproj is loaded only when asked)."""
    from geo.distance import distance_km

    return distance_km(a.lon, a.lat, b.lon, b.lat)
