"""An ASGI middleware that refuses request bodies over a size limit with 413 problem JSON, or too slow with 408.

It checks the declared ``Content-Length`` first, then counts the bytes that
actually arrive (a chunked or lying client is caught too), and hands the
buffered body on to the application.  A body that pauses longer than the
read timeout between two pieces is answered 408 and its connection closed.
Both limits are the operator's (``ServiceSettings``).
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.problems import problem

_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


class BodyLimit:
    """Caps the size of request bodies."""

    def __init__(self, app: ASGIApp, max_bytes: int, read_timeout_s: float) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.read_timeout_s = read_timeout_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in _WITH_BODY:
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and (declared < 0 or declared > self.max_bytes):
            await self._refuse(scope, receive, send, declared)
            return
        try:
            body = await self._read(receive)
        except TimeoutError:
            await self._too_slow(scope, receive, send)
            return
        if body is None:
            await self._refuse(scope, receive, send, None)
            return
        await self.app(scope, _replay(body, receive), send)

    async def _read(self, receive: Receive) -> bytes | None:
        chunks: list[bytes] = []
        size = 0
        while True:
            async with asyncio.timeout(self.read_timeout_s):
                message = await receive()
            if message["type"] == "http.disconnect":
                return b"".join(chunks)
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send, declared: int | None) -> None:
        if declared is not None and declared < 0:
            response = problem(400, "Content-Length is not a valid number", instance=scope.get("path", ""))
        else:
            size = f"{declared} bytes" if declared is not None else "more bytes"
            response = problem(
                413,
                f"request body of {size} exceeds the limit of {self.max_bytes} bytes",
                title="Content too large",
                instance=scope.get("path", ""),
            )
        response.headers["Connection"] = "close"
        await response(scope, receive, send)

    async def _too_slow(self, scope: Scope, receive: Receive, send: Send) -> None:
        detail = f"the request body paused for more than {self.read_timeout_s:g} s"
        response = problem(408, detail, instance=scope.get("path", ""))
        response.headers["Connection"] = "close"
        await response(scope, receive, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            text = value.decode("latin-1").strip()
            return int(text) if text.isdigit() else -1
    return None


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay
