"""Requests per client per minute: token buckets by client address, answered 429 with ``Retry-After``.

Each client (the IP address uvicorn reports, which honours
``X-Forwarded-For`` from a trusted proxy) has a bucket of ``per_minute``
tokens refilled at ``per_minute / 60`` a second, so a client may burst up to
a minute's allowance and then goes at the rate.  Memory is bounded: beyond
``MAX_CLIENTS`` buckets the least recently seen goes (a full bucket is the
same as none).
"""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable

from starlette.types import ASGIApp, Receive, Scope, Send

from service.problems import problem

MAX_CLIENTS = 10_000
"""Most clients with a bucket at once."""


class TokenBuckets:
    """One token bucket per client, the least recently seen forgotten beyond ``most`` clients."""

    def __init__(self, per_minute: int, most: int = MAX_CLIENTS, clock: Callable[[], float] = time.monotonic) -> None:
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self.most = most
        self.clock = clock
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        """Client -> (tokens left, when counted)."""

    def take(self, client: str) -> float:
        """Spend one of ``client``'s tokens: 0 when it had one, else the seconds until it has."""
        now = self.clock()
        tokens, then = self.buckets.pop(client, (self.capacity, now))
        tokens = min(self.capacity, tokens + (now - then) * self.rate)
        wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
        self.buckets[client] = (tokens - 1 if wait == 0 else tokens, now)
        if len(self.buckets) > self.most:
            self.buckets.popitem(last=False)
        return wait


class RateLimit:
    """Answers 429 problem JSON with ``Retry-After`` to a client over its allowance."""

    def __init__(self, app: ASGIApp, per_minute: int) -> None:
        self.app = app
        self.per_minute = per_minute
        self.buckets = TokenBuckets(per_minute)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        wait = self.buckets.take(str(client[0]) if client else "")
        if wait == 0:
            await self.app(scope, receive, send)
            return
        seconds = max(1, math.ceil(wait))
        response = problem(
            429,
            f"more than {self.per_minute} requests a minute from this client; retry in {seconds} s",
            instance=scope.get("path", ""),
        )
        response.headers["Retry-After"] = str(seconds)
        await response(scope, receive, send)
