"""Hard filters of the dialects' searches: countries (Pelias ``boundary.country``, Nominatim ``countrycodes``)
and a box (Pelias ``boundary.rect``, Nominatim ``viewbox`` with ``bounded=1``).

The application layer's country is a preference; these keep only the places
that pass, so a narrowed search asks the layer for more candidates first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer.errors import InvalidInput
from gazetteer.limits import MAX_LIMIT, check_lat, check_lon
from gazetteer.records import Candidate, Place, Point
from geo.bbox import Box

MAX_COUNTRIES = 50
"""Most countries one search may name."""


@dataclass(frozen=True, slots=True)
class Narrowing:
    """Which places a search may answer with."""

    countries: frozenset[str] = frozenset()
    """ISO 3166-1 alpha-2 codes, upper case; empty for any country."""
    box: Box | None = None
    """(west, south, east, north) the place's point must lie in; ``None`` for anywhere."""

    @property
    def country(self) -> str | None:
        """The one country named, to prefer in the search itself."""
        return next(iter(self.countries)) if len(self.countries) == 1 else None

    def keeps(self, place: Place) -> bool:
        """Whether the place passes."""
        if self.countries and place.country not in self.countries:
            return False
        return self.box is None or _in_box(place.point, self.box)

    def asked(self, size: int) -> int:
        """How many candidates to ask the search for, to keep ``size`` after filtering."""
        return MAX_LIMIT if self.countries or self.box else size

    def narrowed(self, candidates: Sequence[Candidate], size: int) -> list[Candidate]:
        """The first ``size`` candidates that pass."""
        return [c for c in candidates if self.keeps(c.place)][:size]


def _in_box(point: Point, box: Box) -> bool:
    west, south, east, north = box
    across = point.lon >= west or point.lon <= east  # a box across the antimeridian has west > east
    return south <= point.lat <= north and (west <= point.lon <= east if west <= east else across)


def country_codes(listed: str | None) -> frozenset[str]:
    """``az,ARM`` -> {``AZ``, ``AM``}: ISO 3166-1 alpha-2 or alpha-3 codes, comma-separated."""
    import pycountry

    codes: set[str] = set()
    for part in [p.strip() for p in (listed or "").split(",") if p.strip()]:
        if not (part.isascii() and part.isalpha() and len(part) in (2, 3)):
            raise InvalidInput(f"{part!r} is not an ISO 3166-1 alpha-2 or alpha-3 country code")
        if len(part) == 2:
            codes.add(part.upper())
            continue
        country = pycountry.countries.get(alpha_3=part.upper())
        if country is None:
            raise InvalidInput(f"{part!r} is not an ISO 3166-1 alpha-3 country code")
        codes.add(str(country.alpha_2))
    if len(codes) > MAX_COUNTRIES:
        raise InvalidInput(f"name at most {MAX_COUNTRIES} countries")
    return frozenset(codes)


def box_of(west: float, south: float, east: float, north: float) -> Box:
    """A checked box; ``InvalidInput`` when south lies above north."""
    box = (check_lon(west), check_lat(south), check_lon(east), check_lat(north))
    if box[1] > box[3]:
        raise InvalidInput("the box's southern latitude lies north of its northern one")
    return box
