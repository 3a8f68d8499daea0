from gazetteer.records import Point
from gazetteer.sources.embedded import city_place, country_point


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


def test_country_point_ignores_far_outliers() -> None:
    mainland = [Point(40 + i / 100, 50 + i / 100) for i in range(100)]
    outlier = [Point(-170, -14)]
    point = country_point(mainland + outlier)
    assert 40 <= point.lon <= 41 and 50 <= point.lat <= 51
