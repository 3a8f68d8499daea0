"""Dictionary forms of inflected place names in Russian, Azerbaijani and Armenian.

A capitalised word that is no name may be a name with a case ending: ``в Агдаме``
(Russian prepositional), ``Bakıda`` (Azerbaijani locative), ``Ստեփանակերտում``
(Armenian locative).  ``stems`` gives the forms the word may come from, by the
endings of each language's noun declension, longest ending first; the spotter
looks each up and takes the first that is a name, spanning the whole word.
The language is read from the word's letters: Cyrillic is read as Russian,
Armenian script as Armenian, and a Latin word as Azerbaijani when it has a
letter of the Azerbaijani alphabet that English lacks (``ə``, ``ı``, ``ğ``,
``ş``, ``ç``, ``ö``, ``ü``) or when its text is Azerbaijani (``is_azerbaijani``:
``Moskvadan`` there), so English words are never cut.

Endings (from the grammars' declension tables):

Russian
    Nouns: genitive, dative, accusative, instrumental and prepositional
    endings of the first, second and third declensions (``Агдама``,
    ``Агдаму``, ``Агдамом``, ``Агдаме``; ``Шуши``, ``Шуше``, ``Шушу``,
    ``Шушой``), restored to the nominative (nothing, ``-а``, ``-я``, ``-ь``).
    Adjectives in ``-ский`` that name a place (``Лачинского``,
    ``Кельбаджарском``) lose the suffix and its ending.
Azerbaijani
    Case endings in both vowel-harmony series and their buffer consonants:
    locative ``-da/-də``, ablative ``-dan/-dən``, dative ``-a/-ə/-ya/-yə``,
    genitive ``-ın/-in/-un/-ün/-nın/-nin/-nun/-nün``, accusative
    ``-ı/-i/-u/-ü/-nı/-ni/-nu/-nü``; ``-dakı/-dəki`` (``Bakıdakı``).
Armenian
    Locative ``-ում``, ablative ``-ից``, genitive-dative ``-ի``, ``-ին``,
    instrumental ``-ով``, and the articles ``-ը``/``-ն``.
"""

from __future__ import annotations

import re

MIN_STEM = 3
"""Shortest stem looked up, in letters."""
RUSSIAN = (
    ("ьского", ""),
    ("ьскому", ""),
    ("ьским", ""),
    ("ьском", ""),
    ("ьская", ""),
    ("ьской", ""),
    ("ьский", ""),
    ("ского", ""),
    ("скому", ""),
    ("ским", ""),
    ("ском", ""),
    ("ская", ""),
    ("ской", ""),
    ("скую", ""),
    ("ский", ""),
    ("ское", ""),
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
AZERBAIJANI_SCHWAS = 3
"""Letters ``ə`` from which a text is read as Azerbaijani (then words without its letters are cut too)."""
_AZERBAIJANI_LETTERS = re.compile("[əƏıİğĞşŞçÇöÖüÜ]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_ARMENIAN = re.compile("[\u0531-\u0587]")


def stems(word: str) -> list[str]:
    """The forms ``word`` may be an inflection of, most likely first (none for English words)."""
    if _CYRILLIC.search(word):
        return _replaced(word, RUSSIAN)
    if _ARMENIAN.search(word):
        return _replaced(word, ARMENIAN)
    if _AZERBAIJANI_LETTERS.search(word):
        return _replaced(word, _AZERBAIJANI_PAIRS)
    return []


def azerbaijani_or_other_stems(word: str) -> list[str]:
    """``stems`` for a word of an Azerbaijani text: a Latin word is cut by the Azerbaijani endings
    whatever its letters (``Moskvadan`` -> ``Moskva``)."""
    return stems(word) or (_replaced(word, _AZERBAIJANI_PAIRS) if word.isascii() else [])


def is_azerbaijani(text: str) -> bool:
    """Whether ``text`` is written in Azerbaijani: it has the letter ``ə``, which no other Latin alphabet
    in use has, at least ``AZERBAIJANI_SCHWAS`` times."""
    return text.count("ə") + text.count("Ə") >= AZERBAIJANI_SCHWAS


def _replaced(word: str, endings: tuple[tuple[str, str], ...]) -> list[str]:
    found: list[str] = []
    lower = word.lower()
    for ending, nominative in endings:
        if lower.endswith(ending) and len(word) - len(ending) >= MIN_STEM:
            stem = word[: len(word) - len(ending)] + nominative
            if stem not in found:
                found.append(stem)
    return found
