"""The place cache: places without names, and the places that have a surface as a name exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from gazetteer.geoparse.place_cache import PlaceCache
from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.records import Name, Place, Point

PLACES = [
    Place(1, "Khankendi", Point(46.75, 39.82), "P", "PPLA", "AZ", names=(Name("Khankendi"), Name("Stepanakert"))),
    Place(2, "Xankəndi", Point(46.76, 39.81), "P", "PPL", "AZ", names=(Name("Xankəndi"), Name("Khankendi"))),
    Place(3, "Stepanakert", Point(46.7, 39.8), "P", "PPL", "AZ", names=(Name("Stepanakert"), Name("STEPANAKERT"))),
    Place(4, "Şuşa", Point(46.75, 39.76), "P", "PPL", "AZ", names=(Name("Şuşa"), Name("Shusha"))),
]
SURFACES = ["Khankendi", "Stepanakert", "STEPANAKERT", "stepanakert", "Şuşa", "Susa", "Lachin"]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> GazetteerIndex:
    path: Path = tmp_path_factory.mktemp("cache") / "tiny.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places(PLACES)
    return GazetteerIndex(path)


def test_ids_by_texts_is_ids_by_text_for_each(index: GazetteerIndex) -> None:
    found = index.ids_by_texts(SURFACES)
    for surface in SURFACES:
        assert found.get(surface, set()) == {pid for pid, _ in index.ids_by_text(surface)}, surface
    assert found["Khankendi"] == {1, 2}
    assert "Lachin" not in found


def test_ids_by_texts_reads_many_texts_in_chunks(index: GazetteerIndex) -> None:
    many = [*SURFACES, *(f"Nowhere {n}" for n in range(1_000))]
    assert index.ids_by_texts(many) == index.ids_by_texts(SURFACES)


def test_exact_ids_learnt_for_a_document_need_no_more_queries(index: GazetteerIndex) -> None:
    cache = PlaceCache(index)
    cache.learn_exact(SURFACES)
    assert set(cache.exact) == set(SURFACES)
    lookups: list[list[str]] = []
    cache.index = _Counting(index, lookups)  # type: ignore[assignment]
    assert cache.exact_ids("Stepanakert") == {1, 3}
    assert cache.exact_ids("stepanakert") == frozenset()
    cache.learn_exact(["Khankendi", "Shusha"])
    assert lookups == [["Shusha"]]
    assert cache.exact_ids("Shusha") == {4}


def test_places_come_without_names(index: GazetteerIndex) -> None:
    cache = PlaceCache(index)
    places = cache.get([1, 4])
    assert places[4].name == "Şuşa"
    assert places[4].names == ()
    assert cache.get([4]) == {4: places[4]}


class _Counting:
    """An index that records the texts it is asked for in one go."""

    def __init__(self, index: GazetteerIndex, lookups: list[list[str]]) -> None:
        self.index = index
        self.lookups = lookups

    def ids_by_texts(self, texts: list[str] | set[str]) -> dict[str, set[int]]:
        self.lookups.append(sorted(texts))
        return self.index.ids_by_texts(texts)
