"""Gathering map data from a real document store."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from storedata import KHANKENDI, fill_store

from gazetteer.errors import NotFound
from gazetteer.records import Name, Place, Point
from gazetteer.store import Store
from maps.collect import extent_regions, map_data, map_options, place_centre
from maps.mention_map import MapOptions


class FakeGazetteer:
    """Places by id, as the gazetteer gives them."""

    def __init__(self, places: list[Place]) -> None:
        self.by_id = {place.id: place for place in places}

    def places(self, ids: object) -> dict[int, Place]:
        return {i: self.by_id[i] for i in ids if i in self.by_id}  # type: ignore[attr-defined]


KARABAKH = Place(900000001, "Karabakh", Point(46.75, 39.83), "L", "RGN", radius_km=70)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    fill_store(tmp_path / "store.sqlite")
    return Store.open(tmp_path / "store.sqlite")


def test_all_documents(store: Store) -> None:
    data = map_data(store, None)
    assert sorted(data.documents) == [1, 2]
    assert [m.place_id for m in data.mentions].count(146970) == 3
    assert data.events and all(e.document_id == 1 for e in data.events)


def test_one_document(store: Store) -> None:
    data = map_data(store, None, document_id=2)
    assert list(data.documents) == [2] and {m.document_id for m in data.mentions} == {2}
    assert map_options(data, None, MapOptions(), document_id=2).title.startswith("Mentions in Talks")


def test_unknown_document_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound):
        map_data(store, None, document_id=99)


def test_variants_and_regions_from_the_gazetteer(store: Store) -> None:
    named = replace(KHANKENDI, names=(Name("Khankendi", "en"), Name("Xankəndi", "az"), Name("Ханкенди", "ru")))
    data = map_data(store, FakeGazetteer([named, KARABAKH]))
    assert data.variants[146970] == ("Xankəndi (az)", "Ханкенди (ru)")
    assert extent_regions([KHANKENDI, KARABAKH])[0].id == KARABAKH.id


def test_place_centre_from_mentions_then_gazetteer(store: Store) -> None:
    data = map_data(store, None)
    assert place_centre(data, 146970, None) == (46.7528, 39.8177)
    assert place_centre(data, KARABAKH.id, FakeGazetteer([KARABAKH])) == (46.75, 39.83)
    with pytest.raises(NotFound):
        place_centre(data, 12345, None)
    options = map_options(data, None, MapOptions(), place_id=146970)
    assert options.centre == (46.7528, 39.8177) and options.focus_place_id == 146970
