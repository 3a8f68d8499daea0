"""The language of a text, by document and, when it is mixed, by paragraph.

The spotter reads the region's scripts by their letters (Cyrillic as
Russian, Armenian script as Armenian); a Latin text may be English or
Azerbaijani, whose case endings are cut from every word (``Moskvadan``).
``stretches`` says which: a caller may state the language of a text;
otherwise a text with no lowercase word holding ``ə`` (which only
Azerbaijani writes, its most frequent vowel) or the dotless ``ı`` (which
only Azerbaijani and Turkish write) is no Azerbaijani: an English text
writes them in names only (``Xankəndi``); a long text where ``ə`` is frequent
(``CLEAR``) is; any other is classified by py3langid (langid.py's model of
97 languages; its first ``SAMPLE`` characters).  Then each paragraph of a
text of several: one without those letters is in no language the spotter
reads apart (an English paragraph in an Azerbaijani text); one with them is
Azerbaijani in an Azerbaijani text, and elsewhere when clearly so or when
the classifier says so.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from gazetteer.errors import InvalidInput

AZERBAIJANI = "az"
"""ISO 639-1 code of the language whose Latin words the spotter cuts."""
UNDETERMINED = "und"
"""The code of a stretch not classified (ISO 639-2's ``und``)."""
CLEAR = 0.02
"""Share of ``ə`` among a paragraph's characters from which it is Azerbaijani without asking the classifier
(Azerbaijani prose has 4 to 12 in 100, an English text naming places of Azerbaijan far fewer)."""
LONG = 200
"""Characters from which a paragraph's share of ``ə`` is telling (a short one may be a list of names)."""
SAMPLE = 2000
"""Characters classified at most, from the start of a text or paragraph (more change little)."""
AZERBAIJANI_LETTERS = re.compile("[əƏıİğĞşŞçÇöÖüÜ]")
"""Letters of the Azerbaijani alphabet that English lacks."""
TELLING = re.compile(r"\b[a-zçğöşüəı]*[əı]")
"""A lowercase word with a letter only Azerbaijani (``ə``) or Azerbaijani and Turkish (``ı``) write: a
paragraph without one is not classified (in English text those letters come in names only, capitalised)."""
_PARAGRAPH = re.compile(r"[^\n]+(?:\n(?![ \t]*\n)[^\n]*)*")
"""A paragraph: lines up to a blank line (or the end)."""


@dataclass(frozen=True, slots=True)
class Stretch:
    """A stretch of text in one language."""

    start: int
    """Offset of its first character."""
    end: int
    """Offset just past its last character."""
    language: str
    """ISO 639-1 code, or ``UNDETERMINED``."""


class LanguageDetector:
    """py3langid's classifier, loaded on first use (half a second) and shared by threads."""

    def __init__(self) -> None:
        self._identifier: Any = None
        self._lock = threading.Lock()

    def classify(self, text: str) -> tuple[str, float]:
        """The most likely language of ``text`` (its first ``SAMPLE`` characters) and its probability."""
        language, probability = self._model().classify(text[:SAMPLE])
        return str(language), float(probability)

    def load(self) -> None:
        """Load the classifier now rather than on first need."""
        self._model()

    def stretches(self, text: str, stated: str | None = None) -> list[Stretch]:
        """The stretches of ``text`` and their languages: ``stated`` for the whole text when given."""
        if stated is not None:
            return [Stretch(0, len(text), check_language(stated))]
        if not _telling(text):
            return [Stretch(0, len(text), UNDETERMINED)]
        language = AZERBAIJANI if _clearly_azerbaijani(text) else self.classify(text)[0]
        paragraphs = _paragraphs(text)
        if len(paragraphs) == 1:
            return [Stretch(0, len(text), language)]
        return [Stretch(start, end, self._paragraph_language(text[start:end], language)) for start, end in paragraphs]

    def _paragraph_language(self, paragraph: str, language: str) -> str:
        """The language of a paragraph of a text in ``language``: none without ``TELLING`` letters; in an
        Azerbaijani text, Azerbaijani; in another, Azerbaijani when clearly so, else as classified."""
        if not _telling(paragraph):
            return UNDETERMINED
        if language == AZERBAIJANI or _clearly_azerbaijani(paragraph):
            return AZERBAIJANI
        return self.classify(paragraph)[0]

    def _model(self) -> Any:
        with self._lock:
            if self._identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                self._identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            return self._identifier


DETECTOR = LanguageDetector()
"""The process's classifier."""


def check_language(language: str) -> str:
    """``language``, an ISO 639-1 code (``pycountry``'s list), stripped and lowercased; ``InvalidInput``
    otherwise."""
    import pycountry

    code = language.strip().lower() if isinstance(language, str) else ""
    if len(code) != 2 or pycountry.languages.get(alpha_2=code) is None:
        raise InvalidInput(f"unknown language {language!r}: give an ISO 639-1 code such as en, ru, az or hy")
    return code


def _telling(text: str) -> bool:
    """Whether ``text`` has a ``TELLING`` word (looked for only where it has one of the letters at all)."""
    return ("ə" in text or "ı" in text) and TELLING.search(text) is not None


def _clearly_azerbaijani(text: str) -> bool:
    """Whether ``text`` is long and ``ə`` frequent in it (``LONG``, ``CLEAR``)."""
    return len(text) >= LONG and text.count("ə") + text.count("Ə") >= CLEAR * len(text)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of the paragraphs of ``text``, the whole text when it has one."""
    spans = [match.span() for match in _PARAGRAPH.finditer(text)]
    return spans if len(spans) > 1 else [(0, len(text))]


def azerbaijani_spans(stretches: list[Stretch]) -> list[tuple[int, int, bool]]:
    """(start, end, is Azerbaijani) of consecutive stretches, neighbours of the same kind merged."""
    spans: list[tuple[int, int, bool]] = []
    for stretch in stretches:
        azerbaijani = stretch.language == AZERBAIJANI
        if spans and spans[-1][2] == azerbaijani:
            spans[-1] = (spans[-1][0], stretch.end, azerbaijani)
        else:
            spans.append((stretch.start, stretch.end, azerbaijani))
    return spans
