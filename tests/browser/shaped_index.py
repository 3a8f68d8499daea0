"""A tiny gazetteer index with shapes, as the full build will have them, for the browser tests.

Countries carry their Natural Earth polygons (from the package's file, as the
build takes them); first-level areas are *rough stand-ins*: the Voronoi cells
of real admin centres clipped to their country (the build makes hulls);
Karabakh, Sarsang Reservoir and the Lachin corridor get simple shapes (the
corridor a buffered line), as the curated overlay will give them.
"""

from __future__ import annotations

from pathlib import Path

import shapely
from shapely.geometry.base import BaseGeometry

from gazetteer.index import IndexWriter
from gazetteer.map_data import natural_earth_countries
from gazetteer.records import Name, Place, Point

COUNTRY_IDS = {"AZ": 587116, "AM": 174982, "GE": 614540, "IR": 130758, "TR": 298795, "RU": 2017370}
"""GeoNames ids of the countries around Karabakh."""
CENTRES = {
    "AZ": [
        ("Khojaly District", 46.79, 39.91), ("Shusha District", 46.75, 39.76), ("Khojavend District", 47.01, 39.79),
        ("Aghdara District", 46.80, 40.21), ("Aghdam District", 46.93, 39.99), ("Fuzuli District", 47.16, 39.60),
        ("Jabrayil District", 47.03, 39.40), ("Zangilan District", 46.65, 39.09), ("Gubadli District", 46.58, 39.34),
        ("Lachin District", 46.55, 39.64), ("Kalbajar District", 46.04, 40.11), ("Tartar District", 46.93, 40.34),
        ("Barda District", 47.13, 40.37), ("Aghjabadi District", 47.46, 40.05), ("Beylagan District", 47.62, 39.78),
        ("Goygol District", 46.32, 40.59), ("Dashkasan District", 46.08, 40.52), ("Ganja", 46.36, 40.68),
        ("Yevlakh District", 47.15, 40.62), ("Baku", 49.89, 40.38), ("Shamakhi District", 48.64, 40.63),
        ("Sabirabad District", 48.48, 40.01), ("Lankaran District", 48.85, 38.75), ("Nakhchivan", 45.41, 39.21),
        ("Shaki District", 47.17, 41.19), ("Quba District", 48.51, 41.36), ("Gabala District", 47.85, 40.98),
        ("Imishli District", 48.06, 39.87), ("Salyan District", 48.98, 39.60), ("Mingachevir", 47.06, 40.76),
    ],
    "AM": [
        ("Yerevan", 44.51, 40.18), ("Syunik Province", 46.41, 39.21), ("Vayots Dzor Province", 45.35, 39.76),
        ("Ararat Province", 44.55, 39.96), ("Armavir Province", 44.04, 40.15), ("Aragatsotn Province", 44.36, 40.30),
        ("Kotayk Province", 44.77, 40.50), ("Gegharkunik Province", 45.13, 40.36), ("Tavush Province", 45.15, 40.88),
        ("Lori Province", 44.49, 40.81), ("Shirak Province", 43.85, 40.79),
    ],
}  # fmt: skip
"""First-level areas by country: name and the (lon, lat) of their admin centre."""
FIRST_ID = 910_000_000

KHANKENDI = Place(146970, "Khankendi", Point(46.7528, 39.8177), "P", "PPLA", "AZ", population=55000)
SHUSHA = Place(585103, "Shusha", Point(46.74989, 39.76006), "P", "PPLA2", "AZ", population=4000)
GORIS = Place(174710, "Goris", Point(46.33867, 39.50716), "P", "PPLA", "AM", population=20000)
KARABAKH = Place(900000001, "Karabakh", Point(46.75, 39.83), "L", "RGN", "AZ", radius_km=70)
SARSANG = Place(900000002, "Sarsang Reservoir", Point(46.55, 40.15), "H", "RSV", "AZ", radius_km=8)
CORRIDOR = Place(900000003, "Lachin corridor", Point(46.45, 39.6), "R", "RD", "AZ", radius_km=25)
SHAPES_SOURCE = "naturalearth:ne_10m_admin_0_countries_deu (test fixture)"


def curated_shapes() -> dict[int, BaseGeometry]:
    """Simple shapes of Karabakh, Sarsang Reservoir and the Lachin corridor (a road buffered by ~2.5 km)."""
    karabakh = shapely.MultiPoint([(46.55, 40.30), (46.95, 40.25), (47.15, 39.70), (46.95, 39.45), (46.55, 39.60)])
    road = shapely.LineString([(46.34, 39.51), (46.55, 39.64), (46.75, 39.82)])
    return {
        KARABAKH.id: karabakh.convex_hull,
        SARSANG.id: shapely.Point(46.55, 40.15).buffer(0.06).intersection(shapely.box(46.4, 40.1, 46.7, 40.2)),
        CORRIDOR.id: road.buffer(0.025),
    }


def first_level_areas(country: str, outline: BaseGeometry) -> list[tuple[Place, BaseGeometry]]:
    """Voronoi cells of the country's admin centres, clipped to its outline."""
    centres = CENTRES[country]
    cells = shapely.voronoi_polygons(shapely.MultiPoint([(lon, lat) for _, lon, lat in centres]), extend_to=outline)
    found = []
    for n, (name, lon, lat) in enumerate(centres):
        cell = next(c for c in shapely.get_parts(cells) if c.contains(shapely.Point(lon, lat)))
        place_id = FIRST_ID + 1000 * list(CENTRES).index(country) + n
        place = Place(place_id, name, Point(lon, lat), "A", "ADM1", country, names=(Name(name, "en"),))
        found.append((place, cell.intersection(outline)))
    return found


def build_shaped_index(path: Path) -> Path:
    """Write the tiny index at ``path``; returns it."""
    countries = {area.country: area for area in natural_earth_countries() if area.country in COUNTRY_IDS}
    shaped: list[tuple[Place, BaseGeometry]] = []
    for code, area in countries.items():
        lon, lat = area.label
        shaped.append((Place(COUNTRY_IDS[code], area.name, Point(lon, lat), "A", "PCLI", code), area.geometry))
        if code in CENTRES:
            shaped += first_level_areas(code, area.geometry)
    curated = curated_shapes()
    with IndexWriter(path) as writer:
        writer.add_places([place for place, _ in shaped] + [KHANKENDI, SHUSHA, GORIS, KARABAKH, SARSANG, CORRIDOR])
        writer.add_shapes((place.id, shape.wkb, SHAPES_SOURCE) for place, shape in shaped)
        writer.add_shapes((place_id, shape.wkb, "test fixture") for place_id, shape in curated.items())
    return path
