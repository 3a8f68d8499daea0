"""Context rules that reject a spotted name which, here, is no place.

Each rule gives a reason, for explanation:

``acronym``
    An all-caps word outside a dateline or an all-caps heading (``LET US``).
``common-word``
    An everyday English word (``Nice``) of a less than prominent place, with
    no preposition of place (``in``) before it.
``organisation``
    Part of an organisation's name (``OSCE Minsk Group``, ``Council of Europe``).
``person``, ``name-run``
    Part of a person's name (``President Aliyev``, ``Antony Blinken``) or of
    another longer proper name.

``reason`` applies them all; ``prominent`` and ``small`` are its shortcuts for
the names that are most of them, in no capitals and no common word.  The word
lists come from ``stoplists``; the words and lines around a name from
``text_context``.
"""

from __future__ import annotations

from gazetteer.geoparse.stoplists import Stoplists
from gazetteer.geoparse.text_context import (
    capitalised_run,
    caps_line,
    is_capitalised,
    is_caps,
    is_heading,
    opens_line,
    starts_sentence,
    words_after,
    words_before,
)

PROMINENT = 0.9
"""Prominence from which a place name needs no context (countries, big capitals)."""
_OF = ("of ", "the ")


class FalseHitRules:
    """Context rules that reject a spotted name, each with a reason for explanation."""

    def __init__(self, lists: Stoplists) -> None:
        self.lists = lists

    def reason(
        self,
        text: str,
        start: int,
        end: int,
        *,
        common: bool,
        prominence: float,
        abbreviation: bool = False,
    ) -> str:
        """Why ``text[start:end]`` is not a place here, or ``""`` when it may be one.

        ``common``: the name is an everyday English word; ``prominence``: of its
        best known place; ``abbreviation``: the surface is one of the place's
        abbreviations (``US``), which all-caps text makes ambiguous (``LET US``).
        """
        caps = is_caps(text[start:end])
        small = prominence < PROMINENT
        if not (caps or common):
            return self.small(text, start, end) if small else self.prominent(text, start, end)
        capital_after = text[end + 1 : end + 2].isupper()
        before = words_before(text, start) if small or caps or _after_of(text, start) else []
        after = words_after(text, end) if capital_after else []
        if caps:
            if abbreviation:
                if common and _caps_neighbour(before, after):
                    return "acronym"
            elif not _caps_context(text, start, end, before, after):
                return "acronym"
        if common and small and not abbreviation and not self._locative(before):
            return "common-word"
        if self._org_prefix(before) or self._org_head(after):
            return "organisation"
        if small and not caps and (before or after):
            why = self._name_run(text, start, before, after)
            if why and not is_heading(text, start, end):
                return why
        return ""

    def prominent(self, text: str, start: int, end: int) -> str:
        """``reason`` for the name of a prominent place that is no common word, not in capitals:
        only an organisation's name (``Azerbaijan Airlines``, ``Bank of Georgia``) rejects it."""
        if text[end + 1 : end + 2].isupper() and self._org_head(words_after(text, end)):
            return "organisation"
        if _after_of(text, start) and self._org_prefix(words_before(text, start)):
            return "organisation"
        return ""

    def small(self, text: str, start: int, end: int) -> str:
        """``reason`` for the name of a less than prominent place that is no common word, not in
        capitals: an organisation's name, or a longer proper name (``Hotel Armenia``), rejects it."""
        before = words_before(text, start)
        after = words_after(text, end) if text[end + 1 : end + 2].isupper() else []
        if self._org_prefix(before) or (after and self._org_head(after)):
            return "organisation"
        if after or (before and is_capitalised(before[-1])):
            why = self._name_run(text, start, before, after)
            if why and not is_heading(text, start, end):
                return why
        return ""

    def _locative(self, before: list[str]) -> bool:
        return bool(before) and before[-1].lower() in self.lists.locatives

    def _org_prefix(self, before: list[str]) -> bool:
        """Whether the words before end with ``<Prefix> of`` or ``<Prefix> of the`` (``Council of``)."""
        if len(before) < 2:
            return False
        last = before[-1].lower()
        if last == "the" and len(before) > 2 and before[-2].lower() == "of":
            prefix = before[-3]
        elif last == "of":
            prefix = before[-2]
        else:
            return False
        return is_capitalised(prefix) and prefix.lower() in self.lists.org_prefixes

    def _org_head(self, after: list[str]) -> bool:
        """Whether a word of the capitalised run after ends an organisation's name (``Group``)."""
        for word in after:
            if not is_capitalised(word):
                return False
            if word.lower() in self.lists.org_heads:
                return True
        return False

    def _name_run(self, text: str, start: int, before: list[str], after: list[str]) -> str:
        """``person`` or ``name-run`` when the name is part of a longer proper name."""
        previous = before[-1] if before else ""
        if is_capitalised(previous) and not previous.isupper():
            word = previous.lower()
            if word.rstrip(".") in self.lists.titles:
                return "person"
            if not word.endswith(".") and not self._ordinary(word):
                return "person"
            if self._name_part(word) and not starts_sentence(text, start, previous):
                return "name-run"
        run = capitalised_run(after)
        if not run or run[0].lower() in self.lists.demonyms:
            return ""
        if any(word.lower() in self.lists.heads for word in run):
            return ""
        return "name-run" if self._ordinary(run[0].lower()) else "person"

    def _name_part(self, word: str) -> bool:
        """Whether a capitalised ordinary word before a name likely belongs to another name."""
        lists = self.lists
        return not (word in lists.modifiers or word in lists.demonyms or word in lists.locatives)

    def _ordinary(self, word: str) -> bool:
        lists = self.lists
        return word in lists.common or word in lists.demonyms or word in lists.calendar


def _after_of(text: str, start: int) -> bool:
    """Whether ``of`` or ``of the`` comes right before ``start`` (a cheap pre-check)."""
    return text[max(0, start - 4) : start].lower().endswith(_OF)


def _caps_neighbour(before: list[str], after: list[str]) -> bool:
    """Whether a word right before or after is in capitals too."""
    return any(len(w) > 1 and w.isupper() for w in before[-1:] + after[:1])


def _caps_context(text: str, start: int, end: int, before: list[str], after: list[str]) -> bool:
    """All-caps words are names only in datelines and all-caps headings."""
    if opens_line(text, start):
        return True
    return _caps_neighbour(before, after) or caps_line(text, start, end)
