"""uvicorn's HTTP protocol with a header timeout: a client that is slow to send a request's head is cut off.

uvicorn closes a keep-alive connection idle between requests, but waits
forever for the first request of a connection, and for headers sent a byte
at a time.  This protocol gives each request ``header_timeout_s`` seconds
from the connection (or the end of the previous response) until its headers
are complete, then closes the connection; the body has its own timeout
(``body_limit``).  ``gazetteer serve`` runs with it.
"""

from __future__ import annotations

import asyncio

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


class HeaderTimeoutProtocol(HttpToolsProtocol):
    """httptools' protocol, closing connections whose request head does not arrive in time."""

    header_timeout_s = 10.0
    """Seconds allowed to send a request's line and headers (``with_header_timeout`` sets it)."""
    header_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def on_headers_complete(self) -> None:
        self._disarm()
        super().on_headers_complete()

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing() and not self.pipeline:
            self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def _arm(self) -> None:
        self._disarm()
        self.header_timer = self.loop.call_later(self.header_timeout_s, self._too_slow)

    def _disarm(self) -> None:
        if self.header_timer is not None:
            self.header_timer.cancel()
            self.header_timer = None

    def _too_slow(self) -> None:
        self.header_timer = None
        if not self.transport.is_closing():
            self.transport.close()


def with_header_timeout(seconds: float) -> type[HeaderTimeoutProtocol]:
    """The protocol class to give uvicorn (``http=``) for a header timeout of ``seconds``."""
    return type("HeaderTimeoutProtocol", (HeaderTimeoutProtocol,), {"header_timeout_s": seconds})
