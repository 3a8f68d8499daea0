"""Geodesic distances, spatial indexes of points and areas, and point-in-region tests (WGS84, longitude first).

The ground floor of the project: it imports no other package of it.  Import
the module you need (``geo.earth`` costs nothing; ``geo.distance``,
``geo.azimuthal``, ``geo.shapes``, ``geo.point_index``, ``geo.area_index``
and ``geo.regions`` load numpy, pyproj and shapely).
"""
