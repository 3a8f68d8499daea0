"""Misspelled place names: capitalised words one edit from a known name.

The evidence must be strong: the word is no known name, no common word, not
a derived form (``Armenian``), and the name it is close to is either already
named in the same text or a country (then the word has 7+ letters).
"""

from __future__ import annotations

from collections.abc import Callable

from rapidfuzz import process
from rapidfuzz.distance import OSA

from gazetteer.geoparse.name_dictionary import SpotDictionary
from gazetteer.geoparse.scan_form import name_key
from gazetteer.geoparse.stoplists import Stoplists
from gazetteer.memo import Memo

MISSPELLING_MIN = 6
"""Shortest word (and name) considered for a misspelling."""
COUNTRY_MIN = 7
"""Shortest word considered for a misspelling of a country name not named in the text."""
MEMORY = 500_000
"""Words whose verdicts are remembered across texts."""
Near = tuple[int, float]
"""Key id of the misspelled name, and how similar the word is to it."""


class Misspellings:
    """Finds the words of a text that misspell a name; remembers near country names across texts."""

    def __init__(self, dictionary: SpotDictionary, lists: Stoplists) -> None:
        self.dictionary = dictionary
        self.lists = lists
        self._countries_near: Memo[str, Near | None] = Memo(MEMORY)

    def find(
        self,
        text: str,
        scanned: str,
        suspects: list[tuple[int, int]],
        named: Callable[[], dict[str, int]],
    ) -> list[tuple[int, int, Near]]:
        """(start, end, near) of the ``suspects`` that misspell a name.

        ``suspects`` are the spans of words that pass ``suspect``.  ``named``
        gives the folded one-word names spotted in the text (``MISSPELLING_MIN``
        characters or more) and their key ids; it is called once, when first
        needed.
        """
        found: list[tuple[int, int, Near]] = []
        verdicts: dict[str, Near | None] = {}
        names: _Names | None = None
        for start, end in suspects:
            word = text[start:end]
            if word not in verdicts:
                if names is None:
                    names = _Names(named())
                verdicts[word] = self._near(scanned[start:end], names)
            verdict = verdicts[word]
            if verdict is not None:
                found.append((start, end, verdict))
        return found

    def suspect(self, word: str) -> bool:
        """Whether a capitalised word that is no name could be a misspelled one (not remembered)."""
        key = name_key(word)
        lists = self.lists
        return not (word.isupper() or lists.is_common(key) or lists.never_place(key))

    def _near(self, word: str, names: _Names) -> Near | None:
        """(key id, similarity) of the name ``word`` misspells, among ``names`` or the countries."""
        found = closest(word, names.keys) if names.near_length(len(word)) else None
        if found is None and len(word) >= COUNTRY_MIN:
            if word in self._countries_near:
                found = self._countries_near[word]
            else:
                found = self._countries_near.put(word, closest(word, self.dictionary.countries))
        return found


class _Names:
    """The names spotted in a text, as targets for its misspellings."""

    def __init__(self, keys: dict[str, int]) -> None:
        self.keys = keys
        self.lengths = {len(key) for key in keys}

    def near_length(self, length: int) -> bool:
        """Whether a name is one character or less longer or shorter (else none is one edit away)."""
        lengths = self.lengths
        return length in lengths or length - 1 in lengths or length + 1 in lengths


def closest(word: str, names: dict[str, int]) -> Near | None:
    """(key id, similarity) of the name one edit from ``word``, not a derived form of it."""
    best = process.extractOne(word, names.keys(), scorer=OSA.distance, score_cutoff=1)
    if best is None:
        return None
    target = best[0]
    if target[0] != word[0] or word.startswith(target) or target.startswith(word):
        return None
    return names[target], round(1.0 - best[1] / max(len(target), len(word)), 3)
