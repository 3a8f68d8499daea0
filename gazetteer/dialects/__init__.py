"""The answers of other geocoders' APIs, made from the gazetteer's records.

Clients written for Pelias (``pelias``) or Nominatim (``nominatim``), such as
geopy's geocoders, Leaflet's geocoder control or the QGIS Nominatim plugins,
read these shapes unchanged.  Both dialects name a place with the places above
it (``situated``); neither searches on its own: the routers hand them what the
application layer found.
"""
