"""Fixtures that run a test on each store backend: the SQLite file, and PostgreSQL + PostGIS.

The PostgreSQL tests use the database named by ``GAZETTEER_TEST_POSTGRES`` (a URL; ``make test`` starts
a throwaway cluster and sets it, see ``scripts/postgres.sh``), each in a fresh schema dropped afterwards.
Without that variable they skip, unless ``GAZETTEER_REQUIRE_POSTGRES`` is set (as in CI), when they fail.
Test modules import the fixture they use from here, as from ``servicefixtures``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest

from gazetteer.settings import Settings

SERVER_ENV = "GAZETTEER_TEST_POSTGRES"
"""URL of a PostgreSQL database with PostGIS in which the tests may create schemas."""
REQUIRE_ENV = "GAZETTEER_REQUIRE_POSTGRES"
"""When set, a missing PostgreSQL fails the PostgreSQL tests instead of skipping them."""
BACKENDS = ("sqlite", "postgresql")


def server_url() -> str:
    """The test server's URL; skips (or fails, when PostgreSQL is required) where there is none."""
    url = os.environ.get(SERVER_ENV, "")
    if not url and os.environ.get(REQUIRE_ENV):
        pytest.fail(f"{REQUIRE_ENV} is set but {SERVER_ENV} names no PostgreSQL database")
    if not url:
        pytest.skip(f"no PostgreSQL: set {SERVER_ENV} (make test starts one)")
    return url


@contextmanager
def postgres_store_url() -> Iterator[str]:
    """The URL of a fresh, empty schema of the test database, dropped (its connections ended) afterwards."""
    import psycopg

    server, schema = server_url(), f"test_{secrets.token_hex(6)}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in server else "?"
    try:
        yield f"{server}{separator}options={quote(f'-csearch_path={schema},public')}&application_name={schema}"
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = %s", (schema,)
            )
            admin.execute(f"DROP SCHEMA {schema} CASCADE")


@contextmanager
def store_at(backend: str, tmp_path: Path) -> Iterator[Path | str]:
    """A fresh store of ``backend`` (one of ``BACKENDS``): an SQLite file in ``tmp_path``, or a schema's URL."""
    if backend == "sqlite":
        yield tmp_path / "store.sqlite"
        return
    with postgres_store_url() as url:
        yield url


@pytest.fixture(params=BACKENDS, name="store_target")
def store_target_fixture(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Path | str]:
    """Where a test's store is, once for each backend."""
    with store_at(request.param, tmp_path) as target:
        yield target


def on_store(settings: Settings, target: Path | str) -> Settings:
    """``settings`` with the store at ``target`` (a file or a URL)."""
    if isinstance(target, str):
        return replace(settings, store_url=target)
    return replace(settings, store_path=target, store_url="")


def stored_text(target: Path | str) -> bytes:
    """Everything the store at ``target`` keeps on disk: its files' bytes, or its tables' rows as text."""
    if isinstance(target, Path):
        return b"".join(file.read_bytes() for file in target.parent.glob(target.name + "*"))
    import psycopg

    with psycopg.connect(target, autocommit=True) as db:
        tables = [row[0] for row in db.execute("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
        return b"".join(
            str(row[0]).encode() for table in tables for row in db.execute(f"SELECT t::text FROM {table} t")
        )
