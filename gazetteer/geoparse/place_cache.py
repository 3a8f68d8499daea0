"""Places of geoparsed mentions, read from the index once and remembered.

Mentions carry places without their names (``Gazetteer.place(id)`` has them
all), so the cache asks the index for the place rows only.  It also remembers
which places have a surface as one of their names exactly, for the match type.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from gazetteer.index import GazetteerIndex
from gazetteer.memo import Memo
from gazetteer.records import Place

LIMIT = 200_000
"""Places (and surfaces) remembered before the cache starts afresh."""


class PlaceCache:
    """Places by id without their names, read once from the index."""

    def __init__(self, index: GazetteerIndex, limit: int = LIMIT) -> None:
        self.index = index
        self.known: Memo[int, Place] = Memo(limit)
        """Places read so far, by id."""
        self.exact: Memo[str, frozenset[int]] = Memo(limit)
        """Surfaces looked up so far -> ids of the places that have them as a name."""

    def get(self, ids: Collection[int]) -> dict[int, Place]:
        """Places for ``ids`` (all must exist)."""
        known = self.known
        try:
            return {place_id: known[place_id] for place_id in ids}
        except KeyError:
            return self._read(ids)

    def _read(self, ids: Collection[int]) -> dict[int, Place]:
        """Places for ``ids``, those not yet known read from the index."""
        return self.known.get_many(set(ids), self._from_index)

    def _from_index(self, ids: list[int]) -> dict[int, Place]:
        return self.index.places(ids, names=False)

    def exact_ids(self, surface: str) -> frozenset[int]:
        """Ids of places that have ``surface`` as one of their names, exactly."""
        found = self.exact.get(surface)
        if found is None:
            found = self.exact.put(surface, frozenset(pid for pid, _ in self.index.ids_by_text(surface)))
        return found

    def is_name(self, surface: str) -> bool:
        """Whether ``surface`` is exactly one of some place's names."""
        return bool(self.exact_ids(surface))

    def learn_exact(self, surfaces: Iterable[str]) -> None:
        """Look up ``exact_ids`` of those of ``surfaces`` not known yet, all in one go (for a document)."""
        exact = self.exact
        new = {surface for surface in surfaces if surface not in exact}
        if new:
            found = self.index.ids_by_texts(new)
            exact.put_all({surface: frozenset(found.get(surface, ())) for surface in new})
