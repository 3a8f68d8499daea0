"""The response class of GeoJSON bodies (RFC 7946 media type)."""

from __future__ import annotations

from fastapi.responses import JSONResponse

GEOJSON = "application/geo+json"


class GeoJSONResponse(JSONResponse):
    """JSON served as ``application/geo+json``."""

    media_type = GEOJSON
