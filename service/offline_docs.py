"""``/docs`` (Swagger UI) and ``/redoc`` served from this service's own files, so they work offline.

The files are the ones the PyPI package ``fastapi-offline`` ships (Swagger UI
5 and ReDoc 2 bundles); the pages are FastAPI's own, pointed at them, with
Swagger UI's online validator badge turned off (it would call out), and a
Content-Security-Policy naming the hash of their one inline script.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

from gazetteer.errors import NotFound
from maps.html_page import inline_scripts, script_hash
from service.security_headers import CONTENT_SECURITY_POLICY, page_policy

DOCS_URL = "/docs"
REDOC_URL = "/redoc"
DOCS_STATIC = "/static/docs"
"""URL path under which the Swagger UI and ReDoc files are served."""
DOCS_FILES: dict[str, str] = {
    "swagger-ui-bundle.js": "text/javascript",
    "swagger-ui.css": "text/css",
    "redoc.standalone.js": "text/javascript",
    "favicon.png": "image/png",
}
"""The files served, with their media types; nothing else of the package is."""
DOCS_CACHE = "public, max-age=86400"
SWAGGER_PARAMETERS: dict[str, object] = {"validatorUrl": None}
"""No online validator badge: it would be fetched from outside."""


def docs_folder() -> Path:
    """The folder of the package's Swagger UI and ReDoc files."""
    return Path(str(files("fastapi_offline") / "static"))


def _page(page: HTMLResponse) -> HTMLResponse:
    """The page with its CSP: the hashes of its inline scripts (the page is ours: FastAPI's template, our URLs)."""
    html = bytes(page.body).decode("utf-8")
    policy = page_policy(script_hash(code) for code in inline_scripts(html))
    return HTMLResponse(html, headers={CONTENT_SECURITY_POLICY: policy})


def install(app: FastAPI) -> None:
    """Add the ``/docs`` and ``/redoc`` pages and their files to ``app`` (made with ``docs_url=None``)."""
    title = f"{app.title} - API documentation"
    openapi_url = app.openapi_url or "/openapi.json"

    @app.get(DOCS_URL, include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return _page(
            get_swagger_ui_html(
                openapi_url=openapi_url,
                title=title,
                swagger_js_url=f"{DOCS_STATIC}/swagger-ui-bundle.js",
                swagger_css_url=f"{DOCS_STATIC}/swagger-ui.css",
                swagger_favicon_url=f"{DOCS_STATIC}/favicon.png",
                swagger_ui_parameters=SWAGGER_PARAMETERS,
            )
        )

    @app.get(REDOC_URL, include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return _page(
            get_redoc_html(
                openapi_url=openapi_url,
                title=title,
                redoc_js_url=f"{DOCS_STATIC}/redoc.standalone.js",
                redoc_favicon_url=f"{DOCS_STATIC}/favicon.png",
                with_google_fonts=False,
            )
        )

    @app.get(DOCS_STATIC + "/{name}", include_in_schema=False)
    async def docs_file(name: str) -> FileResponse:
        media_type = DOCS_FILES.get(name)
        if media_type is None:
            raise NotFound(f"no documentation file {name}")
        return FileResponse(docs_folder() / name, media_type=media_type, headers={"Cache-Control": DOCS_CACHE})
