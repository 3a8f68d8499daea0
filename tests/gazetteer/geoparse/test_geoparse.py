"""Geoparsing: mentions, disambiguation by document context, limits, the optional NER gate, the CLI."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from gazetteer.cli.geoparsing import register
from gazetteer.errors import InvalidInput
from gazetteer.gazetteer import Gazetteer
from gazetteer.geoparse import parser as geoparse_module
from gazetteer.geoparse.parser import EntityGate, Geoparser, geoparse, geoparser_for
from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.records import MatchType, Name, Place, Point


def place(pid: int, name: str, lon: float, lat: float, code: str, country: str, population: int, *others: str) -> Place:
    names = (Name(name), *tuple(Name(n) for n in others))
    return Place(pid, name, Point(lon, lat), "P", code, country, population=population, names=names)


PLACES = [
    place(1, "Azerbaijan", 47.5, 40.5, "PCLI", "AZ", 10_000_000),
    place(2, "Armenia", 45.0, 40.25, "PCLI", "AM", 3_000_000),
    place(3, "Armenia", -75.68, 4.53, "PPL", "CO", 300_000),
    place(4, "Pereira", -75.7, 4.81, "PPL", "CO", 440_000),
    place(5, "Colombia", -73.0, 4.0, "PCLI", "CO", 49_000_000),
    place(6, "Baku", 49.89, 40.38, "PPL", "AZ", 2_300_000),
    place(7, "Khankendi", 46.75, 39.82, "PPL", "AZ", 55_000, "Stepanakert", "Xankəndi"),
    place(8, "Moscow", 37.62, 55.75, "PPL", "RU", 10_000_000),
    place(9, "Moscow", -117.0, 46.73, "PPL", "US", 25_000),
    place(10, "Idaho Falls", -112.03, 43.49, "PPL", "US", 60_000),
    place(11, "Hydro", -98.58, 35.55, "PPL", "US", 900),
    place(12, "Lachin", 46.55, 39.64, "PPL", "AZ", 10_000),
]


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    path = tmp_path_factory.mktemp("geoparse") / "tiny.sqlite"
    with IndexWriter(path) as writer:
        writer.add_places(PLACES)
        writer.set_meta("built", "test")
    return Gazetteer(GazetteerIndex(path))


@pytest.fixture(scope="module")
def parser(tiny: Gazetteer) -> Geoparser:
    return Geoparser(tiny)


def test_mentions_carry_offsets_place_and_reasons(parser: Geoparser) -> None:
    text = "Shelling near Khankendi, then talks in Baku."
    mentions = parser.parse(text)
    assert [(m.surface, m.place.id) for m in mentions] == [("Khankendi", 7), ("Baku", 6)]
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.surface
        assert 0.0 < mention.confidence <= 1.0
        assert {"prominence", "name", "country", "coherence", "score"} <= mention.reasons.keys()
        assert mention.candidates[0].place == mention.place
        assert mention.match_type is MatchType.EXACT


def test_document_context_decides(parser: Geoparser) -> None:
    caucasus = parser.parse("Armenia and Azerbaijan met in Baku.")
    assert caucasus[0].place.id == 2
    andes = parser.parse("Coffee growers from Armenia and Pereira met in Colombia.")
    assert andes[0].place.id == 3, "country focus and coherence beat prominence"
    assert andes[0].reasons["country"] > 0 and len(andes[0].candidates) == 2


def test_one_sense_per_discourse(parser: Geoparser) -> None:
    text = "Armenia exports coffee. Pereira and Colombia too. Armenia grows."
    mentions = [m for m in parser.parse(text) if m.surface == "Armenia"]
    assert {m.place.id for m in mentions} == {3}


def test_prominence_without_context(parser: Geoparser) -> None:
    (moscow,) = parser.parse("MOSCOW, May 3. Officials spoke.")
    assert moscow.place.country == "RU" and moscow.match_type is MatchType.FOLDED


def test_unsupported_small_place_is_dropped(parser: Geoparser) -> None:
    text = "Azerbaijan built small Hydro plants in Lachin near Khankendi."
    assert [m.surface for m in parser.parse(text)] == ["Azerbaijan", "Lachin", "Khankendi"]


def test_folded_and_other_names(parser: Geoparser) -> None:
    mentions = parser.parse("KHANKENDI, May 3. Xankəndi, once Stepanakert, was calm.")
    assert [m.place.id for m in mentions] == [7, 7, 7]
    assert [m.match_type for m in mentions] == [MatchType.FOLDED, MatchType.EXACT, MatchType.EXACT]


def test_mention_places_come_without_names(parser: Geoparser, tiny: Gazetteer) -> None:
    (mention,) = parser.parse("Talks in Stepanakert.")
    assert mention.place.id == 7 and mention.place.names == ()
    assert tiny.index.places([7, 99], names=False) == {7: mention.place}
    assert [n.text for n in tiny.index.places([7])[7].names] == ["Khankendi", "Stepanakert", "Xankəndi"]


def test_misspelling_is_fuzzy_and_less_sure(parser: Geoparser) -> None:
    mentions = parser.parse("Azerbaijan and Armenia met; Armennia denied it.")
    fuzzy = mentions[-1]
    assert (fuzzy.surface, fuzzy.place.id, fuzzy.match_type) == ("Armennia", 2, MatchType.FUZZY)
    assert fuzzy.confidence < mentions[1].confidence


@pytest.mark.parametrize("text", ["", "   \n\t  ", "no places here at all.", "\ufffd\x00\ufffd"])
def test_empty_and_placeless_texts(parser: Geoparser, text: str) -> None:
    assert parser.parse(text) == []


def test_invalid_input(parser: Geoparser, monkeypatch: pytest.MonkeyPatch) -> None:
    with pytest.raises(InvalidInput):
        parser.parse(b"Baku")  # type: ignore[arg-type]
    monkeypatch.setattr(geoparse_module, "MAX_TEXT_CHARS", 10)
    with pytest.raises(InvalidInput, match="longer than"):
        parser.parse("Baku and Khankendi")


def test_fifty_megabytes(parser: Geoparser) -> None:
    chunk = "the convoy moved along the road for hours without stopping. " * 99 + "Lachin and Baku. "
    text = chunk * (50_000_000 // len(chunk) + 1)
    mentions = parser.parse(text)
    assert len(mentions) == 2 * (50_000_000 // len(chunk) + 1)
    assert text[mentions[-1].start : mentions[-1].end] == "Baku"


def test_module_function_shares_a_parser(tiny: Gazetteer) -> None:
    assert geoparser_for(tiny) is geoparser_for(tiny)
    assert [m.surface for m in geoparse("From Baku.", tiny)] == ["Baku"]


@dataclass
class FakeEntity:
    start_char: int
    end_char: int
    label_: str


class FakeNlp:
    """Stands in for a spaCy pipeline: returns fixed entities."""

    def __init__(self, *entities: FakeEntity) -> None:
        self.entities = entities
        self.ents = entities

    def __call__(self, text: str) -> FakeNlp:
        return self


def test_entity_gate_drops_and_adds(tiny: Gazetteer) -> None:
    text = "Xu Lachin and Xu Baku met near Khankendi Power station in Azerbaijan."
    organisations = [FakeEntity(text.index(name), text.index(name) + len(name), "PERSON")
                     for name in ("Xu Lachin", "Xu Baku")]  # fmt: skip
    place_entity = FakeEntity(text.index("Khankendi"), text.index(" Power"), "GPE")
    plain = [m.surface for m in Geoparser(tiny).parse(text)]
    gate = EntityGate(FakeNlp(*organisations, place_entity))
    gated = [m.surface for m in Geoparser(tiny, entities=gate).parse(text)]
    assert "Lachin" not in gated, "small place inside a person's name"
    assert "Baku" in gated, "prominent places stay"
    assert "Khankendi" not in plain and "Khankendi" not in gated, "a place entity the context rules reject"


class ReadingNlp(FakeNlp):
    """A ``FakeNlp`` that finds no entity and keeps the texts it is given."""

    def __init__(self) -> None:
        super().__init__()
        self.read: list[str] = []

    def __call__(self, text: str) -> FakeNlp:
        self.read.append(text)
        return self


def test_entity_gate_reads_only_where_a_name_may_hold_a_small_place(tiny: Gazetteer) -> None:
    text = "The convoy reached Lachin at dawn. Later Xu Lachin spoke to reporters. Lachin-born drivers came back."
    nlp = ReadingNlp()
    Geoparser(tiny, entities=EntityGate(nlp)).parse(text)
    read = " ".join(nlp.read)
    assert "convoy" not in read, "lowercase words around the name: no person's name can hold it"
    assert "Xu Lachin" in read and "Lachin-born" in read


def run_cli(tiny: Gazetteer, *args: str, stdin: bytes | None = None) -> tuple[int, str, str]:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """Test entry point."""

    register(app)
    result = CliRunner().invoke(app, [*args, "--index", str(tiny.index.path)], input=stdin)
    return result.exit_code, result.stdout, result.stderr


def test_cli_geoparse_files_and_stdin(tiny: Gazetteer, tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Talks in Baku.", encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Fighting near Khankendi \xff\xfe and Baku.")
    code, out, err = run_cli(tiny, "geoparse", str(good), str(bad))
    assert code == 0
    first, second = (json.loads(line) for line in out.splitlines())
    assert first == {
        "id": "good",
        "toponyms": [
            {"start": 9, "end": 13, "name": "Baku", "matched": "Baku", "lat": 40.38, "lon": 49.89, "geonameid": 6,
             "confidence": first["toponyms"][0]["confidence"], "place": "Baku", "place_id": 6}
        ],
    }  # fmt: skip
    assert [t["name"] for t in second["toponyms"]] == ["Khankendi", "Baku"]
    assert "bad.txt: not valid UTF-8" in err
    code, out, _ = run_cli(tiny, "geoparse", "-", "--format", "geojson", stdin=b"Baku")
    collection = json.loads(out)
    assert collection["id"] == "stdin"
    assert collection["features"][0]["geometry"]["coordinates"] == [49.89, 40.38]


def test_cli_errors_are_one_line(tiny: Gazetteer, tmp_path: Path) -> None:
    code, out, err = run_cli(tiny, "geoparse", str(tmp_path / "missing.txt"))
    assert code == 1 and out == "" and err.strip() == f"error: {tmp_path / 'missing.txt'}: no such file"
    code, _, err = run_cli(tiny, "evaluate", str(tmp_path / "missing.jsonl"))
    assert code == 1 and err.startswith("error: cannot read gold file")


def test_cli_evaluate(tiny: Gazetteer, tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    toponyms = [
        {"start": 9, "end": 13, "name": "Baku", "lat": 40.38, "lon": 49.89},
        {"start": 18, "end": 24, "name": "Lachin", "lat": 39.64, "lon": 46.55, "optional": True},
    ]
    document = {"id": "d1", "text": "Talks in Baku and Lachin.", "toponyms": toponyms}
    gold.write_text(json.dumps(document) + "\n", encoding="utf-8")
    code, out, _ = run_cli(tiny, "evaluate", str(gold))
    assert code == 0 and "F1 1.0000" in out and "accuracy@161km 1.0000" in out
    code, out, _ = run_cli(tiny, "evaluate", str(gold), "--json")
    assert json.loads(out)["tp"] == 1


def test_cli_geoparse_takes_the_texts_language(tiny: Gazetteer) -> None:
    code, out, _ = run_cli(tiny, "geoparse", "-", "--language", "az", stdin="Yol Bakudan keçir.".encode())
    assert code == 0 and [t["matched"] for t in json.loads(out)["toponyms"]] == ["Baku"]
    code, _, err = run_cli(tiny, "geoparse", "-", "--language", "xx", stdin=b"Baku")
    assert code == 2 and err.startswith("error: unknown language 'xx'")
