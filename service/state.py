"""What the routers work with: the store, and the gazetteer with its spatial indexes.

The store opens at startup (cheap).  The gazetteer, the geoparser and the
spatial indexes open on first use, once per application, behind a lock, so
the service starts at once even where the index still has to be built.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from gazetteer.records import Mention, Place
from gazetteer.settings import Settings
from gazetteer.store import Store
from geo import PointIndex, Region, RegionIndex, circle_region

if TYPE_CHECKING:
    from gazetteer.gazetteer import Gazetteer


class Services:
    """The resources of one application, opened lazily and closed together."""

    def __init__(self, settings: Settings, gazetteer: Gazetteer | None = None, parser: Any = None) -> None:
        self.settings = settings
        self._gazetteer = gazetteer
        self._parser = parser
        self._points: PointIndex | None = None
        self._regions: RegionIndex | None = None
        self._lock = threading.RLock()
        self.store = Store.open(settings.store_path, parse=self.parse)

    @property
    def gazetteer(self) -> Gazetteer:
        """The gazetteer, opened (and built, the first time on a machine) on first use."""
        if self._gazetteer is None:
            with self._lock:
                if self._gazetteer is None:
                    from gazetteer.gazetteer import Gazetteer

                    self._gazetteer = Gazetteer.open(self.settings.index_path)
        return self._gazetteer

    @property
    def parser(self) -> Any:
        """The geoparser over the gazetteer."""
        if self._parser is None:
            with self._lock:
                if self._parser is None:
                    from gazetteer.geoparse.parser import Geoparser

                    self._parser = Geoparser(self.gazetteer)
        return self._parser

    def parse(self, text: str) -> list[Mention]:
        """Geoparse a text with the application's geoparser."""
        return list(self.parser.parse(text))

    @property
    def points(self) -> PointIndex:
        """Every gazetteer place as a point, for radius and nearest queries."""
        if self._points is None:
            self._build_spatial()
        assert self._points is not None
        return self._points

    @property
    def regions(self) -> RegionIndex:
        """Gazetteer areas with an extent (regions, administrative areas) as geodesic circles."""
        if self._regions is None:
            self._build_spatial()
        assert self._regions is not None
        return self._regions

    def _build_spatial(self) -> None:
        with self._lock:
            if self._points is None or self._regions is None:
                self._points, self._regions = spatial_indexes(self.gazetteer)

    def close(self) -> None:
        """Close the store; committed data stays in its file."""
        self.store.close()


REGION_CLASSES = frozenset({"A", "L"})
"""Feature classes whose extent counts as a containing area (not water, roads, or former states)."""


def is_region(place: Place) -> bool:
    """Whether a place is an area with an extent that can contain a position."""
    return place.radius_km > 0 and place.feature_class in REGION_CLASSES and place.feature_code != "PCLH"


def _extent(place: Place) -> Region:
    return circle_region(place.id, place.name, place.lon, place.lat, place.radius_km)


_SPATIAL: WeakKeyDictionary[Any, tuple[PointIndex, RegionIndex]] = WeakKeyDictionary()
_SPATIAL_LOCK = threading.Lock()


def spatial_indexes(gazetteer: Any) -> tuple[PointIndex, RegionIndex]:
    """The point index and the region index of a gazetteer, built once per gazetteer object."""
    with _SPATIAL_LOCK:
        if gazetteer not in _SPATIAL:
            places = list(gazetteer.index.iter_places())
            regions = RegionIndex(_extent(place) for place in places if is_region(place))
            _SPATIAL[gazetteer] = (PointIndex.from_places(places), regions)
        return _SPATIAL[gazetteer]


_APP_LOCK = threading.Lock()


def services_of(app: Any) -> Services:
    """The services of an application, opened on first use (at startup, or by the first request)."""
    with _APP_LOCK:
        if getattr(app.state, "services", None) is None:
            app.state.services = app.state.make_services()
        return app.state.services  # type: ignore[no-any-return]


def close_services(app: Any) -> None:
    """Close an application's services; a later request or startup opens them again."""
    with _APP_LOCK:
        services, app.state.services = getattr(app.state, "services", None), None
    if services is not None:
        services.close()
