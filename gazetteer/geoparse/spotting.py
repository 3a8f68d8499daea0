"""Spotting place names in running text with the dictionary of folded names.

The text is scanned in its ``scan_form`` (lowercase, no diacritics, every
non-word character a space, offsets kept).  Spotting starts only at
capitalised words (a lowercase word is rarely a toponym in English news),
looks the word up, and extends it word by word while a longer name may
follow: ``Upper-Karabakh`` folds to ``upper karabakh``, one name;
``Aghdam-Khankendi`` folds to ``aghdam khankendi``, which is no name, so each
word is spotted on its own.  Only capitalised words cost a lookup, so most of
the text is scanned by the regular expression engine alone.

Candidates pass the writing rules of ``name_writing`` (capitalisation,
abbreviations), the longest at each start wins, and the context rules of
``false_hits`` reject common words, organisation and person names.
Capitalised words that are no name may be misspellings of one
(``misspellings``).  What a capitalised word is (its key, the words that may
follow it, its verdict) is remembered across texts: news repeats its names.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from gazetteer.geoparse.false_hits import PROMINENT, FalseHitRules, organisation_after, quoted
from gazetteer.geoparse.inflection import azerbaijani_or_other_stems, latin_forms, russian_nominatives, stems
from gazetteer.geoparse.language import DETECTOR, azerbaijani_spans
from gazetteer.geoparse.misspellings import MISSPELLING_MIN, Misspellings
from gazetteer.geoparse.name_dictionary import F_ABBR, F_COMMON, F_QUALIFIER, MAX_KEY_LENGTH, SpotDictionary
from gazetteer.geoparse.name_writing import DOTTED, KEPT, REJECTED, SUSPECT, NameWriting, Verdict, dotted_end
from gazetteer.geoparse.person_names import PersonNames, load_person_names
from gazetteer.geoparse.scan_form import scan_form
from gazetteer.geoparse.stoplists import Stoplists
from gazetteer.geoparse.text_context import follows_word_and_comma
from gazetteer.memo import Memo

_UPPER = "".join(c for c in map(chr, range(0x10000)) if c.isupper() or c.istitle())
_WORD_START = re.compile(f"[{re.escape(_UPPER)}\u10d0-\u10ff][^\\W_]*")
"""A word starting with a capital letter (or a Georgian one: that script has no case)."""
AREA_HEADS = (
    "Economic Region",
    "Region",
    "District",
    "Province",
    "Oblast",
    "Rayon",
    "Governorate",
    "County",
    "Municipality",
    "Prefecture",
)
"""Capitalised generic words that, after a place name, name an area of that place (``Karabakh Economic
Region``); in lowercase they stay outside the name (``Idlib province``), as annotators have it."""
_AREA_HEAD = re.compile("[ ](?:" + "|".join(AREA_HEADS) + r")(?![\w-])(?! [A-Z])")
"""An area head not followed by a word of a longer name (``U.S. District Court``)."""


@dataclass(slots=True)
class Spot:
    """A stretch of text that names a known place (a plain record: cheap to make by the thousand)."""

    start: int
    """Offset of the first character."""
    end: int
    """Offset just past the last character: ``text[start:end]`` is the surface."""
    surface: str
    """The text as written."""
    key: int
    """Id of the folded name in the spotting dictionary (its candidates)."""
    rule: str = "name"
    """Why it was spotted: ``name`` (dictionary), ``inflection`` (a case form), ``misspelling`` or
    ``entity`` (NER)."""
    similarity: float = 1.0
    """How close the surface is to the name, 1.0 unless ``misspelling``."""
    name: str = ""
    """The name form matched when it is not the surface (the nominative of an ``inflection``)."""


@dataclass(slots=True)
class _Word:
    """What a capitalised word, as written, is to the spotter."""

    follow: frozenset[str] | None
    """Words that may follow it in a longer name, ``None`` for none."""
    starts: str
    """First letters of ``follow``."""
    key: int
    """Its key id, -1 when it is no name."""
    verdict: Verdict
    """Whether its writing fits its name (``SUSPECT`` for no name that may misspell one)."""
    rule: str = "name"
    """``name``, or ``inflection`` when it is a case form of its name (``Агдаме``)."""
    name: str = ""
    """The name form it matched when that is not the word itself (``Агдам``)."""


MEMORY = 500_000
"""Capitalised words whose lookups are remembered across texts."""
VILLAGE = 0.5
"""Prominence under which a word's own name gives way to the better known name it may inflect."""
INFLECTION = "inflection"
"""The rule of a spot that is a case form of its name (``inflection``)."""
SHORT_DOTTED = 3
"""Longest word whose full stop may sit inside a name (``St. Thomas``, ``Mt. Vernon``)."""


class Spotter:
    """Finds the spots of a text."""

    def __init__(
        self,
        dictionary: SpotDictionary,
        lists: Stoplists,
        written: Callable[[str], bool] | None = None,
        names: PersonNames | None = None,
    ) -> None:
        self.dictionary = dictionary
        self.written = written
        """Whether a word, as written, is exactly a name of some place (``Laçın``); none: never asked."""
        self.lists = lists
        self.rules = FalseHitRules(lists, (names or load_person_names()).given)
        self.misspellings = Misspellings(dictionary, lists)
        self.writing = NameWriting(dictionary, lists)
        self._words: Memo[str, _Word] = Memo(MEMORY)
        self._az_words: Memo[str, _Word] = Memo(MEMORY)

    def spot(self, text: str, *, misspellings: bool = True, language: str | None = None) -> list[Spot]:
        """Spots of ``text`` in text order, without overlaps; misspelled names too unless told not to.

        ``language``: the text's ISO 639-1 code, when the caller knows it (else it is detected).
        """
        scanned = scan_form(text)
        found: list[Spot] = []
        suspects: list[tuple[int, int]] = []
        for start, end, azerbaijani in azerbaijani_spans(DETECTOR.stretches(text, language)):
            spots, suspected = self._matches(text, scanned, start, end, azerbaijani=azerbaijani)
            found += self._kept(text, spots, azerbaijani=azerbaijani)
            suspects += suspected
        spots = _with_heads(text, found)
        if misspellings and suspects:
            extra = self._misspellings(text, scanned, spots, suspects)
            spots = sorted(spots + extra, key=lambda s: s.start) if extra else spots
        return spots

    def reason(self, text: str, spot: Spot) -> str:
        """Why a spot is rejected by the context rules, ``""`` when it is kept.  A division's
        abbreviation that may qualify the word before it (``Holliday, Mo.``) is no everyday word
        there: the qualifiers decide (``qualifiers``)."""
        flags = self.dictionary.flags[spot.key]
        qualifier = bool(flags & F_QUALIFIER) and follows_word_and_comma(text, spot.start)
        return self.rules.reason(
            text,
            spot.start,
            spot.end,
            common=bool(flags & F_COMMON) and not qualifier,
            prominence=self.dictionary.best[spot.key],
            abbreviation=bool(flags & F_ABBR) and spot.surface.isupper(),
        )

    def _kept(self, text: str, found: list[Spot], *, azerbaijani: bool = False) -> list[Spot]:
        """The spots that pass the context rules (by a shorter way for most names); ``azerbaijani``: of
        an Azerbaijani stretch (then organisation nouns after a name count too)."""
        flags, best = self.dictionary.flags, self.dictionary.best
        prominent, small = self.rules.prominent, self.rules.small
        kept = []
        for spot in found:
            key = spot.key
            if quoted(text, spot.start, spot.end):
                why = "quoted"
            elif azerbaijani and organisation_after(text, spot.end):
                why = "organisation-head"
            elif spot.rule == INFLECTION:  # a case ending makes it a place, whatever capitalised word is near
                why = ""
            elif flags[key] & F_COMMON or spot.surface.isupper():
                why = self.reason(text, spot)
            elif best[key] >= PROMINENT:
                why = prominent(text, spot.start, spot.end)
            else:
                why = small(text, spot.start, spot.end)
            if not why:
                kept.append(spot)
        return kept

    def _matches(
        self, text: str, scanned: str, first: int, last: int, *, azerbaijani: bool = False
    ) -> tuple[list[Spot], list[tuple[int, int]]]:
        """Longest names at the capitalised words of ``text[first:last]``, and the
        capitalised words that may misspell one.

        The loop runs once per capitalised word of every text, so it is kept in one piece.  A
        word is extended only when the next word may follow it in a longer name: its first
        letter (``starts``), then the whole word (``follow``).  In an Azerbaijani text every
        Latin word may be a case form (``Moskvadan``), so its words have a memo of their own.
        """
        words = self._az_words if azerbaijani else self._words
        make = self._az_word if azerbaijani else self._word
        found: list[Spot] = []
        suspects: list[tuple[int, int]] = []
        reach = 0
        for match in _WORD_START.finditer(text, first, last):
            start, end = match.span()
            if start < reach or (start and scanned[start - 1] != " "):
                continue
            surface = match.group()
            word = words.get(surface) or make(surface)
            follow = word.follow
            if follow is not None:
                begin = _next_word(text, start, end)
                if scanned[begin : begin + 1] in word.starts:
                    after = scanned.find(" ", begin, start + MAX_KEY_LENGTH)
                    if scanned[begin : after if after > 0 else start + MAX_KEY_LENGTH] in follow:
                        spot = self._longest_at(text, scanned, start, end, word.key, follow)
                        if spot is not None:
                            found.append(spot)
                            reach = spot.end
                        continue
            verdict = word.verdict
            if verdict is REJECTED:
                continue
            if verdict is KEPT:
                found.append(Spot(start, end, surface, word.key, word.rule, name=word.name))
                reach = end
            elif verdict is DOTTED:
                reach = dotted_end(text, end)
                found.append(Spot(start, reach, text[start:reach], word.key))
            else:
                suspects.append((start, end))
        return found, suspects

    def _word(self, surface: str) -> _Word:
        """Look a capitalised word up, and remember it."""
        return self._words.put(surface, self._looked_up(surface, stems))

    def _az_word(self, surface: str) -> _Word:
        """``_word`` for a word of an Azerbaijani text."""
        return self._az_words.put(surface, self._looked_up(surface, azerbaijani_or_other_stems))

    def _looked_up(self, surface: str, cut: Callable[[str], list[str]]) -> _Word:
        """What a capitalised word is, its case forms cut by ``cut``."""
        key, follow = self.dictionary.phrase(scan_form(surface))
        rule, name = "name", ""
        best = self.dictionary.best
        stem, form = self._inflected(surface, cut) if key < 0 or best[key] < VILLAGE else (-1, "")
        if stem >= 0 and (key < 0 or (best[stem] > best[key] and not self._written(surface))):
            key, rule, name = stem, INFLECTION, form  # ``Laçına`` is Lachin's dative more likely than a village
        if key < 0 and follow is None:
            key, rule, name = self._in_latin(surface)
        if key >= 0:
            verdict = self.writing.verdict(surface, key)
        elif follow is None and len(surface) >= MISSPELLING_MIN and self.misspellings.suspect(surface):
            verdict = SUSPECT
        else:
            verdict = REJECTED
        starts = "".join(sorted({word[0] for word in follow})) if follow is not None else ""
        return _Word(follow, starts, key, verdict, rule, _capitalised(name))

    def _written(self, surface: str) -> bool:
        """Whether ``surface`` is written as a name is (then its folded key stays: ``Laçın`` is no ``Laç``)."""
        return self.written is not None and self.written(surface)

    def _in_latin(self, surface: str) -> tuple[int, str, str]:
        """The key id of the first of ``latin_forms(surface)`` that is a name (-1 for none), its rule
        (``name`` for the word itself, ``inflection`` for a stem) and that form."""
        phrase = self.dictionary.phrase
        for n, form in enumerate(latin_forms(surface)):
            key = phrase(scan_form(form)).key
            if key >= 0:
                return key, INFLECTION if n else "name", form
        return -1, "name", ""

    def _inflected(self, surface: str, cut: Callable[[str], list[str]]) -> tuple[int, str]:
        """The key id of the name ``surface`` inflects (``Агдаме``, ``Bakıda``) and that stem, (-1, "")
        for none: of the stems that are names, the one of the best known place (``İranın`` is Iran's,
        not Ira's)."""
        phrase, best = self.dictionary.phrase, self.dictionary.best
        keys = [(key, stem) for stem in cut(surface) if (key := phrase(scan_form(stem)).key) >= 0]
        if not keys:  # an irregular form (``Орла``) or none at all: the analyser knows
            keys = [(key, stem) for stem in russian_nominatives(surface) if (key := phrase(scan_form(stem)).key) >= 0]
        return max(keys, key=lambda found: best[found[0]]) if keys else (-1, "")

    def _longest_at(
        self, text: str, scanned: str, start: int, end: int, key: int, follow: frozenset[str] | None
    ) -> Spot | None:
        """The longest name starting with the word at ``start:end`` (key id ``key``, -1 for no
        name, ``follow`` the words that may come next) whose writing fits it."""
        lookup = self.dictionary.phrase
        found = [(end, key)] if key >= 0 else []
        phrase = scanned[start:end]
        limit = min(len(scanned), start + MAX_KEY_LENGTH)
        word_start = start
        while follow and end < limit and scanned[end] == " ":
            begin = _next_word(text, word_start, end)
            after = scanned.find(" ", begin, limit)
            after = limit if after < 0 else after
            word = scanned[begin:after]
            if word not in follow:
                break
            phrase, end, word_start = f"{phrase} {word}", after, begin
            longer, follow = lookup(phrase)
            if longer >= 0:
                found.append((end, longer))
        for stop, name in reversed(found):
            verdict = self.writing.verdict(text[start:stop], name)
            if verdict is DOTTED:
                stop = dotted_end(text, stop)
            if verdict is not REJECTED:
                return Spot(start, stop, text[start:stop], name)
        return None

    def _misspellings(self, text: str, scanned: str, spots: list[Spot], suspects: list[tuple[int, int]]) -> list[Spot]:
        """Spots of the capitalised words one edit from a name (see ``misspellings``)."""
        found = []
        named = partial(_spelled_names, spots, scanned)
        for start, end, (key, similarity) in self.misspellings.find(text, scanned, suspects, named):
            spot = Spot(start, end, text[start:end], key, "misspelling", similarity)
            if not self.reason(text, spot):
                found.append(spot)
        return found


def _next_word(text: str, start: int, end: int) -> int:
    """Where the word after ``text[start:end]`` may begin: past the separator, or past the full stop and
    the space of a short word (``St. Thomas``)."""
    return end + 2 if end - start <= SHORT_DOTTED and text[end : end + 2] == ". " else end + 1


def _capitalised(name: str) -> str:
    """``name`` with a capital first letter (the analyser and ``romanize`` give lowercase forms)."""
    return name[:1].upper() + name[1:]


def _with_heads(text: str, spots: list[Spot]) -> list[Spot]:
    """Spots that a capitalised generic word naming an area of the place follows, extended over it:
    ``Karabakh Economic Region`` (the place's name and the area's are one)."""
    for spot in spots:
        head = _AREA_HEAD.match(text, spot.end)
        if head is not None:
            spot.end = head.end()
            spot.surface = text[spot.start : spot.end]
    return spots


def _spelled_names(spots: list[Spot], scanned: str) -> dict[str, int]:
    """Folded one-word names spotted by the dictionary, long enough to be misspelled -> key ids."""
    names = {}
    for spot in spots:
        if spot.end - spot.start >= MISSPELLING_MIN and spot.rule == "name":
            word = scanned[spot.start : spot.end]
            if " " not in word:
                names[word] = spot.key
    return names
