"""Word lists that keep ordinary words from passing for places.

The lists live in ``data/stopwords.txt``, one section each:

``common``
    English words in everyday lowercase use.  A place name that is one of them
    (``Nice``, ``Mobile``, ``Reading``) needs strong evidence.
``common_ru``
    The same for Russian (``мир``, ``победа``), made by
    ``scripts/build_russian_common_words.py``.
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
``speech``
    Verbs of saying (``said``, ``told``): after a small place's bare name, they
    make it a speaker's (``Obama said``).
``particles``
    Lowercase words allowed inside multi-word names (``Rostov-on-Don``).

The context rules that use them are in ``false_hits`` and ``people``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from gazetteer.errors import DataError

STOPWORDS_PATH = Path(__file__).resolve().parents[1] / "data" / "stopwords.txt"
"""The default word lists."""
_SECTIONS = (
    "common",
    "common_ru",
    "calendar",
    "demonyms",
    "titles",
    "org_heads",
    "org_prefixes",
    "heads",
    "modifiers",
    "not_places",
    "locatives",
    "speech",
    "particles",
)
_HEADER = re.compile(r"^\[(\w+)\]$")
_ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)?|of|the")


@dataclass(frozen=True, slots=True)
class Stoplists:
    """The word lists, lowercase."""

    common: frozenset[str]
    """English words in everyday lowercase use."""
    common_ru: frozenset[str]
    """Russian words in everyday use (``мир``, ``победа``), by their dictionary keys."""
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
    speech: frozenset[str]
    """Verbs of saying, in the forms that follow a speaker's name (``said``, ``told``)."""
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
        """Whether a folded one-word name is an everyday English or Russian word."""
        return key in self.common or key in self.common_ru


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
