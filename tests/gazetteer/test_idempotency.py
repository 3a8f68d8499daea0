"""Idempotency keys of ingest: a retry gets the first document, another request is refused, a crash keeps neither."""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from storebackends import on_store, store_target_fixture  # noqa: F401  (fixtures)

from gazetteer.application import GazetteerAPI
from gazetteer.errors import InvalidInput
from gazetteer.idempotency import MAX_KEY_LENGTH, KeyReused, check_key
from gazetteer.records import Mention, Place, Point
from gazetteer.settings import load_settings
from gazetteer.store import SqliteStore

ROOT = Path(__file__).resolve().parents[2]
BAKU = Place(587084, "Baku", Point(49.89201, 40.37767), "P", "PPLC", "AZ")
TEXT = "On September 19 officials in Baku spoke of talks. Baku again."


class CountingParser:
    """Mentions of Baku, counting the texts it was given."""

    def __init__(self) -> None:
        self.calls = 0

    def parse(self, text: str, language: str | None = None) -> list[Mention]:
        self.calls += 1
        return [Mention(m.start(), m.end(), "Baku", BAKU, 0.9) for m in re.finditer("Baku", text)]


@pytest.fixture
def parser() -> CountingParser:
    return CountingParser()


@pytest.fixture
def api(tmp_path: Path, parser: CountingParser, store_target: Path | str) -> GazetteerAPI:
    return GazetteerAPI(on_store(load_settings(tmp_path), store_target), parser=parser)


def test_a_retry_gets_the_first_document_without_parsing_again(api: GazetteerAPI, parser: CountingParser) -> None:
    first = api.ingest_once("k-1", TEXT, title="Talks", date="2023-09-20")
    again = api.ingest_once("k-1", TEXT, title="Talks", date="2023-09-20")
    assert not first.replayed and again.replayed and again.document == first.document
    assert parser.calls == 1 and api.count_documents() == 1 and api.count_mentions(first.document.id) == 2
    assert api.ingest_once("k-2", TEXT, title="Talks", date="2023-09-20").document.id == 2


@pytest.mark.parametrize("change", [{"text": TEXT + " More."}, {"title": "Other"}, {"date": "2023-09-21"}])
def test_the_same_key_for_another_request_is_refused(api: GazetteerAPI, change: dict[str, str]) -> None:
    api.ingest_once("k-1", TEXT, title="Talks", date="2023-09-20")
    fields = {"text": TEXT, "title": "Talks", "date": "2023-09-20"} | change
    with pytest.raises(KeyReused, match="k-1"):
        api.ingest_once("k-1", **fields)
    assert api.count_documents() == 1


def test_keys_are_checked(api: GazetteerAPI) -> None:
    for bad in ("", "x" * (MAX_KEY_LENGTH + 1), 'a"b', "a\\b", "ключ", "tab\there"):
        with pytest.raises(InvalidInput):
            check_key(bad)
    assert check_key("8e03978e-40d5 43e8") == "8e03978e-40d5 43e8"
    with pytest.raises(InvalidInput):
        api.ingest_once("", TEXT)
    assert api.count_documents() == 0


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
    def trace(statement):
        if statement.startswith("INSERT INTO idempotency_keys"):
            os.kill(os.getpid(), signal.SIGKILL)
    store.db.set_trace_callback(trace)
    GazetteerAPI(parser=Parser(), store=store).ingest_once("k-1", "Talks in Baku.")
    """
)


def test_a_crash_between_document_and_key_keeps_neither(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite"
    run = subprocess.run([sys.executable, "-c", KILLER, str(path)], cwd=ROOT, capture_output=True, timeout=60)
    assert run.returncode == -9, run.stderr.decode()
    with SqliteStore(path) as store:
        assert store.count_documents() == 0
        retried = GazetteerAPI(parser=CountingParser(), store=store).ingest_once("k-1", "Talks in Baku.")
        assert not retried.replayed and store.count_documents() == 1
