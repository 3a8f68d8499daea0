"""Exports: every format read back through geopandas, LPF names and periods, filters, shapes, clean errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from gazetteer.application import GazetteerAPI
from gazetteer.cli import main
from gazetteer.errors import DataError, InvalidInput, NotFound
from gazetteer.export import ExportRequest, export
from gazetteer.export.lpf import CONTEXT, CURATED_URI
from gazetteer.index import IndexWriter
from gazetteer.records import Mention, Name, Place, Point
from gazetteer.settings import load_settings

WIKI = "https://en.wikipedia.org/wiki/Nagorno-Karabakh"
KHANKENDI = Place(
    146970, "Khankendi", Point(46.7528, 39.8177), "P", "PPLA", "AZ", "26", "Xankəndi", 55_000,
    names=(
        Name("Khankendi", "en", preferred=True),
        Name("Xankəndi", "az", preferred=True),
        Name("Ханкенди", "ru"),
        Name("Stepanakert", "en", historic=True, start="1923", end="2023", source="overlay"),
        Name("Ստեփանակերտ", "hy", historic=True, start="1923", end="2023", source="overlay"),
        Name("https://en.wikipedia.org/wiki/Stepanakert", "link"),
        Name("Q185309", "wkdt"),
    ),
    source_url="https://www.geonames.org/146970",
)  # fmt: skip
BAKU = Place(587084, "Baku", Point(49.89201, 40.37767), "P", "PPLC", "AZ", population=2_300_000, names=(Name("Baku"),))
YEREVAN = Place(616052, "Yerevan", Point(44.51361, 40.18111), "P", "PPLC", "AM", names=(Name("Yerevan"),))
KARABAKH = Place(
    900000001, "Karabakh", Point(46.75, 39.83), "L", "RGN", "AZ",
    names=(
        Name("Karabakh", "en", preferred=True),
        Name("Qarabağ", "az"),
        Name("NKAO", "abbr", historic=True, start="1923", end="1991"),
        Name("Nagorno-Karabakh Autonomous Oblast", "en", historic=True, start="1923", end="1991"),
        Name("Закавказье", "ru", historic=True),
    ),
    source="overlay", source_url=f"{WIKI} (39°50′N 46°45′E)", radius_km=70.0,
)  # fmt: skip
SOVIET_UNION = Place(
    900000008, "Soviet Union", Point(37.62, 55.75), "A", "PCLH",
    names=(Name("Soviet Union", "en", historic=True, start="1922", end="1991"), Name("USSR", "abbr")),
    source="overlay", source_url="https://en.wikipedia.org/wiki/Soviet_Union", radius_km=3000.0,
    start="1922", end="1991",
)  # fmt: skip
PLACES = [KHANKENDI, BAKU, YEREVAN, KARABAKH, SOVIET_UNION]
IDS = sorted(p.id for p in PLACES)
KARABAKH_SHAPE = shapely.box(46.0, 39.2, 47.5, 40.4)
TEXTS = ["Shelling near Khankendi, then talks in Baku.", "Delegations from Yerevan and Baku met.", "Quiet day."]


def mentions_of(text: str) -> list[Mention]:
    found = []
    for place in (KHANKENDI, BAKU, YEREVAN):
        start = text.find(place.name)
        if start >= 0:
            found.append(Mention(start, start + len(place.name), place.name, place, 0.9))
    return found


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with a tiny index (one shape) and a store of three documents."""
    folder = tmp_path_factory.mktemp("export")
    with IndexWriter(folder / "gazetteer.sqlite") as writer:
        writer.add_places(PLACES)
        writer.add_shapes([(KARABAKH.id, shapely.to_wkb(KARABAKH_SHAPE), "test")])
        writer.set_meta("built", "test")
    with GazetteerAPI(load_settings(folder)) as api:
        for text in TEXTS:
            api.add_document(text, mentions_of(text))
    return folder


@pytest.fixture
def api(home: Path) -> Iterator[GazetteerAPI]:
    with GazetteerAPI(load_settings(home)) as opened:
        yield opened


def read(path: Path, fmt: str) -> Any:
    return gpd.read_parquet(path) if fmt == "parquet" else gpd.read_file(path)


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "parquet"])
def test_places_read_back_through_geopandas(api: GazetteerAPI, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"places.{fmt}"
    report = export(api, ExportRequest("places", out, fmt))
    assert report.rows == len(PLACES) and report.path == out and list(tmp_path.iterdir()) == [out]
    frame = read(out, fmt)
    assert len(frame) == len(PLACES) and list(frame["id"]) == IDS
    assert frame.crs.to_epsg() == 4326
    row = frame.set_index("id").loc[KHANKENDI.id]
    assert (row.geometry.x, row.geometry.y) == (46.7528, 39.8177), "lon, lat"
    columns = ("name", "feature_code", "admin1", "admin1_name")
    assert [row[c] for c in columns] == ["Khankendi", "PPLA", "26", "Xankəndi"]
    assert row["geonameid"] == KHANKENDI.id and row["population"] == 55_000
    curated = frame.set_index("id").loc[KARABAKH.id]
    assert pd.isna(curated["geonameid"]) and curated["source"] == "overlay"
    assert curated.geometry.geom_type == "Point", "points unless --shapes"


def test_csv_has_lat_and_lon(api: GazetteerAPI, tmp_path: Path) -> None:
    out = tmp_path / "places.csv"
    export(api, ExportRequest("places", out))
    table = pd.read_csv(out)
    assert list(table.columns)[-2:] == ["lat", "lon"] and list(table["id"]) == IDS
    row = table.set_index("id").loc[BAKU.id]
    assert (row["lat"], row["lon"]) == (40.37767, 49.89201)


def test_geoparquet_metadata_covers_the_whole_file(api: GazetteerAPI, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    out = tmp_path / "places.parquet"
    export(api, ExportRequest("places", out, shapes=True))
    geo = json.loads(pq.read_metadata(out).metadata[b"geo"])
    column = geo["columns"]["geometry"]
    assert geo["version"] == "1.1.0" and column["encoding"] == "WKB"
    assert column["geometry_types"] == ["Point", "Polygon"]
    assert column["bbox"] == [37.62, 39.2, 49.89201, 55.75]


def lpf_features(api: GazetteerAPI, tmp_path: Path, **options: Any) -> dict[int, dict[str, Any]]:
    out = tmp_path / "places.lpf"
    export(api, ExportRequest("places", out, "lpf", **options))
    collection = json.loads(out.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection" and collection["@context"] == CONTEXT
    return {int(f["@id"].rsplit("/", 1)[-1].rsplit(":", 1)[-1]): f for f in collection["features"]}


def test_lpf_names_carry_language_period_and_citation(api: GazetteerAPI, tmp_path: Path) -> None:
    features = lpf_features(api, tmp_path)
    assert sorted(features) == IDS
    khankendi = features[KHANKENDI.id]
    assert khankendi["@id"] == "https://www.geonames.org/146970" and khankendi["type"] == "Feature"
    assert khankendi["properties"] == {"title": "Khankendi", "ccodes": ["AZ"]}
    names = {(n["toponym"], n.get("lang")): n for n in khankendi["names"]}
    assert khankendi["names"][0]["citations"] == [{"label": "GeoNames", "@id": "https://www.geonames.org/146970"}]
    assert set(names) == {("Khankendi", "en"), ("Xankəndi", "az"), ("Ханкенди", "ru"), ("Stepanakert", "en"),
                          ("Ստեփանակերտ", "hy")}, "links and codes are not names"  # fmt: skip
    assert names["Stepanakert", "en"]["when"] == {
        "timespans": [{"start": {"in": "1923"}, "end": {"in": "2023"}}],
        "label": "historic",
    }
    assert "when" not in names["Xankəndi", "az"]
    assert khankendi["types"] == [
        {"identifier": "aat:300008347", "label": "inhabited place", "sourceLabels": [{"label": "PPLA"}]}
    ]
    assert khankendi["geometry"] == {
        "type": "GeometryCollection",
        "geometries": [{"type": "Point", "coordinates": [46.7528, 39.8177]}],
    }
    assert {"type": "closeMatch", "identifier": "http://www.wikidata.org/entity/Q185309"} in khankendi["links"]
    assert "when" not in khankendi


def test_lpf_curated_places(api: GazetteerAPI, tmp_path: Path) -> None:
    features = lpf_features(api, tmp_path, base_uri="https://gazetteer.example/places/")
    karabakh = features[KARABAKH.id]
    assert karabakh["@id"] == "https://gazetteer.example/places/900000001"
    assert karabakh["names"][0]["citations"][0]["@id"] == WIKI
    nkao = next(n for n in karabakh["names"] if n["toponym"] == "NKAO")
    assert "lang" not in nkao, "an abbreviation has no language"
    assert nkao["when"]["timespans"] == [{"start": {"in": "1923"}, "end": {"in": "1991"}}]
    assert karabakh["types"][0]["identifier"] == "aat:300182722"
    assert karabakh["links"] == [{"type": "primaryTopicOf", "identifier": WIKI}]
    soviet = features[SOVIET_UNION.id]
    assert "ccodes" not in soviet["properties"]
    assert soviet["when"]["timespans"] == [{"start": {"in": "1922"}, "end": {"in": "1991"}}], "the place's own period"
    assert lpf_features(api, tmp_path)[KARABAKH.id]["@id"] == f"{CURATED_URI}900000001"


def test_lpf_reads_back_through_geopandas(api: GazetteerAPI, tmp_path: Path) -> None:
    lpf_features(api, tmp_path)
    frame = gpd.read_file(tmp_path / "places.lpf")
    assert len(frame) == len(PLACES) and set(frame["title"]) == {p.name for p in PLACES}
    point = frame.set_index("title").loc["Baku"].geometry.geoms[0]
    assert (point.x, point.y) == (49.89201, 40.37767)


def test_shapes_replace_points_where_known(api: GazetteerAPI, tmp_path: Path) -> None:
    for fmt in ("geojson", "gpkg", "parquet"):
        out = tmp_path / f"shapes.{fmt}"
        export(api, ExportRequest("places", out, shapes=True))
        frame = read(out, fmt).set_index("id")
        assert frame.loc[KARABAKH.id].geometry.equals(KARABAKH_SHAPE), fmt
        assert frame.loc[BAKU.id].geometry.geom_type == "Point", fmt
    geometries = lpf_features(api, tmp_path, shapes=True)[KARABAKH.id]["geometry"]["geometries"]
    assert [g["type"] for g in geometries] == ["Point", "Polygon"]


def test_filters(api: GazetteerAPI, tmp_path: Path) -> None:
    out = tmp_path / "az.geojson"
    assert export(api, ExportRequest("places", out, country="az")).rows == 3
    assert set(read(out, "geojson")["country"]) == {"AZ"}
    assert export(api, ExportRequest("places", out, feature_class="l")).rows == 1
    assert export(api, ExportRequest("places", out, country="AM", feature_class="P")).rows == 1
    assert list(read(out, "geojson")["name"]) == ["Yerevan"]


@pytest.mark.parametrize("fmt", ["gpkg", "parquet", "csv", "geojson"])
def test_an_empty_export_keeps_its_columns(api: GazetteerAPI, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"none.{fmt}"
    assert export(api, ExportRequest("places", out, country="GE")).rows == 0
    frame = pd.read_csv(out) if fmt == "csv" else read(out, fmt)
    assert len(frame) == 0
    if fmt != "geojson":
        assert {"id", "geonameid", "name"} <= set(frame.columns)


@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "parquet", "csv"])
def test_mentions(api: GazetteerAPI, tmp_path: Path, fmt: str) -> None:
    out = tmp_path / f"mentions.{fmt}"
    assert export(api, ExportRequest("mentions", out, fmt)).rows == 4
    frame = pd.read_csv(out) if fmt == "csv" else read(out, fmt)
    assert list(zip(frame["document_id"], frame["n"], strict=True)) == [(1, 0), (1, 1), (2, 0), (2, 1)]
    first = frame.iloc[0]
    assert (first["surface"], first["place_id"], first["start"], first["end"]) == ("Khankendi", KHANKENDI.id, 14, 23)
    assert first["snippet"] == TEXTS[0] and first["confidence"] == 0.9
    lon, lat = (first["lon"], first["lat"]) if fmt == "csv" else (first.geometry.x, first.geometry.y)
    assert (lon, lat) == (46.7528, 39.8177)


def test_mentions_of_one_document_or_one_country(api: GazetteerAPI, tmp_path: Path) -> None:
    out = tmp_path / "mentions.geojson"
    assert export(api, ExportRequest("mentions", out, document_id=2)).rows == 2
    assert list(read(out, "geojson")["surface"]) == ["Yerevan", "Baku"]
    assert export(api, ExportRequest("mentions", out, document_id=3)).rows == 0
    assert export(api, ExportRequest("mentions", out, country="AM")).rows == 1


def test_mention_batches_list_every_document_in_order(api: GazetteerAPI) -> None:
    batches = list(api.mention_batches(size=1))
    assert [[(m.document_id, m.n) for m in batch] for batch in batches] == [[(1, 0), (1, 1)], [(2, 0), (2, 1)], []]
    with pytest.raises(NotFound):
        api.mention_batches(99)


@pytest.mark.parametrize(
    ("request_", "message"),
    [
        (ExportRequest("places", Path("x.geojson"), "shp"), "unknown format 'shp'"),
        (ExportRequest("things", Path("x.geojson")), "cannot export 'things'"),
        (ExportRequest("places", Path("x.txt")), "give --format"),
        (ExportRequest("mentions", Path("x.json"), "lpf"), "lpf is a format of places"),
        (ExportRequest("places", Path("x.csv"), shapes=True), "--shapes applies"),
        (ExportRequest("places", Path("x.csv"), country="Azerbaijan"), "country must be"),
        (ExportRequest("places", Path("x.csv"), feature_class="Q"), "feature class must be"),
        (ExportRequest("places", Path("x.csv"), document_id=1), "--document selects mentions"),
    ],
)
def test_bad_requests(
    api: GazetteerAPI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request_: ExportRequest, message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InvalidInput, match=message):
        export(api, request_)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_output_folder_is_a_data_error(api: GazetteerAPI, tmp_path: Path) -> None:
    with pytest.raises(DataError, match=r"output folder .*missing does not exist"):
        export(api, ExportRequest("places", tmp_path / "missing" / "x.csv"))
    assert list(tmp_path.iterdir()) == []


def run_main(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["gazetteer", "export", *args])
    with pytest.raises(SystemExit) as exit_:
        main()
    captured = capsys.readouterr()
    return int(exit_.value.code or 0), captured.out, captured.err


def test_cli(home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    files = ["--index", str(home / "gazetteer.sqlite"), "--store", str(home / "store.sqlite")]
    out = tmp_path / "places.parquet"
    code, said, _ = run_main(monkeypatch, capsys, "places", "--out", str(out), "--country", "AZ", *files)
    assert code == 0 and said.startswith(f"wrote {out}: 3 places as parquet in ")
    assert list(gpd.read_parquet(out)["id"]) == sorted(p.id for p in PLACES if p.country == "AZ")
    mentions = ["mentions", "--format", "csv", "--out", str(out), "--document", "3"]
    code, said, _ = run_main(monkeypatch, capsys, *mentions, *files)
    assert code == 0 and "0 mentions as csv" in said


@pytest.mark.parametrize(
    ("args", "message", "exit_code"),
    [
        (["places", "--format", "shp", "--out", "x.shp"], "error: unknown format 'shp': give one of geojson, gpkg,", 2),
        (["places", "--out", "nowhere/x.gpkg"], "error: output folder nowhere does not exist", 1),
        (["mentions", "--out", "x.gpkg", "--document", "99"], "error: no document with id 99", 1),
        (["places", "--out", "x.gpkg", "--index", "absent.sqlite"], "error: no gazetteer index at absent.sqlite", 1),
    ],
)
def test_cli_errors_are_one_line(
    home: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
    exit_code: int,
) -> None:
    monkeypatch.chdir(tmp_path)
    defaults = {"--index": str(home / "gazetteer.sqlite"), "--store": str(home / "store.sqlite")}
    files = [part for option, path in defaults.items() if option not in args for part in (option, path)]
    code, said, err = run_main(monkeypatch, capsys, *args, *files)
    assert code == exit_code and said == "" and err.startswith(message) and err.count("\n") == 1
    assert list(tmp_path.iterdir()) == [], "no file, not even a partial one"
