"""What a map needs from the ``mentions`` and ``documents`` tables, counted and limited in SQL.

A map never reads every mention: places come back counted (``GROUP BY``), the
mentions listed in popups are ranked per place in SQL and cut there, and
documents come back as titles only.  Every value is a parameter.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from gazetteer.documents import Event, StoredMention
from gazetteer.map_query import DatedPlace, MapFilter, MappedPlace
from gazetteer.store.document_table import _MENTION_COLUMNS, _mention, _rows_in
from gazetteer.store.event_table import _COLUMNS as _EVENT_COLUMNS
from gazetteer.store.event_table import _event


def _selected(selection: MapFilter, *, dated: bool = False) -> tuple[str, list[object]]:
    """``FROM ... WHERE ...`` of the mentions the filter selects (joined to their documents ``d`` when it bounds
    their dates, or when ``dated``), and its parameters."""
    source = "mentions m JOIN documents d ON d.id = m.document_id" if selection.dated or dated else "mentions m"
    clauses, params = ["1 = 1"], list[object]()
    if selection.document_ids:
        clauses.append(f"m.document_id IN ({','.join('?' * len(selection.document_ids))})")
        params.extend(selection.document_ids)
    if selection.place_id is not None:
        clauses.append("m.document_id IN (SELECT document_id FROM mentions WHERE place_id = ?)")
        params.append(selection.place_id)
    if selection.date_from:
        clauses.append("d.date >= ?")
        params.append(selection.date_from)
    if selection.date_to:
        clauses.append("d.date != '' AND d.date <= ?")
        params.append(selection.date_to)
    if selection.bbox is not None:
        box = selection.bbox
        clauses.append("m.lon BETWEEN ? AND ? AND m.lat BETWEEN ? AND ?")
        params.extend((box.west, box.east, box.south, box.north))
    return f"FROM {source} WHERE {' AND '.join(clauses)}", params


def mapped_places(db: sqlite3.Connection, selection: MapFilter) -> list[MappedPlace]:
    """Every place the filter selects, with its mention and document counts, the most mentioned first.

    Counted over the ``mentions_place`` index alone where the filter allows; each place's name and
    position are read from one of its rows.
    """
    where, params = _selected(selection)
    rows = db.execute(
        "WITH counted AS (SELECT m.place_id AS place_id, COUNT(*) AS k, COUNT(DISTINCT m.document_id) AS d, "
        f"MIN(m.rowid) AS first {where} GROUP BY m.place_id) "
        "SELECT c.place_id, x.place_name, x.lon, x.lat, x.feature_code, x.country, c.k, c.d "
        "FROM counted c JOIN mentions x ON x.rowid = c.first ORDER BY c.k DESC, c.place_id",
        params,
    )
    return [
        MappedPlace(int(p), str(name), float(x), float(y), str(code), str(country), int(k), int(d))
        for p, name, x, y, code, country, k, d in rows
    ]


def listed_mentions(
    db: sqlite3.Connection, selection: MapFilter, per_place: int, place_ids: Sequence[int] | None = None
) -> list[StoredMention]:
    """Up to ``per_place`` selected mentions of each place (of ``place_ids`` only, when given), by place then position.

    The mentions kept are those of each place's newest documents, ranked over the index alone where the
    filter allows; only the kept rows (with their snippets) are read.
    """
    where, params = _selected(selection)
    if place_ids is not None:
        where += f" AND m.place_id IN ({','.join('?' * len(place_ids))})"
        params.extend(place_ids)
    ranked = "SELECT m.rowid AS kept, ROW_NUMBER() OVER (PARTITION BY m.place_id ORDER BY m.document_id DESC, m.n) AS r"
    rows = db.execute(
        f"SELECT {_MENTION_COLUMNS} FROM mentions WHERE rowid IN (SELECT kept FROM ({ranked} {where}) WHERE r <= ?) "
        "ORDER BY place_id, document_id, n",
        [*params, per_place],
    )
    return [_mention(row) for row in rows]


def selected_events(db: sqlite3.Connection, selection: MapFilter, most: int) -> list[Event]:
    """The ``most`` newest events of the selected documents (any event, when no document is named) in range."""
    clauses, params = ["1 = 1"], list[object]()
    if selection.document_ids:
        clauses.append(f"document_id IN ({','.join('?' * len(selection.document_ids))})")
        params.extend(selection.document_ids)
    if selection.place_id is not None:
        clauses.append("document_id IN (SELECT document_id FROM mentions WHERE place_id = ?)")
        params.append(selection.place_id)
    if selection.date_from:
        clauses.append("date >= ?")
        params.append(selection.date_from)
    if selection.date_to:
        clauses.append("date <= ?")
        params.append(selection.date_to)
    if selection.bbox is not None:
        box = selection.bbox
        clauses.append("lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?")
        params.extend((box.west, box.east, box.south, box.north))
    rows = db.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events WHERE {' AND '.join(clauses)} ORDER BY date DESC, id DESC LIMIT ?",
        [*params, most],
    )
    return [_event(row) for row in rows]


def selected_documents(db: sqlite3.Connection, selection: MapFilter) -> int:
    """How many documents hold a mention the filter selects."""
    where, params = _selected(selection)
    return int(db.execute(f"SELECT COUNT(DISTINCT m.document_id) {where}", params).fetchone()[0])


def document_titles(db: sqlite3.Connection, document_ids: Sequence[int]) -> dict[int, str]:
    """Titles of the given documents, by id (unknown ids left out; no text is read)."""
    return _document_fields(db, document_ids, "title")


def dated_places(db: sqlite3.Connection, selection: MapFilter, most: int) -> list[DatedPlace]:
    """The places of the selected mentions of dated documents, one row per place and date with its mention
    count: the ``most`` newest rows, oldest first, by date then place id."""
    where, params = _selected(selection, dated=True)
    rows = db.execute(
        "SELECT m.place_id, MIN(m.lon), MIN(m.lat), d.date, COUNT(*) "
        f"{where} AND d.date <> '' GROUP BY d.date, m.place_id ORDER BY d.date DESC, m.place_id LIMIT ?",
        [*params, most],
    )
    found = [DatedPlace(*row) for row in rows]  # SQLite gives the types as stored
    return sorted(found, key=lambda row: (row.date, row.place_id))


def document_dates(db: sqlite3.Connection, document_ids: Sequence[int]) -> dict[int, str]:
    """Dates of the given documents, by id (unknown and undated ones left out; no text is read)."""
    return _document_fields(db, document_ids, "date", " AND date <> ''")


def _document_fields(
    db: sqlite3.Connection, document_ids: Sequence[int], column: str, where: str = ""
) -> dict[int, str]:
    """The ``column`` (a constant name) of the given documents, by id, those ``where`` (SQL) leaves."""
    rows = _rows_in(db, f"SELECT id, {column} FROM documents WHERE id IN ({{}}){where}", document_ids)
    return {int(i): str(value) for i, value in rows}
