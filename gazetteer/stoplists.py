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
``heads``
    Words that may follow a place name and keep it a place (``Lachin District``,
    ``Karabakh War``).
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
    locatives: frozenset[str]
    """Prepositions of place (``in``, ``near``, ``from``)."""
    particles: frozenset[str]
    """Lowercase words allowed inside multi-word names."""
    digest: str = ""
    """Hash of the source file, for caches built from these lists."""

    def never_place(self, key: str) -> bool:
        """Whether a folded name can never be a place: a demonym, or a date (``may``, ``october 6``)."""
        if key in self.demonyms:
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


class FalseHitRules:
    """Context rules that reject a spotted name, each with a reason for explanation."""

    def __init__(self, lists: Stoplists) -> None:
        self.lists = lists

    def reason(self, text: str, start: int, end: int, *, common: bool, prominence: float) -> str:
        """Why ``text[start:end]`` is not a place here, or ``""`` when it may be one."""
        caps = _is_caps(text[start:end])
        small = prominence < PROMINENT
        if not (small or caps or common) and not _near_capital_or_of(text, start, end):
            return ""
        before = _words_before(text, start) if small or caps or _after_of(text, start) else []
        after = _words_after(text, end) if text[end + 1 : end + 2].isupper() else []
        if caps and not _caps_context(text, start, end, before, after):
            return "acronym"
        if common and small and not self._locative(before):
            return "common-word"
        if self._org_prefix(before) or self._org_head(after):
            return "organisation"
        if small:
            why = self._name_run(before, after)
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

    def _name_run(self, before: list[str], after: list[str]) -> str:
        if before and _is_capitalised(before[-1]) and not before[-1].isupper():
            word = before[-1].lower()
            if word in self.lists.titles or not self._ordinary(word):
                return "person"
        run = _capitalised_run(after)
        if not run or run[0].lower() in self.lists.demonyms:
            return ""
        if any(word.lower() in self.lists.heads for word in run):
            return ""
        return "name-run" if self._ordinary(run[0].lower()) else "person"

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
    segment = text[max(0, start - _WINDOW) : start]
    segment = segment[segment.rfind("\n") + 1 :]
    if not segment.endswith((" ", "\t")):
        return []
    words: list[str] = []
    for token in reversed(segment.split()[-3:]):
        if not token.isalnum():
            break
        words.insert(0, token)
    return words


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
    if not surface.isupper():
        return False
    return sum(len(w) for w in _LETTERS.findall(surface)) > 4


def _caps_context(text: str, start: int, end: int, before: list[str], after: list[str]) -> bool:
    """All-caps words are names only in datelines and all-caps headings."""
    line_start = text.rfind("\n", max(0, start - _LINE_WINDOW), start) + 1
    if not text[line_start:start].strip():
        return True
    if any(len(w) > 1 and w.isupper() for w in before[-1:] + after[:1]):
        return True
    return is_heading(text, start, end)


def is_heading(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` sits on a short line of mostly capitalised words, no full stop."""
    line_start = text.rfind("\n", max(0, start - _LINE_WINDOW), start) + 1
    line_end = text.find("\n", end, end + _LINE_WINDOW)
    if line_end < 0:
        line_end = len(text) if len(text) - end <= _LINE_WINDOW else -1
    if (line_start == 0 and start > _LINE_WINDOW) or line_end < 0:
        return False
    line = text[line_start:line_end].rstrip()
    words = _LETTERS.findall(line)
    content = [w for w in words if len(w) >= 4]
    if not content or len(words) > 20 or line.endswith("."):
        return False
    return sum(_is_capitalised(w) for w in content) >= 0.6 * len(content)
