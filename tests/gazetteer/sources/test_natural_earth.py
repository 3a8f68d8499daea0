"""Natural Earth countries: label points, outlines joined on ISO_A2_EH, written as shapes."""

from __future__ import annotations

from pathlib import Path

import shapely

from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.records import Place, Point
from gazetteer.sources.natural_earth import SHAPE_SOURCE, CountryShapesSource, _country, countries


def test_a_country_of_several_rows_is_their_union_labelled_at_the_largest() -> None:
    mainland, island = shapely.box(0, 0, 10, 10), shapely.box(20, 0, 21, 1)
    country = _country("AU", [(island, Point(20.5, 0.5)), (mainland, Point(5.0, 5.0))])
    assert country.label == Point(5.0, 5.0)
    assert country.outline.covers(shapely.Point(20.5, 0.5)) and country.outline.covers(shapely.Point(5, 5))


def test_france_and_norway_join_on_iso_a2_eh_and_labels_lie_inside() -> None:
    known = countries()
    for iso in ("FR", "NO", "AZ", "CA"):
        country = known[iso]
        assert country.label_inside and country.outline.covers(shapely.Point(country.label.lon, country.label.lat))
    assert abs(known["CA"].label.lat - 60.3) < 0.5, "not a midpoint of Canada's towns near the US border"
    surface = known["NZ"].surface
    assert not known["NZ"].label_inside and known["NZ"].outline.covers(shapely.Point(surface.lon, surface.lat))
    assert known["VA"].outline.area > 0, "simplification does not wipe out the Vatican"


def test_outlines_are_written_for_the_countries_the_index_holds(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places([Place(3017382, "France", Point(2.0, 46.0), "A", "PCLI", "FR")])
        CountryShapesSource().write(writer)
    index = GazetteerIndex(path)
    [(pid, wkb, source)] = index.shapes()
    outline = shapely.from_wkb(wkb)
    assert (pid, source) == (3017382, SHAPE_SOURCE) and outline.is_valid
    assert outline.covers(shapely.Point(2.35, 48.86)), "Paris, lon first"
    assert index.place(3017382).radius_km > 1000
