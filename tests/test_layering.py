"""The layers of the project: who may import whom.

Read from the source with ``ast``, so the test sees imports inside functions
too: ``geo`` is the ground floor and imports no other package of the project;
the core (``gazetteer`` without its CLI) never imports ``service``, ``maps``,
the CLI, FastAPI, starlette, uvicorn or folium; ``maps`` never imports
``service``; no router imports another.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WEB = ("fastapi", "starlette", "uvicorn")
MAP_LIBRARIES = ("folium", "branca")


def modules(package: str) -> Iterator[tuple[str, Path]]:
    """(dotted name, path) of every module of a package."""
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        yield ".".join(parts[:-1] if parts[-1] == "__init__" else parts), path


def imported(path: Path) -> set[str]:
    """Every module name a file imports, anywhere in it."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def offending(package: str, forbidden: tuple[str, ...], *, skip: str = "") -> list[str]:
    """``module -> import`` for each import of ``forbidden`` (or below) in ``package``."""
    found = []
    for name, path in modules(package):
        if skip and (name == skip or name.startswith(skip + ".")):
            continue
        for target in sorted(imported(path)):
            if any(target == f or target.startswith(f + ".") for f in forbidden):
                found.append(f"{name} -> {target}")
    return found


def test_geo_is_the_ground_floor() -> None:
    assert offending("geo", ("gazetteer", "service", "maps")) == []


def test_the_core_knows_no_front_end() -> None:
    front_ends = ("service", "maps", "gazetteer.cli", *WEB, *MAP_LIBRARIES)
    assert offending("gazetteer", front_ends, skip="gazetteer.cli") == []


def test_maps_know_no_service_and_no_cli() -> None:
    assert offending("maps", ("service", "gazetteer.cli", *WEB)) == []


def test_no_router_imports_another() -> None:
    assert offending("service/routers", ("service.routers",)) == []


@pytest.mark.parametrize("front_end", ["service", "maps", "bench"])
def test_front_ends_reach_the_store_only_through_the_application_layer(front_end: str) -> None:
    assert offending(front_end, ("gazetteer.store", "gazetteer.geoparse.parser")) == []


def test_the_check_sees_imports_inside_functions(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from service.app import create_app\n    import folium\n", encoding="utf-8")
    assert imported(sample) >= {"service.app", "service.app.create_app", "folium"}
