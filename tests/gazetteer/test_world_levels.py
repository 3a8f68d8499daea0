"""Acceptance on the embedded default: areas at every level, with shapes, as a reader expects them."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from gazetteer.application import GazetteerAPI
from gazetteer.results import NearQuery
from gazetteer.settings import load_settings

KALBAJAR_DISTRICT = 586047
AZERBAIJAN = 587116
SOVIET_UNION = 900000008
WARSAW = (21.0118, 52.2298)
KYIV = (30.5234, 50.4501)


@pytest.fixture(scope="module")
def api(index_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[GazetteerAPI]:
    settings = replace(load_settings(tmp_path_factory.mktemp("world")), index_path=index_path)
    with GazetteerAPI(settings) as opened:
        yield opened


@pytest.mark.parametrize(
    ("query", "code", "country"),
    [
        ("Ohio", "ADM1", "US"),
        ("Alberta", "ADM1", "CA"),
        ("New South Wales", "ADM1", "AU"),
        ("Tamil Nadu", "ADM1", "IN"),
        ("Darfur", "RGN", "SD"),
        ("Kalbajar District", "ADM1", "AZ"),
    ],
)
def test_states_provinces_and_districts_resolve_to_the_areas(
    api: GazetteerAPI, query: str, code: str, country: str
) -> None:
    best = api.lookup(query, limit=1)[0].place
    assert (best.feature_code, best.country) == (code, country)


def test_a_district_is_its_own_place_and_holds_its_town(api: GazetteerAPI) -> None:
    town = api.lookup("Kəlbəcər", limit=1)[0].place
    assert town.feature_class == "P" and town.parent_id == KALBAJAR_DISTRICT
    assert api.place(KALBAJAR_DISTRICT).parent_id == AZERBAIJAN


def test_georgia_follows_the_paragraph(api: GazetteerAPI) -> None:
    american = "Storms hit Atlanta on Monday, and the governor of Georgia declared an emergency."
    caucasian = "Protesters gathered in Tbilisi and Batumi as Georgia's parliament debated the bill."
    by_text = {m.surface: m.place for m in api.geoparse(american)}
    assert (by_text["Georgia"].feature_code, by_text["Georgia"].country) == ("ADM1", "US")
    by_text = {m.surface: m.place for m in api.geoparse(caucasian)}
    assert (by_text["Georgia"].feature_code, by_text["Georgia"].country) == ("PCLI", "GE")


def test_a_former_state_answers_only_by_its_shape_and_when_asked(api: GazetteerAPI) -> None:
    for historic in (False, True):
        at_warsaw = [n.place.id for n in api.near(NearQuery(*WARSAW, radius_km=5, historic=historic))]
        assert at_warsaw and SOVIET_UNION not in at_warsaw
    at_kyiv = [n.place.id for n in api.near(NearQuery(*KYIV, radius_km=5))]
    assert at_kyiv and SOVIET_UNION not in at_kyiv
    assert SOVIET_UNION in [n.place.id for n in api.near(NearQuery(*KYIV, radius_km=5, historic=True))]


def test_reverse_in_kalbajar_names_the_district_then_the_country(api: GazetteerAPI) -> None:
    areas = [n.place.id for n in api.reverse(46.05, 40.1, 3) if n.relation == "containing"]
    assert areas[:2] == [KALBAJAR_DISTRICT, AZERBAIJAN]


def test_every_country_has_a_documented_point_and_a_shape(api: GazetteerAPI) -> None:
    azerbaijan = api.place(AZERBAIJAN)
    assert azerbaijan.point_source
    assert api.gazetteer.index.shapes([AZERBAIJAN, KALBAJAR_DISTRICT])
