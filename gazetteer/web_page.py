"""Web pages in: the main text of a saved news page, and what the page says of itself.

``extract_page`` takes a page as saved (``str``, or ``bytes`` in its charset:
``gazetteer.page_encoding``), drops navigation and boilerplate (menus,
"Subscribe" lines, footers, reader comments) with trafilatura in its
precision mode (rather a little less text than a menu or a list of teasers
taken for an article, whose names would become mentions), and reads the
title, publication date, author and canonical URL from the page's markup
(``<meta>`` tags, JSON-LD, ``<time>``, ``<link rel="canonical">``).  The
extracted text is what a document stores and what its mentions' offsets
refer to; the page is kept beside it as decoded.

Metadata never fails a page: a title or author is cut to ``MAX_TITLE``, a URL
that is not absolute http(s) or is longer than ``MAX_SOURCE`` is dropped, a
date that is not a calendar date is dropped, control characters are removed.
A page that is not HTML, holds no main text, or is over ``MAX_HTML_BYTES``
is ``InvalidInput`` (``TooLarge`` for the last).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gazetteer.documents import StoredPage
from gazetteer.errors import InvalidInput
from gazetteer.limits import (
    CONTROL_CHARACTERS,
    MAX_HTML_BYTES,
    MAX_SOURCE,
    MAX_TITLE,
    TooLarge,
    check_date,
    check_text,
)
from gazetteer.page_encoding import decode_page, sniffs_as_html

if TYPE_CHECKING:
    from trafilatura.settings import Document

HTML_SUFFIXES = (".html", ".htm")
"""Suffixes of the files taken as web pages."""
DATE_SEARCH = {"extensive_search": False, "original_date": True}
"""How trafilatura looks for the date (htmldate's parameters): in the markup only, the first publication
first; never guessed from dates in the text, which are the news' own."""
_CONTROL = re.compile(f"[{CONTROL_CHARACTERS}]")
_SPACES = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True, slots=True)
class WebPage:
    """A web page's main text and what its markup says of it."""

    text: str
    """The main text, navigation and boilerplate dropped: what a document stores, what offsets refer to."""
    title: str = ""
    """Its title (``og:title``, ``<title>`` or its heading), ``""`` for none."""
    date: str = ""
    """Its publication date, ISO 8601 (``2024-03-14``), ``""`` for none."""
    author: str = ""
    """Its author or authors, ``""`` for none."""
    url: str = ""
    """Its canonical URL (``<link rel="canonical">`` or ``og:url``), absolute http(s), ``""`` for none."""
    html: str = ""
    """The page itself, decoded (NUL characters replaced by U+FFFD)."""

    @property
    def original(self) -> StoredPage:
        """The page as the store keeps it beside its document (which gives it its id)."""
        return StoredPage(0, self.html, self.url, self.author)


def extract_page(page: str | bytes, charset: str | None = None) -> WebPage:
    """The main text and metadata of a page; ``charset``: the one its transport declared, if any."""
    html = _decoded(page, charset)
    if not html.strip():
        raise InvalidInput("the page is empty")
    if not sniffs_as_html(html):
        raise InvalidInput("the page is not HTML: it does not begin with a doctype, a comment or an HTML tag")
    found = _extracted(html)
    if found is None and "html" not in html[:50].lower():  # a fragment, which trafilatura takes for no HTML
        found = _extracted(f"<html><body>{html}</body></html>")
    text = _CONTROL.sub("", found.text or "") if found is not None else ""
    if found is None or not text.strip():
        raise InvalidInput("no main text found in the page")
    return WebPage(
        text=check_text(text),
        title=_field(found.title, MAX_TITLE),
        date=_date(found.date),
        author=_field(found.author, MAX_TITLE),
        url=_url(found.url),
        html=html,
    )


def is_web_page(name: str, head: bytes) -> bool:
    """Whether a file is taken as a web page: by its suffix, or by its first bytes sniffing as HTML."""
    return name.lower().endswith(HTML_SUFFIXES) or sniffs_as_html(head)


def _decoded(page: str | bytes, charset: str | None) -> str:
    """The page as text (bytes decoded), within ``MAX_HTML_BYTES`` and valid Unicode, without NUL."""
    if not isinstance(page, (str, bytes)):
        raise InvalidInput("a page must be a string or bytes")
    size = len(page) if isinstance(page, bytes) else len(page.encode("utf-8", errors="surrogatepass"))
    if size > MAX_HTML_BYTES:
        raise TooLarge(f"the page is {size} bytes; the limit is {MAX_HTML_BYTES} bytes")
    html = decode_page(page, charset) if isinstance(page, bytes) else page
    found = _SURROGATE.search(html)
    if found:
        raise InvalidInput(f"the page is not Unicode: a lone surrogate at offset {found.start()}")
    return html.replace("\x00", "\ufffd")


def _extracted(html: str) -> Document | None:
    """trafilatura's text and metadata of the page, ``None`` when it finds no HTML or no text."""
    import trafilatura
    from trafilatura.settings import Document

    try:
        found = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, favor_precision=True, date_extraction_params=DATE_SEARCH
        )
    except ValueError as error:  # lxml's parser errors are ValueErrors
        raise InvalidInput(f"the page cannot be read as HTML: {type(error).__name__}") from None
    return found if isinstance(found, Document) else None


def _field(value: object, most: int) -> str:
    """A title or author on one line, without control characters, cut to ``most`` characters."""
    if not isinstance(value, str):
        return ""
    return _SPACES.sub(" ", _CONTROL.sub("", value)).strip()[:most].rstrip()


def _url(value: object) -> str:
    url = _field(value, MAX_SOURCE + 1)
    absolute = url.lower().startswith(("http://", "https://")) and " " not in url
    return url if absolute and len(url) <= MAX_SOURCE else ""


def _date(value: object) -> str:
    try:
        return check_date(value) if isinstance(value, str) else ""
    except InvalidInput:
        return ""
