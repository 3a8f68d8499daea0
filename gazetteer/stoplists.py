"""Word lists and context rules that keep ordinary words from passing for places.

The lists live in ``data/stopwords.txt``, one section each:

``common``
    English words in everyday lowercase use.  A place name that is one of them
    (``Nice``, ``Mobile``, ``Reading``) needs strong evidence.
``calendar``, ``demonyms``
    Never places: ``May``, ``Sept``, ``Armenian``, ``Soviet``, ``Azeris``.
``titles``
    Words before a person's name (``President``, ``Secretary``).
``org_heads``, ``org_prefixes``
    Words that make a place name part of an organisation's name
    (``OSCE Minsk Group``, ``Council of Europe``).
``heads``, ``modifiers``
    Words that may follow (``Lachin District``, ``Karabakh War``) or precede
    (``Northern Aghdam``, ``Lake Sevan``) a place name and keep it a place.
``not_places``
    Names that news uses for institutions, not places (``White House``).
``locatives``
    Prepositions that make a following capitalised common word a place (``in Nice``).
``particles``
    Lowercase words allowed inside multi-word names (``Rostov-on-Don``).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gazetteer.errors import DataError

STOPWORDS_PATH = Path(__file__).parent / "data" / "stopwords.txt"
"""The default word lists."""
_SECTIONS = (
    "common",
    "calendar",
    "demonyms",
    "titles",
    "org_heads",
    "org_prefixes",
    "heads",
    "modifiers",
    "not_places",
    "locatives",
    "particles",
)
_HEADER = re.compile(r"^\[(\w+)\]$")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)?|of|the")


@dataclass(frozen=True, slots=True)
class Stoplists:
    """The word lists, lowercase."""

    common: frozenset[str]
    """English words in everyday lowercase use."""
    calendar: frozenset[str]
    """Month and weekday names and their abbreviations."""
    demonyms: frozenset[str]
    """Words for peoples and their languages (``Armenian``, ``Azeris``, ``Soviet``)."""
    titles: frozenset[str]
    """Titles that precede a person's name."""
    org_heads: frozenset[str]
    """Words that end an organisation's name (``Group``, ``University``)."""
    org_prefixes: frozenset[str]
    """Words that start an ``X of <place>`` organisation name (``Council``, ``Bank``)."""
    heads: frozenset[str]
    """Words that may follow a place name (``District``, ``Road``, ``War``)."""
    modifiers: frozenset[str]
    """Capitalised words that may precede a place name (``Northern``, ``Lake``)."""
    not_places: frozenset[str]
    """Folded names that stand for institutions (``white house``)."""
    locatives: frozenset[str]
    """Prepositions of place (``in``, ``near``, ``from``)."""
    particles: frozenset[str]
    """Lowercase words allowed inside multi-word names."""
    digest: str = ""
    """Hash of the source file, for caches built from these lists."""

    def never_place(self, key: str) -> bool:
        """Whether a folded name is never a place: a demonym, an institution, a date (``october 6``)."""
        if key in self.demonyms or key in self.not_places:
            return True
        words = key.split()
        return any(w in self.calendar for w in words) and all(
            w in self.calendar or _ORDINAL.fullmatch(w) for w in words
        )

    def is_common(self, key: str) -> bool:
        """Whether a folded one-word name is an everyday English word."""
        return key in self.common


def parse_stoplists(text: str, digest: str = "") -> Stoplists:
    """Stoplists from the text of a ``stopwords.txt`` file."""
    sections: dict[str, set[str]] = {name: set() for name in _SECTIONS}
    current: set[str] | None = None
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        header = _HEADER.match(line)
        if header:
            if header.group(1) not in sections:
                raise DataError(f"stopwords line {number}: unknown section [{header.group(1)}]")
            current = sections[header.group(1)]
        elif current is None:
            raise DataError(f"stopwords line {number}: word before any [section]")
        else:
            current.add(line.lower())
    lists = {name: frozenset(words) for name, words in sections.items()}
    return Stoplists(**lists, digest=digest)


@lru_cache(maxsize=4)
def load_stoplists(path: Path = STOPWORDS_PATH) -> Stoplists:
    """The word lists of ``path`` (the packaged ``stopwords.txt`` by default)."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise DataError(f"cannot read word lists {path}: {error.strerror}") from error
    return parse_stoplists(data.decode("utf-8"), hashlib.sha1(data).hexdigest()[:12])


PROMINENT = 0.9
"""Prominence from which a place name needs no context (countries, big capitals)."""
_WINDOW = 80
_LINE_WINDOW = 400
_TRAILING = ".,;:!?\"'’”)]»"
_LETTERS = re.compile(r"[^\W\d_]+")
_SENTENCE_MARKS = ".!?:;\"'“”‘’()[]\n—–-•*|/"


class FalseHitRules:
    """Context rules that reject a spotted name, each with a reason for explanation."""

    def __init__(self, lists: Stoplists) -> None:
        self.lists = lists

    def reason(
        self, text: str, start: int, end: int, *, common: bool, prominence: float, abbreviation: bool = False
    ) -> str:
        """Why ``text[start:end]`` is not a place here, or ``""`` when it may be one.

        ``common``: the name is an everyday English word; ``prominence``: of its
        best known place; ``abbreviation``: the surface is one of the place's
        abbreviations (``US``), which all-caps text makes ambiguous (``LET US``).
        """
        caps = _is_caps(text[start:end])
        small = prominence < PROMINENT
        if not (small or caps or common) and not _near_capital_or_of(text, start, end):
            return ""
        before = _words_before(text, start) if small or caps or _after_of(text, start) else []
        after = _words_after(text, end) if text[end + 1 : end + 2].isupper() else []
        if caps and abbreviation:
            if common and _caps_neighbour(before, after):
                return "acronym"
        elif caps and not _caps_context(text, start, end, before, after):
            return "acronym"
        if common and small and not abbreviation and not self._locative(before):
            return "common-word"
        if self._org_prefix(before) or self._org_head(after):
            return "organisation"
        if small and not caps:
            why = self._name_run(text, start, before, after)
            if why and not is_heading(text, start, end):
                return why
        return ""

    def _locative(self, before: list[str]) -> bool:
        return bool(before) and before[-1].lower() in self.lists.locatives

    def _org_prefix(self, before: list[str]) -> bool:
        words = [w.lower() for w in before]
        if words[-2:] == ["of", "the"]:
            words, before = words[:-1], before[:-1]
        if len(words) < 2 or words[-1] != "of":
            return False
        return _is_capitalised(before[-2]) and words[-2] in self.lists.org_prefixes

    def _org_head(self, after: list[str]) -> bool:
        return any(w.lower() in self.lists.org_heads for w in _capitalised_run(after))

    def _name_run(self, text: str, start: int, before: list[str], after: list[str]) -> str:
        """``person`` or ``name-run`` when the name is part of a longer proper name."""
        previous = before[-1] if before else ""
        if _is_capitalised(previous) and not previous.isupper():
            word = previous.lower()
            if word.rstrip(".") in self.lists.titles:
                return "person"
            if not word.endswith(".") and not self._ordinary(word):
                return "person"
            if self._name_part(word) and not _starts_sentence(text, start, previous):
                return "name-run"
        run = _capitalised_run(after)
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


def _near_capital_or_of(text: str, start: int, end: int) -> bool:
    """Whether a capitalised word follows, or ``of`` (``of the``) precedes: cheap pre-check."""
    return text[end + 1 : end + 2].isupper() or _after_of(text, start)


def _after_of(text: str, start: int) -> bool:
    """Whether ``of`` or ``of the`` comes right before ``start`` (a cheap pre-check)."""
    return text[max(0, start - 4) : start].lower().endswith(("of ", "the "))


def _words_before(text: str, start: int) -> list[str]:
    """Up to three words right before ``start``, separated from it by spaces only."""
    if start == 0 or text[start - 1] not in " \t":
        return []
    segment = text[max(0, start - _WINDOW) : start]
    segment = segment[segment.rfind("\n") + 1 :]
    words: list[str] = []
    for token in reversed(segment.split()[-3:]):
        if not token.isalnum() and (words or not token[:-1].isalnum() or token[-1] != "."):
            break
        words.insert(0, token)
        if not token.isalnum():
            break
    return words


def _starts_sentence(text: str, start: int, word: str) -> bool:
    """Whether ``word``, the word right before ``start``, begins a sentence or a clause."""
    index = start
    while index > 0 and text[index - 1] in " \t":
        index -= 1
    index -= len(word)
    while index > 0 and text[index - 1] in " \t":
        index -= 1
    return index <= 0 or text[index - 1] in _SENTENCE_MARKS


def _words_after(text: str, end: int) -> list[str]:
    """Up to three words right after ``end``, the last one possibly followed by punctuation."""
    segment = text[end : end + _WINDOW].split("\n", 1)[0]
    if not segment.startswith((" ", "\t")):
        return []
    words: list[str] = []
    for token in segment.split()[:3]:
        core = token.rstrip(_TRAILING)
        if not core.isalnum():
            break
        words.append(core)
        if core != token:
            break
    return words


def _capitalised_run(words: list[str]) -> list[str]:
    run: list[str] = []
    for word in words:
        if not _is_capitalised(word):
            break
        run.append(word)
    return run


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_caps(surface: str) -> bool:
    """An all-caps surface of two letters or more."""
    return surface.isupper() and sum(len(w) for w in _LETTERS.findall(surface)) > 1


def _caps_neighbour(before: list[str], after: list[str]) -> bool:
    """Whether a word right before or after is in capitals too."""
    return any(len(w) > 1 and w.isupper() for w in before[-1:] + after[:1])


def _caps_context(text: str, start: int, end: int, before: list[str], after: list[str]) -> bool:
    """All-caps words are names only in datelines and all-caps headings."""
    line_start = text.rfind("\n", max(0, start - _LINE_WINDOW), start) + 1
    if not text[line_start:start].strip():
        return True
    return _caps_neighbour(before, after) or _caps_line(text, start, end)


def _caps_line(text: str, start: int, end: int) -> bool:
    """Whether most words of the line around ``text[start:end]`` are in capitals."""
    line = _line(text, start, end)
    words = [w for w in _LETTERS.findall(line) if len(w) > 1]
    return len(words) > 1 and sum(w.isupper() for w in words) >= 0.6 * len(words)


def _line(text: str, start: int, end: int) -> str:
    """The line around ``text[start:end]``, ``""`` when longer than two windows."""
    line_start = text.rfind("\n", max(0, start - _LINE_WINDOW), start) + 1
    line_end = text.find("\n", end, end + _LINE_WINDOW)
    if line_end < 0:
        line_end = len(text) if len(text) - end <= _LINE_WINDOW else -1
    if (line_start == 0 and start > _LINE_WINDOW) or line_end < 0:
        return ""
    return text[line_start:line_end].rstrip()


def is_heading(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` sits on a short line of mostly capitalised words, no full stop."""
    line = _line(text, start, end)
    words = _LETTERS.findall(line)
    content = [w for w in words if len(w) >= 4]
    if not content or len(words) > 20 or line.endswith("."):
        return False
    return sum(_is_capitalised(w) for w in content) >= 0.6 * len(content)
