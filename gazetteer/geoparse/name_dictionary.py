"""The spotting dictionary: every spottable name, folded, and its candidate places.

Keys are ``scan_form.name_key`` forms (``nagorno karabakh``).  Each key has
``F_*`` flags that tell the spotter how the name may be written, and points to
up to a dozen candidate places, best known first.  A phrase (a key, or the
leading words of longer keys) is looked up in a ``NameSource`` on first sight
and remembered: a ``MemoryNames`` just built from an index
(``dictionary_build``), or the tables of a dictionary file
(``dictionary_store``), so a process reads only the names its texts use.
Places are rows of a ``PlaceTable`` of plain arrays, read whole.
"""

from __future__ import annotations

from array import array
from collections.abc import Collection
from dataclasses import dataclass
from typing import NamedTuple, Protocol

from gazetteer.memo import Memo

MAX_KEY_LENGTH = 120
"""Longest name spotted, in characters."""
F_ABBR, F_ABBR_ONLY, F_COMMON, F_LOWER_OK, F_DOT, F_PLAIN, F_QUALIFIER = 1, 2, 4, 8, 16, 32, 64
"""Key flags: has an abbreviation (``US``), has nothing else, is a common word (``Nice``), has a
stored form with a lowercase word (``Lachin corridor``), has an abbreviation with a full stop
(``U.S.``), has an abbreviation of a first-level division (``Ky.``, ``BC``: taken where it qualifies
a name, see ``qualifiers``); ``F_PLAIN`` (a name that is no abbreviation) is used while building only."""
MEMORY = 500_000
"""Phrases whose lookups are remembered."""


class Phrase(NamedTuple):
    """What the dictionary knows of a folded phrase (``nagorno``, ``nagorno karabakh``)."""

    key: int
    """Key id of the phrase, -1 when it is no name."""
    follow: frozenset[str] | None
    """Words that may come next in a longer name (``karabakh``...), ``None`` for none."""


NO_PHRASE = Phrase(-1, None)
"""A phrase that is neither a name nor the start of one."""


@dataclass(slots=True)
class PlaceTable:
    """What disambiguation needs of every place, by row number."""

    ids: array[int]
    """Place id of each row."""
    lon: array[float]
    """Longitude of each row."""
    lat: array[float]
    """Latitude of each row."""
    prominence: array[float]
    """``ranking.prominence`` of each row."""
    country: list[str]
    """Country code of each row (``""`` for none)."""


class NameSource(Protocol):
    """Where a ``SpotDictionary`` looks up what it has not seen yet, many at a time."""

    def phrases(self, phrases: Collection[str]) -> dict[str, Phrase]:
        """What is known of each folded phrase (``NO_PHRASE`` for nothing)."""
        ...

    def candidates(self, keys: Collection[int]) -> dict[int, list[tuple[int, bool]]]:
        """(place row, is main name) of each key, best known first."""
        ...

    def countries(self) -> dict[str, int]:
        """Keys of country and continent main names -> key ids (targets for misspellings)."""
        ...


class SpotDictionary:
    """All spottable names and the candidate places of each, looked up once per phrase."""

    __slots__ = ("_countries", "best", "flags", "phrases", "places", "source")

    def __init__(
        self, flags: array[int], best: array[float], places: PlaceTable, source: NameSource, memory: int = MEMORY
    ) -> None:
        self.flags = flags
        """``F_*`` bits of each key."""
        self.best = best
        """Highest prominence among the candidates of each key."""
        self.places = places
        """The places, by row."""
        self.source = source
        """Where phrases and candidates are looked up."""
        self.phrases: Memo[str, Phrase] = Memo(memory)
        """Phrases looked up so far."""
        self._countries: dict[str, int] | None = None

    def phrase(self, phrase: str) -> Phrase:
        """What is known of a folded phrase, remembered."""
        found = self.phrases.get(phrase)
        if found is None:
            found = self.phrases.put(phrase, self.source.phrases((phrase,))[phrase])
        return found

    def key_id(self, key: str) -> int | None:
        """Id of a folded key, ``None`` when it is not spottable."""
        found = self.phrase(key).key
        return found if found >= 0 else None

    def candidates(self, key: int) -> list[tuple[int, bool]]:
        """(place row, is main name) of a key, best known first."""
        return self.source.candidates((key,))[key]

    def candidates_of(self, keys: Collection[int]) -> dict[int, list[tuple[int, bool]]]:
        """``candidates`` of each of ``keys``, read at once."""
        return self.source.candidates(keys)

    @property
    def countries(self) -> dict[str, int]:
        """Keys of country and continent main names -> key ids (targets for misspellings)."""
        if self._countries is None:
            self._countries = self.source.countries()
        return self._countries


@dataclass(slots=True)
class MemoryNames:
    """A ``NameSource`` in plain dicts and arrays: what ``dictionary_build`` makes."""

    keys: dict[str, int]
    """Folded name -> key id."""
    followers: dict[str, frozenset[str]]
    """Leading words of longer names -> the words that may come next (``nagorno`` -> ``karabakh``...)."""
    flags: array[int]
    """``F_*`` bits of each key."""
    best: array[float]
    """Highest prominence among the candidates of each key."""
    offsets: array[int]
    """Candidates of key ``k`` are ``rows[offsets[k]:offsets[k + 1]]``."""
    rows: array[int]
    """Candidate place rows, best known first within each key."""
    main: array[int]
    """1 where the key is the candidate's main or preferred name."""
    places: PlaceTable
    """The places, by row."""
    country_keys: dict[str, int]
    """Keys of country and continent main names (targets for misspellings)."""

    def phrases(self, phrases: Collection[str]) -> dict[str, Phrase]:
        """What is known of each folded phrase (``NO_PHRASE`` for nothing)."""
        return {phrase: self._phrase(phrase) for phrase in phrases}

    def _phrase(self, phrase: str) -> Phrase:
        key, follow = self.keys.get(phrase, -1), self.followers.get(phrase)
        return NO_PHRASE if key < 0 and follow is None else Phrase(key, follow)

    def candidates(self, keys: Collection[int]) -> dict[int, list[tuple[int, bool]]]:
        """(place row, is main name) of each key, best known first."""
        offsets, rows, main = self.offsets, self.rows, self.main
        return {key: [(rows[i], bool(main[i])) for i in range(offsets[key], offsets[key + 1])] for key in keys}

    def countries(self) -> dict[str, int]:
        """Keys of country and continent main names -> key ids."""
        return self.country_keys

    def dictionary(self) -> SpotDictionary:
        """A dictionary that looks names up here."""
        return SpotDictionary(self.flags, self.best, self.places, self)
