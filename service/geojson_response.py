"""The response class of GeoJSON bodies (RFC 7946 media type), encoded with orjson.

Place collections are the service's largest and most frequent bodies (a near
query answers with up to a thousand features); orjson encodes them about ten
times faster than the standard library.
"""

from __future__ import annotations

from typing import Any

import orjson
from fastapi.responses import JSONResponse

GEOJSON = "application/geo+json"


class GeoJSONResponse(JSONResponse):
    """JSON served as ``application/geo+json``."""

    media_type = GEOJSON

    def render(self, content: Any) -> bytes:
        """The body: compact UTF-8 JSON (non-finite numbers, which GeoJSON has no use for, become null)."""
        return orjson.dumps(content)
