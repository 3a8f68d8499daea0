"""What a map needs from the PostgreSQL store, counted, limited and cut to its area in the database.

The PostgreSQL counterpart of ``map_table``, with the same results: a map's
box selects mentions with ``ST_Intersects`` over the GiST index of their
places (as lon/lat geometry, so that a box means the same as in SQLite,
edges included); ``seq`` stands for SQLite's ``rowid``.
"""

from __future__ import annotations

from collections.abc import Sequence

from gazetteer.documents import Event, StoredMention
from gazetteer.map_query import DatedPlace, MapFilter, MappedPlace
from gazetteer.store.document_table import _MENTION_COLUMNS, _mention
from gazetteer.store.event_table import _COLUMNS as _EVENT_COLUMNS
from gazetteer.store.event_table import _event
from gazetteer.store.postgres_rows import Connection, _count


def _selected(selection: MapFilter, *, dated: bool = False) -> tuple[str, list[object]]:
    """``FROM ... WHERE ...`` of the mentions the filter selects (joined to their documents ``d`` when it bounds
    their dates, or when ``dated``), and its parameters."""
    source = "mentions m JOIN documents d ON d.id = m.document_id" if selection.dated or dated else "mentions m"
    clauses, params = ["TRUE"], list[object]()
    if selection.document_ids:
        clauses.append("m.document_id = ANY(%s)")
        params.append(list(selection.document_ids))
    if selection.place_id is not None:
        clauses.append("m.document_id IN (SELECT document_id FROM mentions WHERE place_id = %s)")
        params.append(selection.place_id)
    if selection.date_from:
        clauses.append("d.date >= %s")
        params.append(selection.date_from)
    if selection.date_to:
        clauses.append("d.date <> '' AND d.date <= %s")
        params.append(selection.date_to)
    if selection.bbox is not None:
        box = selection.bbox
        clauses.append("ST_Intersects(m.place::geometry, ST_MakeEnvelope(%s, %s, %s, %s, 4326))")
        params.extend((box.west, box.south, box.east, box.north))
    return f"FROM {source} WHERE {' AND '.join(clauses)}", params


def mapped_places(db: Connection, selection: MapFilter) -> list[MappedPlace]:
    """Every place the filter selects, with its mention and document counts, the most mentioned first."""
    where, params = _selected(selection)
    rows = db.execute(
        "WITH counted AS (SELECT m.place_id AS place_id, COUNT(*) AS k, COUNT(DISTINCT m.document_id) AS d, "
        f"MIN(m.seq) AS first {where} GROUP BY m.place_id) "
        "SELECT c.place_id, x.place_name, x.lon, x.lat, x.feature_code, x.country, c.k, c.d "
        "FROM counted c JOIN mentions x ON x.seq = c.first ORDER BY c.k DESC, c.place_id",
        params,
    )
    return [
        MappedPlace(
            int(str(p)), str(name), float(str(x)), float(str(y)), str(code), str(country), int(str(k)), int(str(d))
        )
        for p, name, x, y, code, country, k, d in rows
    ]


def listed_mentions(
    db: Connection, selection: MapFilter, per_place: int, place_ids: Sequence[int] | None = None
) -> list[StoredMention]:
    """Up to ``per_place`` selected mentions of each place (of ``place_ids`` only, when given), by place, position."""
    where, params = _selected(selection)
    if place_ids is not None:
        where += " AND m.place_id = ANY(%s)"
        params.append(list(place_ids))
    ranked = "SELECT m.seq AS kept, ROW_NUMBER() OVER (PARTITION BY m.place_id ORDER BY m.document_id DESC, m.n) AS r"
    rows = db.execute(
        f"SELECT {_MENTION_COLUMNS} FROM mentions WHERE seq IN (SELECT kept FROM ({ranked} {where}) ranked "
        "WHERE r <= %s) ORDER BY place_id, document_id, n",
        [*params, per_place],
    )
    return [_mention(row) for row in rows]


def selected_events(db: Connection, selection: MapFilter, most: int) -> list[Event]:
    """The ``most`` newest events of the selected documents (any event, when no document is named) in range."""
    clauses, params = ["TRUE"], list[object]()
    if selection.document_ids:
        clauses.append("document_id = ANY(%s)")
        params.append(list(selection.document_ids))
    if selection.place_id is not None:
        clauses.append("document_id IN (SELECT document_id FROM mentions WHERE place_id = %s)")
        params.append(selection.place_id)
    if selection.date_from:
        clauses.append("date >= %s")
        params.append(selection.date_from)
    if selection.date_to:
        clauses.append("date <= %s")
        params.append(selection.date_to)
    if selection.bbox is not None:
        box = selection.bbox
        clauses.append("lon BETWEEN %s AND %s AND lat BETWEEN %s AND %s")
        params.extend((box.west, box.east, box.south, box.north))
    rows = db.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events WHERE {' AND '.join(clauses)} ORDER BY date DESC, id DESC LIMIT %s",
        [*params, most],
    )
    return [_event(row) for row in rows]


def selected_documents(db: Connection, selection: MapFilter) -> int:
    """How many documents hold a mention the filter selects."""
    where, params = _selected(selection)
    return _count(db, f"SELECT COUNT(DISTINCT m.document_id) {where}", params)


def document_titles(db: Connection, document_ids: Sequence[int]) -> dict[int, str]:
    """Titles of the given documents, by id (unknown ids left out; no text is read)."""
    return _document_fields(db, document_ids, "title")


def dated_places(db: Connection, selection: MapFilter, most: int) -> list[DatedPlace]:
    """The places of the selected mentions of dated documents, one row per place and date with its mention
    count: the ``most`` newest rows, oldest first, by date then place id."""
    where, params = _selected(selection, dated=True)
    rows = db.execute(
        "SELECT m.place_id, MIN(m.lon), MIN(m.lat), d.date, COUNT(*) "
        f"{where} AND d.date <> '' GROUP BY d.date, m.place_id ORDER BY d.date DESC, m.place_id LIMIT %s",
        [*params, most],
    )
    found = [DatedPlace(int(str(p)), float(str(x)), float(str(y)), str(date), int(str(k))) for p, x, y, date, k in rows]
    return sorted(found, key=lambda row: (row.date, row.place_id))


def document_dates(db: Connection, document_ids: Sequence[int]) -> dict[int, str]:
    """Dates of the given documents, by id (unknown and undated ones left out; no text is read)."""
    return _document_fields(db, document_ids, "date", " AND date <> ''")


def _document_fields(db: Connection, document_ids: Sequence[int], column: str, where: str = "") -> dict[int, str]:
    """The ``column`` (a constant name) of the given documents, by id, those ``where`` (SQL) leaves."""
    rows = db.execute(f"SELECT id, {column} FROM documents WHERE id = ANY(%s){where}", (list(document_ids),))
    return {int(str(i)): str(value) for i, value in rows}
