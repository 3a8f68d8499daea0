"""Places near a position: radius or k-nearest searches, with mention counts."""

from __future__ import annotations

from dataclasses import dataclass

from gazetteer.store import Store
from geo import Hit, PointIndex
from geo.validate import check_lat, check_limit, check_lon, check_radius_km


@dataclass(frozen=True, slots=True)
class NearQuery:
    """A search around a position."""

    lon: float
    """Longitude of the centre."""
    lat: float
    """Latitude of the centre."""
    radius_km: float
    """Radius of the search, in kilometres (ignored when ``k`` is set)."""
    limit: int = 100
    """Most results."""
    k: int | None = None
    """When set, the ``k`` nearest places whatever their distance."""
    mentioned_only: bool = False
    """Only places mentioned in stored documents."""

    def __post_init__(self) -> None:
        check_lon(self.lon), check_lat(self.lat), check_radius_km(self.radius_km), check_limit(self.limit)
        if self.k is not None:
            check_limit(self.k, what="k")


def mentioned_index(store: Store) -> tuple[PointIndex, dict[int, int]]:
    """A point index of the mentioned places and their mention counts."""
    rows = store.mentioned_places()
    index = PointIndex.from_records((pid, lon, lat) for pid, lon, lat, _ in rows)
    return index, {pid: count for pid, _, _, count in rows}


def near(points: PointIndex, store: Store, query: NearQuery) -> tuple[list[Hit], dict[int, int]]:
    """Hits nearest first, and the mention count of each hit that has mentions."""
    if query.mentioned_only:
        points, counts = mentioned_index(store)
    if query.k is not None:
        hits = points.nearest(query.lon, query.lat, query.k)
    else:
        hits = points.within(query.lon, query.lat, query.radius_km, query.limit)
    if not query.mentioned_only:
        counts = store.mention_counts([hit.id for hit in hits])
    return hits, counts
