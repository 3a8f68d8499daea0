"""Where the spotting dictionary file lives, and when it is trusted.

Building the dictionary takes some 15 s, so it is built once and kept as
``<index name>.spotter.sqlite`` (``dictionary_store``) beside the index, or
else in the user cache folder.  Its meta table holds a digest of everything
the dictionary depends on (the code that builds and stores it, the word
lists, the index's size and build facts, the machine); a stale or damaged
file is rebuilt, with a one-line notice.

A folder that group or others may write to is never used, nor a file that is
not the current user's own: such a dictionary could be planted.  With no
usable folder the dictionary is built in memory for the process.  Pickles
left by older versions (``<index name>.spotter-*.pickle``) are never read,
and are deleted where a new file is written.
"""

from __future__ import annotations

import glob
import hashlib
import logging
import os
import sqlite3
import stat
from pathlib import Path

from platformdirs import user_cache_dir

from gazetteer.geoparse.dictionary_build import build_names
from gazetteer.geoparse.dictionary_store import MACHINE, DamagedStore, StaleStore, open_store, write_store
from gazetteer.geoparse.name_dictionary import SpotDictionary
from gazetteer.geoparse.stoplists import Stoplists
from gazetteer.index import GazetteerIndex
from gazetteer.settings import APP_NAME

DICTIONARY_VERSION = "2"
"""Bump when the dictionary's filters change in a way the code digest does not show."""
SUFFIX = ".spotter.sqlite"
"""Appended to the index file's name to name its dictionary file."""
_UNSAFE = stat.S_IWGRP | stat.S_IWOTH
_DEPENDENCIES = ("dictionary_build", "dictionary_store", "name_dictionary", "scan_form", "stoplists")
"""Modules of this package whose code shapes the dictionary (besides this one)."""
log = logging.getLogger(__name__)


def load_dictionary(index: GazetteerIndex, lists: Stoplists, cache_dir: Path | None = None) -> SpotDictionary:
    """The dictionary of ``index``: from its file in ``cache_dir`` (by default beside the index,
    else in the user cache folder) when fresh, else built and written to the first safe folder."""
    digest, facts = dictionary_digest(index, lists)
    folders = _folders(index, cache_dir)
    for folder in folders:
        path = _path(folder, index)
        if not os.path.lexists(path) or not _safe_folder(folder) or not _trusted_file(path):
            continue
        try:
            return open_store(path, digest)
        except (StaleStore, DamagedStore) as error:
            state = "stale" if isinstance(error, StaleStore) else "damaged"
            log.warning("spotting dictionary %s is %s; rebuilding it", path, state)
            break
    return _build(index, lists, digest, facts, folders)


def _build(index: GazetteerIndex, lists: Stoplists, digest: str, facts: str, folders: list[Path]) -> SpotDictionary:
    """Build the dictionary and write it to the first safe folder that takes it (else keep it in memory)."""
    log.info("building the spotting dictionary of %s (some seconds, once)", index.path)
    names = build_names(index, lists)
    for folder in folders:
        path = _path(folder, index)
        if not _safe_folder(folder) or (os.path.lexists(path) and _owner_file(path) is None):
            continue
        try:
            write_store(names, path, digest, facts)
            dictionary = open_store(path, digest)
        except (OSError, sqlite3.Error, StaleStore, DamagedStore) as error:
            log.info("cannot keep the spotting dictionary in %s: %s", folder, error)
            continue
        _remove_pickles(folder, index.path.name)
        return dictionary
    log.warning("no safe folder for the spotting dictionary of %s; it is kept in memory", index.path)
    return names.dictionary()


def _path(folder: Path, index: GazetteerIndex) -> Path:
    return folder / f"{index.path.name}{SUFFIX}"


def _folders(index: GazetteerIndex, cache_dir: Path | None) -> list[Path]:
    """Where the dictionary file may be, in order."""
    if cache_dir is not None:
        return [Path(cache_dir)]
    return [index.path.parent, Path(user_cache_dir(APP_NAME))]


def _safe_folder(folder: Path) -> bool:
    """Whether ``folder`` is a folder only its owner may write to (made, private, when missing)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
    except OSError as error:
        log.info("no folder %s for the spotting dictionary: %s", folder, error)
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & _UNSAFE:
        log.info("folder %s is writable by group or others; the spotting dictionary is not kept there", folder)
        return False
    return True


def _trusted_file(path: Path) -> bool:
    """Whether ``path`` is a plain file of the current user that only they may write to."""
    info = _owner_file(path)
    if info is not None and info.st_mode & _UNSAFE:
        log.info("%s is writable by group or others; it is not read", path)
        return False
    return info is not None


def _owner_file(path: Path) -> os.stat_result | None:
    """The status of ``path`` if it is a plain file (no link) of the current user, else ``None``."""
    try:
        info = path.lstat()
    except OSError:
        return None
    if stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid():
        return info
    log.info("%s is no plain file of the current user; the spotting dictionary is not read or written there", path)
    return None


def _remove_pickles(folder: Path, index_name: str) -> None:
    """Delete the pickled dictionaries of older versions (never read: unpickling can run code)."""
    for old in folder.glob(f"{glob.escape(index_name)}.spotter-*.pickle"):
        old.unlink(missing_ok=True)


def dictionary_digest(index: GazetteerIndex, lists: Stoplists) -> tuple[str, str]:
    """Digest of everything the dictionary of ``index`` depends on, and those facts, readable."""
    meta = index.meta()
    facts = [
        f"version={DICTIONARY_VERSION}",
        f"code={_code_digest()}",
        f"lists={lists.digest}",
        f"index_size={index.path.stat().st_size}",
        *(f"{key}={meta.get(key, '')}" for key in ("schema_version", "built", "sources")),
        f"machine={MACHINE}",
    ]
    readable = "; ".join(facts)
    return hashlib.sha256(readable.encode()).hexdigest()[:32], readable


def _code_digest() -> str:
    """Hash of the code that builds the dictionary, so that a change invalidates files."""
    from gazetteer import normalize, ranking

    here = Path(__file__).parent
    sources = [Path(__file__), *(here / f"{name}.py" for name in _DEPENDENCIES)]
    sources += [Path(str(module.__file__)) for module in (normalize, ranking)]
    digest = hashlib.sha256()
    for source in sources:
        digest.update(source.read_bytes())
    return digest.hexdigest()[:16]
