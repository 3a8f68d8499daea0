"""Context rules that reject a spotted name which, here, is no place.

Each rule gives a reason, for explanation:

``acronym``
    An all-caps word outside a dateline or an all-caps heading (``LET US``).
``common-word``
    An everyday English word (``Nice``) of a less than prominent place, with
    no preposition of place (``in``) before it.
``organisation``
    Part of a club's name (``Real Madrid``).  A place that qualifies an organisation or a
    role (``Kentucky State Police``, ``University of Manitoba``, ``Manitoba Premier``) stays a place.
``quoted``
    A whole name in guillemets or low-high quotes (``клуб «Карабах»``): Russian,
    Azerbaijani and Armenian typography quotes the names of organisations,
    clubs, papers and ships, not of places.
``organisation-head``
    A name before an Azerbaijani organisation noun in the possessive
    (``Qarabağ futbol klubu``, ``Gəncə komandası``): the compound names the
    club or the firm of the place, not the place.
``person``, ``name-run``
    Part of a person's name (``President Aliyev``, ``Antony Blinken``) or of
    another longer proper name.  A sentence's first word opens a person's name
    only when it is a given name (``Tərəflər Batumi``: "the parties" and
    Batumi).

``reason`` applies them all; ``prominent`` and ``small`` are its shortcuts for
the names that are most of them, in no capitals and no common word.  The word
lists come from ``stoplists``; the words and lines around a name from
``text_context``.
"""

from __future__ import annotations

from collections.abc import Collection

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
CLUB_PREFIXES = frozenset(
    {"real", "atletico", "atlético", "athletic", "sporting", "racing", "deportivo", "dynamo", "dinamo"}
    | {"lokomotiv", "spartak", "torpedo", "inter", "olympique", "borussia", "rapid", "hapoel", "maccabi", "beitar"}
)
"""Words that open a sports club's name before its town's (``Real Madrid``, ``Dynamo Kyiv``)."""
NAME_QUOTES = frozenset({("«", "»"), ("„", "“"), ("‹", "›")})
"""Quotes around the names of organisations and works in Russian, Azerbaijani and Armenian typography."""


AZERBAIJANI_ORGANISATION_HEADS = frozenset(
    {"klubu", "komandası", "yığması", "universiteti", "institutu", "akademiyası", "şirkəti", "bankı"}
    | {"partiyası", "qəzeti", "jurnalı", "teatrı", "orkestri", "xoru", "ansamblı", "zavodu", "fabriki"}
)
"""Azerbaijani nouns of organisations in the possessive form (``-ı/-i/-u/-ü``, ``-sı/-si``) that the
name of a place before them makes a compound: the place's club, team, university, firm, bank, party,
paper, theatre or works (``Bakı şəhəri``, ``Laçın rayonu``, ``Laçın yolu`` stay places)."""
ORGANISATION_KINDS = frozenset({"futbol", "voleybol", "basketbol", "idman", "dövlət", "tibb", "neft"})
"""Words that may stand between the place and the organisation noun (``Qarabağ futbol klubu``)."""


def organisation_after(text: str, end: int) -> bool:
    """Whether an ``AZERBAIJANI_ORGANISATION_HEADS`` noun follows ``text[:end]``, perhaps after one of
    ``ORGANISATION_KINDS`` (an ``organisation-head`` false hit)."""
    words = [word.lower() for word in words_after(text, end)[:2]]
    if words and words[0] in ORGANISATION_KINDS:
        words = words[1:]
    return bool(words) and words[0] in AZERBAIJANI_ORGANISATION_HEADS


def quoted(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` is a whole name in ``NAME_QUOTES`` (a ``quoted`` false hit)."""
    return (text[start - 1 : start], text[end : end + 1]) in NAME_QUOTES if start else False


class FalseHitRules:
    """Context rules that reject a spotted name, each with a reason for explanation."""

    def __init__(self, lists: Stoplists, given: Collection[str]) -> None:
        self.lists = lists
        self.given = given
        """Given names, lowercase: a sentence's first word that is none opens no person's name."""

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
        before = words_before(text, start)
        after = words_after(text, end) if capital_after else []
        if caps:
            if abbreviation:
                if common and _caps_neighbour(before, after):
                    return "acronym"
            elif not _caps_context(text, start, end, before, after):
                return "acronym"
        if common and small and not abbreviation and not (self._locative(before) or self._qualifies(text, end)):
            return "common-word"
        if _club(before):
            return "organisation"
        if small and not caps and (before or after) and not self._org_head(after):
            why = self._name_run(text, start, before, after)
            if why and not is_heading(text, start, end):
                return why
        return ""

    def prominent(self, text: str, start: int, end: int) -> str:
        """``reason`` for the name of a prominent place that is no common word, not in capitals:
        only a club's name (``Real Madrid``) rejects it."""
        return "organisation" if _club(words_before(text, start)) else ""

    def small(self, text: str, start: int, end: int) -> str:
        """``reason`` for the name of a less than prominent place that is no common word, not in
        capitals: a club's name, or a longer proper name (``Hotel Armenia``) that names no organisation
        after it (``Glasgow Police Department``), rejects it."""
        before = words_before(text, start)
        capital_before = bool(before) and is_capitalised(before[-1])
        capital_after = text[end + 1 : end + 2].isupper()
        if not (capital_before or capital_after):
            return ""
        after = words_after(text, end) if capital_after else []
        if _club(before):
            return "organisation"
        if self._org_head(after):
            return ""
        if after or capital_before:
            why = self._name_run(text, start, before, after)
            if why and not is_heading(text, start, end):
                return why
        return ""

    def _locative(self, before: list[str]) -> bool:
        """Whether a preposition of place comes right before (``in``, ``south of``)."""
        if not before:
            return False
        last = before[-1].lower()
        if last == "of" and len(before) > 1:
            return before[-2].lower() in self.lists.modifiers
        return last in self.lists.locatives

    def _org_head(self, after: list[str]) -> bool:
        """Whether a word of the capitalised run after ends an organisation's name or is a role
        (``Group``, ``Police``, ``Premier``): the place qualifies it."""
        lists = self.lists
        for word in after:
            if not is_capitalised(word):
                return False
            if word.lower() in lists.org_heads or word.lower().rstrip(".") in lists.titles:
                return True
        return False

    def _qualifies(self, text: str, end: int) -> bool:
        """Whether a lowercase organisation word follows (``the Cairns police``)."""
        after = words_after(text, end)
        return bool(after) and after[0].islower() and (after[0] in self.lists.org_heads or after[0] in self.lists.heads)

    def _name_run(self, text: str, start: int, before: list[str], after: list[str]) -> str:
        """``person`` or ``name-run`` when the name is part of a longer proper name."""
        previous = before[-1] if before else ""
        if is_capitalised(previous) and not previous.isupper():
            word = previous.lower()
            if word.rstrip(".") in self.lists.titles:
                return "person"
            if not word.endswith(".") and not self._ordinary(word) and self._may_open_a_name(text, start, previous):
                return "person"
            if not word.endswith(".") and self._name_part(word) and not starts_sentence(text, start, previous):
                return "name-run"
        run = capitalised_run(after)
        if not run or self._qualified(run):
            return ""
        return "name-run" if self._ordinary(run[0].lower()) else "person"

    def _may_open_a_name(self, text: str, start: int, previous: str) -> bool:
        """Whether ``previous``, a capitalised word right before ``start`` that is no everyday word, may
        begin a person's name: inside a sentence, or as its first word a given name (``Tərəflər Batumi
        limanı``, "the parties ... the port of Batumi": no word list says that ``Tərəflər`` is
        ordinary, but it is nobody's first name)."""
        return previous.lower() in self.given or not starts_sentence(text, start, previous)

    def _qualified(self, run: list[str]) -> bool:
        """Whether a capitalised run after a name leaves it a place: one opened by a demonym, a date, the
        article or an acronym (``Texas A man``, ``Victoria Park Saturday``, ``California DMV``), or one
        with a head word (``Lachin District``)."""
        lists = self.lists
        first = run[0]
        if first.lower() in lists.demonyms or first.lower() in lists.calendar or first == "A" or first.isupper():
            return True
        return any(word.lower() in lists.heads for word in run)

    def _name_part(self, word: str) -> bool:
        """Whether a capitalised ordinary word before a name likely belongs to another name."""
        lists = self.lists
        return not (
            word in lists.modifiers or word in lists.demonyms or word in lists.locatives or word in lists.org_prefixes
        )

    def _ordinary(self, word: str) -> bool:
        lists = self.lists
        return lists.is_common(word) or word in lists.demonyms or word in lists.calendar


def _club(before: list[str]) -> bool:
    """Whether the word right before is a club's (``Real``, ``Atletico``)."""
    return bool(before) and is_capitalised(before[-1]) and before[-1].lower() in CLUB_PREFIXES


def _caps_neighbour(before: list[str], after: list[str]) -> bool:
    """Whether a word right before or after is in capitals too."""
    return any(len(w) > 1 and w.isupper() for w in before[-1:] + after[:1])


def _caps_context(text: str, start: int, end: int, before: list[str], after: list[str]) -> bool:
    """All-caps words are names only in datelines and all-caps headings."""
    if opens_line(text, start):
        return True
    return _caps_neighbour(before, after) or caps_line(text, start, end)
