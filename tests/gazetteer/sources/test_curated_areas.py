"""The overlay's area shapes: the default file, a road of known width, the Soviet Union's outline and period."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import shapely

from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.records import Name, Place, Point
from gazetteer.sources.curated_areas import MAKES, Inputs, area_entry, make_shape
from gazetteer.sources.geometry import distance_km
from gazetteer.sources.overlay import AREAS_FILE, DEFAULT_OVERLAY, OverlaySource

AREAS = json.loads(DEFAULT_OVERLAY.with_name(AREAS_FILE).read_text(encoding="utf-8"))["areas"]
KHANKENDI, LACHIN, GORIS = Point(46.7528, 39.8177), Point(46.54977, 39.63742), Point(46.34168, 39.51111)


def _entry(place_id: int) -> dict[str, object]:
    return next(entry for entry in AREAS if entry["id"] == place_id)


def test_every_area_is_made_a_known_way_and_cites_its_source() -> None:
    overlay = json.loads(DEFAULT_OVERLAY.read_text(encoding="utf-8"))
    ids = {place["id"] for place in overlay["places"]}
    for entry in AREAS:
        parsed = area_entry(entry)
        assert parsed.make in MAKES and parsed.id in ids
        assert "https://" in parsed.source or "http://" in parsed.source or "Natural Earth" in parsed.source
        assert parsed.source.split(":")[0] in {"hull", "union", "line", "water", "ellipse"}


def test_the_lachin_corridor_is_five_km_wide_and_ends_at_the_border() -> None:
    entry = area_entry(_entry(900000003))
    assert entry.width_km == 5.0 and entry.clip == "AZ"
    band = make_shape(entry, Inputs(Point(46.45, 39.6), [KHANKENDI, LACHIN, GORIS], []))
    middle = Point((KHANKENDI.lon + LACHIN.lon) / 2, (KHANKENDI.lat + LACHIN.lat) / 2)
    assert distance_km(band.boundary, middle) == pytest.approx(2.5, rel=0.05)
    assert band.covers(shapely.Point(LACHIN.lon, LACHIN.lat))
    assert not band.covers(shapely.Point(GORIS.lon, GORIS.lat)), "Goris is in Armenia"


def test_the_soviet_union_is_its_fifteen_successors_from_1922_to_1991(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    with IndexWriter(path) as writer:
        OverlaySource().write(writer)
    index = GazetteerIndex(path)
    soviet = index.place(900000008)
    assert (soviet.feature_code, soviet.start, soviet.end) == ("PCLH", "1922", "1991")
    shapes = {pid: (shapely.from_wkb(wkb), source) for pid, wkb, source in index.shapes()}
    outline, source = shapes[900000008]
    assert source.startswith("union:naturalearth") and "15 successor states" in source
    for lon, lat in ((49.87, 40.41), (69.28, 41.31), (30.52, 50.45), (158.65, 53.02)):
        assert outline.covers(shapely.Point(lon, lat)), (lon, lat)
    assert not outline.covers(shapely.Point(21.01, 52.23)), "Warsaw"
    assert shapes[900000004][0].covers(shapely.Point(44.51, 40.18)), "Yerevan in the South Caucasus"
    assert shapes[900000007][0].covers(shapely.Point(50.5, 42.0)) and 5000 < soviet.radius_km < 8000
    assert int(index.meta()["overlay.shapes_skipped"]) == len(AREAS) - len(shapes)


def test_an_areas_file_beside_an_overlay_shapes_and_moves_its_places(tmp_path: Path) -> None:
    overlay = tmp_path / "overlay.json"
    place = {"id": 900000100, "name": "Test Region", "lat": 0.0, "lon": 0.0, "source": "https://example.org/r"}
    overlay.write_text(json.dumps({"places": [place | {"names": [{"text": "Test Region"}]}]}), encoding="utf-8")
    hull = {
        "id": 900000100,
        "make": "hull",
        "places": [1, 2, 3],
        "buffer_km": 2,
        "point": "centre",
        "source": "hull:test",
    }
    missing = {"id": 900000100, "make": "union", "shapes": [42], "source": "union:absent"}
    (tmp_path / AREAS_FILE).write_text(json.dumps({"areas": [hull, missing]}), encoding="utf-8")
    towns = [Place(i, f"T{i}", Point(46.0 + i / 10, 40.0 + (i % 2) / 10), names=(Name(f"T{i}"),)) for i in (1, 2, 3)]
    path = tmp_path / "i.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places(towns)
        OverlaySource(overlay).write(writer)
    index = GazetteerIndex(path)
    region = index.place(900000100)
    [(_, wkb, source)] = index.shapes()
    assert source == "hull:test" and region.point_source == "shape:centre"
    assert shapely.from_wkb(wkb).covers(shapely.Point(region.lon, region.lat))
    assert index.meta()["overlay.shapes_skipped"] == "1"
