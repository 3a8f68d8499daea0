"""Whether a request arrived beyond loopback: from the host the server listens on, and the connection itself.

The settings name the listening host (``gazetteer serve --host``); the ASGI
scope names the local address a connection arrived on, so that a server
started some other way (``uvicorn --host 0.0.0.0``) still asks a key of a
write from another machine.  A scope whose server is no address (a test
client's ``testserver``) says nothing, and the settings decide alone.
"""

from __future__ import annotations

import ipaddress

from starlette.types import Scope

from gazetteer.settings import ServiceSettings


def over_loopback(scope: Scope) -> bool | None:
    """Whether the connection arrived on a loopback address; ``None`` when its local address is no IP address."""
    server = scope.get("server")
    if not server:
        return None
    try:
        return ipaddress.ip_address(str(server[0]).strip("[]")).is_loopback
    except ValueError:
        return None


def keys_required(scope: Scope, settings: ServiceSettings) -> bool:
    """Whether a write on this connection needs a key: forced, listening beyond loopback, or arrived from beyond."""
    return settings.keys_required or over_loopback(scope) is False
