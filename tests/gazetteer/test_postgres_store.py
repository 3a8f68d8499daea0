"""The PostgreSQL store: the same answers as SQLite, migrations, concurrent instances, errors without secrets."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from storebackends import postgres_store_url, server_url
from typer.testing import CliRunner

from gazetteer.cli import app as cli
from gazetteer.cli.options import settings_for
from gazetteer.documents import Event
from gazetteer.errors import DataError, NotFound
from gazetteer.idempotency import IdempotencyKey, KeyReused
from gazetteer.ingest import new_document
from gazetteer.map_query import BoundingBox, MapFilter
from gazetteer.records import Mention, Place, Point
from gazetteer.settings import load_settings
from gazetteer.store import DocumentStore, SqliteStore, open_store
from gazetteer.store.postgres_schema import MIGRATIONS
from gazetteer.store.postgres_store import PostgresStore

ROOT = Path(__file__).resolve().parents[2]
EDGE = BoundingBox(46.0, 39.0, 47.0, 40.0)
"""A box some of the places below sit exactly on the edges of."""
PLACES = [
    Place(1001, "Westbrook", Point(46.0, 39.5), "P", "PPL", "AZ"),  # on the west edge
    Place(1002, "Northfield", Point(46.5, 40.0), "P", "PPL", "AZ"),  # on the north edge
    Place(1003, "Corner", Point(47.0, 39.0), "P", "PPL", "AZ"),  # on the south-east corner
    Place(1004, "Inside", Point(46.4, 39.4), "P", "PPLA", "AZ"),
    Place(1005, "Justout", Point(47.0000001, 39.5), "P", "PPL", "AZ"),
    Place(1006, "Farport", Point(-70.25, -33.5), "P", "PPL", "CL"),
]
FILTERS = [
    MapFilter(),
    MapFilter(bbox=EDGE),
    MapFilter(bbox=BoundingBox(-180, -90, 0, 0)),
    MapFilter(bbox=EDGE, date_from="2023-02-01"),
    MapFilter(date_to="2023-03-01"),
    MapFilter((2, 3)),
    MapFilter(place_id=1004),
    MapFilter((1, 2, 5), place_id=1001, bbox=EDGE, date_from="2023-01-01", date_to="2023-12-31"),
]


def documents() -> Iterator[tuple[str, list[Mention], str]]:
    """Our own short texts naming the places above, some dated, one place mentioned twice."""
    for number in range(8):
        chosen = [PLACES[(number + step) % len(PLACES)] for step in range(1 + number % 3)]
        text = " ".join(f"On 3 March 2023 people met in {place.name}." for place in chosen)
        mentions, at = [], 0
        for place in chosen:
            start = text.index(place.name, at)
            at = start + len(place.name)
            mentions.append(Mention(start, at, place.name, place, 0.5 + number / 20))
        yield text, mentions, "" if number % 4 == 0 else f"2023-0{1 + number % 5}-1{number}"


def filled(store: DocumentStore) -> DocumentStore:
    for text, mentions, date in documents():
        store.add_document(new_document(text, mentions, title=f"Note {len(text)}", date=date))
    store.add_event(Event(0, "Meeting", "2023-04-01", 46.0, 40.0, 3.0, document_id=2))
    return store


@pytest.fixture
def postgres_url() -> Iterator[str]:
    with postgres_store_url() as url:
        yield url


def answers(store: DocumentStore) -> list[object]:
    """Everything the store answers about its contents, but the times documents were stored at."""
    found: list[object] = [
        [replace(document, created="") for document in store.documents()],
        store.mentioned_places(),
        store.mention_counts([p.id for p in PLACES]),
        store.place_mentions(1004),
        store.mentions_of([1, 3, 99]),
        store.events(),
        store.document_titles([1, 2, 99]),
    ]
    for selection in FILTERS:
        found += [
            store.map_places(selection),
            store.map_mentions(selection, 2),
            store.map_mentions(selection, 1, [1001, 1003]),
            store.map_events(selection, 5),
            store.map_document_count(selection),
        ]
    return found


def test_both_backends_give_the_same_answers(tmp_path: Path, postgres_url: str) -> None:
    with SqliteStore(tmp_path / "store.sqlite") as lite, PostgresStore(postgres_url) as server:
        expected, got = answers(filled(lite)), answers(filled(server))
        inside = {place.place_id for place in server.map_places(MapFilter(bbox=EDGE))}
    assert got == expected
    assert inside == {1001, 1002, 1003, 1004}  # edges count, a hair outside does not


def test_places_are_geography_points_with_gist_indexes(postgres_url: str) -> None:
    with PostgresStore(postgres_url) as store:
        filled(store)
    with psycopg.connect(postgres_url) as db:
        kind = db.execute("SELECT type FROM geography_columns WHERE f_table_name = 'mentions'").fetchone()
        indexes = db.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'mentions'").fetchall()
        near = db.execute(
            "SELECT DISTINCT place_id FROM mentions WHERE ST_DWithin(place, ST_MakePoint(46.4, 39.4)::geography, 1000)"
        ).fetchall()
    assert kind == ("Point",) and sum("USING gist" in row[0] for row in indexes) == 2
    assert near == [(1004,)]


def test_migrations_are_recorded_applied_once_and_a_newer_schema_refused(postgres_url: str) -> None:
    PostgresStore(postgres_url).close()
    with PostgresStore(postgres_url) as again:
        assert again.count_documents() == 0
    with psycopg.connect(postgres_url) as db:
        versions = [row[0] for row in db.execute("SELECT version FROM schema_migrations ORDER BY version")]
        db.execute("INSERT INTO schema_migrations (version, description) VALUES (%s, 'from the future')", (999,))
    assert versions == [m.version for m in MIGRATIONS]
    with pytest.raises(DataError, match="newer"):
        PostgresStore(postgres_url)


def test_errors_are_those_of_sqlite(postgres_url: str) -> None:
    with PostgresStore(postgres_url) as store:
        key = IdempotencyKey("k-1", "a" * 64)
        first = store.add_keyed_document(new_document("Talks in Inside.", []), key)
        assert not first.replayed and store.add_keyed_document(new_document("x", []), key).replayed
        with pytest.raises(KeyReused):
            store.keyed_document(IdempotencyKey("k-1", "b" * 64))
        with pytest.raises(NotFound):
            store.mentions(first.document.id + 1)
        before = store.generation()
        with pytest.raises(NotFound):
            store.delete_event(5)
        assert store.generation() == before and store.count_documents() == 1
        store.add_event(Event(0, "Later", "2024-01-01", 46.0, 40.0))
        assert store.generation() != before
    with pytest.raises(DataError, match="closed"):
        store.count_documents()


def test_no_message_carries_the_password_or_a_server_path() -> None:
    server, secret = urlsplit(server_url()), "s3cret-never-shown"
    netloc = f"{server.username}:{secret}@{server.hostname}:{server.port}"
    wrong_database = urlunsplit((server.scheme, netloc, "/no_such_database", "", ""))
    for url in (wrong_database, f"postgresql://someone:{secret}@127.0.0.1:1/db", f"postgresql://x:{secret}@/db"):
        with pytest.raises(DataError) as failed:
            open_store(url)
        message = str(failed.value)
        assert secret not in message and ".s.PGSQL" not in message and "/var/" not in message, message


RACER = textwrap.dedent(
    """
    import sys, time
    from gazetteer.idempotency import IdempotencyKey
    from gazetteer.ingest import new_document
    from gazetteer.records import Mention, Place, Point
    from gazetteer.store import open_store
    url, start, name = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    place = Place(1004, "Inside", Point(46.4, 39.4))
    with open_store(url) as store:
        time.sleep(max(0.0, start - time.time()))
        raced = store.add_keyed_document(new_document("Talks in Inside.", []), IdempotencyKey("race", "f" * 64))
        for n in range(10):
            text = f"Note {n} from {name} in Inside."
            store.add_document(new_document(text, [Mention(text.index("Inside"), len(text) - 1, "Inside", place, 0.9)]))
        print(raced.document.id, raced.replayed)
    """
)


def test_instances_racing_with_one_key_store_one_document(postgres_url: str) -> None:
    PostgresStore(postgres_url).close()  # migrated once, so that the racers only write
    start = time.time() + 2
    racers = [
        subprocess.Popen(
            [sys.executable, "-c", RACER, postgres_url, str(start), f"racer {n}"], cwd=ROOT, stdout=subprocess.PIPE
        )
        for n in range(4)
    ]
    outcomes = [racer.communicate(timeout=60)[0].decode().split() for racer in racers]
    assert all(racer.returncode == 0 for racer in racers)
    assert sorted(replayed for _, replayed in outcomes) == ["False", "True", "True", "True"]
    assert len({document_id for document_id, _ in outcomes}) == 1
    with PostgresStore(postgres_url) as store:
        assert store.count_documents() == 1 + 4 * 10
        assert store.mention_counts([1004]) == {1004: 40} and store.generation().endswith(".41")


def test_a_url_in_the_environment_or_after_store_chooses_postgresql(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GAZETTEER_STORE", "postgresql://analyst@db.example/news")
    assert load_settings().store == "postgresql://analyst@db.example/news"
    assert settings_for(store="postgres://a@b/c").store == "postgres://a@b/c"
    assert settings_for(store="var/other.sqlite").store == Path("var/other.sqlite")
    monkeypatch.setenv("GAZETTEER_STORE", "var/store.sqlite")
    assert load_settings().store == Path("var/store.sqlite") and load_settings().store_url == ""


def test_the_commands_take_the_url(postgres_url: str) -> None:
    added = CliRunner().invoke(cli, ["keys", "add", "analyst", "--store", postgres_url])
    assert added.exit_code == 0, added.output
    with open_store(postgres_url) as store:
        assert [key.name for key in store.api_keys()] == ["analyst"]
