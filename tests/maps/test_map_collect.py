"""Gathering map data from a real document store, through the application layer."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from storedata import KHANKENDI, fill_store

from gazetteer.application import GazetteerAPI
from gazetteer.errors import NotFound
from gazetteer.records import Name, Place, Point
from gazetteer.settings import load_settings
from gazetteer.spatial import regions_of
from maps.collect import map_options
from maps.mention_map import MapOptions


class FakeGazetteer:
    """Places by id, as the gazetteer gives them."""

    def __init__(self, places: list[Place]) -> None:
        self.by_id = {place.id: place for place in places}

    def places(self, ids: object, names: bool = True) -> dict[int, Place]:
        return {i: self.by_id[i] for i in ids if i in self.by_id}  # type: ignore[attr-defined]


KARABAKH = Place(900000001, "Karabakh", Point(46.75, 39.83), "L", "RGN", radius_km=70)


def api_over(tmp_path: Path, places: list[Place] | None = None) -> GazetteerAPI:
    settings = load_settings(tmp_path)
    fill_store(settings.store_path)
    gazetteer = FakeGazetteer(places) if places is not None else None
    return GazetteerAPI(settings, gazetteer=gazetteer)  # type: ignore[arg-type]


@pytest.fixture
def api(tmp_path: Path) -> GazetteerAPI:
    return api_over(tmp_path)


def test_all_documents(api: GazetteerAPI) -> None:
    data = api.map_data()
    assert sorted(data.documents) == [1, 2]
    assert [m.place_id for m in data.mentions].count(146970) == 3
    assert data.events and all(e.document_id == 1 for e in data.events)


def test_one_document(api: GazetteerAPI) -> None:
    data = api.map_data(document_id=2)
    assert list(data.documents) == [2] and {m.document_id for m in data.mentions} == {2}
    assert map_options(data, MapOptions()).title.startswith("Mentions in Talks")


def test_unknown_document_is_not_found(api: GazetteerAPI) -> None:
    with pytest.raises(NotFound):
        api.map_data(document_id=99)


def test_variants_and_regions_from_the_gazetteer(tmp_path: Path) -> None:
    named = replace(KHANKENDI, names=(Name("Khankendi", "en"), Name("Xankəndi", "az"), Name("Ханкенди", "ru")))
    data = api_over(tmp_path, [named, KARABAKH]).map_data()
    assert data.variants[146970] == ("Xankəndi (az)", "Ханкенди (ru)")
    assert regions_of([KHANKENDI, KARABAKH])[0].id == KARABAKH.id


def test_place_centre_from_mentions_then_gazetteer(api: GazetteerAPI, tmp_path: Path) -> None:
    assert api.map_data(place_id=146970).focus == (46.7528, 39.8177)
    other = api_over(tmp_path / "other", [KARABAKH])
    assert other.map_data(place_id=KARABAKH.id).focus == (46.75, 39.83)
    with pytest.raises(NotFound):
        api.map_data(place_id=12345)
    options = map_options(api.map_data(place_id=146970), MapOptions())
    assert options.centre == (46.7528, 39.8177) and options.focus_place_id == 146970
