"""The spotting dictionary: every spottable name, folded, and its candidate places.

Keys are ``scan_form.name_key`` forms (``nagorno karabakh``).  Each key has
``F_*`` flags that tell the spotter how the name may be written, and points to
up to a dozen candidate places, best known first.  Places are rows of a
``PlaceTable`` of plain arrays, cheap to pickle and to read by the thousand.
``dictionary_build`` makes a dictionary from an index; ``dictionary_cache``
keeps it on disk.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

MAX_KEY_LENGTH = 120
"""Longest name spotted, in characters."""
F_ABBR, F_ABBR_ONLY, F_COMMON, F_LOWER_OK, F_DOT, F_PLAIN = 1, 2, 4, 8, 16, 32
"""Key flags: has an abbreviation (``US``), has nothing else, is a common word (``Nice``), has a
stored form with a lowercase word (``Lachin corridor``), has an abbreviation with a full stop
(``U.S.``); ``F_PLAIN`` (a name that is no abbreviation) is used while building only."""


@dataclass(slots=True)
class PlaceTable:
    """What disambiguation needs of every place, by row number."""

    ids: array
    """Place id of each row."""
    lon: array
    """Longitude of each row."""
    lat: array
    """Latitude of each row."""
    prominence: array
    """``ranking.prominence`` of each row."""
    country: list[str]
    """Country code of each row (``""`` for none)."""


@dataclass(slots=True)
class SpotDictionary:
    """All spottable names, and the candidate places of each."""

    keys: dict[str, int]
    """Folded name -> key id."""
    followers: dict[str, frozenset[str]]
    """Leading words of longer names -> the words that may come next (``nagorno`` -> ``karabakh``...)."""
    flags: array
    """``F_*`` bits of each key."""
    best: array
    """Highest prominence among the candidates of each key."""
    offsets: array
    """Candidates of key ``k`` are ``rows[offsets[k]:offsets[k + 1]]``."""
    rows: array
    """Candidate place rows, best known first within each key."""
    main: array
    """1 where the key is the candidate's main or preferred name."""
    places: PlaceTable
    """The places, by row."""
    countries: dict[str, int]
    """Keys of country and continent main names (targets for misspellings)."""

    def candidates(self, key: int) -> list[tuple[int, bool]]:
        """(place row, is main name) of a key, best known first."""
        lo, hi = self.offsets[key], self.offsets[key + 1]
        return [(self.rows[i], bool(self.main[i])) for i in range(lo, hi)]

    def key_id(self, key: str) -> int | None:
        """Id of a folded key, ``None`` when it is not spottable."""
        return self.keys.get(key)
