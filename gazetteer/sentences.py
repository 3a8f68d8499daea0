"""Sentences of a text, and the sentence around a mention as its snippet.

A small rule-based splitter: a sentence ends at a line break, or at ``.``,
``!`` or ``?`` followed by space and a capital letter, unless the word before
is a known abbreviation (``Sept.``, ``Dr.``) or a single initial (``U.S.``).
"""

from __future__ import annotations

import bisect
import re

Span = tuple[int, int]
"""(start, end) offsets of a stretch of text."""

MAX_SNIPPET = 400
"""Longest snippet kept; a longer sentence is cut to a window around the mention."""

_CANDIDATE = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+|\n+")
_LAST_WORD = re.compile(r"(\w+)\W*$")
_ABBREVIATIONS = frozenset(
    [
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "gen",
        "col",
        "lt",
        "sgt",
        "prof",
        "rev",
        "gov",
        "sen",
        "rep",
        "no",
        "vs",
        "approx",
        "dept",
        "est",
        "fig",
        "jr",
        "sr",
    ]
)


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    if "\n" in match.group() and not match.group().strip():
        return True
    after = text[match.end() : match.end() + 1]
    if after and after.islower():
        return False
    word = _LAST_WORD.search(text, max(0, match.start() - 30), match.start())
    if word is None:
        return True
    token = word.group(1)
    return token.lower() not in _ABBREVIATIONS and not (len(token) == 1 and token.isupper())


def _trimmed(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def sentence_spans(text: str) -> list[Span]:
    """The sentences of ``text`` as (start, end) offsets, in order, blanks left out."""
    spans: list[Span] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        if not _ends_sentence(text, match):
            continue
        span = _trimmed(text, start, match.start() + len(match.group().rstrip()))
        if span[0] < span[1]:
            spans.append(span)
        start = match.end()
    span = _trimmed(text, start, len(text))
    if span[0] < span[1]:
        spans.append(span)
    return spans


class Sentences:
    """The sentences of one text, for finding the one around an offset."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans = sentence_spans(text)
        self._starts = [start for start, _ in self.spans]

    def span_at(self, start: int, end: int) -> Span:
        """The sentence (or sentences) holding offsets start..end; the span itself when none does."""
        first = max(0, bisect.bisect_right(self._starts, start) - 1)
        lo, hi = start, end
        for span_start, span_end in self.spans[first:]:
            if span_start > end:
                break
            if span_end >= start:
                lo, hi = min(lo, span_start), max(hi, span_end)
        return lo, hi

    def snippet(self, start: int, end: int) -> tuple[str, int]:
        """The sentence around ``text[start:end]`` and its offset in the text."""
        lo, hi = _window(self.text, self.span_at(start, end), start, end)
        return self.text[lo:hi], lo


def _window(text: str, span: Span, start: int, end: int) -> Span:
    lo, hi = span
    if hi - lo <= MAX_SNIPPET:
        return span
    room = max(0, MAX_SNIPPET - (end - start)) // 2
    lo, hi = max(lo, start - room), min(hi, end + room)
    while lo > span[0] and lo < start and not text[lo - 1].isspace():
        lo += 1
    while hi < span[1] and hi > end and not text[hi].isspace():
        hi -= 1
    return lo, hi
