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


def scan_form(text: str) -> str:
    """``text`` lowercased, without diacritics, non-word characters as spaces; same length."""
    if not text.isascii():
        for char in _non_ascii(text):
            text = text.replace(char, _TABLE[ord(char)])
        if not text.isascii():
            return text.translate(_TABLE)
    return text.encode("ascii").translate(_ASCII_FOLD).decode("ascii")


def _non_ascii(text: str) -> set[str]:
    """The distinct characters of ``text`` outside ASCII (the ASCII bytes of its UTF-8 dropped)."""
    data = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
    return set(data.decode("utf-8", "surrogatepass"))


def name_key(name: str) -> str:
    """The dictionary key of a name: its scan form with single spaces."""
    return " ".join(scan_form(name).split())
