"""The Host allow-list: a request naming another host gets 400 problem JSON (no DNS rebinding).

With an allow-list (``GAZETTEER_ALLOWED_HOSTS``) every request must name one
of its hosts (``*.example.org`` for the subdomains, ``*`` for any).  Without
one, a connection over loopback must name a loopback host or the listening
host: a page of another site that a browser's DNS points at 127.0.0.1 is
refused, while a server reached from other machines answers any name.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from gazetteer.settings import LOOPBACK_NAMES, SERVICE_ENV, ServiceSettings
from service.exposure import over_loopback
from service.problems import problem

ANY = "*"


def bare_host(value: str) -> str:
    """A Host header's name, lowercase, without its port or IPv6 brackets.

    >>> bare_host("Example.ORG:8000"), bare_host("[::1]:8000"), bare_host("::1")
    ('example.org', '::1', '::1')
    """
    name = value.strip().lower()
    if name.startswith("["):
        return name[1:].split("]", 1)[0]
    if name.count(":") == 1:
        return name.split(":", 1)[0]
    return name


def matches(host: str, pattern: str) -> bool:
    """Whether a bare host is named by an allow-list entry (a name, ``*.domain`` or ``*``)."""
    pattern = bare_host(pattern)
    if pattern == ANY:
        return True
    if pattern.startswith("*."):
        return host.endswith(pattern[1:])
    return host == pattern


class HostCheck:
    """Refuses requests whose Host header the settings do not allow."""

    def __init__(self, app: ASGIApp, settings: ServiceSettings) -> None:
        self.app = app
        self.allowed = settings.allowed_hosts
        self.loopback = (*LOOPBACK_NAMES, settings.host)

    def allows(self, scope: Scope) -> bool:
        """Whether the request's Host is allowed on its connection."""
        headers = dict(scope.get("headers", []))
        host = bare_host(headers.get(b"host", b"").decode("latin-1"))
        if self.allowed:
            return any(matches(host, pattern) for pattern in self.allowed)
        return not over_loopback(scope) or not host or any(matches(host, name) for name in self.loopback)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.allows(scope):
            await self.app(scope, receive, send)
            return
        response = problem(
            400,
            f"this server does not answer to that Host; its operator lists the names in {SERVICE_ENV['allowed_hosts']}",
            title="Host not allowed",
            instance=scope.get("path", ""),
        )
        await response(scope, receive, send)
