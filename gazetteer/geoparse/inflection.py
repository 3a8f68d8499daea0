"""Dictionary forms of inflected place names in Russian, Azerbaijani and Armenian.

A capitalised word that is no name may be a name with a case ending: ``в Агдаме``
(Russian prepositional), ``Bakıda`` (Azerbaijani locative), ``Ստեփանակերտում``
(Armenian locative).  ``stems`` gives the forms the word may come from, by the
endings of each language's noun declension, longest ending first; the spotter
looks each up and takes the first that is a name, spanning the whole word.
The language is read from the word's letters: Cyrillic is read as Russian,
Armenian script as Armenian, and a Latin word as Azerbaijani when it has a
letter of the Azerbaijani alphabet that English lacks (``ə``, ``ı``, ``ğ``,
``ş``, ``ç``, ``ö``, ``ü``) or when its text is in Azerbaijani (``language``:
``Moskvadan`` there), so English words are never cut.

Endings (from the grammars' declension tables):

Russian
    Nouns: genitive,
    dative, accusative, instrumental and prepositional endings of the first,
    second and third declensions (``Агдама``, ``Агдаму``, ``Агдамом``,
    ``Агдаме``; ``Шуши``, ``Шуше``, ``Шушу``, ``Шушой``), restored to the nominative (nothing, ``-а``, ``-я``, ``-ь``).
    Adjectives in ``-ский`` that name a place (``Лачинского``,
    ``Кельбаджарском``) lose the suffix and its ending, and a vowel the
    interfix replaced comes back (``adjective_bases``: ``Шушинский``).  When no stem is a
    name, pymorphy3's analyser with its OpenCorpora dictionary gives the
    nominatives of the nouns it knows (``russian_nominatives``: ``Орла`` ->
    ``орёл``, a fleeting vowel no ending restores).
Azerbaijani
    Case endings in both vowel-harmony series and their buffer consonants:
    locative ``-da/-də``, ablative ``-dan/-dən``, dative ``-a/-ə/-ya/-yə``,
    genitive ``-ın/-in/-un/-ün/-nın/-nin/-nun/-nün``, accusative
    ``-ı/-i/-u/-ü/-nı/-ni/-nu/-nü``; ``-dakı/-dəki`` (``Bakıdakı``).
Armenian
    (Also looked up in Latin letters, ``latin_forms``: the gazetteer names
    many places of Armenia in Latin letters only.)  Locative ``-ում``,
    ablative ``-ից``, genitive-dative ``-ի``, ``-ին``, instrumental ``-ով``,
    and the articles ``-ը``/``-ն``.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from gazetteer.geoparse.language import AZERBAIJANI_LETTERS
from gazetteer.normalize import romanize

MIN_STEM = 3
"""Shortest stem looked up, in letters."""
RUSSIAN = (
    ("ами", ""),
    ("ом", ""),
    ("ем", ""),
    ("ой", "а"),
    ("ей", "я"),
    ("ью", "ь"),
    ("ою", "а"),
    ("а", ""),
    ("у", ""),
    ("е", ""),
    ("ы", "а"),
    ("и", "а"),
    ("и", "я"),
    ("и", "ь"),
    ("е", "а"),
    ("е", "я"),
    ("у", "а"),
    ("ю", "я"),
    ("я", "ь"),
    ("я", ""),
)
"""Russian endings -> what the nominative has in their place, longest first."""
AZERBAIJANI = (
    "dakı",
    "dəki",
    "dan",
    "dən",
    "nın",
    "nin",
    "nun",
    "nün",
    "da",
    "də",
    "ya",
    "yə",
    "ın",
    "in",
    "un",
    "ün",
    "nı",
    "ni",
    "nu",
    "nü",
    "a",
    "ə",
    "ı",
    "i",
    "u",
    "ü",
)
"""Azerbaijani case endings, longest first (vowel-harmony variants and buffer consonants)."""
ARMENIAN = (
    ("յից", ""),
    ("յում", ""),
    ("յին", ""),
    ("յով", ""),
    ("յի", ""),
    ("վից", "ու"),
    ("վում", "ու"),
    ("վի", "ու"),
    ("ում", ""),
    ("ից", ""),
    ("ով", ""),
    ("ին", ""),
    ("ի", ""),
    ("ը", ""),
    ("ն", ""),
)
"""Armenian case endings and articles -> what the nominative has in their place, longest first: ``յ``
joins an ending to a stem in a vowel (``Մոսկվայից``), and a final ``ու`` becomes ``վ`` (``Բաքվից``)."""
_AZERBAIJANI_PAIRS = tuple((ending, "") for ending in AZERBAIJANI)
_CYRILLIC = re.compile("[\u0400-\u04ff]")
ADJECTIVE = re.compile(r"(?i)([а-яё]+?)(ск|цк)(?:ий|ая|ое|ие|ого|ому|им|ом|ой|ую|их|ими|ым|ей)")
"""An adjective in ``-ский``/``-цкий`` in any case: its stem (group 1) and suffix (group 2)."""
_ARMENIAN = re.compile("[\u0531-\u0587]")


def stems(word: str) -> list[str]:
    """The forms ``word`` may be an inflection of, most likely first (none for English words)."""
    if _CYRILLIC.search(word):
        found = _replaced(word, RUSSIAN)
        return found + [base for base in adjective_bases(word) if base not in found]
    if _ARMENIAN.search(word):
        return _replaced(word, ARMENIAN)
    if AZERBAIJANI_LETTERS.search(word):
        return _replaced(word, _AZERBAIJANI_PAIRS)
    return []


def adjective_bases(word: str) -> list[str]:
    """The places an adjective in ``-ский``/``-цкий`` (``ADJECTIVE``) may derive from, none for another
    word: its stem (``Лачинский`` of ``Лачин``) and, as a stem in a vowel takes ``-ин-`` or ``-н-``
    before the suffix, that vowel restored (``Шушинский`` of ``Шуша``, ``Бакинский`` of ``Баку``,
    ``Ханкендинский`` of ``Ханкенди``)."""
    found = ADJECTIVE.fullmatch(word)
    if found is None:
        return []
    stem = found.group(1)
    bases = [stem]
    if stem.endswith("ин"):
        bases += [stem[:-2] + vowel for vowel in "аяуи"]
    if stem.endswith("н"):
        bases.append(stem[:-1])
    if stem.endswith("ь"):  # a soft sign before the suffix: ``Джебраильский`` of ``Джебраил``
        bases.append(stem[:-1])
    return [base for base in dict.fromkeys(bases) if len(base) >= MIN_STEM]


def russian_nominatives(word: str) -> list[str]:
    """The nominatives pymorphy3's dictionary gives the nouns ``word`` may be (lowercase), geographical
    names first, when it is in another case; none for a word not in Cyrillic letters.  (A slower way
    than ``stems``: for the words none of whose stems is a name.)"""
    return russian_nouns(word, oblique=True)


def russian_nouns(word: str, *, oblique: bool = False) -> list[str]:
    """The nominatives of the nouns ``word`` may be by pymorphy3's dictionary (lowercase), geographical
    names first; ``oblique``: of its readings in a case other than the nominative only."""
    nouns: list[str] = []
    readings = [reading for reading in _analysed(word)[0] if not (oblique and reading[2])]
    for nominative, _, _ in sorted(readings, key=lambda reading: not reading[1]):
        if nominative not in nouns and len(nominative) >= MIN_STEM:
            nouns.append(nominative)
    return nouns


PROPER_GRAMMEMES = frozenset({"Geox", "Name", "Surn", "Patr"})
"""pymorphy3's grammemes of geographical names, given names, surnames and patronymics."""


def russian_proper_kinds(word: str) -> frozenset[str]:
    """Which of ``PROPER_GRAMMEMES`` pymorphy3's dictionary gives ``word`` in any reading (none for a
    word not in Cyrillic letters)."""
    return _analysed(word)[1]


@functools.lru_cache(maxsize=65536)
def _analysed(word: str) -> tuple[tuple[tuple[str, bool, bool], ...], frozenset[str]]:
    """What the spotter asks of pymorphy3's readings of ``word``, from one analysis: (nominative, is a
    geographical name, is in the nominative) of each reading as a noun, and the ``PROPER_GRAMMEMES`` of
    all its readings."""
    if not _CYRILLIC.search(word):
        return (), frozenset()
    parses = _analyser().parse(word)
    nouns = tuple(
        (parse.normal_form, "Geox" in parse.tag, parse.tag.case == "nomn")
        for parse in parses
        if parse.tag.POS == "NOUN"
    )
    return nouns, frozenset(g for parse in parses for g in PROPER_GRAMMEMES if g in parse.tag)


def load_analyser() -> None:
    """Load the Russian analyser now rather than on first need."""
    _analyser()


@functools.cache
def _analyser() -> Any:
    """pymorphy3's Russian analyser over its dictionary alone (no guesses: those cost 25 times more),
    loaded on first use (a tenth of a second)."""
    import pymorphy3
    from pymorphy3.units import DictionaryAnalyzer

    return pymorphy3.MorphAnalyzer(lang="ru", units=[DictionaryAnalyzer()])


def latin_forms(word: str) -> list[str]:
    """An Armenian word and its stems in Latin letters (``Ջերմուկում`` -> ``Jermukum``, ``Jermuk``), for
    places the gazetteer names in Latin letters only; none for other scripts.  ``romanize``'s letters,
    with ``ու`` as ``u`` and no apostrophes of aspiration, as BGN/PCGN and the press write them."""
    if not _ARMENIAN.search(word):
        return []
    return [romanize(form.replace("ու", "u").replace("Ու", "U")) for form in (word, *stems(word))]


def azerbaijani_or_other_stems(word: str) -> list[str]:
    """``stems`` for a word of an Azerbaijani text: a Latin word is cut by the Azerbaijani endings
    whatever its letters (``Moskvadan`` -> ``Moskva``)."""
    return stems(word) or (_replaced(word, _AZERBAIJANI_PAIRS) if word.isascii() else [])


def _replaced(word: str, endings: tuple[tuple[str, str], ...]) -> list[str]:
    found: list[str] = []
    lower = word.lower()
    for ending, nominative in endings:
        if lower.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            stem = word[: len(word) - len(ending)] + nominative
            if stem not in found:
                found.append(stem)
    return found
