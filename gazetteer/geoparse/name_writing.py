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

from gazetteer.geoparse.name_dictionary import (
    F_ABBR,
    F_ABBR_ONLY,
    F_DOT,
    F_LOWER_OK,
    SpotDictionary,
)
from gazetteer.geoparse.stoplists import Stoplists

REJECTED, KEPT, DOTTED = 0, 1, 2
"""Verdicts on a writing: it does not fit the name, it fits as written, it fits and takes the
full stop that follows in the text (``dotted_end``)."""
MEMORY = 500_000
"""Writings whose verdicts are remembered across texts."""
_WORDS = re.compile(r"[^\W_]+")


class NameWriting:
    """Verdicts on the writings of spotted names, remembered across texts."""

    def __init__(self, dictionary: SpotDictionary, lists: Stoplists) -> None:
        self.dictionary = dictionary
        self.lists = lists
        self._verdicts: dict[str, int] = {}

    def verdict(self, surface: str, key: int) -> int:
        """Whether ``surface`` is a fitting writing of the name with key id ``key``."""
        verdict = self._verdicts.get(surface)
        if verdict is None:
            verdict = self._judge(surface, self.dictionary.flags[key])
            if len(self._verdicts) > MEMORY:
                self._verdicts.clear()
            self._verdicts[surface] = verdict
        return verdict

    def _judge(self, surface: str, flags: int) -> int:
        if flags & F_ABBR and surface.isupper():
            return DOTTED if flags & F_DOT else KEPT
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
