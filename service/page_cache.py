"""Rendered HTML pages kept per application layer, answered with an ETag and revalidated with 304.

A page is keyed by what it shows (its route and canonical query) and the
store's generation, which changes on every commit (an ingest, an event
written or deleted), so a cached page is never stale: a new generation is a
new key, and the old pages age out of the cache.  ``If-None-Match`` naming
the current ETag gets ``304 Not Modified`` without anything being rendered.
"""

from __future__ import annotations

import gzip
import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from fastapi import Request
from fastapi.responses import Response

from gazetteer.application import GazetteerAPI
from maps.html_page import HtmlPage
from service.security_headers import CONTENT_SECURITY_POLICY, page_policy

CACHED_PAGES = 256
"""Pages kept per application layer (gzipped, some 20-60 KB each), the least recently asked for dropped first."""
PAGE_CACHE_CONTROL = "no-cache"
"""Browsers keep the page but ask again each time, with its ETag: a changed store shows at once."""
HTML = "text/html; charset=utf-8"


@dataclass(frozen=True, slots=True)
class CachedPage:
    """A rendered page, ready to send."""

    etag: str
    """Its strong ETag (quoted)."""
    packed: bytes
    """The page, UTF-8, gzipped (unpacked for the rare client that takes no gzip)."""
    policy: str
    """Its Content-Security-Policy (with the hashes of its scripts)."""


def etag_of(key: str, generation: str) -> str:
    """The ETag of the page ``key`` at store ``generation``."""
    return '"' + hashlib.sha256(f"{key}\n{generation}".encode()).hexdigest()[:32] + '"'


def matches(if_none_match: str | None, etag: str) -> bool:
    """Whether an ``If-None-Match`` header names ``etag`` (weakly compared, as RFC 9110 says) or is ``*``."""
    if not if_none_match:
        return False
    tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")[:50]]
    return "*" in tags or etag in tags


class PageCache:
    """Rendered pages by key and store generation, per application layer."""

    def __init__(self, size: int = CACHED_PAGES) -> None:
        self._size = size
        self._lock = threading.Lock()
        self._pages: WeakKeyDictionary[GazetteerAPI, OrderedDict[str, CachedPage]] = WeakKeyDictionary()

    def respond(self, api: GazetteerAPI, request: Request, key: str, render: Callable[[], HtmlPage]) -> Response:
        """The page ``key`` as a response: 304 when the client has it, else from the cache or ``render``."""
        etag = etag_of(key, api.map_generation())
        headers = {"ETag": etag, "Cache-Control": PAGE_CACHE_CONTROL, "Vary": "Accept-Encoding"}
        if matches(request.headers.get("if-none-match"), etag):
            return Response(status_code=304, headers=headers)
        page = self._get(api, etag) or self._put(api, etag, render())
        headers[CONTENT_SECURITY_POLICY] = page.policy
        if "gzip" in request.headers.get("accept-encoding", ""):
            return Response(page.packed, media_type=HTML, headers={**headers, "Content-Encoding": "gzip"})
        return Response(gzip.decompress(page.packed), media_type=HTML, headers=headers)

    def _get(self, api: GazetteerAPI, etag: str) -> CachedPage | None:
        with self._lock:
            pages = self._pages.setdefault(api, OrderedDict())
            found = pages.get(etag)
            if found is not None:
                pages.move_to_end(etag)
            return found

    def _put(self, api: GazetteerAPI, etag: str, page: HtmlPage) -> CachedPage:
        packed = gzip.compress(page.html.encode("utf-8"), compresslevel=6)
        made = CachedPage(etag, packed, page_policy(page.script_hashes))
        with self._lock:
            pages = self._pages.setdefault(api, OrderedDict())
            pages[etag] = made
            while len(pages) > self._size:
                pages.popitem(last=False)
        return made
