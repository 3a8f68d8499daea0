"""GeoNames dump loader: tiny inline dump files, built into an index and read back."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from gazetteer.errors import DataError
from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.sources.geonames_dump import (
    GeonamesDumpSource,
    IdSet,
    language_of,
    parse_geoname,
)


def geoname_row(
    gid: str,
    name: str,
    ascii_name: str,
    alternates: str,
    lat: str,
    lon: str,
    fclass: str,
    fcode: str,
    admin1: str,
    population: str,
) -> str:
    """A 19-column geoname row in Azerbaijan."""
    cols = [gid, name, ascii_name, alternates, lat, lon, fclass, fcode, "AZ", "", admin1,
            "", "", "", population, "", "480", "Asia/Baku", "2024-05-01"]  # fmt: skip
    return "\t".join(cols)


GEONAMES = (
    "\n".join(
        [
            geoname_row(
                "146970",
                "Xankəndi",
                "Xankendi",
                "Khankendi,Stepanakert,Ханкенди",
                "39.8177",
                "46.7528",
                "P",
                "PPLA",
                "61",
                "55200",
            ),
            geoname_row(
                "585514",
                "Şuşa",
                "Susa",
                "Shusha,Շուշի",
                "39.7581",
                "46.7465",
                "P",
                "PPLA",
                "62",
                "4064",
            ),
            geoname_row(
                "587116",
                "Azerbaijan",
                "Azerbaijan",
                "Azerbaycan",
                "40.5",
                "47.5",
                "A",
                "PCLI",
                "00",
                "9961396",
            ),
            "not-a-number\tBroken\tBroken\t\t40\t46\tP\tPPL\tAZ\t\t61\t\t\t\t0\t\t0\tAsia/Baku\t2024-01-01",
            geoname_row("1", "Off the map", "Off the map", "", "95.0", "46.0", "P", "PPL", "61", "0"),
            "42\ttoo\tfew\tcolumns",
        ]
    )
    + "\n"
)

ALTERNATE_NAMES = (
    "\n".join(
        "\t".join(row)
        for row in [
            ["1", "146970", "az", "Xankəndi", "1", "", "", "", "", ""],
            ["2", "146970", "ru", "Ханкенди", "", "", "", "", "", ""],
            ["3", "146970", "hy", "Ստեփանակերտ", "1", "", "", "", "", ""],
            ["4", "146970", "en", "Stepanakert", "", "", "", "1", "1923", "1991"],
            [
                "5",
                "146970",
                "link",
                "https://en.wikipedia.org/wiki/Stepanakert",
                "",
                "",
                "",
                "",
                "",
                "",
            ],
            ["6", "146970", "wkdt", "Q16939", "", "", "", "", "", ""],
            ["7", "146970", "post", "AZ2600", "", "", "", "", "", ""],
            ["8", "585514", "ru", "Шуша", "", "", "", "", "", ""],
            ["9", "585514", "iata", "ZZZ", "", "", "", "", "", ""],
            ["10", "999999", "ru", "Нигде", "", "", "", "", "", ""],
            ["11", "146970", "ru", "Ханкенды", "", "", "1", "", "", ""],
            ["12", "oops", "ru", "Сломано"],
        ]
    )
    + "\n"
)

ADMIN1 = "AZ.61\tXankandi\tXankandi\t146969\nAZ.62\tShusha\tShusha\t585513\nbroken line\n"

COUNTRY_INFO = (
    "# GeoNames country info\n"
    "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea(in sq km)\tPopulation\tContinent\ttld\t"
    "CurrencyCode\tCurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages\t"
    "geonameid\tneighbours\tEquivalentFipsCode\n"
    "AZ\tAZE\t031\tAJ\tAzerbaijan\tBaku\t86600\t9942334\tAS\t.az\tAZN\tManat\t994\tAZ ####\t"
    "^(?:AZ )*(\\d{4})$\taz,ru,hy\t587116\tGE,IR,AM,TR,RU\t\n"
    "AM\tARM\t051\tAM\tArmenia\tYerevan\t29800\t2968127\tAS\t.am\tAMD\tDram\t374\t######\t"
    "^(\\d{6})$\thy\t174982\tGE,IR,AZ,TR\t\n"
)


def write(path: Path, text: str, newline: str = "\n") -> Path:
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


def build(tmp_path: Path, source: GeonamesDumpSource) -> GazetteerIndex:
    target = tmp_path / "index.sqlite"
    with IndexWriter(target) as writer:
        source.write(writer)
    return GazetteerIndex(target)


@pytest.fixture
def full(tmp_path: Path) -> GazetteerIndex:
    return build(
        tmp_path,
        GeonamesDumpSource(
            write(tmp_path / "AZ.txt", GEONAMES),
            alternate_names=write(tmp_path / "alternateNamesV2.txt", ALTERNATE_NAMES),
            admin1=write(tmp_path / "admin1CodesASCII.txt", ADMIN1),
            country_info=write(tmp_path / "countryInfo.txt", COUNTRY_INFO),
        ),
    )


def test_places_are_loaded_with_their_fields(full: GazetteerIndex) -> None:
    place = full.place(146970)
    assert place.name == "Xankəndi"
    assert (place.lon, place.lat) == (46.7528, 39.8177)
    assert (place.feature_class, place.feature_code, place.country) == ("P", "PPLA", "AZ")
    assert (place.admin1, place.admin1_name, place.population) == ("61", "Xankandi", 55200)
    assert place.source == "geonames"
    assert place.source_url == "https://www.geonames.org/146970"
    assert set(full.places([146970, 585514, 587116, 999999])) == {146970, 585514, 587116}
    assert full.count() == 3


def test_main_name_is_preferred_and_ascii_name_kept(tmp_path: Path) -> None:
    index = build(tmp_path, GeonamesDumpSource(write(tmp_path / "AZ.txt", GEONAMES)))
    names = index.place(585514).names
    assert (names[0].text, names[0].lang, names[0].preferred) == ("Şuşa", "", True)
    assert (names[1].text, names[1].lang, names[1].preferred) == ("Susa", "", False)


def test_main_and_ascii_names_survive_alternate_names(full: GazetteerIndex) -> None:
    names = {(name.text, name.lang) for name in full.place(146970).names}
    assert ("Xankendi", "") in names
    assert any(text == "Xankəndi" for text, _ in names)


def test_alternate_names_keep_language_flags_and_dates(full: GazetteerIndex) -> None:
    names = {(name.text, name.lang): name for name in full.place(146970).names}
    assert names[("Xankəndi", "az")].preferred
    assert names[("Ստեփանակերտ", "hy")].preferred
    assert names[("Ханкенды", "ru")].colloquial
    historic = names[("Stepanakert", "en")]
    assert historic.historic and (historic.start, historic.end) == ("1923", "1991")
    assert historic.source == "geonames"
    assert names[("Ստեփանակերտ", "hy")].script == "Armn"


def test_codes_and_links_are_not_names(full: GazetteerIndex) -> None:
    texts = {name.text for place in full.places([146970, 585514]).values() for name in place.names}
    assert not texts & {"https://en.wikipedia.org/wiki/Stepanakert", "Q16939", "AZ2600", "ZZZ"}
    assert "Шуша" in texts


def test_geoname_alternatenames_column_is_ignored_with_alternate_file(full: GazetteerIndex) -> None:
    assert all(name.lang or name.text != "Khankendi" for name in full.place(146970).names)
    assert full.ids_by("folded", "khankendi") == []


def test_names_are_searchable(full: GazetteerIndex) -> None:
    assert full.ids_by("folded", "stepanakert") == [(146970, "Stepanakert")]
    assert (146970, "Ханкенди") in full.ids_by("folded", "ханкенди")
    assert {pid for pid, _ in full.ids_by("folded", "susa")} == {585514}


def test_counts_are_recorded(full: GazetteerIndex) -> None:
    meta = full.meta()
    assert meta["geonames.places"] == "3"
    assert meta["geonames.malformed_rows"] == "3"
    assert meta["geonames.pseudo_language_names"] == "4"
    assert meta["geonames.unknown_place_names"] == "1"
    assert meta["geonames.malformed_alternate_names"] == "1"
    assert meta["geonames.admin1"] == "2"
    assert meta["geonames.countries"] == "2"


def test_country_info_names_the_country_place(full: GazetteerIndex) -> None:
    names = {(name.text, name.lang) for name in full.place(587116).names}
    assert ("Azerbaijan", "en") in names
    countries = json.loads(full.meta()["geonames.country_names"])
    assert countries == {"AZ": "Azerbaijan", "AM": "Armenia"}


def test_without_alternate_file_the_geoname_column_gives_names(tmp_path: Path) -> None:
    index = build(tmp_path, GeonamesDumpSource(write(tmp_path / "AZ.txt", GEONAMES)))
    names = {(name.text, name.lang) for name in index.place(146970).names}
    assert {("Khankendi", ""), ("Stepanakert", ""), ("Ханкенди", "")} <= names
    assert index.ids_by("folded", "shusha") == [(585514, "Shusha")]
    assert index.place(146970).admin1_name == ""


def test_zip_inputs_and_crlf_lines(tmp_path: Path) -> None:
    geonames = tmp_path / "AZ.zip"
    with zipfile.ZipFile(geonames, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("readme.txt", "not data")
        archive.writestr("AZ.txt", GEONAMES.replace("\n", "\r\n"))
    alternates = tmp_path / "alternateNamesV2.zip"
    with zipfile.ZipFile(alternates, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("iso-languagecodes.txt", "ISO 639-3\tISO 639-2\tISO 639-1\tLanguage Name\n")
        archive.writestr("alternateNamesV2.txt", ALTERNATE_NAMES.replace("\n", "\r\n"))
    index = build(tmp_path, GeonamesDumpSource(geonames, alternate_names=alternates))
    assert index.count() == 3
    assert index.meta()["geonames.malformed_rows"] == "3"
    historic = [name for name in index.place(146970).names if name.text == "Stepanakert"]
    assert [(name.start, name.end) for name in historic] == [("1923", "1991")]
    assert index.place(587116).population == 9961396


def test_missing_file_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="not found"):
        build(tmp_path, GeonamesDumpSource(tmp_path / "allCountries.txt"))
    assert not (tmp_path / "index.sqlite").exists()


def test_missing_alternate_file_is_a_data_error(tmp_path: Path) -> None:
    source = GeonamesDumpSource(write(tmp_path / "AZ.txt", GEONAMES), alternate_names=tmp_path / "alternateNamesV2.txt")
    with pytest.raises(DataError, match="alternateNamesV2"):
        build(tmp_path, source)


@pytest.mark.parametrize("text", ["", "\n\n", "a\tb\tc\n", "x" * 50 + "\n"])
def test_file_without_valid_rows_is_a_data_error(tmp_path: Path, text: str) -> None:
    with pytest.raises(DataError, match="no valid"):
        build(tmp_path, GeonamesDumpSource(write(tmp_path / "AZ.txt", text)))
    assert list(tmp_path.glob("index.sqlite*")) == []


def test_not_a_zip_is_a_data_error(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="zip"):
        build(tmp_path, GeonamesDumpSource(write(tmp_path / "AZ.zip", GEONAMES)))


def test_invalid_utf8_row_is_skipped() -> None:
    assert parse_geoname(b"\xff" + GEONAMES.split("\n")[0].encode(), with_alternates=False) is None
    assert parse_geoname(GEONAMES.split("\n")[0].encode(), with_alternates=False) is not None


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("az", ("az", False, False)),
        ("zh-CN", ("zh-CN", False, False)),
        ("", ("", False, False)),
        ("abbr", ("", True, False)),
        ("fr_1793", ("fr", False, True)),
        ("link", None),
        ("wkdt", None),
        ("post", None),
        ("unlc", None),
        ("piny", None),
        ("xyzw", None),
    ],
)
def test_language_codes(code: str, expected: tuple[str, bool, bool] | None) -> None:
    assert language_of(code) == expected


def test_id_set_is_compact_and_takes_outliers() -> None:
    ids = IdSet()
    for place_id in (146970, 12_000_000, 5_000_000_000):
        ids.add(place_id)
    assert 146970 in ids and 12_000_000 in ids and 5_000_000_000 in ids
    assert 146971 not in ids and 99_000_000 not in ids and -1 not in ids


def division_row(gid: str, name: str, fcode: str, admin1: str, admin2: str, lat: str, lon: str) -> str:
    """A 19-column row with an admin2 code (column 12)."""
    fclass = "P" if fcode.startswith("PPL") else "A"
    cols = [gid, name, name, "", lat, lon, fclass, fcode, "AZ", "", admin1, admin2,
            "", "", "0", "", "0", "Asia/Baku", "2024-05-01"]  # fmt: skip
    return "\t".join(cols)


DIVISIONS = "\n".join(
    [
        division_row("587116", "Azerbaijan", "PCLI", "00", "", "40.5", "47.5"),
        division_row("147435", "Nakhchivan", "ADM1", "35", "", "39.33", "45.5"),
        division_row("147212", "Shahbuz Rayon", "ADM2", "35", "147212", "39.45", "45.6"),
        division_row("147213", "Shahbuz", "PPLA2", "35", "147212", "39.40722", "45.57389"),
        division_row("147425", "Nakhchivan City", "PPLA", "35", "", "39.20889", "45.41222"),
    ]
)
ADMIN2 = "AZ.35.147212\tŞahbuz Rayonu\tSahbuz Rayonu\t147212\nAZ.35.999\tAbsent\tAbsent\t999\nbroken\n"


def test_divisions_and_places_are_linked_by_their_admin_codes(tmp_path: Path) -> None:
    index = build(
        tmp_path,
        GeonamesDumpSource(write(tmp_path / "AZ.txt", DIVISIONS), admin2=write(tmp_path / "admin2Codes.txt", ADMIN2)),
    )
    town, rayon = index.place(147213), index.place(147212)
    assert (town.admin2, town.parent_id, town.point_source) == ("147212", 147212, "geonames")
    assert (rayon.feature_code, rayon.parent_id) == ("ADM2", 147435)
    assert index.place(147425).parent_id == 147435 and index.place(147435).parent_id == 587116
    assert {"Şahbuz Rayonu", "Sahbuz Rayonu"} <= {name.text for name in rayon.names}
    assert index.meta()["geonames.admin2"] == "2"
