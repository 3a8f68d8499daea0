"""Typo-tolerant matching over the phonetic skeletons of all names."""

from __future__ import annotations

import threading
from collections import defaultdict

from rapidfuzz import fuzz, process

from gazetteer.index import GazetteerIndex

MIN_SIMILARITY = 80.0
"""Lowest rapidfuzz ratio (0..100) that counts as a fuzzy match."""
LENGTH_SLACK = 2
"""Keys this many characters shorter or longer than the query are compared."""


class FuzzyMatcher:
    """Skeleton keys bucketed by length, loaded on first use."""

    def __init__(self, index: GazetteerIndex) -> None:
        self._index = index
        self._buckets: dict[int, list[str]] | None = None
        self._lock = threading.Lock()

    def _load(self) -> dict[int, list[str]]:
        with self._lock:
            if self._buckets is None:
                buckets: dict[int, list[str]] = defaultdict(list)
                for (key,) in self._index.db.execute("SELECT DISTINCT skeleton FROM names"):
                    if len(key) >= 4:
                        buckets[len(key)].append(key)
                self._buckets = dict(buckets)
        return self._buckets

    def similar(self, key: str, limit: int = 10) -> list[tuple[str, float]]:
        """Skeleton keys close to ``key``, with a 0..1 similarity, best first."""
        if len(key) < 4:
            return []
        buckets = self._load()
        found: list[tuple[str, float]] = []
        for length in range(len(key) - LENGTH_SLACK, len(key) + LENGTH_SLACK + 1):
            choices = buckets.get(length)
            if not choices:
                continue
            for match, score, _ in process.extract(
                key, choices, scorer=fuzz.ratio, score_cutoff=MIN_SIMILARITY, limit=limit
            ):
                if match != key:
                    found.append((match, score / 100.0))
        found.sort(key=lambda pair: -pair[1])
        return found[:limit]
