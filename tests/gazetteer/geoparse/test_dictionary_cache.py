"""The spotting dictionary file: written once, read lazily, rebuilt when stale or damaged, trusted only
in a private folder; old pickles are never loaded."""

from __future__ import annotations

import logging
import os
import pickle
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gazetteer.gazetteer import Gazetteer
from gazetteer.geoparse import dictionary_cache, dictionary_store
from gazetteer.geoparse.dictionary_build import build_names
from gazetteer.geoparse.dictionary_cache import SUFFIX, load_dictionary
from gazetteer.geoparse.dictionary_store import StoredNames
from gazetteer.geoparse.name_dictionary import NO_PHRASE, MemoryNames, SpotDictionary
from gazetteer.geoparse.parser import Geoparser
from gazetteer.geoparse.spotting import Spotter
from gazetteer.geoparse.stoplists import load_stoplists
from gazetteer.index import GazetteerIndex, IndexWriter
from gazetteer.records import Name, Place, Point


def place(
    pid: int, name: str, lon: float, lat: float, code: str, country: str, population: int, *others: str | Name
) -> Place:
    names = (Name(name), *(n if isinstance(n, Name) else Name(n) for n in others))
    return Place(pid, name, Point(lon, lat), "A" if code.startswith("PCL") else "P", code, country,
                 population=population, names=names)  # fmt: skip


PLACES = [
    place(1, "Azerbaijan", 47.5, 40.5, "PCLI", "AZ", 10_000_000, "Azərbaycan"),
    place(2, "Armenia", 45.0, 40.25, "PCLI", "AM", 3_000_000, "Հայաստան"),
    place(3, "Armenia", -75.68, 4.53, "PPL", "CO", 300_000),
    place(4, "Baku", 49.89, 40.38, "PPL", "AZ", 2_300_000, "Bakı", "Баку"),
    place(5, "Khankendi", 46.75, 39.82, "PPL", "AZ", 55_000, "Stepanakert", "Xankəndi"),
    place(6, "Karabakh", 46.75, 39.83, "RGN", "AZ", 0, "Nagorno-Karabakh", "Upper Karabakh",
          Name("NKAO", lang="abbr")),
    place(7, "Lachin corridor", 46.45, 39.6, "RD", "AZ", 0, "Lachin Corridor"),
    place(8, "United States", -98.5, 39.76, "PCLI", "US", 327_000_000, Name("U.S.", lang="abbr")),
    place(9, "Europe", 9.14, 48.69, "CONT", "", 741_000_000),
]  # fmt: skip
TEXTS = [
    "Talks moved from Baku to Xankəndi, then to the Lachin corridor and Upper-Karabakh.",
    "The U.S. and Armenia spoke of Nagorno-Karabakh; Armennia denied it; the NKAO was dissolved.",
    "Leaders of Azerbaijian met in Europe. Делегация из Баку прибыла. Coffee from Armenia, Colombia.",
]


@pytest.fixture
def index(tmp_path: Path) -> GazetteerIndex:
    """A tiny index in a private folder of its own."""
    folder = tmp_path / "index"
    folder.mkdir(mode=0o700)
    with IndexWriter(folder / "tiny.sqlite") as writer:
        writer.add_places(PLACES)
        writer.set_meta("built", "test")
    return GazetteerIndex(folder / "tiny.sqlite")


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private folder standing in for the user cache folder."""
    folder = tmp_path / "user-cache"
    monkeypatch.setattr(dictionary_cache, "user_cache_dir", lambda app: str(folder))
    return folder


def private(folder: Path) -> Path:
    folder.mkdir(mode=0o700, exist_ok=True)
    folder.chmod(0o700)
    return folder


def file_in(folder: Path, index: GazetteerIndex) -> Path:
    return folder / f"{index.path.name}{SUFFIX}"


def no_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make building the dictionary fail, to show that it is read from its file."""

    def fail(*args: object) -> MemoryNames:
        raise AssertionError("the dictionary was built, not read")

    monkeypatch.setattr(dictionary_cache, "build_names", fail)


def test_written_once_then_read(index: GazetteerIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = private(tmp_path / "cache")
    lists = load_stoplists()
    first = load_dictionary(index, lists, cache_dir=folder)
    assert isinstance(first.source, StoredNames)
    assert [p.name for p in folder.iterdir()] == [f"tiny.sqlite{SUFFIX}"]
    no_build(monkeypatch)
    second = load_dictionary(index, lists, cache_dir=folder)
    assert second.key_id("baku") == first.key_id("baku") is not None


def test_many_phrases_are_read_in_chunks(
    index: GazetteerIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lists = load_stoplists()
    built = build_names(index, lists)
    stored = load_dictionary(index, lists, cache_dir=private(tmp_path / "cache"))
    monkeypatch.setattr(dictionary_store, "_CHUNK", 3)
    phrases = [*built.keys, "nowhere"]
    assert len(phrases) > 3
    assert stored.source.phrases(phrases) == built.phrases(phrases)
    assert stored.candidates_of(range(len(built.flags))) == built.candidates(range(len(built.flags)))


def test_stored_equals_freshly_built(index: GazetteerIndex, tmp_path: Path) -> None:
    lists = load_stoplists()
    built = build_names(index, lists)
    stored = load_dictionary(index, lists, cache_dir=private(tmp_path / "cache"))
    assert isinstance(stored.source, StoredNames)
    phrases = [*built.keys, *built.followers, "nowhere", "upper karabakh x"]
    fresh = built.dictionary()
    for phrase in phrases:
        assert stored.phrase(phrase) == fresh.phrase(phrase), phrase
    assert stored.phrase("nowhere") is NO_PHRASE
    assert stored.source.phrases(phrases) == built.phrases(phrases), "read together as one by one"
    keys = range(len(built.flags))
    for key in keys:
        assert stored.candidates(key) == fresh.candidates(key)
    assert stored.candidates_of(keys) == built.candidates(keys)
    assert (stored.flags, stored.best, stored.places) == (built.flags, built.best, built.places)
    assert stored.countries == built.country_keys
    memory = Spotter(built.dictionary(), lists)
    on_file = Spotter(stored, lists)
    for text in TEXTS:
        assert on_file.spot(text) == memory.spot(text) != []


def test_mentions_equal_in_memory_and_on_file(index: GazetteerIndex, tmp_path: Path) -> None:
    unsafe = tmp_path / "unsafe"
    unsafe.mkdir()
    unsafe.chmod(0o777)
    in_memory = Geoparser(Gazetteer(index), cache_dir=unsafe)
    on_file = Geoparser(Gazetteer(index), cache_dir=private(tmp_path / "cache"))
    assert isinstance(in_memory.dictionary.source, MemoryNames)
    assert isinstance(on_file.dictionary.source, StoredNames)
    for text in TEXTS:
        assert on_file.parse(text) == in_memory.parse(text) != []


class Planted:
    """Unpickling this creates ``marker``: a stand-in for code planted in a pickle."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str, str]]:
        return open, (str(self.marker), "w")


def plant(folder: Path, index: GazetteerIndex, marker: Path) -> Path:
    path = folder / f"{index.path.name}.spotter-0123456789abcdef.pickle"
    path.write_bytes(pickle.dumps(Planted(marker)))
    return path


def test_the_plant_is_armed(tmp_path: Path) -> None:
    marker = tmp_path / "armed"
    pickle.loads(pickle.dumps(Planted(marker)))
    assert marker.exists()


@pytest.mark.parametrize("cache_dir", [False, True])
def test_planted_pickles_are_never_loaded(index: GazetteerIndex, cache: Path, tmp_path: Path, cache_dir: bool) -> None:
    marker = tmp_path / "code-ran"
    beside_index = plant(index.path.parent, index, marker)
    in_cache = plant(private(cache), index, marker)
    parser = Geoparser(Gazetteer(index), cache_dir=cache if cache_dir else None)
    assert [m.surface for m in parser.parse("Talks in Baku and Khankendi.")] == ["Baku", "Khankendi"]
    assert not marker.exists(), "a pickle was loaded"
    written = file_in(cache if cache_dir else index.path.parent, index)
    assert written.is_file()
    removed, kept = (in_cache, beside_index) if cache_dir else (beside_index, in_cache)
    assert not removed.exists() and kept.exists(), "old pickles go where a new file is written"


def damage_truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def damage_garbage(path: Path) -> None:
    path.write_bytes(b"\x80\x04not a database" * 100)


def make_stale(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE meta SET value = 'other' WHERE key = 'digest'")
    db.close()


@pytest.mark.parametrize(
    ("spoil", "state"), [(damage_garbage, "damaged"), (damage_truncate, "damaged"), (make_stale, "stale")]
)
def test_spoilt_file_is_rebuilt_with_a_notice(
    index: GazetteerIndex, tmp_path: Path, caplog: pytest.LogCaptureFixture, spoil: object, state: str
) -> None:
    folder = private(tmp_path / "cache")
    lists = load_stoplists()
    load_dictionary(index, lists, cache_dir=folder)
    assert callable(spoil)
    spoil(file_in(folder, index))
    with caplog.at_level(logging.WARNING, logger=dictionary_cache.__name__):
        rebuilt = load_dictionary(index, lists, cache_dir=folder)
    (notice,) = [r.getMessage() for r in caplog.records]
    assert f"is {state}; rebuilding it" in notice and "\n" not in notice
    assert isinstance(rebuilt.source, StoredNames) and rebuilt.key_id("baku") is not None
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger=dictionary_cache.__name__):
        load_dictionary(index, lists, cache_dir=folder)
    assert not caplog.records, "fresh again"


def test_the_notice_is_one_line_on_stderr(index: GazetteerIndex, tmp_path: Path) -> None:
    folder = private(tmp_path / "cache")
    load_dictionary(index, load_stoplists(), cache_dir=folder)
    damage_garbage(file_in(folder, index))
    code = (
        "import sys; from pathlib import Path; from gazetteer.index import GazetteerIndex;"
        "from gazetteer.geoparse.dictionary_cache import load_dictionary;"
        "from gazetteer.geoparse.stoplists import load_stoplists;"
        "load_dictionary(GazetteerIndex(Path(sys.argv[1])), load_stoplists(), Path(sys.argv[2]))"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, str(index.path), str(folder)], capture_output=True, text=True, check=True
    )
    assert run.stderr.count("\n") == 1 and "is damaged; rebuilding it" in run.stderr


@pytest.mark.parametrize("mode", [0o777, 0o770, 0o722])
def test_folder_writable_by_others_is_refused(
    index: GazetteerIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: int
) -> None:
    lists = load_stoplists()
    folder = private(tmp_path / "shared")
    load_dictionary(index, lists, cache_dir=folder)
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir()}
    folder.chmod(mode)
    opened: list[Path] = []
    monkeypatch.setattr(dictionary_cache, "open_store", lambda path, digest: opened.append(path))
    dictionary = load_dictionary(index, lists, cache_dir=folder)
    assert isinstance(dictionary.source, MemoryNames), "built in memory"
    assert opened == [], "the file there is not read"
    assert {p.name: p.stat().st_mtime_ns for p in folder.iterdir()} == before, "nothing written there"


def test_unsafe_index_folder_falls_back_to_the_user_cache(index: GazetteerIndex, cache: Path) -> None:
    index.path.parent.chmod(0o777)
    dictionary = load_dictionary(index, load_stoplists())
    assert isinstance(dictionary.source, StoredNames)
    assert file_in(cache, index).is_file() and not file_in(index.path.parent, index).exists()
    assert cache.stat().st_mode & 0o777 == 0o700, "the cache folder is made private"


@pytest.mark.parametrize("kind", ["other user", "link"])
def test_file_not_owned_is_refused(
    index: GazetteerIndex, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    lists = load_stoplists()
    folder = private(tmp_path / "cache")
    elsewhere = private(tmp_path / "elsewhere")
    load_dictionary(index, lists, cache_dir=elsewhere)
    path = file_in(folder, index)
    if kind == "link":
        path.symlink_to(file_in(elsewhere, index))
    else:
        if os.geteuid() != 0:
            pytest.skip("only root can give a file to another user")
        shutil.copy(file_in(elsewhere, index), path)
        os.chown(path, 54321, 54321)
    before = path.lstat()
    opened: list[Path] = []
    monkeypatch.setattr(dictionary_cache, "open_store", lambda path, digest: opened.append(path))
    dictionary = load_dictionary(index, lists, cache_dir=folder)
    assert isinstance(dictionary, SpotDictionary) and isinstance(dictionary.source, MemoryNames)
    assert opened == [], "not read"
    after = path.lstat()
    assert (after.st_ino, after.st_mtime_ns, after.st_uid) == (before.st_ino, before.st_mtime_ns, before.st_uid)


def test_own_file_writable_by_others_is_not_read_but_replaced(index: GazetteerIndex, tmp_path: Path) -> None:
    lists = load_stoplists()
    folder = private(tmp_path / "cache")
    load_dictionary(index, lists, cache_dir=folder)
    path = file_in(folder, index)
    path.chmod(0o666)
    before = path.stat().st_ino
    dictionary = load_dictionary(index, lists, cache_dir=folder)
    assert isinstance(dictionary.source, StoredNames)
    assert path.stat().st_ino != before and path.stat().st_mode & 0o777 == 0o644


def test_names_are_read_on_first_use(index: GazetteerIndex, tmp_path: Path) -> None:
    folder = private(tmp_path / "cache")
    load_dictionary(index, load_stoplists(), cache_dir=folder)
    parser = Geoparser(Gazetteer(index), cache_dir=folder)
    assert len(parser.dictionary.phrases) == 0, "nothing looked up before a text asks"
    parser.parse("Talks in Baku.")
    assert set(parser.dictionary.phrases) == {"talks", "baku"}
