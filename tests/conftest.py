"""Shared fixtures: the embedded-default gazetteer (built once per machine) and the seed corpus."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from gazetteer.gazetteer import Gazetteer
from gazetteer.settings import load_settings

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def corpus_available() -> bool:
    """True where the shared seed corpus sits beside the project."""
    return (CORPUS / "gold.jsonl").is_file()


@pytest.fixture(scope="session")
def index_path() -> Path:
    """Index of the embedded default, shared by the whole session (GAZETTEER_INDEX or the data dir)."""
    return Path(os.environ.get("GAZETTEER_INDEX") or load_settings().index_path)


@pytest.fixture(scope="session")
def gazetteer(index_path: Path) -> Gazetteer:
    """The embedded-default gazetteer, built on first use."""
    return Gazetteer.open(index_path)


@pytest.fixture(scope="session")
def gold() -> list[dict[str, Any]]:
    """Gold documents of the seed corpus; skips where it is absent."""
    if not corpus_available():
        pytest.skip("../shared/corpus is not present")
    with open(CORPUS / "gold.jsonl", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


@pytest.fixture(scope="session")
def variant_rows() -> list[list[str]]:
    """Rows of variants.tsv (query, expected name, lat, lon, note); skips where absent."""
    path = CORPUS / "variants.tsv"
    if not path.is_file():
        pytest.skip("../shared/corpus is not present")
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]
