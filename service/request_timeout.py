"""The longest request: past its time a request is answered 503 problem JSON and its connection closed.

The rest of the application runs in a task of its own, which the middleware
waits for with a timeout instead of cancelling it in place: a sync handler
runs in a worker thread that cannot be interrupted, and cancelling the task
that waits for it would wait for the thread.  The late task is cancelled
and left to finish in the background; whatever it sends then is dropped.
"""

from __future__ import annotations

import asyncio

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.problems import problem


class RequestTimeout:
    """Answers 503 to a request that has not started its response within ``seconds``."""

    def __init__(self, app: ASGIApp, seconds: float) -> None:
        self.app = app
        self.seconds = seconds
        self.late: set[asyncio.Task[None]] = set()
        """Tasks of requests answered 503 and still running (kept referenced until they end)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False
        timed_out = False

        async def guarded(message: Message) -> None:
            nonlocal started
            if timed_out:
                return
            started = True
            await send(message)

        task = asyncio.ensure_future(self.app(scope, receive, guarded))
        done, _ = await asyncio.wait({task}, timeout=self.seconds)
        if done:
            task.result()
            return
        timed_out = True
        task.cancel()
        self.late.add(task)
        task.add_done_callback(self._forget)
        if not started:
            response = problem(503, f"the request took longer than {self.seconds:g} s", instance=scope.get("path", ""))
            response.headers["Connection"] = "close"
            await response(scope, receive, send)

    def _forget(self, task: asyncio.Task[None]) -> None:
        self.late.discard(task)
        if not task.cancelled():
            task.exception()  # retrieved: an error after the 503 is nobody's to see
