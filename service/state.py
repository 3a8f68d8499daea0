"""The application layer of one FastAPI application: made at startup, closed at shutdown.

The routers reach it through ``deps.ApiDep``; nothing else in the service holds
a resource.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from fastapi import FastAPI

from gazetteer.application import GazetteerAPI

_LOCK = threading.Lock()


def install_api(app: FastAPI, make: Callable[[], GazetteerAPI]) -> None:
    """Give ``app`` the factory of its application layer (called at startup, or by the first request)."""
    app.state.make_api = make
    app.state.api = None


def api_of(app: FastAPI) -> GazetteerAPI:
    """The application layer of ``app``, made on first use."""
    with _LOCK:
        api: GazetteerAPI | None = app.state.api
        if api is None:
            api = app.state.api = app.state.make_api()
        return api


def close_api(app: FastAPI) -> None:
    """Close the application layer of ``app``; a later request or startup opens it again."""
    with _LOCK:
        api: GazetteerAPI | None = app.state.api
        app.state.api = None
    if api is not None:
        api.close()
