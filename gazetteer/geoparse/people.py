"""Person names of a whole document, and the spots they take for places.

A news story names a person once in full (``Georgia Stevens``, ``Sen. Marco Rubio``) and then by
one word (``Georgia began skating``, ``Rubio said``).  ``PeopleFilter`` finds the full names:

- a title (``Mr``, ``Sen.``, ``President``) followed by one to three capitalised words, or
- a known given name followed by one or two capitalised words, the last a known surname,

and drops every spot inside a full name, and every one-word spot that repeats one of its words,
unless a place context keeps it (``in Georgia``, ``Georgia, US``, ``Burton police``).  A one-word
spot of a small place (prominence under ``SMALL_PLACE``) with no such context is dropped too when
more people bear the word as a name than the place's prominence stands for (``Walsh said``), or
when the words around it make it a speaker's, whatever the name (``Obama said``, ``Obama, who``,
``according to Xinhua,``).

In Russian, a word that pymorphy3's dictionary knows as a given name, a surname or a patronymic and
never as a geographical name is a person's (``Мария``, ``Соколова``; ``Ростов``, ``Пушкин`` and
``Иваново``'s ``Иванова`` stay places).

The names and their frequencies come from ``person_names``; titles, heads and prepositions from ``stoplists``.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from dataclasses import dataclass

from gazetteer.geoparse.inflection import russian_proper_kinds
from gazetteer.geoparse.name_dictionary import SpotDictionary
from gazetteer.geoparse.person_names import PersonNames, load_person_names
from gazetteer.geoparse.spotting import Spot
from gazetteer.geoparse.stoplists import Stoplists
from gazetteer.geoparse.text_context import is_capitalised, starts_sentence, words_after, words_before

SMALL_PLACE = 0.65
"""Prominence under which a place loses a bare name to people (a first-level capital's prior)."""
REFERENCE_PEOPLE = 250
"""Millions of people the name frequencies are shares of (the US in 1990)."""
_LETTER = r"[^\W\d_]"
_TOKEN = re.compile(rf"{_LETTER}+(?:[-'’]{_LETTER}+)*\.?")
_MAY_CAPITAL = r"[^\W\d_a-z]"
"""A letter that may be a capital (a small class is quick to scan; ``is_capitalised`` decides)."""
_CHAIN = re.compile(
    rf"{_MAY_CAPITAL}(?<!{_LETTER}.)(?<!{_LETTER}[-'’].)(?>{_LETTER}*(?:[-'’]{_LETTER}+)*+\.?)"
    rf"(?:[ \t]*\n?[ \t]*(?>{_MAY_CAPITAL}{_LETTER}*(?:[-'’]{_LETTER}+)*+\.?))+"
)
"""Two ``_TOKEN`` words or more that may be capitalised, separated by blanks (one line break at most)."""
_ASCII_WORDS = re.compile(r"[a-z]+(?:['-][a-z]+)*")
"""The ``_TOKEN`` words of lowercase ASCII text, without their full stops."""
_POSSESSIVES = ("'s", "’s")
_UNALIGNED = ("\u0130", "\u03a3")
"""Capitals whose lowercase is longer (``İ``) or depends on the letters around (``Σ``)."""
_NAME_WORDS = 3
_NOT_SPEAKER_BEFORE = frozenset({"of", "and", "or"})
"""Words after which a name that a verb of saying follows need not be the speaker's."""
_TO = frozenset({"to ", "to\t"})
"""The end of ``according to`` right before a name."""
_NEXT_LETTERS = re.compile(r"[ \t]+([^\W\d_]+)")
"""The letters that open the word after a name."""
_PHRASE_ENDS = frozenset({"", ",", ".", ";", ":"})
"""What may follow the name that ends an ``according to`` phrase (the text's end among them)."""


_RUSSIAN_PEOPLE = frozenset({"Name", "Surn", "Patr"})


def _russian_person(surface: str) -> bool:
    """Whether the Russian dictionary knows ``surface`` as a given name, surname or patronymic, and not
    as a place."""
    kinds = russian_proper_kinds(surface)
    return bool(kinds & _RUSSIAN_PEOPLE) and "Geox" not in kinds


@dataclass(frozen=True, slots=True)
class Person:
    """A full person name in a text."""

    start: int
    """Offset of its first character (its title's, when it has one)."""
    end: int
    """Offset past its last character."""
    words: tuple[str, ...]
    """Its name words, lowercase, initials left out (``harry``, ``truman``)."""


class PeopleFilter:
    """Drops the spots that are, in their document, part of a person's name."""

    def __init__(self, dictionary: SpotDictionary, lists: Stoplists, names: PersonNames | None = None) -> None:
        self.dictionary = dictionary
        self.lists = lists
        self.names = names or load_person_names()
        self._stops = lists.heads | lists.org_heads | lists.titles | lists.demonyms | lists.calendar | lists.locatives
        self._openers = lists.titles | self.names.given.keys()

    def apply(self, text: str, spots: list[Spot]) -> list[Spot]:
        """``spots`` without those that name people."""
        if not spots:
            return spots
        spots = [s for s in spots if not _russian_person(s.surface)]
        people = self.people(text, spots)
        words = {word for person in people for word in person.words}
        best = self.dictionary.best
        edges = {s.start: best[s.key] for s in spots} | {-s.end: best[s.key] for s in spots}
        return [s for s in spots if not self._is_person(text, s, people, words, edges)]

    def people(self, text: str, spots: list[Spot]) -> list[Person]:
        """The full person names of ``text`` that may bear on ``spots`` (its place names, which no person
        name spans): those of the runs of capitalised words that hold a spot's start or a spot's word."""
        marks = _marks(text, spots)
        found: list[Person] = []
        for chain in _CHAIN.finditer(text):
            if marks is not None:
                at = bisect_left(marks, chain.start())
                if at == len(marks) or marks[at] >= chain.end():
                    continue
            if not self._may_name(chain.group()):
                continue
            for run in _runs(text, chain, self.lists.titles):
                found.extend(p for p in self._people_in(text, run) if not _one_place(text, p, spots))
        return found

    def _may_name(self, chain: str) -> bool:
        """Whether the text of a ``_CHAIN`` may hold a title or a given name (in ASCII, one that holds
        neither is told quickly; a possessive never opens a name, it ends its run)."""
        return not chain.isascii() or not self._openers.isdisjoint(_ASCII_WORDS.findall(chain.lower()))

    def _people_in(self, text: str, run: list[re.Match[str]]) -> list[Person]:
        """The person names a run of capitalised words holds: split at titles, heads and the like,
        each part after a title is a name (``Sen. Marco Rubio``), others hold a full name or none."""
        titles, stops = self.lists.titles, self._stops
        words = [_bare(token.group()) for token in run]
        found = []
        index = 0
        while index < len(run):
            start = index
            while index < len(run) and words[index] in titles:
                index += 1
            end = index
            while end < len(run) and words[end] not in stops:
                end += 1
            if index > start and end > index:
                last = min(end, index + _NAME_WORDS)
                found.append(_person(run[start], run[index:last], words[index:last]))
            elif end > index:
                person = self._full_name(text, run[index:end], words[index:end])
                if person is not None:
                    found.append(person)
            index = max(end, index + 1)
        return found

    def _full_name(self, text: str, part: list[re.Match[str]], words: list[str]) -> Person | None:
        """The first given name of ``part`` (its bare ``words``) followed by a surname (``Georgia Stevens``),
        one word between at most; an everyday word is no given name at the start of a sentence
        (``The Monroe County``)."""
        given, surnames, common = self.names.given, self.names.surnames, self.lists.common
        for first, word in enumerate(words[:-1]):
            token = part[first]
            if word not in given or (word in common and starts_sentence(text, token.end(), token.group())):
                continue
            for last in range(min(first + _NAME_WORDS, len(words)) - 1, first, -1):
                if words[last] in surnames and words[last] not in common:
                    return _person(part[first], part[first : last + 1], words[first : last + 1])
        return None

    def _is_person(self, text: str, spot: Spot, people: list[Person], words: set[str], edges: dict[int, float]) -> bool:
        """Whether ``spot`` names a person: inside a full name, or a bare name word without place context
        (``edges``: the starts of the document's spots, and their ends negated -> their prominence)."""
        if any(p.start <= spot.start < p.end for p in people):
            return True
        word = _unpossessed(spot.surface.lower())
        if " " in word or spot.surface.isupper():
            return False
        personal = self._bears(word, spot.key, words) or (
            self.dictionary.best[spot.key] < SMALL_PLACE and self._speaks(text, spot)
        )
        return personal and not self._place_context(text, spot, edges)

    def _speaks(self, text: str, spot: Spot) -> bool:
        """Whether the words around ``spot`` make it a speaker's name: a verb of saying after it
        (``X said``), a relative ``who`` (``X, who``) or ``according to`` before it, the phrase ending
        with it (``according to X,``); after ``of``, the speaker is the word before (``the mayor of X
        said``), and after ``and`` or ``or`` the name may close a list of places (``officials in Y
        and X said``)."""
        start, end = spot.start, spot.end
        cue = text.startswith(", who ", end) or self._verb_after(text, end)
        if not cue and text[max(0, start - 3) : start].lower() not in _TO:  # no cue, and no ``according to``
            return False
        before = words_before(text, start)
        if before and before[-1].lower() in _NOT_SPEAKER_BEFORE:
            return False
        if " ".join(before[-2:]).lower() == "according to":
            return text[end : end + 1] in _PHRASE_ENDS
        return cue

    def _verb_after(self, text: str, end: int) -> bool:
        """Whether the word after ``end`` is a verb of saying (a quick look at its letters first)."""
        speech = self.lists.speech
        letters = _NEXT_LETTERS.match(text, end)
        if letters is None or letters.group(1).lower() not in speech:
            return False
        after = words_after(text, end)
        return bool(after) and after[0].lower() in speech

    def _bears(self, word: str, key: int, words: set[str]) -> bool:
        """Whether people bear ``word`` (the bare spot of key id ``key``): a word of a full name of the
        document (``words``), or a name more people bear than the small place stands for."""
        if word in words:
            return True
        prominence = self.dictionary.best[key]
        share = self.names.share(word)
        return prominence < SMALL_PLACE and share > 0 and math.log10(share * REFERENCE_PEOPLE) >= 7 * prominence

    def _place_context(self, text: str, spot: Spot, edges: dict[int, float]) -> bool:
        """Whether the words around ``spot`` make it a place: ``in X``, ``Smith, 43, of X``, ``towns of X``,
        ``X, Y`` (``Y`` a spot at least as prominent), ``Y, X`` (``Y`` a spot), ``X police``."""
        lists = self.lists
        prominence = self.dictionary.best[spot.key]
        before = words_before(text, spot.start)
        if before and before[-1].lower() in lists.locatives and " ".join(before[-2:]).lower() != "according to":
            return True
        if before and before[-1].lower() == "of" and self._residence(text, spot.start, before):
            return True
        if text[spot.end : spot.end + 2] == ", " and edges.get(spot.end + 2, -1.0) >= prominence:
            return True
        if text[spot.start - 2 : spot.start] == ", " and -(spot.start - 2) in edges:
            return True
        after = words_after(text, spot.end)
        return bool(after) and (after[0].lower() in lists.heads or after[0].lower() in lists.org_heads)

    def _residence(self, text: str, start: int, before: list[str]) -> bool:
        """Whether the ``of`` before ``start`` follows a comma (``Smith, 43, of X``) or a kind of place
        (``towns of X``)."""
        if len(before) > 1:
            kind = before[-2].lower()
            return kind in self.lists.heads or kind.removesuffix("s") in self.lists.heads
        return text[: start - len(" of ")].rstrip().endswith(",")


def _marks(text: str, spots: list[Spot]) -> list[int] | None:
    """Sorted offsets of the starts of ``spots`` and of every occurrence, in any case, of the lowercase
    word of a spot (``None`` when the lowercase text does not keep the offsets of ``text``)."""
    if any(capital in text for capital in _UNALIGNED):
        return None
    lowered = text.lower()
    marks = [spot.start for spot in spots]
    for word in {_unpossessed(surface.lower()) for surface in {spot.surface for spot in spots}}:
        at = lowered.find(word) if word else -1
        while at >= 0:
            marks.append(at)
            at = lowered.find(word, at + 1)
    marks.sort()
    return marks


def _runs(text: str, chain: re.Match[str], titles: frozenset[str]) -> list[list[re.Match[str]]]:
    """The runs of two capitalised words or more of a ``_CHAIN``: a word in no capital, a possessive or
    a full stop (but that of ``Sen.`` or ``S.``) ends a run."""
    runs: list[list[re.Match[str]]] = []
    run: list[re.Match[str]] = []
    for token in _TOKEN.finditer(text, chain.start(), chain.end()):
        capitalised = is_capitalised(token.group())
        if capitalised:
            run.append(token)
        if not (capitalised and _continues(token.group(), titles)):
            if len(run) > 1:
                runs.append(run)
            run = []
    if len(run) > 1:
        runs.append(run)
    return runs


def _continues(word: str, titles: frozenset[str]) -> bool:
    """Whether a name may go on after the token ``word``: not after a possessive, nor after a full stop
    but that of a title or an initial (``Sen.``, ``S.``)."""
    if word.endswith(_POSSESSIVES):
        return False
    return not word.endswith(".") or _initial(word) or _bare(word) in titles


def _bare(word: str) -> str:
    """A token lowercase, without its full stop or possessive."""
    return _unpossessed(word.rstrip(".")).lower()


def _unpossessed(word: str) -> str:
    """``word`` without a possessive ending (``Walsh's`` -> ``Walsh``)."""
    return word[:-2] if word.endswith(_POSSESSIVES) else word


def _initial(word: str) -> bool:
    return len(word.rstrip(".")) == 1


def _person(first: re.Match[str], name: list[re.Match[str]], words: list[str]) -> Person:
    """The person from ``first`` (a title, or the first name word) to the end of ``name`` (bare: ``words``)."""
    kept = tuple(word for token, word in zip(name, words, strict=True) if not _initial(token.group()))
    return Person(first.start(), name[-1].end(), kept)


def _one_place(text: str, person: Person, spots: list[Spot]) -> bool:
    """Whether one spot spans two words of ``person`` (``Glen Burnie``, ``Prince Edward Island`` are places)."""
    start, end = person.start, person.end
    return any(s.start < end and start < s.end and " " in text[max(s.start, start) : min(s.end, end)] for s in spots)
