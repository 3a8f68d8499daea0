"""How a spotted name is written, and whether that writing fits the name.

An abbreviation counts only in capitals (``US``, not ``us``), and a name that
is nothing but an abbreviation counts in no other writing.  A longer name
(``Lachin Corridor``) has its later words capitalised, short or particles
(``Rostov-on-Don``), unless one of its stored forms has a lowercase word
(``Lachin corridor``).  An abbreviation stored with full stops (``U.S.``)
takes the stop that follows it in the text.
"""

from __future__ import annotations

import re
from enum import IntEnum

from gazetteer.geoparse.name_dictionary import (
    F_ABBR,
    F_ABBR_ONLY,
    F_DOT,
    F_LOWER_OK,
    F_QUALIFIER,
    SpotDictionary,
)
from gazetteer.geoparse.stoplists import Stoplists
from gazetteer.memo import Memo


class Verdict(IntEnum):
    """What the spotter makes of a capitalised word or a writing of a name."""

    REJECTED = 0
    """The writing does not fit the name (or the word is no name)."""
    KEPT = 1
    """The writing fits the name as written."""
    DOTTED = 2
    """The writing fits and takes the full stop that follows in the text (``dotted_end``)."""
    SUSPECT = 3
    """The word is no name but may misspell one (``misspellings``)."""


REJECTED, KEPT, DOTTED, SUSPECT = Verdict.REJECTED, Verdict.KEPT, Verdict.DOTTED, Verdict.SUSPECT
"""The verdicts as module names (a global is read faster than a class attribute in hot loops)."""
MEMORY = 500_000
"""Writings whose verdicts are remembered across texts."""
_WORDS = re.compile(r"[^\W_]+")


class NameWriting:
    """Verdicts on the writings of spotted names, remembered across texts."""

    def __init__(self, dictionary: SpotDictionary, lists: Stoplists) -> None:
        self.dictionary = dictionary
        self.lists = lists
        self._verdicts: Memo[str, Verdict] = Memo(MEMORY)

    def verdict(self, surface: str, key: int) -> Verdict:
        """Whether ``surface`` is a fitting writing of the name with key id ``key`` (never ``SUSPECT``)."""
        verdict = self._verdicts.get(surface)
        if verdict is None:
            verdict = self._verdicts.put(surface, self._judge(surface, self.dictionary.flags[key]))
        return verdict

    def _judge(self, surface: str, flags: int) -> Verdict:
        if flags & F_ABBR and surface.isupper():
            return DOTTED if flags & F_DOT else KEPT
        if flags & F_QUALIFIER:
            return DOTTED if flags & F_DOT else KEPT  # where it may stand: ``qualifiers``
        if flags & F_ABBR_ONLY:
            return REJECTED
        if (" " in surface or "-" in surface) and not flags & F_LOWER_OK:
            return KEPT if self._title_words(surface) else REJECTED
        return KEPT

    def _title_words(self, surface: str) -> bool:
        """Every word after the first is capitalised, short or a particle (``of``, ``on``)."""
        for word in _WORDS.findall(surface)[1:]:
            if word[0].islower() and len(word) >= 4 and word not in self.lists.particles:
                return False
        return True


def dotted_end(text: str, end: int) -> int:
    """The end of a ``DOTTED`` writing that stops at ``end``: just past the full stop, if one follows."""
    return end + 1 if text[end : end + 1] == "." else end
