"""The one normalisation pipeline, as a chain of small steps.

Three keys come out of it, each coarser than the one before:

``fold``
    Unicode NFKC, case folding, diacritics removed, Azerbaijani/Turkish
    dotless letters and schwa mapped, punctuation to spaces.  The script is
    kept: ``Ханкенди`` stays Cyrillic.  ``Xankəndi`` → ``xankendi``.
``romanize``
    ``fold`` after transliteration to Latin: Azerbaijani letters by their
    English renderings (``ş``→``sh``, ``ç``→``ch``, ``ğ``→``gh``, ``ə``→``a``),
    Russian/Azerbaijani Cyrillic and Armenian by tables, other scripts by
    ``anyascii``.  ``Ханкенди`` → ``khankendi``.
``skeleton``
    A phonetic key over ``romanize`` that merges the usual English,
    Azerbaijani and Russian spellings of one sound (``kh``/``x``/``h``,
    ``c``/``j``, ``q``/``g``, ``y``/``i``, ``e``/``a``) and doubled letters:
    ``Xankəndi``, ``Khankendi`` and ``Ханкенди`` share ``hankandi``.

``fold_char`` is the length-preserving variant of ``fold`` used to scan
running text, so that offsets in the folded text are offsets in the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii

from gazetteer.errors import InvalidInput
from gazetteer.limits import check_controls

MAX_QUERY_LENGTH = 200
"""Longest name a lookup accepts, in characters."""

_SPECIAL_FOLD = {
    "ı": "i",
    "İ": "i",
    "ə": "e",
    "Ə": "e",
    "ǝ": "e",
    "ß": "ss",
    "æ": "ae",
    "ø": "o",
    "đ": "d",
    "ł": "l",
    "ʼ": "",
    "ʻ": "",
    "'": "",
    "’": "",
    "‘": "",
    "`": "",
    "´": "",
    "ʹ": "",
    "ʿ": "",
    "ʾ": "",
}

_AZ_ROMAN = {
    "ş": "sh",
    "ç": "ch",
    "ğ": "gh",
    "ə": "a",
    "ǝ": "a",
    "ı": "i",
    "ö": "o",
    "ü": "u",
    "x": "kh",
    "q": "g",
}

_CYRILLIC = dict(
    zip(
        "абвгдезийклмнопрстуфыэ",
        "abvgdeziyklmnoprstufye",
        strict=False,
    )
) | {
    "ё": "yo",
    "ж": "zh",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ь": "",
    "ю": "yu",
    "я": "ya",
    "ә": "a",
    "ғ": "gh",
    "һ": "h",
    "ҹ": "j",
    "ү": "u",
    "ө": "o",
    "ј": "y",
    "і": "i",
    "ї": "yi",
    "є": "ye",
    "ў": "w",
    "ҝ": "g",
    "ҳ": "h",
    "қ": "k",
    "ң": "ng",
}

_ARMENIAN = {
    "ա": "a", "բ": "b", "գ": "g", "դ": "d", "ե": "e", "զ": "z", "է": "e",
    "ը": "y", "թ": "t", "ժ": "zh", "ի": "i", "լ": "l", "խ": "kh", "ծ": "ts",
    "կ": "k", "հ": "h", "ձ": "dz", "ղ": "gh", "ճ": "ch", "մ": "m", "յ": "y",
    "ն": "n", "շ": "sh", "ո": "o", "չ": "ch", "պ": "p", "ջ": "j", "ռ": "r",
    "ս": "s", "վ": "v", "տ": "t", "ր": "r", "ց": "ts", "ւ": "v", "փ": "p",
    "ք": "k", "օ": "o", "ֆ": "f", "և": "ev",
}  # fmt: skip

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
_SKELETON_STEPS: tuple[tuple[str, str], ...] = (
    ("dzh", "j"),
    ("kh", "h"),
    ("x", "h"),
    ("gh", "g"),
    ("q", "g"),
    ("sh", "s"),
    ("zh", "j"),
    ("ch", "\0"),
    ("c", "j"),
    ("\0", "c"),
    ("ph", "f"),
    ("w", "v"),
    ("y", "i"),
    ("e", "a"),
)
_REPEATS = re.compile(r"(.)\1+")


def check_query(text: str, *, what: str = "name") -> str:
    """Validate a user-given name and return it stripped.

    Raises ``InvalidInput`` for an empty or over-long name, one that holds
    control characters, or one that folds to nothing (only punctuation,
    symbols or spaces: ``?``, ``%``, ``-``, ``...``), which no name can match.
    """
    if not isinstance(text, str):
        raise InvalidInput(f"{what} must be text")
    stripped = text.strip()
    if not stripped:
        raise InvalidInput(f"{what} is empty")
    if len(stripped) > MAX_QUERY_LENGTH:
        raise InvalidInput(f"{what} is longer than {MAX_QUERY_LENGTH} characters ({len(stripped)})")
    check_controls(stripped, what)
    if not fold(stripped):
        raise InvalidInput(f"{what} has no letters or digits")
    return stripped


_FOLD_TABLE = str.maketrans(_SPECIAL_FOLD)
_ROMAN_TABLE = str.maketrans(_AZ_ROMAN | _CYRILLIC | _ARMENIAN)


def _strip_marks(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _words(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", text).split())


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Case- and diacritic-insensitive key, keeping the script."""
    text = unicodedata.normalize("NFKC", text).casefold().translate(_FOLD_TABLE)
    return _words(_strip_marks(text))


@lru_cache(maxsize=65536)
def romanize(text: str) -> str:
    """``fold`` after transliteration of any script to Latin letters."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = _strip_marks(text.translate(_ROMAN_TABLE).translate(_FOLD_TABLE))
    if not text.isascii():
        text = anyascii(text).lower()
    return _words(text)


@lru_cache(maxsize=65536)
def skeleton(text: str) -> str:
    """Phonetic key that merges the common spellings of one name."""
    key = romanize(text)
    for old, new in _SKELETON_STEPS:
        key = key.replace(old, new)
    return _REPEATS.sub(r"\1", key)


def fold_char(ch: str) -> str:
    """Fold one character to exactly one character (for offset-true scanning)."""
    folded = fold(ch)
    if len(folded) == 1:
        return folded
    lowered = ch.lower()
    return lowered if len(lowered) == 1 else ch


def detect_script(text: str) -> str:
    """ISO 15924 code of the first script found among the letters of ``text``."""
    for ch in text:
        if not ch.isalpha():
            continue
        name = unicodedata.name(ch, "")
        for prefix, code in _SCRIPT_PREFIXES:
            if name.startswith(prefix):
                return code
        return "Zyyy"
    return ""


_SCRIPT_PREFIXES: tuple[tuple[str, str], ...] = (
    ("LATIN", "Latn"),
    ("CYRILLIC", "Cyrl"),
    ("ARMENIAN", "Armn"),
    ("GEORGIAN", "Geor"),
    ("GREEK", "Grek"),
    ("ARABIC", "Arab"),
    ("HEBREW", "Hebr"),
    ("CJK", "Hani"),
    ("HIRAGANA", "Hira"),
    ("KATAKANA", "Kana"),
    ("HANGUL", "Hang"),
    ("DEVANAGARI", "Deva"),
    ("THAI", "Thai"),
    ("ETHIOPIC", "Ethi"),
    ("BENGALI", "Beng"),
    ("GURMUKHI", "Guru"),
    ("TAMIL", "Taml"),
)
