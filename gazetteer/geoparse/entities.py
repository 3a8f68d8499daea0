"""The optional check of spots by a named-entity recogniser (a spaCy-style pipeline).

Spots inside a longer person, organisation or nationality entity (``Antony``
in ``Antony Blinken``) are dropped unless the place is prominent; place
entities (GPE, LOC, FAC) whose whole text is a known name are added.  spaCy is
imported only by ``EntityGate.load``.

The recogniser is the slow part, so it reads only the sentences where its
entities can change the outcome: those with a spot of a place that is not
prominent next to a capitalised word or joined to a word by a hyphen or an
apostrophe (it may be dropped as part of a longer name; between lowercase
words no person's name holds it), and those with a capitalised word outside
the spots that is a fitting name or begins one with the word after it (a
place entity may add it).  Neighbouring such sentences are read as one piece, from
the end of the sentence before it (the white space between them is context
the recogniser reads) to the end of its last one, and the last piece to the
end of the text: a text whose sentences all qualify is read whole, as without
the selection.  A piece is read with some words of context on each side
(``CONTEXT``), as the recogniser weighs the tokens around each one, and only
the entities that start inside it count.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import Any

from gazetteer.errors import DataError
from gazetteer.geoparse.false_hits import PROMINENT
from gazetteer.geoparse.modes import ACCURATE_EXTRA, ACCURATE_MODEL
from gazetteer.geoparse.name_writing import REJECTED
from gazetteer.geoparse.scan_form import name_key, scan_form
from gazetteer.geoparse.spotting import Spot, Spotter
from gazetteer.geoparse.text_context import is_capitalised, words_after, words_before
from gazetteer.sentences import Span, sentence_spans

OTHER_ENTITIES = frozenset({"PERSON", "NORP"})
"""Entity labels whose spans hold no place name of their own (``Antony`` in ``Antony Blinken``); an
organisation's may (``Kentucky State Police``), as annotators have it."""
PLACE_ENTITIES = frozenset({"GPE", "LOC"})
"""Entity labels added as spots when their text is a known name."""
_UNUSED_PIPES = ("parser", "lemmatizer", "tagger", "attribute_ruler")
"""Pipes of the pipeline whose output the gate does not read (skipped for speed)."""
_SHARED_EMBEDDING = "tok2vec"
"""The pipe that embeds tokens for the pipes listening to it; skipped too when no pipe left listens."""
_CAPITALISED = re.compile(r"\b[^\W\d_a-z][^\W_]*")
"""A word that may be capitalised (its first character is checked with ``isupper``)."""

_JOINERS = frozenset("-'’")
"""Characters that join a name to the word next to it (``Aghdam-born``, ``O'Neill``)."""

CONTEXT = 16
"""Characters read on each side of a piece, for the recogniser's view of the words around it."""

Entity = tuple[int, int, str]
"""(start, end, label) of an entity, offsets into the whole text."""


class EntityGate:
    """Optional check by a spaCy-style pipeline (``nlp(text).ents``)."""

    def __init__(self, nlp: Callable[[str], Any]) -> None:
        self.nlp = nlp
        """The pipeline: text -> a document with ``ents`` (``start_char``, ``end_char``, ``label_``)."""

    @classmethod
    def load(cls, model: str = ACCURATE_MODEL) -> EntityGate:
        """Load an installed spaCy pipeline (its NER only); ``DataError`` when spaCy or the model is missing."""
        try:
            import spacy  # type: ignore[import-not-found, unused-ignore]
        except ImportError as error:
            raise DataError(f"the accurate mode needs spaCy: {ACCURATE_EXTRA}") from error
        try:
            nlp = spacy.load(model, disable=_UNUSED_PIPES)
        except OSError as error:
            raise DataError(f"spaCy pipeline {model!r} is not installed: {ACCURATE_EXTRA}") from error
        if _SHARED_EMBEDDING in nlp.pipe_names:
            listeners = set(getattr(nlp.get_pipe(_SHARED_EMBEDDING), "listening_components", ()))
            if not listeners & set(nlp.pipe_names):  # the small English NER embeds tokens itself
                nlp.disable_pipe(_SHARED_EMBEDDING)
        return cls(nlp)

    def apply(self, text: str, spots: list[Spot], spotter: Spotter) -> list[Spot]:
        """``spots`` checked against the entities of ``text`` (unchanged when it is too long for the pipeline)."""
        limit = getattr(self.nlp, "max_length", None)
        if limit is not None and len(text) > limit:
            return spots
        pieces = _pieces(text, spots, spotter)
        if not pieces:  # nothing the entities could change
            return spots
        entities = list(self._entities(text, pieces))
        others = [(a, b) for a, b, label in entities if label in OTHER_ENTITIES]
        best = spotter.dictionary.best
        kept = [s for s in spots if best[s.key] >= PROMINENT or not _inside(s, others)]
        taken = [(s.start, s.end) for s in kept]
        for start, end, label in entities:
            key = spotter.dictionary.key_id(name_key(text[start:end]))
            if label in PLACE_ENTITIES and key is not None and not _overlaps(start, end, taken):
                spot = Spot(start, end, text[start:end], key, "entity")
                if not spotter.reason(text, spot):
                    kept.append(spot)
        return sorted(kept, key=lambda s: s.start)

    def _entities(self, text: str, pieces: list[Span]) -> Iterator[Entity]:
        """The entities that start in each piece of ``text``, read with its context, in text order."""
        windows = [_with_context(text, lo, hi) for lo, hi in pieces]
        texts = [text[left:right] for left, right in windows]
        pipe = getattr(self.nlp, "pipe", None)  # spaCy batches its input: faster than a call per piece
        docs = pipe(texts) if pipe else map(self.nlp, texts)
        for (lo, hi), (left, _), doc in zip(pieces, windows, docs, strict=True):
            for e in doc.ents:
                if lo <= left + e.start_char < hi:
                    yield left + e.start_char, left + e.end_char, e.label_


def _pieces(text: str, spots: list[Spot], spotter: Spotter) -> list[Span]:
    """The stretches of ``text`` the pipeline must read: runs of the sentences that need it."""
    sentences = sentence_spans(text)
    starts = [0, *(end for _, end in sentences[:-1])]
    needed = [False] * len(starts)
    best = spotter.dictionary.best
    for spot in spots:
        if best[spot.key] < PROMINENT and _may_be_in_a_name(text, spot):
            needed[bisect_right(starts, spot.start) - 1] = True
    for start in _unspotted_names(text, spots, spotter):
        needed[bisect_right(starts, start) - 1] = True
    ends = [*starts[1:], len(text)]
    pieces: list[Span] = []
    for i, need in enumerate(needed):
        if need and pieces and pieces[-1][1] == starts[i]:
            pieces[-1] = (pieces[-1][0], ends[i])
        elif need:
            pieces.append((starts[i], ends[i]))
    return pieces


def _may_be_in_a_name(text: str, spot: Spot) -> bool:
    """Whether an entity longer than ``spot`` may hold it: a capitalised word is next to it, or a
    hyphen or an apostrophe joins it to the word next to it (an entity of lowercase words around a
    name is no person's or people's name)."""
    before, after = words_before(text, spot.start), words_after(text, spot.end)
    if (before and is_capitalised(before[-1])) or (after and is_capitalised(after[0])):
        return True
    return text[spot.start - 1 : spot.start] in _JOINERS or text[spot.end : spot.end + 1] in _JOINERS


def _with_context(text: str, lo: int, hi: int) -> Span:
    """``lo:hi`` widened by about ``CONTEXT`` characters each side, to whole words (the text's ends stay)."""
    left = 0 if lo <= CONTEXT else text.rfind(" ", 0, lo - CONTEXT) + 1
    right = text.find(" ", hi + CONTEXT) if hi + CONTEXT < len(text) else -1
    return left, right if right >= 0 else len(text)


def _unspotted_names(text: str, spots: list[Spot], spotter: Spotter) -> Iterator[int]:
    """Offsets of the capitalised words outside ``spots`` that are a fitting name or begin one."""
    scanned = scan_form(text)
    phrase, verdict = spotter.dictionary.phrase, spotter.writing.verdict
    spans = iter([(s.start, s.end) for s in spots])
    past = (len(text), len(text))
    spot_start, spot_end = next(spans, past)
    for match in _CAPITALISED.finditer(text):
        start, end = match.span()
        while spot_end <= start:
            spot_start, spot_end = next(spans, past)
        if spot_start <= start or not text[start].isupper():
            continue
        key, follow = phrase(scanned[start:end])
        if follow is not None and scanned[end : end + 1] == " ":
            after = scanned.find(" ", end + 1)
            if scanned[end + 1 : after if after >= 0 else len(text)] in follow:
                yield start
                continue
        if key >= 0 and verdict(match.group(), key) is not REJECTED:
            yield start


def _inside(spot: Spot, spans: list[tuple[int, int]]) -> bool:
    return any(a <= spot.start and spot.end <= b and b - a > spot.end - spot.start for a, b in spans)


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < b and a < end for a, b in spans)
