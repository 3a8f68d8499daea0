"""Fixtures of the service tests: a test client per test over a fresh store and the shared gazetteer.

Test modules import the fixtures they use from here (a module of its own name,
so that it never shadows another folder's ``conftest``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from storebackends import BACKENDS, on_store, store_at

from gazetteer.gazetteer import Gazetteer
from gazetteer.records import Mention
from gazetteer.settings import load_settings
from service.app import create_app

SAMPLE_NAMES = ("Shusha", "Khankendi", "Stepanakert", "Kalbajar", "Lachin", "Baku", "Goris", "Yerevan")


class NameParser:
    """A stand-in geoparser for the sample names, where the real one is not importable."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self.pattern = re.compile(r"\b(" + "|".join(SAMPLE_NAMES) + r")\b")

    def parse(self, text: str, language: str | None = None) -> list[Mention]:
        found = []
        for match in self.pattern.finditer(text):
            best = self.gazetteer.lookup(match.group(), country="AZ", limit=1)[0]
            found.append(Mention(match.start(), match.end(), match.group(), best.place, best.confidence))
        return found


def real_parser(gazetteer: Gazetteer) -> Any | None:
    """The project's geoparser, or ``None`` where it is not there yet."""
    try:
        from gazetteer.geoparse.parser import Geoparser
    except ImportError:
        return None
    return Geoparser(gazetteer)


_PARSERS: dict[int, Any] = {}


@pytest.fixture(scope="session", name="parser")
def parser_fixture(gazetteer: Gazetteer) -> Any:
    """The real geoparser when present, else the stand-in; built once per session, whichever module asks."""
    if id(gazetteer) not in _PARSERS:
        _PARSERS[id(gazetteer)] = real_parser(gazetteer) or NameParser(gazetteer)
    return _PARSERS[id(gazetteer)]


@pytest.fixture(name="client", params=BACKENDS)
def client_fixture(
    request: pytest.FixtureRequest, tmp_path: Path, gazetteer: Gazetteer, parser: Any
) -> Iterator[TestClient]:
    """A client of an application over a fresh store of each backend (SQLite in ``tmp_path``, PostgreSQL)."""
    with store_at(request.param, tmp_path) as target:
        app = create_app(on_store(load_settings(tmp_path), target), gazetteer=gazetteer, parser=parser)
        with TestClient(app) as test_client:
            yield test_client
