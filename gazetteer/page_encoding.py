"""A saved web page's bytes as text: is it HTML at all, and in which charset is it written?

Sniffing follows the WHATWG MIME Sniffing Standard's HTML patterns: after
white space, a page begins with a doctype, a comment or one of a few tags.
Bytes are decoded by the first charset that decodes them whole, in the order
of the HTML standard's encoding sniffing, with valid UTF-8 preferred to a
``<meta>`` declaration (pages saved by a browser or a crawler often keep a
stale one): a byte-order mark, the charset the transport declared (an HTTP
``Content-Type``), UTF-8, the page's ``<meta charset>`` within its first
1024 bytes, then trafilatura's guesses; else UTF-8 with U+FFFD replacements.

    >>> decode_page('<meta charset="windows-1251"><p>Шуша</p>'.encode("cp1251"))
    '<meta charset="windows-1251"><p>Шуша</p>'
    >>> sniffs_as_html(b"  <!DOCTYPE html><html>"), sniffs_as_html("Talks in Baku.")
    (True, False)
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
"""Byte-order marks and the charsets they announce."""
PRESCAN_BYTES = 1024
"""How far into a page its ``<meta>`` charset declaration is looked for (the HTML standard's prescan)."""
NOT_CHARSETS = frozenset({"utf-7", "unicode-escape", "raw-unicode-escape", "idna", "punycode", "undefined"})
"""Python codecs no page may name: they would turn escapes in the bytes into markup or code points."""
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})""", re.IGNORECASE)
_HTML_START = re.compile(
    r"[\t\n\f\r ]*(?:<!doctype html|<html|<head|<script|<iframe|<h1|<div|<font|<table|<a|<style|<title|<b|<body"
    r"|<br|<p|<!--)(?:[ >]|$)",
    re.IGNORECASE,
)
"""The WHATWG sniffing patterns of HTML, each ended by a space or ``>`` (or the end of what was read)."""


def sniffs_as_html(page: bytes | str) -> bool:
    """Whether the page begins (after a byte-order mark and white space) as HTML does."""
    head = page[:PRESCAN_BYTES]
    if isinstance(head, bytes):
        head = _decoded(head, _bom_charset(head) or "utf-8", strict=False) or ""
    return _HTML_START.match(head.removeprefix("\ufeff")) is not None


def decode_page(raw: bytes, declared: str | None = None) -> str:
    """The page's text, decoded by the first charset that decodes it whole (see the module's order)."""
    for charset in _candidates(raw, declared):
        text = _decoded(raw, charset, strict=True)
        if text is not None:
            return text.removeprefix("\ufeff")
    return raw.decode("utf-8", errors="replace").removeprefix("\ufeff")


def _candidates(raw: bytes, declared: str | None) -> Iterator[str]:
    bom = _bom_charset(raw)
    if bom is not None:
        yield bom
    if declared:
        yield declared
    yield "utf-8"
    found = _META_CHARSET.search(raw[:PRESCAN_BYTES])
    if found and not _wide(found.group(1).decode("ascii")):  # a page that can declare it is not UTF-16
        yield found.group(1).decode("ascii")
    from trafilatura.utils import detect_encoding

    yield from detect_encoding(raw)


def _bom_charset(raw: bytes) -> str | None:
    return next((charset for bom, charset in BOMS if raw.startswith(bom)), None)


def _wide(charset: str) -> bool:
    try:
        return codecs.lookup(charset).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        return False


def _decoded(raw: bytes, charset: str, *, strict: bool) -> str | None:
    """``raw`` in ``charset`` when that names a text codec a page may use and decodes it; else ``None``."""
    try:
        name = codecs.lookup(charset).name.replace("_", "-")
        if name in NOT_CHARSETS:
            return None
        text = raw.decode(name, errors="strict" if strict else "replace")
        text.encode("utf-8")  # no lone surrogate
    except (LookupError, UnicodeError):
        return None
    return text
