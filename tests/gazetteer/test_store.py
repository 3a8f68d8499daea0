"""The document store and the application layer over it: atomic ingest, snippets, queries, events, restart."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from storebackends import on_store, store_target_fixture  # noqa: F401  (fixtures)

from gazetteer.application import GazetteerAPI
from gazetteer.documents import Event
from gazetteer.errors import DataError, InvalidInput, NotFound
from gazetteer.ingest import new_document
from gazetteer.limits import MAX_TEXT_BYTES, TooLarge
from gazetteer.records import Mention, Place, Point
from gazetteer.results import NearQuery
from gazetteer.sentences import MAX_SNIPPET, Sentences, sentence_spans
from gazetteer.settings import load_settings
from gazetteer.store import DocumentStore, SqliteStore, open_store

ROOT = Path(__file__).resolve().parents[2]
SHUSHA = Place(585103, "Shusha", Point(46.74989, 39.76006), "P", "PPLA2", "AZ")
KHANKENDI = Place(146970, "Khankendi", Point(46.7528, 39.8177), "P", "PPLA", "AZ")
BAKU = Place(587084, "Baku", Point(49.89201, 40.37767), "P", "PPLC", "AZ")
PLACES = {"Shusha": SHUSHA, "Şuşa": SHUSHA, "Khankendi": KHANKENDI, "Stepanakert": KHANKENDI, "Baku": BAKU}
TEXT = (
    "Road report\n\n"
    "On September 19, shelling resumed near Shusha. Residents of Stepanakert (now Khankendi) sheltered.\n"
    "Officials in Baku said on 2023-09-20 that talks with Dr. Aliyev would go on in Şuşa."
)
INJECTION = "Robert'); DROP TABLE documents;-- <script>alert('x')</script>"


class FakeParser:
    """Mentions of the few names above, as a geoparser would return them."""

    def parse(self, text: str, language: str | None = None) -> list[Mention]:
        pattern = "|".join(map(re.escape, PLACES))
        return [Mention(m.start(), m.end(), m.group(), PLACES[m.group()], 0.9) for m in re.finditer(pattern, text)]


@pytest.fixture
def api(tmp_path: Path, store_target: Path | str) -> GazetteerAPI:
    return GazetteerAPI(on_store(load_settings(tmp_path), store_target), parser=FakeParser())


@pytest.fixture
def store(api: GazetteerAPI) -> DocumentStore:
    return api.store


def test_sentences_respect_abbreviations_and_line_breaks() -> None:
    text = "Talks in Baku ended. On Sept. 12 Dr. Ali met U.S. envoys!\nNo full stop here\n\nLast one? yes."
    sentences = [text[s:e] for s, e in sentence_spans(text)]
    assert sentences == [
        "Talks in Baku ended.",
        "On Sept. 12 Dr. Ali met U.S. envoys!",
        "No full stop here",
        "Last one? yes.",
    ]


def test_long_sentences_give_a_window_around_the_mention() -> None:
    text = "word " * 300 + "Shusha " + "word " * 300
    start = text.index("Shusha")
    snippet, offset = Sentences(text).snippet(start, start + 6)
    assert len(snippet) <= MAX_SNIPPET and text[offset : offset + len(snippet)] == snippet
    assert snippet[start - offset : start - offset + 6] == "Shusha"


def test_ingest_stores_mentions_with_offsets_and_sentences(api: GazetteerAPI, store: DocumentStore) -> None:
    document = api.ingest(TEXT, title="Report", date="2023-01-05", source="test")
    assert store.document(document.id) == document and document.created
    mentions = store.mentions(document.id)
    assert [m.surface for m in mentions] == ["Shusha", "Stepanakert", "Khankendi", "Baku", "Şuşa"]
    assert [m.n for m in mentions] == [0, 1, 2, 3, 4]
    for m in mentions:
        assert TEXT[m.start : m.end] == m.surface
        assert m.snippet[m.start - m.snippet_start : m.end - m.snippet_start] == m.surface
    assert mentions[0].snippet == "On September 19, shelling resumed near Shusha."
    assert mentions[3].snippet.startswith("Officials in Baku") and mentions[3].snippet.endswith("in Şuşa.")


def test_ingest_proposes_events_from_dated_sentences(api: GazetteerAPI, store: DocumentStore) -> None:
    document = api.ingest(TEXT, date="2023-01-05")
    proposed = store.events(proposed=True)
    assert [(e.date, e.place_id, e.mention_n) for e in proposed] == [
        ("2023-09-19", 585103, 0),
        ("2023-09-20", 587084, 3),
    ]
    assert all(e.document_id == document.id and e.proposed for e in proposed)
    assert store.events(document_id=document.id) == proposed
    assert store.events(proposed=False) == []
    other = api.ingest("Talks resumed in Baku on 21 September 2023.")
    assert len(store.events(document_id=other.id)) == 1
    assert store.events_of([other.id, document.id, 999_999]) == [*proposed, *store.events(document_id=other.id)]
    assert store.events_of([]) == []


def test_place_mentions_across_documents(api: GazetteerAPI, store: DocumentStore) -> None:
    first = api.ingest(TEXT)
    second = api.ingest("A short note from Khankendi.")
    found = store.place_mentions(KHANKENDI.id)
    assert [(m.document_id, m.surface) for m in found] == [
        (first.id, "Stepanakert"),
        (first.id, "Khankendi"),
        (second.id, "Khankendi"),
    ]
    assert store.place_mentions(KHANKENDI.id, limit=1, offset=2)[0].document_id == second.id
    assert store.mention_counts([KHANKENDI.id, SHUSHA.id, 1]) == {KHANKENDI.id: 3, SHUSHA.id: 2}
    assert {row[0] for row in store.mentioned_places()} == {KHANKENDI.id, SHUSHA.id, BAKU.id}
    assert [d.id for d in store.documents()] == [second.id, first.id] and store.count_documents() == 2


def test_restart_keeps_everything(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    with GazetteerAPI(load_settings(tmp_path), parser=FakeParser()) as first:
        document = first.ingest(TEXT, date="2023-01-05")
        event = first.store.add_event(Event(0, "Checkpoint", "2023-04-23", 46.55, 39.6, 25.0))
    with SqliteStore(path) as again:
        assert again.document(document.id) == document
        assert len(again.mentions(document.id)) == 5 and again.event(event.id) == event
        assert len(again.events(proposed=True)) == 2
        assert again.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_injection_strings_are_stored_as_data(api: GazetteerAPI, store: DocumentStore) -> None:
    document = api.ingest(INJECTION + " in Baku", title=INJECTION, source=INJECTION)
    again = store.document(document.id)
    assert again.title == INJECTION and again.source == INJECTION and again.text.startswith(INJECTION)
    event = store.add_event(Event(0, INJECTION, "2023-09-19", 46.0, 40.0))
    assert store.event(event.id).title == INJECTION
    assert store.count_documents() == 1


def test_failed_ingest_leaves_nothing(api: GazetteerAPI, store: DocumentStore) -> None:
    broken = [Mention(0, 4, "Baku", BAKU, 0.9), Mention(0, 4, "Baku", replace(BAKU, name=None), 0.9)]  # type: ignore[arg-type]
    with pytest.raises(DataError):
        api.add_document("Baku is the capital.", broken)
    assert store.count_documents() == 0 and store.place_mentions(BAKU.id) == []


KILLER = textwrap.dedent(
    """
    import os, re, signal, sys
    from gazetteer.records import Mention, Place, Point
    from gazetteer.application import GazetteerAPI
    from gazetteer.store import SqliteStore
    place = Place(587084, "Baku", Point(49.89201, 40.37767))
    class Parser:
        def parse(self, text, language=None):
            return [Mention(m.start(), m.end(), "Baku", place, 0.9) for m in re.finditer("Baku", text)]
    store = SqliteStore(sys.argv[1])
    api = GazetteerAPI(parser=Parser(), store=store)
    api.ingest("Baku first. Baku again.")
    seen = []
    def trace(statement):
        if statement.startswith("INSERT INTO mentions"):
            seen.append(statement)
            if len(seen) == 3:
                os.kill(os.getpid(), signal.SIGKILL)
    store.db.set_trace_callback(trace)
    api.ingest("On May 2 in Baku. " * 5, date="2023-01-01")
    """
)


def test_a_killed_process_never_leaves_half_a_document(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    run = subprocess.run([sys.executable, "-c", KILLER, str(path)], cwd=ROOT, capture_output=True, timeout=60)
    assert run.returncode == -9, run.stderr.decode()
    with SqliteStore(path) as store:
        assert store.count_documents() == 1
        assert len(store.mentions(1)) == 2
        count = store.db.execute("SELECT COUNT(*) FROM mentions").fetchone()[0]
        assert count == 2 and store.events() == []


def test_events_crud(store: DocumentStore) -> None:
    event = store.add_event(Event(0, "Convoy", "2023-09-25", 46.55, 39.64, 5.0, place_id=147625, place_name="Laçın"))
    assert event.id > 0 and store.event(event.id) == event
    changed = store.update_event(replace(event, radius_km=30.0, proposed=False))
    assert store.event(event.id).radius_km == 30.0 == changed.radius_km
    store.delete_event(event.id)
    with pytest.raises(NotFound):
        store.event(event.id)
    with pytest.raises(NotFound):
        store.delete_event(event.id)
    with pytest.raises(NotFound):
        store.update_event(event)


@pytest.mark.parametrize(
    "event",
    [
        Event(0, "", "2023-01-01", 0, 0),
        Event(0, "x", "not a date", 0, 0),
        Event(0, "x", "2023-01-01", 0, 999),
        Event(0, "x", "2023-01-01", 0, 0, radius_km=-1),
        Event(0, "x", "2023-01-01", 0, 0, radius_km=1e9),
        Event(0, "x", "2023-01-01", 0, 0, place_id=0),
    ],
)
def test_bad_events_are_refused(store: DocumentStore, event: Event) -> None:
    with pytest.raises(InvalidInput):
        store.add_event(event)


def test_unknown_ids_and_sources(store: DocumentStore) -> None:
    for call in (
        lambda: store.document(5),
        lambda: store.mentions(5),
        lambda: store.events(document_id=5),
        lambda: store.add_event(Event(0, "x", "2023-01-01", 0, 0, document_id=5)),
    ):
        with pytest.raises(NotFound):
            call()
    for call in (
        lambda: store.document(10**30),
        lambda: store.document(0),
        lambda: store.documents(limit=0),
        lambda: store.documents(limit=10**6),
        lambda: store.place_mentions(1, offset=-1),
    ):
        with pytest.raises(InvalidInput):
            call()


def test_document_limits(api: GazetteerAPI, store: DocumentStore) -> None:
    with pytest.raises(TooLarge) as error:
        api.ingest("a" * (MAX_TEXT_BYTES + 1))
    assert error.value.status == 413
    for text, extra in (("  \n ", {}), ("Baku", {"date": "19/09/2023"}), ("Baku", {"title": "t" * 5000})):
        with pytest.raises(InvalidInput):
            api.ingest(text, **extra)
    assert store.count_documents() == 0


def test_ingest_without_a_usable_gazetteer_is_refused(tmp_path: Path) -> None:
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not an index" * 100)
    settings = replace(load_settings(tmp_path), index_path=junk)
    with GazetteerAPI(settings) as bare, pytest.raises(DataError):
        bare.ingest("Baku")


def test_a_file_that_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite"
    path.write_bytes(b"not a database at all" * 100)
    with pytest.raises(DataError):
        open_store(path)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).executescript(
        "CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta VALUES ('schema_version', '99');"
    )
    with pytest.raises(DataError):
        open_store(other)


def test_every_connection_sees_one_generation_that_each_write_moves_on(store_target: Path | str) -> None:
    first, second = open_store(store_target), open_store(store_target)
    try:
        assert first.generation() == second.generation()
        before = first.generation()
        first.add_document(new_document("Talks in Baku.", [], title="", date="", source=""))
        assert first.generation() == second.generation() != before
        moved = second.generation()
        with pytest.raises(NotFound):
            second.delete_event(999)
        assert first.generation() == moved, "a write that changed nothing leaves the generation"
    finally:
        first.close()
        second.close()


def test_the_store_cuts_mentioned_places_to_a_circle_and_keeps_the_areas(
    api: GazetteerAPI, store: DocumentStore
) -> None:
    district = Place(147622, "Lachin District", Point(46.4, 39.6), "A", "ADM2", "AZ")
    document = api.add_document("Shusha, Baku and Lachin District.", [
        Mention(0, 6, "Shusha", SHUSHA, 0.9), Mention(8, 12, "Baku", BAKU, 0.9),
        Mention(17, 32, "Lachin District", district, 0.9),
    ])  # fmt: skip
    assert document.id == 1
    every = {row[0] for row in store.mentioned_places()}
    near_shusha = {row[0] for row in store.mentioned_places(NearQuery(46.75, 39.76, 30.0))}
    assert every == {SHUSHA.id, BAKU.id, district.id} and near_shusha == {SHUSHA.id, district.id}
