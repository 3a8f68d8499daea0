"""Maps of mentioned places and the HTML view of a document.

``mention_map.build_map`` and ``event_map.build_event_map`` turn plain records
(stored mentions, documents, events, regions, place variants) into folium
maps; ``document_page.render_document`` renders a document with every mention
linked back to the map; ``collect`` gathers those records from the store and
the gazetteer for the service and the CLI.  All document text is escaped with
``html.escape_text`` before it enters HTML.  Every map has an offline basemap
(``basemap_extent`` says what it covers, ``basemap_shapes`` makes its GeoJSON,
``basemap_layer`` draws it under the tiles), and ``assets.inline_assets`` puts
Leaflet into an exported file, so a map shows where things are with no network;
``assets.cdn_assets`` pins the CDN copies by their integrity hashes.  Markers
(places, and the clusters the application layer makes past a map's cap) are
one JSON array and one script (``marker_layer``); ``html_page`` renders a page
with the hashes of its inline scripts, for the service's Content-Security-Policy.
"""
