import shapely

from gazetteer.records import Place, Point
from gazetteer.sources.embedded import Towns, city_place
from gazetteer.sources.natural_earth import Country


def test_city_records_keep_every_alternate_name() -> None:
    place = city_place(
        {
            "geonameid": 148106,
            "name": "Fuzuli",
            "latitude": 39.60094,
            "longitude": 47.14529,
            "countrycode": "AZ",
            "population": 25100,
            "admin1code": "18",
            "alternatenames": ["Füzuli", "Физули", "Fuzuli"],
        }
    )
    assert place.point == Point(47.14529, 39.60094)
    assert [n.text for n in place.names] == ["Fuzuli", "Füzuli", "Физули"]
    assert place.names[0].preferred


def test_countries_sit_at_label_points_else_at_their_capital_else_their_largest_place() -> None:
    towns = Towns({"RE": "Saint-Denis", "TK": "", "CA": "Ottawa"})
    for pid, name, country, population, lon in [
        (935264, "Saint-Denis", "RE", 145000, 55.45),
        (935265, "Saint-Pierre", "RE", 80000, 55.47),
        (7522181, "Atafu Village", "TK", 500, -172.5),
        (6094817, "Ottawa", "CA", 812129, -75.7),
    ]:
        towns.see(Place(pid, name, Point(lon, -20.9), country=country, population=population))
    canada = Country("CA", Point(-101.9, 60.3), shapely.box(-141, 42, -52, 83), True, Point(-100.0, 60.0))
    at_sea = Country("NZ", Point(172.8, -39.8), shapely.box(166, -47, 178, -34), False, Point(175.0, -40.0))
    assert towns.point("CA", canada) == (Point(-101.9, 60.3), "naturalearth:label")
    assert towns.point("NZ", at_sea) == (Point(175.0, -40.0), "naturalearth:surface")
    assert towns.point("RE", None) == (Point(55.45, -20.9), "capital:935264")
    assert towns.point("TK", None) == (Point(-172.5, -20.9), "largest-place:7522181")
    assert towns.point("BV", None)[1] == "unknown"


def test_cities_say_their_point_is_geonames_own() -> None:
    record = {"geonameid": 1, "name": "X", "latitude": 1.0, "longitude": 2.0, "countrycode": "AZ"}
    assert city_place(record).point_source == "geonames"
