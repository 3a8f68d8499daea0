"""Cold start: the geoparser's import path stays light, and a dictionary file is read name by name."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("numpy", "pyproj", "shapely", "pandas", "geopandas", "folium", "fastapi")


def test_import_path_pulls_in_nothing_heavy() -> None:
    code = (
        "import sys; import gazetteer.gazetteer, gazetteer.geoparse.parser;"
        f"print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == ""
