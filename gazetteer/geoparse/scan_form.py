"""The scan form of a text: folded character by character, offsets kept.

``scan_form`` lowercases, drops diacritics and turns every non-word character
into a space, one character for one, so an offset in the folded text is the
same offset in the original.  ``name_key`` is the scan form of a name with
single spaces: the key of the spotting dictionary.
"""

from __future__ import annotations

from gazetteer.normalize import fold_char

_ASCII_BYTES = bytes(range(128))
_ASCII_FOLD = bytes(c + 32 if 65 <= c <= 90 else c if chr(c).isalnum() else 32 for c in range(256))


class _FoldTable(dict[int, str]):
    """Character fold for scanning, filled on first sight of each character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        folded = fold_char(char) if char.isalnum() else " "
        value = folded if len(folded) == 1 else char
        self[code] = value
        return value


_TABLE = _FoldTable()


SHORT = 64
"""Length under which a text with letters outside ASCII is folded by the table alone (a word)."""


def scan_form(text: str) -> str:
    """``text`` lowercased, without diacritics, non-word characters as spaces; same length.

    A long text whose few letters outside ASCII fold into it (``Füzuli``) has them replaced, then the
    whole is folded as bytes; a word, or a text in another script, goes through the table."""
    if not text.isascii():
        if len(text) < SHORT:
            return text.translate(_TABLE)
        chars = _non_ascii(text)
        if not all(_TABLE[ord(char)].isascii() for char in chars):
            return text.translate(_TABLE)
        for char in chars:
            text = text.replace(char, _TABLE[ord(char)])
    return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")


def _non_ascii(text: str) -> set[str]:
    """The distinct characters of ``text`` outside ASCII (the ASCII bytes of its UTF-8 dropped)."""
    data = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return set(data.decode("utf-8", "surrogatepass"))


def name_key(name: str) -> str:
    """The dictionary key of a name: its scan form with single spaces."""
    return " ".join(scan_form(name).split())
