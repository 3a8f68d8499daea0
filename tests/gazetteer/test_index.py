from pathlib import Path

import pytest

from gazetteer.errors import DataError, NotFound
from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.records import Name, Place, Point


def _khankendi() -> Place:
    return Place(
        id=146970,
        name="Khankendi",
        point=Point(46.7528, 39.8177),
        country="AZ",
        admin1="61",
        population=2100,
        names=(
            Name("Khankendi", lang="en", preferred=True),
            Name("Xankəndi", lang="az", preferred=True),
            Name("Stepanakert", lang="hy", historic=True, start="1923", end="2023"),
        ),
    )


def test_written_places_read_back_with_names_and_flags(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places([_khankendi()])
        writer.add_names([(146970, Name("Ханкенди", lang="ru"))])
        writer.add_admin1([("AZ", "61", "Xankandi")])
    index = GazetteerIndex(path)
    place = index.place(146970)
    assert place.admin1_name == "Xankandi"
    assert {n.text for n in place.names} == {"Khankendi", "Xankəndi", "Stepanakert", "Ханкенди"}
    stepanakert = next(n for n in place.names if n.text == "Stepanakert")
    assert stepanakert.historic and (stepanakert.start, stepanakert.end) == ("1923", "2023")
    assert next(n for n in place.names if n.text == "Ханкенди").script == "Cyrl"
    assert index.ids_by("skeleton", "hankandi") == [(146970, "Khankendi"), (146970, "Xankəndi"), (146970, "Ханкенди")]


def test_an_unknown_id_is_not_found(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places([_khankendi()])
    with pytest.raises(NotFound):
        GazetteerIndex(path).place(1)


def test_a_failed_build_leaves_no_file(tmp_path: Path) -> None:
    path = tmp_path / "i.sqlite"
    with pytest.raises(RuntimeError), IndexWriter(path) as writer:
        writer.add_places([_khankendi()])
        raise RuntimeError("killed")
    assert list(tmp_path.iterdir()) == []


def test_missing_or_foreign_files_are_data_errors(tmp_path: Path) -> None:
    with pytest.raises(DataError):
        GazetteerIndex(tmp_path / "absent.sqlite")
    other = tmp_path / "other.sqlite"
    other.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DataError):
        GazetteerIndex(other)
