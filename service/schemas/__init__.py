"""Pydantic schemas of the API: Base/Create/Public per resource, and GeoJSON."""
