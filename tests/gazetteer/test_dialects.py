"""The Pelias and Nominatim dialects over tiny inline places: names, chains, ids, kinds, filters, zooms."""

from __future__ import annotations

import pytest

from gazetteer.dialects import nominatim, pelias
from gazetteer.dialects.narrowing import Narrowing, box_of, country_codes
from gazetteer.dialects.nominatim import Format
from gazetteer.dialects.situated import Situated, existing, extent, languages_of, situate
from gazetteer.errors import InvalidInput, NotFound
from gazetteer.records import Candidate, MatchType, Name, Place, Point
from gazetteer.results import CONTAINING, NEAREST, Nearby

AZERBAIJAN = Place(587116, "Azerbaijan", Point(47.5, 40.5), "A", "PCLI", country="AZ", radius_km=265.0,
                   names=(Name("Azerbaijan", "en"), Name("Азербайджан", "ru", preferred=True)))  # fmt: skip
DISTRICT = Place(147163, "Shusha District", Point(46.7, 39.7), "A", "ADM1", country="AZ", parent_id=587116,
                 radius_km=15.0, names=(Name("Шушинский район", "ru"),))  # fmt: skip
SHUSHA = Place(147105, "Shusha", Point(46.74989, 39.76006), "P", "PPL", country="AZ", population=4064,
               parent_id=147163, names=(Name("Şuşa", "az", preferred=True), Name("Шуша", "ru"),
                                        Name("Shushi", "hy", historic=True)))  # fmt: skip
KARABAKH = Place(900000001, "Karabakh", Point(46.8, 39.9), "L", "RGN", country="AZ", parent_id=587116, radius_km=96.0)
CYCLE = Place(5, "Loop", Point(0.0, 0.0), parent_id=6)
LOOP_PARENT = Place(6, "Loop parent", Point(0.0, 0.0), "A", "ADM2", parent_id=5)
PLACES = {p.id: p for p in (AZERBAIJAN, DISTRICT, SHUSHA, KARABAKH, CYCLE, LOOP_PARENT)}


def fetch(place_id: int) -> Place:
    if place_id not in PLACES:
        raise NotFound(f"no place with id {place_id}")
    return PLACES[place_id]


def shusha(*languages: str) -> Situated:
    return situate([SHUSHA], fetch, languages)[0]


def test_a_place_is_named_with_the_places_above_it_in_the_wanted_language() -> None:
    assert shusha().above == (DISTRICT, AZERBAIJAN)
    assert shusha().label() == "Shusha, Shusha District, Azerbaijan"
    assert shusha("hy", "ru").label() == "Шуша, Шушинский район, Азербайджан"  # the Armenian name is historic
    assert shusha("az").name == "Şuşa" and shusha("fr").name == "Shusha"


def test_the_chain_stops_at_a_missing_parent_and_at_a_cycle() -> None:
    orphan = Place(7, "Orphan", Point(1.0, 1.0), parent_id=999)
    assert situate([orphan, CYCLE], fetch, ())[0].above == ()
    assert situate([CYCLE], fetch, ())[0].above == (LOOP_PARENT,)
    assert existing([147105, 999, 587116], fetch) == [SHUSHA, AZERBAIJAN]


def test_accept_language_values() -> None:
    assert languages_of("ru-RU,ru;q=0.9,en;q=0.8") == ("ru", "en")
    assert languages_of("en;q=0.2, az") == ("az", "en")
    assert languages_of("*, x-klingon;q=0, toolong, 12") == ()
    assert languages_of(None) == () and languages_of("fr;q=abc") == ()


def test_a_box_holds_the_extent_and_splits_no_further_than_the_antimeridian() -> None:
    west, south, east, north = extent(DISTRICT)
    assert west < 46.7 - 0.15 and east > 46.7 + 0.15 and south < 39.7 - 0.13 < 39.7 + 0.13 < north
    wide = extent(Place(1, "Dateline", Point(179.99, -16.0), radius_km=50.0))
    assert wide[0] == -180.0 and wide[2] == 180.0


def test_pelias_layers_gids_and_ids() -> None:
    assert [pelias.layer(p) for p in (AZERBAIJAN, DISTRICT, SHUSHA, KARABAKH)] == [
        "country", "region", "locality", "venue"]  # fmt: skip
    assert pelias.gid(SHUSHA) == "geonames:locality:147105" and pelias.gid(KARABAKH) == "overlay:venue:900000001"
    assert pelias.place_ids("geonames:locality:147105, overlay:venue:900000001,geonames:region:147105") == [
        147105, 900000001]  # fmt: skip
    for bad in ("147105", "osm:node:1", "geonames:locality:x", "geonames:locality:900000001", "overlay:venue:5", ""):
        with pytest.raises(InvalidInput):
            pelias.place_ids(bad)
    with pytest.raises(InvalidInput):
        pelias.place_ids(",".join(f"geonames:locality:{n}" for n in range(1, 52)))


def test_a_pelias_feature_names_its_hierarchy() -> None:
    candidate = Candidate(SHUSHA, "Шуша", MatchType.EXACT, 0.81234, distance_km=1.23456)
    found = pelias.search_feature(shusha("ru"), candidate)
    properties = found["properties"]
    assert properties["name"] == "Шуша" and properties["region"] == "Шушинский район"
    assert properties["country"] == "Азербайджан" and properties["country_a"] == "AZE"
    assert properties["region_gid"] == "geonames:region:147163" and properties["locality_gid"] == properties["gid"]
    assert properties["confidence"] == 0.812 and properties["distance"] == 1.235 and properties["match_type"] == "exact"
    assert found["geometry"]["coordinates"] == [46.74989, 39.76006] and "bbox" not in found
    assert "bbox" in pelias.feature(situate([DISTRICT], fetch, ())[0])


def test_pelias_reverse_order_and_confidence() -> None:
    near = [Nearby(SHUSHA, 0.2, relation=NEAREST), Nearby(KARABAKH, 5.0, relation=NEAREST)]
    holding = [Nearby(DISTRICT, 8.0, relation=CONTAINING, distance_to_area_km=0.0)]
    assert [n.place for n in pelias.reverse_order(holding + near, None, 10)] == [SHUSHA, KARABAKH, DISTRICT]
    assert [n.place for n in pelias.reverse_order(holding + near, 1.0, 2)] == [SHUSHA, DISTRICT]
    scores = [pelias.reverse_confidence(km) for km in (0.0, 0.005, 0.01, 0.05, 0.2, 0.25, 0.9, 1.0, 3.0)]
    assert scores == [1.0, 0.9, 0.8, 0.8, 0.7, 0.6, 0.6, 0.5, 0.5]


def test_nominatim_kinds() -> None:
    kinds = [nominatim.kind(p) for p in (AZERBAIJAN, DISTRICT, SHUSHA, KARABAKH)]
    assert [(k.category, k.type, k.rank, k.address) for k in kinds] == [
        ("boundary", "administrative", 4, "country"),
        ("boundary", "administrative", 8, "state"),
        ("place", "village", 19, "village"),
        ("place", "region", 10, "region"),
    ]
    city = Place(587084, "Baku", Point(49.89, 40.38), "P", "PPLA", population=2_000_000)
    assert nominatim.kind(city).type == "city"


def test_nominatim_formats_from_one_place() -> None:
    situated = [shusha()]
    v1 = nominatim.answer(situated, Format.JSON, details=True, query="Shusha")[0]
    v2 = nominatim.answer(situated, Format.JSONV2, details=False, query="Shusha", single=True)
    assert v1["class"] == v2["category"] == "place" and "category" not in v1 and "class" not in v2
    assert v1["lat"] == "39.7600600" and v1["lon"] == "46.7498900" and v1["place_id"] == 147105
    south, north, west, east = (float(value) for value in v1["boundingbox"])
    assert south < 39.76006 < north and west < 46.74989 < east
    assert v1["address"] == {"village": "Shusha", "state": "Shusha District", "country": "Azerbaijan",
                             "country_code": "az"}  # fmt: skip
    assert "address" not in v2
    geojson = nominatim.answer(situated, Format.GEOJSON, details=False, query="Shusha")
    feature = geojson["features"][0]
    assert feature["bbox"] == [west, south, east, north] and "lat" not in feature["properties"]
    geocodejson = nominatim.answer(situated, Format.GEOCODEJSON, details=True, query="Shusha")
    assert geocodejson["geocoding"]["query"] == "Shusha"
    assert geocodejson["features"][0]["properties"]["geocoding"]["state"] == "Shusha District"


def test_nominatim_reverse_by_zoom() -> None:
    found = [
        Nearby(DISTRICT, 8.0, relation=CONTAINING, distance_to_area_km=0.0),
        Nearby(KARABAKH, 10.0, relation=CONTAINING, distance_to_area_km=0.0),
        Nearby(AZERBAIJAN, 100.0, relation=CONTAINING, distance_to_area_km=0.0),
        Nearby(SHUSHA, 0.01, relation=NEAREST),
    ]
    assert nominatim.reverse_choice(found, 18) == nominatim.reverse_choice(found, 10) == SHUSHA
    assert nominatim.reverse_choice(found, 9) == nominatim.reverse_choice(found, 5) == DISTRICT
    assert nominatim.reverse_choice(found, 3) == AZERBAIJAN
    assert nominatim.reverse_choice(found[1:2], 5) is None and nominatim.reverse_choice([], 18) is None


def test_nominatim_place_ids() -> None:
    assert nominatim.place_ids("147105, 146970,147105") == [147105, 146970]
    for bad in ("", "N147105", "1.5", str(2**63), ",".join(["1"] * 51)):
        with pytest.raises(InvalidInput):
            nominatim.place_ids(bad)


def test_narrowing_by_countries_and_box() -> None:
    assert country_codes("az, ARM,aze") == {"AZ", "AM"} and country_codes(None) == frozenset()
    for bad in ("AZER", "ZZZ", "a1"):
        with pytest.raises(InvalidInput):
            country_codes(bad)
    with pytest.raises(InvalidInput):
        box_of(46.0, 40.0, 47.0, 39.0)
    armenia = Place(616052, "Yerevan", Point(44.5, 40.18), country="AM")
    candidates = [Candidate(p, p.name, MatchType.EXACT, 0.5) for p in (armenia, SHUSHA, KARABAKH)]
    assert Narrowing(frozenset({"AZ"})).narrowed(candidates, 1) == candidates[1:2]
    boxed = Narrowing(box=box_of(46.0, 39.5, 47.0, 39.8))
    assert boxed.narrowed(candidates, 10) == candidates[1:2] and boxed.asked(3) > 3 and Narrowing().asked(3) == 3
    across = Narrowing(box=(170.0, -20.0, -170.0, 0.0))
    assert across.keeps(Place(1, "Fiji", Point(178.0, -17.0))) and not across.keeps(Place(2, "Null", Point(0, -10)))
