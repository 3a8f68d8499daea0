"""The spotting dictionary on disk: a pickle beside the index (or in the user cache).

Building the dictionary takes seconds; loading the pickle a fraction of one.
The file name carries a digest of everything the dictionary depends on (the
code that builds it, the word lists, the index's size and build facts), so a
stale cache is never read, and is deleted once a fresh one is written.
"""

from __future__ import annotations

import glob
import hashlib
import os
import pickle
from pathlib import Path

from platformdirs import user_cache_dir

from gazetteer.geoparse.dictionary_build import build_dictionary
from gazetteer.index import GazetteerIndex
from gazetteer.geoparse.name_dictionary import PlaceTable, SpotDictionary
from gazetteer.settings import APP_NAME
from gazetteer.geoparse.stoplists import Stoplists

DICTIONARY_VERSION = "1"
"""Bump when the dictionary format or its filters change (invalidates caches)."""


def load_dictionary(index: GazetteerIndex, lists: Stoplists, cache_dir: Path | None = None) -> SpotDictionary:
    """The dictionary of ``index``, from a cache beside it (or in the user cache) when fresh."""
    paths = _cache_paths(index, lists, cache_dir)
    for path in paths:
        cached = _read_cache(path)
        if cached is not None:
            return cached
    built = build_dictionary(index, lists)
    for path in paths:
        if _write_cache(path, built):
            _remove_stale(path)
            break
    return built


def _remove_stale(current: Path) -> None:
    """Delete caches of the same index made by other versions of the code or word lists."""
    stem = current.name.split(".spotter-")[0]
    for stale in current.parent.glob(f"{glob.escape(stem)}.spotter-*.pickle"):
        if stale != current:
            stale.unlink(missing_ok=True)


def _cache_paths(index: GazetteerIndex, lists: Stoplists, cache_dir: Path | None) -> list[Path]:
    meta = index.meta()
    facts = [DICTIONARY_VERSION, _code_digest(), lists.digest, str(index.path.stat().st_size)]
    facts += [meta.get(k, "") for k in ("schema_version", "built", "sources")]
    digest = hashlib.sha1("\0".join(facts).encode()).hexdigest()[:16]
    name = f"{index.path.name}.spotter-{digest}.pickle"
    folders = [cache_dir] if cache_dir else [index.path.parent, Path(user_cache_dir(APP_NAME))]
    return [Path(folder) / name for folder in folders]


def _code_digest() -> str:
    """Hash of the code that builds the dictionary, so that a change invalidates caches."""
    from gazetteer.geoparse import dictionary_build, name_dictionary, scan_form, stoplists

    digest = hashlib.sha1()
    modules = (dictionary_build, name_dictionary, scan_form, stoplists)
    for source in [__file__, *(str(module.__file__) for module in modules)]:
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()


def _read_cache(path: Path) -> SpotDictionary | None:
    try:
        with open(path, "rb") as handle:
            fields = pickle.load(handle)
        fields["places"] = PlaceTable(**fields["places"])
        return SpotDictionary(**fields)
    except (OSError, pickle.UnpicklingError, EOFError, KeyError, TypeError, ValueError):
        return None


def _write_cache(path: Path, dictionary: SpotDictionary) -> bool:
    fields = {name: getattr(dictionary, name) for name in SpotDictionary.__slots__}
    fields["places"] = {name: getattr(dictionary.places, name) for name in PlaceTable.__slots__}
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        with open(temporary, "wb") as handle:
            pickle.dump(fields, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        return True
    except OSError:
        return False
