"""Typo-tolerant matching over the phonetic skeletons of all names.

A query's skeleton is compared by optimal-string-alignment edit distance (a
swap of two neighbouring letters is one edit) with the skeletons of the index
that begin with the same letter, which is the same first sound, since
skeletons merge ``kh``/``x``/``h``, ``q``/``g`` and ``c``/``j``, and whose
length is within the edit allowance.  The allowance rises with the length of
the key (``max_edits``): none below five characters, one up to eleven, two
from twelve on, so that a short or made-up name finds nothing rather than
some far place.  A name reached that way must also be spelled like the query
once both are romanized (``spelling_similarity`` at least ``MIN_SPELLING``),
since the skeleton's merges can make unrelated strings close; a fuzzy hit's
quality is the mean of the two similarities.  The keys of one first letter are read from the skeleton
column's index on first use (about 50,000 keys, 20 ms for the largest letter)
and kept by length.
"""

from __future__ import annotations

import threading
from collections import defaultdict

from rapidfuzz import process
from rapidfuzz.distance import OSA

from gazetteer.index import GazetteerIndex
from gazetteer.normalize import romanize

MIN_FUZZY_LENGTH = 5
"""Shortest skeleton matched with an edit: shorter keys match only exactly."""
TWO_EDITS_LENGTH = 12
"""Skeletons this long or longer may differ by two edits."""
MAX_KEYS = 64
"""Most similar keys returned for one query."""
MIN_SPELLING = 0.6
"""Lowest ``spelling_similarity`` between a query and a name reached through a similar key."""

_Buckets = dict[int, list[str]]


def max_edits(length: int) -> int:
    """Edits allowed between a skeleton of this length and a name's skeleton."""
    if length < MIN_FUZZY_LENGTH:
        return 0
    return 1 if length < TWO_EDITS_LENGTH else 2


def spelling_similarity(query: str, name: str) -> float:
    """0..1: one minus the edit distance between the romanized query and name, over the longer one."""
    return float(OSA.normalized_similarity(romanize(query), romanize(name)))


def fuzzy_quality(query: str, name: str, key_similarity: float) -> float | None:
    """Quality of a name reached through a key of ``key_similarity``; ``None`` when spelled too differently."""
    spelling = spelling_similarity(query, name)
    return None if spelling < MIN_SPELLING else round((key_similarity + spelling) / 2, 4)


class FuzzyMatcher:
    """Skeleton keys by first letter and length, each letter loaded on first use."""

    def __init__(self, index: GazetteerIndex) -> None:
        self._index = index
        self._letters: dict[str, _Buckets] = {}
        self._lock = threading.Lock()

    def _buckets(self, first: str) -> _Buckets:
        found = self._letters.get(first)
        if found is None:
            with self._lock:
                found = self._letters.get(first)
                if found is None:
                    buckets: _Buckets = defaultdict(list)
                    for key in self._index.skeletons_starting(first):
                        buckets[len(key)].append(key)
                    found = self._letters[first] = dict(buckets)
        return found

    def similar(self, key: str, limit: int = MAX_KEYS) -> list[tuple[str, float]]:
        """Skeleton keys within the edit allowance of ``key``, with a 0..1 similarity, best first."""
        edits = max_edits(len(key))
        if not edits:
            return []
        buckets = self._buckets(key[0])
        found: list[tuple[int, str]] = []
        for length in range(len(key) - edits, len(key) + edits + 1):
            choices = buckets.get(length)
            if choices:
                matches = process.extract(key, choices, scorer=OSA.distance, score_cutoff=edits, limit=None)
                found.extend((int(distance), match) for match, distance, _ in matches if match != key)
        found.sort()
        return [(match, round(1.0 - distance / max(len(key), len(match)), 4)) for distance, match in found[:limit]]
