"""The words and the line around a stretch of text, as the context rules read them.

Words are taken on the same line only, separated by spaces: ``Baku, Azerbaijan``
has no word after ``Baku``.  Lines are looked at within ``LINE_WINDOW``
characters either side; a longer line counts as running text.
"""

from __future__ import annotations

import re

WINDOW = 80
"""Characters looked at for the words right before or after a name."""
LINE_WINDOW = 400
"""Characters looked at either side of a name for the ends of its line."""
_TRAILING = ".,;:!?\"'’”)]»"
_LETTERS = re.compile(r"[^\W\d_]+")
_WORD_BEFORE_COMMA = re.compile(r"[^\W\d_][\w.'’-]*,[ \t]*$")
_SENTENCE_MARKS = ".!?:;\"'“”‘’()[]\n—–-•*|/"


def words_before(text: str, start: int) -> list[str]:
    """Up to three words right before ``start``, separated from it by spaces only.

    The nearest word may end with a full stop (``Gen.``); then it is the only one.
    """
    if start == 0 or text[start - 1] not in " \t":
        return []
    low = max(0, start - WINDOW)
    tokens = text[text.rfind("\n", low, start) + 1 or low : start].rsplit(None, 3)[-3:]
    if not tokens:
        return []
    last = tokens.pop()
    if not last.isalnum():
        return [last] if last[-1] == "." and last[:-1].isalnum() else []
    words = [last]
    for token in reversed(tokens):
        if not token.isalnum():
            break
        words.insert(0, token)
    return words


def words_after(text: str, end: int) -> list[str]:
    """Up to three words right after ``end``, the last one possibly followed by punctuation."""
    segment = text[end : end + WINDOW].split("\n", 1)[0]
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


def follows_word_and_comma(text: str, start: int) -> bool:
    """Whether a word and a comma come right before ``start`` (``Arlington, `` before ``Va.``): where a
    name may qualify the one before it."""
    return _WORD_BEFORE_COMMA.search(text, max(0, start - WINDOW), start) is not None


def starts_sentence(text: str, start: int, word: str) -> bool:
    """Whether ``word``, the word right before ``start``, begins a sentence or a clause."""
    index = start
    while index > 0 and text[index - 1] in " \t":
        index -= 1
    index -= len(word)
    while index > 0 and text[index - 1] in " \t":
        index -= 1
    return index <= 0 or text[index - 1] in _SENTENCE_MARKS


def capitalised_run(words: list[str]) -> list[str]:
    """The leading capitalised words of ``words``."""
    run: list[str] = []
    for word in words:
        if not is_capitalised(word):
            break
        run.append(word)
    return run


def is_capitalised(word: str) -> bool:
    """Whether ``word`` starts with a capital letter."""
    return word[:1].isupper()


def is_caps(surface: str) -> bool:
    """An all-caps surface of two letters or more."""
    return surface.isupper() and sum(len(w) for w in _LETTERS.findall(surface)) > 1


def opens_line(text: str, start: int) -> bool:
    """Whether only blanks come before ``start`` on its line (a dateline)."""
    line_start = text.rfind("\n", max(0, start - LINE_WINDOW), start) + 1
    return not text[line_start:start].strip()


def caps_line(text: str, start: int, end: int) -> bool:
    """Whether most words of the line around ``text[start:end]`` are in capitals."""
    line = line_around(text, start, end)
    words = [w for w in _LETTERS.findall(line) if len(w) > 1]
    return len(words) > 1 and sum(w.isupper() for w in words) >= 0.6 * len(words)


def line_around(text: str, start: int, end: int) -> str:
    """The line around ``text[start:end]``, ``""`` when longer than two windows."""
    line_start = text.rfind("\n", max(0, start - LINE_WINDOW), start) + 1
    line_end = text.find("\n", end, end + LINE_WINDOW)
    if line_end < 0:
        line_end = len(text) if len(text) - end <= LINE_WINDOW else -1
    if (line_start == 0 and start > LINE_WINDOW) or line_end < 0:
        return ""
    return text[line_start:line_end].rstrip()


def is_heading(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` sits on a short line of mostly capitalised words, no full stop."""
    line = line_around(text, start, end)
    if line.endswith("."):
        return False
    words = _LETTERS.findall(line)
    content = [w for w in words if len(w) >= 4]
    if not content or len(words) > 20:
        return False
    return sum(is_capitalised(w) for w in content) >= 0.6 * len(content)
