"""Headers that make pages defend themselves: a Content-Security-Policy, nosniff, and no framing.

Every response says ``X-Content-Type-Options: nosniff``.  HTML responses
also refuse to be framed (``X-Frame-Options: DENY`` and CSP
``frame-ancestors 'none'``) and carry a CSP: scripts only from this service,
inline ones only by the hashes the page names (``page_policy``); a page that
names none gets the policy without inline scripts.  Styles may be inline
(folium writes ``<style>`` blocks and the legend sizes its dots in ``style``
attributes); images may come from the OpenStreetMap tile server.
"""

from __future__ import annotations

import codecs
from collections.abc import Iterable

from fastapi.responses import HTMLResponse, Response
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from maps.html_page import HtmlPage
from maps.mention_map import TILE_ORIGIN

CONTENT_SECURITY_POLICY = "Content-Security-Policy"
CONTENT_TYPE_OPTIONS = ("X-Content-Type-Options", "nosniff")
FRAME_OPTIONS = ("X-Frame-Options", "DENY")
REFERRER_POLICY = ("Referrer-Policy", "same-origin")
DOWNLOAD_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'"
"""The CSP of untrusted markup served as a download: rendered anyway, it has an origin of its own, runs no
script, loads nothing and is framed nowhere."""

_DIRECTIVES = (
    "style-src 'self' 'unsafe-inline'",
    f"img-src 'self' data: {TILE_ORIGIN}",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
"""Every directive but ``script-src``, which names each page's own script hashes."""


def page_policy(script_hashes: Iterable[str] = ()) -> str:
    """The Content-Security-Policy of an HTML page whose inline scripts have ``script_hashes``."""
    sources = " ".join(("'self'", *dict.fromkeys(script_hashes)))
    return "; ".join(("default-src 'self'", f"script-src {sources}", *_DIRECTIVES))


def html_response(page: HtmlPage) -> HTMLResponse:
    """``page`` as a response whose CSP allows exactly its own inline scripts."""
    return HTMLResponse(page.html, headers={CONTENT_SECURITY_POLICY: page_policy(page.script_hashes)})


def untrusted_download(markup: str, filename: str) -> Response:
    """Untrusted HTML as a file to save, never a page of this origin: an attachment under ``DOWNLOAD_POLICY``,
    in UTF-8 after a byte-order mark (which outranks any ``<meta charset>`` the saved copy still declares)."""
    headers = {
        "Content-Disposition": f'attachment; filename="{filename}"',
        CONTENT_SECURITY_POLICY: DOWNLOAD_POLICY,
        CONTENT_TYPE_OPTIONS[0]: CONTENT_TYPE_OPTIONS[1],
    }
    return Response(codecs.BOM_UTF8 + markup.encode("utf-8"), media_type="text/html", headers=headers)


class SecurityHeaders:
    """ASGI middleware: nosniff on every response; frame refusal, referrer policy and a default CSP on HTML."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                _add(MutableHeaders(scope=message))
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _add(headers: MutableHeaders) -> None:
    headers.setdefault(*CONTENT_TYPE_OPTIONS)
    if headers.get("content-type", "").startswith("text/html"):
        headers.setdefault(*FRAME_OPTIONS)
        headers.setdefault(*REFERRER_POLICY)
        headers.setdefault(CONTENT_SECURITY_POLICY, page_policy())
